// Rules that each cover a whole class of room and participant operations rather than one call:
// every operation on a room that does not exist or that the caller is not in (seed 004: "could
// not be found for the participant"), what each room setting changes in the room as its members
// read it, the system messages seed 004 lists for each change, and the errors of the
// participant operations when their target is missing or of the wrong kind.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import {
  OP,
  V1,
  cast,
  createRoom,
  excerpt,
  getRoom,
  headersFor,
  joinRoom,
  ocs,
  participants,
  readChat,
  requireWrites,
  type ChatMessageView,
  type OperationId,
  type Principal,
  type RoomView,
} from '../support.ts';
import { remaining, spend } from '../brute-force.ts';
import { TALK_SPEC, KEEP, SYSTEM_SPEC, type Probe, roomProbes, probeAll, newest, userIdOf } from './room-probes.ts';

const unknownAndForeign: Check = {
  id: 'nextcloud-talk.ocs.unknown-and-foreign-rooms',
  title: 'every operation on a room that does not exist, or that the caller is not a participant of, answers 404 (never a 5xx); a malformed token too',
  operations: [OP.getRoom, OP.renameRoom, OP.deleteRoom, OP.getParticipants, OP.addParticipant, OP.joinRoom, OP.joinCall, OP.receiveMessages, OP.sendMessage, OP.startRecording, OP.shareRecordingToChat],
  specRef: TALK_SPEC,
  needs: ['credentials', 'writes'],
  decision: 'not-found-hides-existence',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const unknown = `zz${ctx.seed.toString(36)}callrec`.slice(0, 30);
    // Nextcloud throttles requests naming a room the caller cannot reach (brute-force action
    // talkRoomToken): on a real server only as many operations as the run's budget allows, two
    // kept for the checks after this one; the mock with its control API takes them all.
    const affordable = (probes: Probe[]): Probe[] => {
      const n = ctx.control ? probes.length : Math.min(probes.length, remaining(ctx, 'talkRoomToken') - KEEP);
      spend(ctx, 'talkRoomToken', Math.max(n, 1), KEEP);
      return probes.slice(0, n);
    };
    await ctx.rule('every operation on an unknown room token answers 404', async () => {
      await probeAll(ctx, c.owner, affordable(roomProbes(unknown, c.member.user)), 'every operation on an unknown room token answers 404', 404);
    });
    // A group room the member was never added to: the platform cannot tell it from an unknown one.
    const foreign = await createRoom(ctx, c.owner, 2);
    await ctx.rule('every operation on a group room the caller is not in answers 404', async () => {
      const probes = roomProbes(foreign, c.other.user).filter((p) => p.operation !== OP.deleteRoom);
      await probeAll(ctx, c.member, affordable(probes), 'every operation on a group room the caller is not in answers 404', 404);
    });
    // A public room the caller has not joined: it may see and join it, nothing else.
    const open = await createRoom(ctx, c.owner, 3);
    await ctx.rule('every participant operation on a public room the caller has not joined answers 404', async () => {
      const skip = new Set<string>([OP.getRoom, OP.joinRoom, OP.deleteRoom]);
      const probes = roomProbes(open, c.other.user).filter((p) => !skip.has(p.operation));
      await probeAll(ctx, c.member, affordable(probes), 'every participant operation on a public room the caller has not joined answers 404', 404);
    });
    const after = await getRoom(ctx, c.owner, foreign);
    await ctx.rule('operations refused with 404 change nothing in the room', async () => {
      if (after.name === 'callrec probe' || after.type !== 2 || after.readOnly === 1 || after.lobbyState === 1 || after.hasPassword === true) {
        ctx.fail({ rule: 'operations refused with 404 change nothing in the room', specRef: TALK_SPEC, expected: 'the room as created: group, not renamed, read-write, no lobby, no password', actual: JSON.stringify({ name: after.name, type: after.type, readOnly: after.readOnly, lobbyState: after.lobbyState, hasPassword: after.hasPassword }), operation: OP.getRoom });
      }
      const { list } = await participants(ctx, c.owner, foreign);
      if (list.some((p) => p.userId === c.member.user || p.userId === c.other.user)) ctx.fail({ rule: 'operations refused with 404 add nobody', expected: `only ${c.owner.user} listed`, actual: list.map((p) => p.userId).join(', '), operation: OP.getParticipants });
    });
    await ctx.rule('a path no route serves answers 404 (never a 5xx)', async () => {
      const res = await ctx.target.request({ method: 'GET', path: `${V1}/callrec-no-such-endpoint`, query: { format: 'json' }, auth: headersFor(c.owner), expectMiss: true });
      if (res.status !== 404) ctx.fail({ rule: 'a path no route serves answers 404', specRef: TALK_SPEC, expected: 'HTTP 404', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res });
    });
    const allow = 'a method the room path does not define is 405 with Allow listing DELETE, GET, PUT in that (alphabetical) order (HEAD may join GET)';
    await ctx.rule(allow, async () => {
      const res = await ctx.target.request({ method: 'PATCH', path: `${V1}/room/${foreign}`, query: { format: 'json' }, auth: headersFor(c.owner), body: {}, expectMiss: true });
      // Left unsorted: the decided order is part of the answer.
      const listed = (res.headers.allow ?? '').split(',').map((m) => m.trim().toUpperCase()).filter((m) => m && m !== 'HEAD').join(', '); // HEAD comes with GET
      if (res.status !== 405 || listed !== 'DELETE, GET, PUT') ctx.fail({ rule: allow, specRef: '#/components/responses/MethodNotAllowed', expected: 'HTTP 405, Allow: DELETE, GET, PUT', actual: `HTTP ${res.status}, Allow: ${res.headers.allow ?? '(none)'}`, response: res, decision: 'method-not-allowed-405' });
    }, { decision: 'method-not-allowed-405' });
    // Tokens the routes' [a-z0-9]{4,30} requirement refuses never reach a controller (no throttling).
    const malformed = 'a token outside [a-z0-9]{4,30} is never a server error';
    await ctx.rule(malformed, () => probeAll(ctx, c.owner, roomProbes('NOT_a-token!', c.member.user), malformed, 'no-5xx'));
    const pattern = 'a token outside [a-z0-9]{4,30} answers 404 like an unknown room';
    await ctx.rule(pattern, async () => {
      await probeAll(ctx, c.owner, roomProbes('ab', c.member.user).slice(0, 6), pattern, 404, 'token-pattern');
      // leaveRoom answers 200 for an unknown room, so only the pattern itself can make these 404.
      const leave = (t: string): Probe => ({ operation: OP.leaveRoom, method: 'DELETE', path: `${V1}/room/${t}/participants/active` });
      await probeAll(ctx, c.owner, [leave(`UPPER-${foreign}`), leave(`${foreign}-UPPER`)], pattern, 404, 'token-pattern');
    }, { decision: 'token-pattern' });
  },
};

const roomSystemMessages: Check = {
  id: 'nextcloud-talk.chat.room-system-messages',
  title: 'each room change posts its system message (seed 004 list; read-only and lobby as spreed posts them) authored by whoever made it, naming the user it concerns; a state set again posts none',
  operations: [OP.createRoom, OP.addParticipant, OP.renameRoom, OP.makePublic, OP.makePrivate, OP.setPassword, OP.promoteModerator, OP.demoteModerator, OP.removeParticipant, OP.setReadOnly, OP.setLobby, OP.receiveMessages],
  specRef: SYSTEM_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2);
    const room = `${V1}/room/${token}`;
    /** Does `action`, then expects the newest message to be `system` by the owner (naming `user` when given). */
    const expectMessage = (system: string, action: () => Promise<TargetResponse>, operation: OperationId, user?: string) =>
      ctx.rule(`${operation} posts ${system}${user ? ' naming the user' : ''}, authored by the moderator who acted`, async () => {
        const res = await action();
        if (res.status !== 200 && res.status !== 201) ctx.fail({ rule: `${operation} succeeds`, expected: 'HTTP 200', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation });
        const m = await newest(ctx, c.owner, token);
        const named = userIdOf(m);
        if (m?.systemMessage !== system || m.actorType !== 'users' || m.actorId !== c.owner.user || (user !== undefined && named !== user)) {
          ctx.fail({
            rule: `${operation} posts ${system}`,
            specRef: SYSTEM_SPEC,
            expected: `newest message ${system} by users/${c.owner.user}${user ? ` naming ${user}` : ''}`,
            actual: m ? `${m.systemMessage || '(a plain message)'} by ${m.actorType}/${m.actorId}${named ? ` naming ${named}` : ''}` : 'no message',
            operation: OP.receiveMessages,
          });
        }
      }, { operation });

    await ctx.rule('a new room starts with conversation_created by its creator', async () => {
      const m = await newest(ctx, c.owner, token);
      if (m?.systemMessage !== 'conversation_created' || m.actorId !== c.owner.user) ctx.fail({ rule: 'a new room starts with conversation_created', specRef: SYSTEM_SPEC, expected: `conversation_created by ${c.owner.user}`, actual: m ? `${m.systemMessage} by ${m.actorId}` : 'no message', operation: OP.receiveMessages });
    }, { operation: OP.createRoom });
    await expectMessage('user_added', () => ocs(ctx, { method: 'POST', path: `${room}/participants`, as: c.owner, body: { newParticipant: c.member.user }, operation: OP.addParticipant }), OP.addParticipant, c.member.user);
    await expectMessage('conversation_renamed', () => ocs(ctx, { method: 'PUT', path: room, as: c.owner, body: { roomName: `renamed ${ctx.seed.toString(36)}` }, operation: OP.renameRoom }), OP.renameRoom);
    await expectMessage('moderator_promoted', () => ocs(ctx, { method: 'POST', path: `${room}/moderators`, as: c.owner, body: { participant: c.member.user }, operation: OP.promoteModerator }), OP.promoteModerator, c.member.user);
    await expectMessage('moderator_demoted', () => ocs(ctx, { method: 'DELETE', path: `${room}/moderators`, as: c.owner, body: { participant: c.member.user }, operation: OP.demoteModerator }), OP.demoteModerator, c.member.user);
    await expectMessage('guests_allowed', () => ocs(ctx, { method: 'POST', path: `${room}/public`, as: c.owner, operation: OP.makePublic }), OP.makePublic);
    await expectMessage('password_set', () => ocs(ctx, { method: 'PUT', path: `${room}/password`, as: c.owner, body: { password: 'callrec-pass-1' }, operation: OP.setPassword }), OP.setPassword);
    await expectMessage('password_removed', () => ocs(ctx, { method: 'PUT', path: `${room}/password`, as: c.owner, body: { password: '' }, operation: OP.setPassword }), OP.setPassword);
    await expectMessage('guests_disallowed', () => ocs(ctx, { method: 'DELETE', path: `${room}/public`, as: c.owner, operation: OP.makePrivate }), OP.makePrivate);
    await expectMessage('user_removed', () => ocs(ctx, { method: 'DELETE', path: `${room}/participants`, as: c.owner, body: { participant: c.member.user }, operation: OP.removeParticipant }), OP.removeParticipant, c.member.user);
    // Not in the seed's list; spreed's system-message listener posts them when the state changes.
    const setState = (path: 'read-only' | 'webinary/lobby', state: number) => ocs(ctx, { method: 'PUT', path: `${room}/${path}`, as: c.owner, body: { state }, operation: path === 'read-only' ? OP.setReadOnly : OP.setLobby });
    await expectMessage('read_only', () => setState('read-only', 1), OP.setReadOnly);
    await expectMessage('read_only_off', () => setState('read-only', 0), OP.setReadOnly);
    await expectMessage('lobby_non_moderators', () => setState('webinary/lobby', 1), OP.setLobby);
    await expectMessage('lobby_none', () => setState('webinary/lobby', 0), OP.setLobby);
    await ctx.rule('setting read-only or the lobby to the state it already has posts no system message', async () => {
      const before = await newest(ctx, c.owner, token);
      const answers = [await setState('read-only', 0), await setState('webinary/lobby', 0)];
      const after = await newest(ctx, c.owner, token);
      const refused = answers.find((r) => r.status !== 200);
      if (refused || after?.id !== before?.id) ctx.fail({ rule: 'an unchanged setting posts nothing', specRef: SYSTEM_SPEC, expected: `HTTP 200 each, newest message still #${before?.id} (${before?.systemMessage})`, actual: refused ? `HTTP ${refused.status} ${excerpt(refused)}` : `newest #${after?.id} ${after?.systemMessage}`, ...(refused ? { response: refused } : {}), operation: OP.setReadOnly });
    }, { operation: OP.setReadOnly });
    const rich = 'every system message is a Rich Object String (messageType system when given): a non-empty message whose {placeholders} all have parameters';
    await ctx.rule(rich, async () => {
      const res = await readChat(ctx, c.owner, token, { lookIntoFuture: 0, limit: 100 });
      const list = res.json<{ ocs?: { data?: ChatMessageView[] } }>().ocs?.data ?? [];
      const broken = list.filter((m) => m.systemMessage !== '').flatMap((m) => {
        const params = (m.messageParameters && !Array.isArray(m.messageParameters) ? m.messageParameters : {}) as Record<string, unknown>;
        const missing = [...String(m.message).matchAll(/\{([a-z0-9-]+)\}/gi)].map((x) => x[1]!).filter((k) => !(k in params));
        const typed = m.messageType === undefined || m.messageType === 'system';
        return m.message === '' || missing.length || !typed ? [`${m.systemMessage}: ${m.message === '' ? 'empty message' : missing.length ? `no parameter for ${missing.join(', ')}` : `messageType ${JSON.stringify(m.messageType)}`}`] : [];
      });
      if (broken.length) ctx.fail({ rule: rich, specRef: SYSTEM_SPEC, expected: 'each system message with text, every placeholder backed by a parameter', actual: broken.join('; '), response: res, operation: OP.receiveMessages });
    }, { operation: OP.receiveMessages });
  },
};

const roomSettings: Check = {
  id: 'nextcloud-talk.rooms.settings-take-effect',
  title: 'favorites, notification level, public/private, read-only, lobby and delete change the room as its members read it; plain users get 403; values out of range 400',
  operations: [OP.addFavorite, OP.removeFavorite, OP.setNotificationLevel, OP.makePublic, OP.makePrivate, OP.setReadOnly, OP.setLobby, OP.deleteRoom, OP.renameRoom, OP.createRoom, OP.getRoom, OP.getRooms],
  specRef: '#/paths/~1apps~1spreed~1api~1v1~1room~1{token}/get',
  needs: ['credentials', 'writes'],
  decision: 'notification-level-default',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2, [c.member]);
    const room = `${V1}/room/${token}`;
    const call = (as: Principal, method: string, path: string, operation: OperationId, body?: Record<string, unknown>) => ocs(ctx, { method, path, as, ...(body ? { body } : {}), operation });
    const want = (res: TargetResponse, status: number, rule: string, decision?: string) => {
      if (res.status !== status) ctx.fail({ rule, expected: `HTTP ${status}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: res.exchange.operation, ...(decision ? { decision } : {}) });
    };
    const field = async <K extends keyof RoomView>(who: Principal, key: K, expected: RoomView[K], rule: string, decision?: string) => {
      const r = await getRoom(ctx, who, token);
      if (r[key] !== expected) ctx.fail({ rule, expected: `${String(key)} ${JSON.stringify(expected)}`, actual: `${String(key)} ${JSON.stringify(r[key])}`, operation: OP.getRoom, ...(decision ? { decision } : {}) });
    };

    await ctx.rule('a favorite is shown as isFavorite to the user who set it only, and removed again', async () => {
      want(await call(c.member, 'POST', `${room}/favorite`, OP.addFavorite), 200, 'a participant marks the room as favorite');
      await field(c.member, 'isFavorite', true, 'a favorite room shows isFavorite true');
      await field(c.owner, 'isFavorite', false, 'a favorite is per user: others still see isFavorite false');
      want(await call(c.member, 'DELETE', `${room}/favorite`, OP.removeFavorite), 200, 'a participant removes the favorite');
      await field(c.member, 'isFavorite', false, 'a removed favorite shows isFavorite false');
    }, { operation: OP.addFavorite });

    await ctx.rule('the notification level set (1-3) is the one shown to that user', async () => {
      for (const level of [1, 3, 2]) {
        want(await call(c.member, 'POST', `${room}/notify`, OP.setNotificationLevel, { level }), 200, `a participant sets notification level ${level}`);
        await field(c.member, 'notificationLevel', level, `notification level ${level} is shown`);
      }
    }, { operation: OP.setNotificationLevel });
    await ctx.rule('a notification level outside 1-3 is 400 and keeps the level', async () => {
      for (const level of [0, 4]) want(await call(c.member, 'POST', `${room}/notify`, OP.setNotificationLevel, { level }), 400, `notification level ${level} is refused`, 'notification-level-default');
      await field(c.member, 'notificationLevel', 2, 'a refused level keeps the one set', 'notification-level-default');
    }, { operation: OP.setNotificationLevel, decision: 'notification-level-default' });

    await ctx.rule('only moderators change the room: plain users get 403 and nothing changes', async () => {
      want(await call(c.member, 'POST', `${room}/public`, OP.makePublic), 403, 'a plain user cannot make the room public');
      want(await call(c.member, 'DELETE', room, OP.deleteRoom), 403, 'a plain user cannot delete the room');
      await field(c.member, 'type', 2, 'a refused change keeps the room a group room');
    }, { operation: OP.makePublic });
    await ctx.rule('only moderators lock the room or turn on the lobby (403)', async () => {
      want(await call(c.member, 'PUT', `${room}/read-only`, OP.setReadOnly, { state: 1 }), 403, 'a plain user cannot make the room read-only', 'read-only-endpoint');
      want(await call(c.member, 'PUT', `${room}/webinary/lobby`, OP.setLobby, { state: 1 }), 403, 'a plain user cannot turn the lobby on', 'lobby-endpoint');
      await field(c.member, 'readOnly', 0, 'a refused lock keeps the room read-write', 'read-only-endpoint');
      await field(c.member, 'lobbyState', 0, 'a refused lobby keeps it off', 'lobby-endpoint');
    }, { operation: OP.setReadOnly, decision: 'read-only-endpoint' });
    await ctx.rule('read-only and lobby states other than 0 and 1 are 400', async () => {
      want(await call(c.owner, 'PUT', `${room}/read-only`, OP.setReadOnly, { state: 2 }), 400, 'read-only state 2 is refused', 'read-only-endpoint');
      want(await call(c.owner, 'PUT', `${room}/webinary/lobby`, OP.setLobby, { state: 2 }), 400, 'lobby state 2 is refused', 'lobby-endpoint');
    }, { operation: OP.setReadOnly, decision: 'read-only-endpoint' });
    await ctx.rule('a lobby timer in the future is shown as lobbyTimer while the lobby is on', async () => {
      const timer = Math.floor(Date.parse((await call(c.owner, 'GET', room, OP.getRoom)).headers.date ?? '') / 1000) + 86_400;
      if (!Number.isFinite(timer)) ctx.notApplicable('the server sent no Date header to time the lobby by');
      want(await call(c.owner, 'PUT', `${room}/webinary/lobby`, OP.setLobby, { state: 1, timer }), 200, 'the owner turns the lobby on with a timer', 'lobby-endpoint');
      await field(c.member, 'lobbyState', 1, 'the lobby is on', 'lobby-endpoint');
      await field(c.member, 'lobbyTimer', timer, 'the lobby timer is shown', 'lobby-endpoint');
      want(await call(c.owner, 'PUT', `${room}/webinary/lobby`, OP.setLobby, { state: 0 }), 200, 'the owner turns the lobby off', 'lobby-endpoint');
      await field(c.member, 'lobbyState', 0, 'the lobby is off again', 'lobby-endpoint');
      await field(c.member, 'lobbyTimer', 0, 'no timer once the lobby is off', 'lobby-endpoint');
    }, { operation: OP.setLobby, decision: 'lobby-endpoint' });

    await ctx.rule('making the room public shows type 3; private again shows type 2 and drops its password', async () => {
      want(await call(c.owner, 'POST', `${room}/public`, OP.makePublic), 200, 'the owner makes the room public');
      await field(c.member, 'type', 3, 'a public room is type 3');
      want(await call(c.owner, 'PUT', `${room}/password`, OP.setPassword, { password: 'callrec-pass-2' }), 200, 'the owner sets a password');
      want(await call(c.owner, 'DELETE', `${room}/public`, OP.makePrivate), 200, 'the owner makes the room private');
      await field(c.member, 'type', 2, 'a private room is type 2');
      await field(c.member, 'hasPassword', false, 'a room made private loses its password');
    }, { operation: OP.makePublic });

    await ctx.rule('a named room is displayed by its name; a one-to-one room by the other user\'s name', async () => {
      const r = await getRoom(ctx, c.member, token);
      if (r.displayName !== r.name) ctx.fail({ rule: 'a named room is displayed by its name', expected: `displayName ${JSON.stringify(r.name)}`, actual: `displayName ${JSON.stringify(r.displayName)}`, operation: OP.getRoom });
      const one = await call(c.owner, 'POST', `${V1}/room`, OP.createRoom, { roomType: 1, invite: c.member.user });
      const t = one.json<{ ocs?: { data?: { token?: string } } }>().ocs?.data?.token;
      if ((one.status !== 200 && one.status !== 201) || typeof t !== 'string') ctx.fail({ rule: 'the owner opens a one-to-one room with the member', expected: 'HTTP 201 (or 200) with a token', actual: `HTTP ${one.status} ${excerpt(one)}`, response: one, operation: OP.createRoom });
      const names = new Map((await participants(ctx, c.owner, t)).list.map((p) => [p.userId, p.displayName]));
      const mine = await getRoom(ctx, c.owner, t);
      const theirs = await getRoom(ctx, c.member, t);
      if (mine.displayName !== names.get(c.member.user) || theirs.displayName !== names.get(c.owner.user)) ctx.fail({ rule: 'a one-to-one room is displayed by the other user\'s name', expected: `${c.owner.user} sees ${JSON.stringify(names.get(c.member.user))}, ${c.member.user} sees ${JSON.stringify(names.get(c.owner.user))}`, actual: `${JSON.stringify(mine.displayName)} / ${JSON.stringify(theirs.displayName)}`, operation: OP.getRoom });
    }, { operation: OP.getRoom });
    await ctx.rule('a room name must be 1-200 characters (400 otherwise, name kept)', async () => {
      const before = (await getRoom(ctx, c.owner, token)).name;
      want(await call(c.owner, 'PUT', room, OP.renameRoom, { roomName: '   ' }), 400, 'a blank name is refused');
      want(await call(c.owner, 'PUT', room, OP.renameRoom, { roomName: 'x'.repeat(201) }), 400, 'a name over 200 characters is refused');
      await field(c.owner, 'name', before, 'a refused rename keeps the name');
    }, { operation: OP.renameRoom });

    await ctx.rule('creating a room needs a known type, a name or an invite, and an existing other user', async () => {
      want(await call(c.owner, 'POST', `${V1}/room`, OP.createRoom, { roomType: 4, roomName: 'callrec bad type' }), 400, 'room type 4 is refused');
      want(await call(c.owner, 'POST', `${V1}/room`, OP.createRoom, { roomType: 2, roomName: '  ' }), 400, 'a group room without name or invite is refused');
      want(await call(c.owner, 'POST', `${V1}/room`, OP.createRoom, { roomType: 1, invite: 'callrec-no-such-user' }), 404, 'a one-to-one room with an unknown user is 404');
      want(await call(c.owner, 'POST', `${V1}/room`, OP.createRoom, { roomType: 1, invite: c.owner.user }), 403, 'a one-to-one room with oneself is 403');
    }, { operation: OP.createRoom });

    await ctx.rule('the room list holds the rooms one is in, each with one\'s own participant type', async () => {
      const list = async (who: Principal) => {
        const res = await call(who, 'GET', `${V1}/room`, OP.getRooms);
        want(res, 200, 'a user lists their rooms');
        const rooms = res.json<{ ocs?: { data?: RoomView[] } }>().ocs?.data;
        return Array.isArray(rooms) ? rooms : [];
      };
      const mine = (await list(c.owner)).find((r) => r.token === token);
      const theirs = (await list(c.member)).find((r) => r.token === token);
      const others = (await list(c.other)).find((r) => r.token === token);
      if (mine?.participantType !== 1 || theirs?.participantType !== 3 || others) {
        ctx.fail({ rule: 'the room list holds one\'s rooms with one\'s type', expected: 'owner sees it as type 1, member as type 3, a non-member not at all', actual: `owner ${mine?.participantType ?? 'missing'}, member ${theirs?.participantType ?? 'missing'}, non-member ${others ? 'sees it' : 'missing'}`, operation: OP.getRooms });
      }
    }, { operation: OP.getRooms });

    // Decision room-list-order: rooms made within one second tie on lastActivity, so a few are
    // created at once to see the tie-break.
    await ctx.rule('getRooms lists the newest activity first, rooms of equal activity by token', async () => {
      const made: string[] = [];
      for (let i = 0; i < 6; i++) made.push(await createRoom(ctx, c.owner, 2));
      const res = await call(c.owner, 'GET', `${V1}/room`, OP.getRooms);
      want(res, 200, 'a user lists its rooms');
      const list = res.json<{ ocs: { data: { token: string; lastActivity: number }[] } }>().ocs.data;
      const order = list.map((r) => `${r.token}@${r.lastActivity}`);
      const sorted = [...list].sort((a, b) => b.lastActivity - a.lastActivity || (a.token < b.token ? -1 : a.token > b.token ? 1 : 0)).map((r) => `${r.token}@${r.lastActivity}`);
      const missing = made.filter((t) => !list.some((r) => r.token === t));
      if (missing.length) ctx.fail({ rule: 'a created room is in its owner\'s room list', expected: `rooms ${made.join(', ')}`, actual: `missing ${missing.join(', ')}`, response: res, operation: OP.getRooms });
      if (order.join() !== sorted.join()) ctx.fail({ rule: 'getRooms lists the newest activity first, ties by token', specRef: '#/paths/~1apps~1spreed~1api~1v1~1room/get', expected: sorted.join(', '), actual: order.join(', '), response: res, operation: OP.getRooms, decision: 'room-list-order' });
    }, { operation: OP.getRooms, decision: 'room-list-order' });

    await ctx.rule('a deleted room is gone for everyone (404) and from the room list', async () => {
      want(await call(c.owner, 'DELETE', room, OP.deleteRoom), 200, 'the owner deletes the room');
      for (const who of [c.owner, c.member]) want(await call(who, 'GET', room, OP.getRoom), 404, 'a deleted room is 404');
      const res = await call(c.member, 'GET', `${V1}/room`, OP.getRooms);
      if (res.text().includes(`"${token}"`)) ctx.fail({ rule: 'a deleted room leaves the room list', expected: `no room ${token}`, actual: excerpt(res, 200), response: res, operation: OP.getRooms });
    }, { operation: OP.deleteRoom });
  },
};

const participantErrors: Check = {
  id: 'nextcloud-talk.participants.targets-and-sessions',
  title: 'participant operations naming nobody answer 404, the wrong kind of target 400; who joined by link is gone after leaving; the lobby hides the participant list',
  operations: [OP.addParticipant, OP.removeParticipant, OP.removeGuest, OP.promoteModerator, OP.demoteModerator, OP.joinRoom, OP.leaveRoom, OP.getParticipants, OP.setLobby, OP.getRoom],
  specRef: '#/paths/~1apps~1spreed~1api~1v1~1room~1{token}~1participants/post',
  needs: ['credentials', 'writes'],
  decision: 'promote-400',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 3, [c.member]);
    const room = `${V1}/room/${token}`;
    const call = (as: Principal, method: string, path: string, operation: OperationId, body?: Record<string, unknown>) => ocs(ctx, { method, path, as, ...(body ? { body } : {}), operation });
    const want = (res: TargetResponse, status: number, rule: string, decision?: string) => {
      if (res.status !== status) ctx.fail({ rule, expected: `HTTP ${status}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: res.exchange.operation, ...(decision ? { decision } : {}) });
    };
    const nobody = 'callrec-no-such-user';

    await ctx.rule('naming a user or group that does not exist, or a user not in the room, or session "0", is 404', async () => {
      want(await call(c.owner, 'POST', `${room}/participants`, OP.addParticipant, { newParticipant: nobody }), 404, 'adding an unknown user is 404');
      // RoomController::addParticipantToRoom: groupManager->get() finds no group → 404.
      want(await call(c.owner, 'POST', `${room}/participants`, OP.addParticipant, { newParticipant: 'callrec-no-such-group', source: 'groups' }), 404, 'adding an unknown group is 404');
      want(await call(c.owner, 'DELETE', `${room}/participants`, OP.removeParticipant, { participant: c.other.user }), 404, 'removing a user who is not in the room is 404');
      want(await call(c.owner, 'POST', `${room}/moderators`, OP.promoteModerator, { participant: c.other.user }), 404, 'promoting a user who is not in the room is 404');
      // '0' is the sessionId of a participant without a session: spreed's getParticipantBySession
      // refuses '' and '0' outright (ParticipantNotFound → 404).
      want(await call(c.owner, 'POST', `${room}/moderators`, OP.promoteModerator, { sessionId: '0' }), 404, 'promoting sessionId "0" (no session) is 404');
      want(await call(c.owner, 'DELETE', `${room}/participants/guests`, OP.removeGuest, { participant: '0' }), 404, 'removing the guest of sessionId "0" (no session) is 404');
      want(await call(c.owner, 'DELETE', `${room}/moderators`, OP.demoteModerator, { participant: nobody }), 404, 'demoting an unknown user is 404');
      want(await call(c.owner, 'DELETE', `${room}/participants/guests`, OP.removeGuest, { participant: 'callrec-no-such-session' }), 404, 'removing an unknown guest session is 404');
    }, { operation: OP.addParticipant });
    await ctx.rule('an unknown source, or an e-mail that is not one, is 400', async () => {
      want(await call(c.owner, 'POST', `${room}/participants`, OP.addParticipant, { newParticipant: c.other.user, source: 'callrec-source' }), 400, 'an unknown source is 400');
      want(await call(c.owner, 'POST', `${room}/participants`, OP.addParticipant, { newParticipant: 'not an e-mail', source: 'emails' }), 400, 'an invalid e-mail is 400');
      // Nextcloud's mailer (validateMailAddress) wants one @ between a local part and a domain, no spaces.
      for (const address of ['@callrec.invalid', 'guest@', 'gu est@callrec.invalid', 'guest@call rec.invalid', 'guest@two@callrec.invalid']) {
        want(await call(c.owner, 'POST', `${room}/participants`, OP.addParticipant, { newParticipant: address, source: 'emails' }), 400, `the invalid e-mail ${JSON.stringify(address)} is 400`);
      }
    }, { operation: OP.addParticipant });
    await ctx.rule('inviting an e-mail address into a group room makes it public: data.type 3', async () => {
      const group = await createRoom(ctx, c.owner, 2);
      const res = await call(c.owner, 'POST', `${V1}/room/${group}/participants`, OP.addParticipant, { newParticipant: 'guest@callrec.invalid', source: 'emails' });
      const type = res.json<{ ocs?: { data?: { type?: unknown } } }>().ocs?.data?.type;
      const after = await getRoom(ctx, c.owner, group);
      if (res.status !== 200 || type !== 3 || after.type !== 3) ctx.fail({ rule: 'an e-mail invitation makes a group room public', expected: 'HTTP 200, data.type 3, the room type 3', actual: `HTTP ${res.status}, data.type ${JSON.stringify(type)}, room type ${String(after.type)}`, response: res, operation: OP.addParticipant });
    }, { operation: OP.addParticipant });
    await ctx.rule('promoting a moderator and demoting a plain user are 400 (no such change), types kept', async () => {
      want(await call(c.owner, 'DELETE', `${room}/moderators`, OP.demoteModerator, { participant: c.member.user }), 400, 'demoting a plain user is 400', 'promote-400');
      want(await call(c.owner, 'POST', `${room}/moderators`, OP.promoteModerator, { participant: c.member.user }), 200, 'promoting a plain user works');
      want(await call(c.owner, 'POST', `${room}/moderators`, OP.promoteModerator, { participant: c.member.user }), 400, 'promoting a moderator again is 400', 'promote-400');
      const { list } = await participants(ctx, c.owner, token);
      const m = list.find((p) => p.userId === c.member.user);
      if (m?.participantType !== 2) ctx.fail({ rule: 'a refused promotion keeps the moderator', expected: 'type 2', actual: `type ${m?.participantType}`, operation: OP.getParticipants, decision: 'promote-400' });
      want(await call(c.owner, 'DELETE', `${room}/moderators`, OP.demoteModerator, { participant: c.member.user }), 200, 'demoting the moderator works');
    }, { operation: OP.promoteModerator, decision: 'promote-400' });
    await ctx.rule('a moderator may leave while the owner stays (200); the last moderator rule counts owners', async () => {
      const room2 = await createRoom(ctx, c.owner, 2, [c.member, c.other]);
      want(await call(c.owner, 'POST', `${V1}/room/${room2}/moderators`, OP.promoteModerator, { participant: c.member.user }), 200, 'the owner promotes the member');
      want(await call(c.member, 'DELETE', `${V1}/room/${room2}/participants/self`, OP.removeSelf), 200, 'a moderator leaves a room its owner stays in');
    }, { operation: OP.removeSelf });
    // RoomController::getSingleRoom finds no participant for a user who has not joined, and
    // formatRoom then answers its defaults: participantType 4 (GUEST).
    await ctx.rule('a user, or an anonymous browser, reads a public room it has not joined (200), shown as participantType 4 (no participant yet)', async () => {
      for (const [who, as] of [['a user', c.other], ['an anonymous browser', { kind: 'anonymous' } as Principal]] as const) {
        const res = await call(as, 'GET', room, OP.getRoom);
        want(res, 200, `${who} reads a public room before joining it`);
        const type = res.json<{ ocs: { data: { participantType?: unknown } } }>().ocs.data.participantType;
        if (type !== 4) ctx.fail({ rule: 'a room read by a non-participant shows the default participantType 4', specRef: '#/components/schemas/Room/properties/participantType', expected: `participantType 4 for ${who}`, actual: `participantType ${JSON.stringify(type)}`, response: res, operation: OP.getRoom });
      }
    }, { operation: OP.getRoom });
    await ctx.rule('a user who joined the public room by link (type 5) and leaves it is no participant any more', async () => {
      const joined = await joinRoom(ctx, c.other, token);
      want(joined.res, 200, 'a user opens the public room by its link');
      const during = (await participants(ctx, c.owner, token)).list.find((p) => p.userId === c.other.user);
      if (during?.participantType !== 5) ctx.fail({ rule: 'who joins by link is a self-joined user (type 5)', expected: 'type 5', actual: `type ${during?.participantType ?? 'none'}`, operation: OP.getParticipants });
      want(await call(c.other, 'DELETE', `${room}/participants/active`, OP.leaveRoom), 200, 'the self-joined user leaves the room');
      const after = (await participants(ctx, c.owner, token)).list.find((p) => p.userId === c.other.user);
      if (after) ctx.fail({ rule: 'a self-joined user who leaves is no participant any more', expected: `${c.other.user} not listed`, actual: `listed as type ${after.participantType}`, operation: OP.getParticipants });
    }, { operation: OP.leaveRoom });
    await ctx.rule('a member who leaves the session stays a participant, without a session', async () => {
      const joined = await joinRoom(ctx, c.member, token);
      want(joined.res, 200, 'a member opens a session');
      want(await call(c.member, 'DELETE', `${room}/participants/active`, OP.leaveRoom), 200, 'the member closes the session');
      const after = (await participants(ctx, c.owner, token)).list.find((p) => p.userId === c.member.user);
      if (after?.participantType !== 3 || after.sessionId !== '0') ctx.fail({ rule: 'a member keeps membership after leaving the session', expected: 'type 3, sessionId "0"', actual: after ? `type ${after.participantType}, sessionId ${after.sessionId.slice(0, 12)}` : 'not listed', operation: OP.getParticipants });
    }, { operation: OP.leaveRoom });
    // RoomController::addParticipantToRoom: a user who is already a participant is left as is (200),
    // one who only joined by link becomes a member (USER_SELF_JOINED → USER).
    await ctx.rule('adding a member again changes nothing (200, a moderator stays type 2, no second user_added); adding a user who joined by link makes a member (type 3)', async () => {
      const room3 = await createRoom(ctx, c.owner, 3, [c.member]);
      const added = async () => {
        const res = await readChat(ctx, c.owner, room3, { lookIntoFuture: 0, limit: 200 });
        const list = res.json<{ ocs?: { data?: ChatMessageView[] } }>().ocs?.data;
        return (Array.isArray(list) ? list : []).filter((m) => m.systemMessage === 'user_added').length;
      };
      want(await call(c.owner, 'POST', `${V1}/room/${room3}/moderators`, OP.promoteModerator, { participant: c.member.user }), 200, 'the owner promotes the member');
      const before = await added();
      want(await call(c.owner, 'POST', `${V1}/room/${room3}/participants`, OP.addParticipant, { newParticipant: c.member.user }), 200, 'adding a member again answers 200');
      const again = (await participants(ctx, c.owner, room3)).list.find((p) => p.userId === c.member.user);
      const after = await added();
      if (again?.participantType !== 2 || after !== before) ctx.fail({ rule: 'adding a member again changes nothing', expected: `${c.member.user} still type 2, ${before} user_added message(s)`, actual: `type ${again?.participantType ?? 'none'}, ${after} user_added message(s)`, operation: OP.addParticipant });
      want((await joinRoom(ctx, c.other, room3)).res, 200, 'a user opens the public room by its link');
      want(await call(c.owner, 'POST', `${V1}/room/${room3}/participants`, OP.addParticipant, { newParticipant: c.other.user }), 200, 'the owner adds the user who joined by link');
      const member = (await participants(ctx, c.owner, room3)).list.find((p) => p.userId === c.other.user);
      if (member?.participantType !== 3) ctx.fail({ rule: 'adding a user who joined by link makes a member', expected: `${c.other.user} type 3`, actual: `type ${member?.participantType ?? 'none'}`, operation: OP.addParticipant });
    }, { operation: OP.addParticipant });
    await ctx.rule('behind the lobby a plain user cannot list the participants, join the call or list its peers (412); a moderator lists the participants', async () => {
      want(await call(c.owner, 'PUT', `${room}/webinary/lobby`, OP.setLobby, { state: 1 }), 200, 'the owner turns the lobby on', 'lobby-412');
      want(await call(c.member, 'GET', `${room}/participants`, OP.getParticipants), 412, 'a plain user behind the lobby gets 412', 'lobby-412');
      want(await call(c.owner, 'GET', `${room}/participants`, OP.getParticipants), 200, 'a moderator lists the participants behind the lobby', 'lobby-412');
      const waiting = await joinRoom(ctx, c.member, token);
      want(waiting.res, 200, 'a plain user opens a session behind the lobby', 'lobby-412');
      want(await call(waiting.who, 'POST', `${V1}/call/${token}`, OP.joinCall), 412, 'a plain user behind the lobby cannot join the call', 'lobby-412');
      want(await call(waiting.who, 'GET', `${V1}/call/${token}`, OP.getPeers), 412, 'a plain user behind the lobby cannot list the call\'s peers', 'lobby-412');
    }, { operation: OP.getParticipants, decision: 'lobby-412' });
  },
};

export const roomRuleChecks: Check[] = [unknownAndForeign, roomSystemMessages, roomSettings, participantErrors];
