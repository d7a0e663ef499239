// Rules that each cover a whole class of room and participant operations rather than one call:
// every operation on a room that does not exist or that the caller is not in (seed 004: "could
// not be found for the participant"), what each room setting changes in the room as its members
// read it, the system messages seed 004 lists for each change, and the errors of the
// participant operations when their target is missing or of the wrong kind.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import {
  OP,
  REC,
  V1,
  cast,
  createRoom,
  excerpt,
  basicAuth,
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

const TALK_SPEC = '#/components/responses/NotFound';
/** Unknown-room requests left for the checks after this one on a real server (brute-force budget). */
const KEEP = 2;
const SYSTEM_SPEC = '#/components/schemas/ChatMessage/properties/systemMessage';

interface Probe {
  operation: OperationId;
  method: string;
  path: string;
  body?: Record<string, unknown>;
  query?: Record<string, string | number>;
}

/** One request per operation that names a room in its path (leaveRoom aside: leaving nothing is a 200 no-op). */
function roomProbes(t: string, someone: string): Probe[] {
  const room = `${V1}/room/${t}`;
  return [
    { operation: OP.getRoom, method: 'GET', path: room },
    { operation: OP.renameRoom, method: 'PUT', path: room, body: { roomName: 'callrec probe' } },
    { operation: OP.deleteRoom, method: 'DELETE', path: room },
    { operation: OP.makePublic, method: 'POST', path: `${room}/public` },
    { operation: OP.makePrivate, method: 'DELETE', path: `${room}/public` },
    { operation: OP.setPassword, method: 'PUT', path: `${room}/password`, body: { password: 'callrec-probe' } },
    { operation: OP.addFavorite, method: 'POST', path: `${room}/favorite` },
    { operation: OP.removeFavorite, method: 'DELETE', path: `${room}/favorite` },
    { operation: OP.setNotificationLevel, method: 'POST', path: `${room}/notify`, body: { level: 2 } },
    { operation: OP.setReadOnly, method: 'PUT', path: `${room}/read-only`, body: { state: 1 } },
    { operation: OP.setLobby, method: 'PUT', path: `${room}/webinary/lobby`, body: { state: 1 } },
    { operation: OP.getParticipants, method: 'GET', path: `${room}/participants` },
    { operation: OP.addParticipant, method: 'POST', path: `${room}/participants`, body: { newParticipant: someone } },
    { operation: OP.removeParticipant, method: 'DELETE', path: `${room}/participants`, body: { participant: someone } },
    { operation: OP.removeGuest, method: 'DELETE', path: `${room}/participants/guests`, body: { participant: 'callrec-no-such-session' } },
    { operation: OP.removeSelf, method: 'DELETE', path: `${room}/participants/self` },
    { operation: OP.joinRoom, method: 'POST', path: `${room}/participants/active` },
    { operation: OP.promoteModerator, method: 'POST', path: `${room}/moderators`, body: { participant: someone } },
    { operation: OP.demoteModerator, method: 'DELETE', path: `${room}/moderators`, body: { participant: someone } },
    { operation: OP.getPeers, method: 'GET', path: `${V1}/call/${t}` },
    { operation: OP.joinCall, method: 'POST', path: `${V1}/call/${t}` },
    { operation: OP.leaveCall, method: 'DELETE', path: `${V1}/call/${t}` },
    { operation: OP.receiveMessages, method: 'GET', path: `${V1}/chat/${t}`, query: { lookIntoFuture: 0, limit: 5 } },
    { operation: OP.sendMessage, method: 'POST', path: `${V1}/chat/${t}`, body: { message: 'callrec probe' } },
    { operation: OP.getMentionSuggestions, method: 'GET', path: `${V1}/chat/${t}/mentions`, query: { search: 'a' } },
    { operation: OP.startRecording, method: 'POST', path: `${REC}/${t}`, body: { status: 1 } },
    { operation: OP.stopRecording, method: 'DELETE', path: `${REC}/${t}` },
    { operation: OP.dismissStoreNotification, method: 'DELETE', path: `${REC}/${t}/notification`, query: { timestamp: 1 } },
    { operation: OP.shareRecordingToChat, method: 'POST', path: `${REC}/${t}/share-chat`, body: { fileId: 1, timestamp: 1 } },
  ];
}

const send = (ctx: CheckContext, as: Principal, p: Probe) =>
  ocs(ctx, { method: p.method, path: p.path, as, ...(p.body ? { body: p.body } : {}), ...(p.query ? { query: p.query } : {}), operation: p.operation });

/** Runs every probe and fails naming each operation that breaks the rule (call inside a rule). */
async function probeAll(ctx: CheckContext, as: Principal, probes: Probe[], rule: string, expected: number | 'no-5xx', decision?: string): Promise<void> {
  {
    const wrong: { p: Probe; res: TargetResponse }[] = [];
    for (const p of probes) {
      const res = await send(ctx, as, p);
      const bad = expected === 'no-5xx' ? res.status >= 500 : res.status !== expected;
      if (bad) wrong.push({ p, res });
    }
    const first = wrong[0];
    if (first) {
      ctx.fail({
        rule,
        specRef: TALK_SPEC,
        expected: expected === 'no-5xx' ? 'a 4xx answer from every operation' : `HTTP ${expected} from every operation`,
        actual: wrong.map(({ p, res }) => `${p.operation} ${res.status}`).join(', ') + ` (first: ${excerpt(first.res, 120)})`,
        response: first.res,
        operation: first.p.operation,
        ...(decision ? { decision } : {}),
      });
    }
  }
}

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
    const allow = 'a method the room path does not define is 405 with Allow listing DELETE, GET, PUT (HEAD may join GET)';
    await ctx.rule(allow, async () => {
      const res = await ctx.target.request({ method: 'PATCH', path: `${V1}/room/${foreign}`, query: { format: 'json' }, auth: headersFor(c.owner), body: {}, expectMiss: true });
      const listed = (res.headers.allow ?? '').split(',').map((m) => m.trim().toUpperCase()).filter((m) => m && m !== 'HEAD').sort().join(', '); // HEAD comes with GET
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

/** The newest chat message of the room, as `who` reads it. */
async function newest(ctx: CheckContext, who: Principal, token: string): Promise<ChatMessageView | undefined> {
  const res = await readChat(ctx, who, token, { lookIntoFuture: 0, limit: 1 });
  if (res.status !== 200) ctx.fail({ rule: 'a participant reads the chat', expected: 'HTTP 200', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.receiveMessages });
  const data = res.json<{ ocs?: { data?: ChatMessageView[] } }>().ocs?.data;
  return Array.isArray(data) ? data[0] : undefined;
}

/** The id of the `user` rich parameter (a user object: type user), or undefined. */
const userIdOf = (m: ChatMessageView | undefined): string | undefined => {
  const p = m?.messageParameters as { user?: { id?: unknown; type?: unknown } } | undefined;
  return typeof p?.user?.id === 'string' && p.user.type === 'user' ? p.user.id : undefined;
};

const roomSystemMessages: Check = {
  id: 'nextcloud-talk.chat.room-system-messages',
  title: 'each room change posts its system message (seed 004 list) authored by whoever made it, naming the user it concerns',
  operations: [OP.createRoom, OP.addParticipant, OP.renameRoom, OP.makePublic, OP.makePrivate, OP.setPassword, OP.promoteModerator, OP.demoteModerator, OP.removeParticipant, OP.receiveMessages],
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
  operations: [OP.addParticipant, OP.removeParticipant, OP.removeGuest, OP.promoteModerator, OP.demoteModerator, OP.joinRoom, OP.leaveRoom, OP.getParticipants, OP.setLobby],
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

    await ctx.rule('naming a user who does not exist, or is not in the room, is 404', async () => {
      want(await call(c.owner, 'POST', `${room}/participants`, OP.addParticipant, { newParticipant: nobody }), 404, 'adding an unknown user is 404');
      want(await call(c.owner, 'DELETE', `${room}/participants`, OP.removeParticipant, { participant: c.other.user }), 404, 'removing a user who is not in the room is 404');
      want(await call(c.owner, 'POST', `${room}/moderators`, OP.promoteModerator, { participant: c.other.user }), 404, 'promoting a user who is not in the room is 404');
      want(await call(c.owner, 'DELETE', `${room}/moderators`, OP.demoteModerator, { participant: nobody }), 404, 'demoting an unknown user is 404');
      want(await call(c.owner, 'DELETE', `${room}/participants/guests`, OP.removeGuest, { participant: 'callrec-no-such-session' }), 404, 'removing an unknown guest session is 404');
    }, { operation: OP.addParticipant });
    await ctx.rule('an unknown source, or an e-mail that is not one, is 400', async () => {
      want(await call(c.owner, 'POST', `${room}/participants`, OP.addParticipant, { newParticipant: c.other.user, source: 'callrec-source' }), 400, 'an unknown source is 400');
      want(await call(c.owner, 'POST', `${room}/participants`, OP.addParticipant, { newParticipant: 'not an e-mail', source: 'emails' }), 400, 'an invalid e-mail is 400');
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

const guestScope: Check = {
  id: 'nextcloud-talk.auth.guest-scope',
  title: 'a guest browser session (cookie) reads and writes the chat of its public room as a guest, is not a user (401 for user-only operations, 404 for per-user settings), not a moderator (403), and unknown to group rooms (404)',
  operations: [OP.joinRoom, OP.getRoom, OP.getRooms, OP.createRoom, OP.addFavorite, OP.setNotificationLevel, OP.renameRoom, OP.makePrivate, OP.setPassword, OP.addParticipant, OP.deleteRoom, OP.sendMessage, OP.removeGuest, OP.leaveRoom],
  specRef: '#/components/responses/Unauthorized',
  needs: ['credentials', 'writes'],
  decision: 'guest-session-cookie',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const pub = await createRoom(ctx, c.owner, 3, [c.member]);
    const group = await createRoom(ctx, c.owner, 2, [c.member]);
    const joined = await joinRoom(ctx, { kind: 'anonymous' }, pub);
    if (joined.res.status !== 200 || joined.who.kind !== 'guest') ctx.fail({ rule: 'an anonymous browser joins a public room by its link and gets a session cookie', expected: 'HTTP 200 with Set-Cookie', actual: `HTTP ${joined.res.status}, ${joined.who.kind === 'guest' ? 'a cookie' : 'no cookie'}`, response: joined.res, operation: OP.joinRoom });
    const guest = joined.who;
    const room = `${V1}/room/${pub}`;
    const R = (name: string, operation: OperationId, body: () => Promise<void>, decision?: string) => ctx.rule(name, body, { operation, ...(decision ? { decision } : {}) });
    const expectEach = async (rule: string, status: number, probes: Probe[]) => {
      const wrong: string[] = [];
      let first: TargetResponse | undefined;
      for (const p of probes) {
        const res = await send(ctx, guest, p);
        if (res.status !== status) {
          wrong.push(`${p.operation} ${res.status}`);
          first ??= res;
        }
      }
      if (first) ctx.fail({ rule, expected: `HTTP ${status} from each`, actual: wrong.join(', '), response: first, operation: first.exchange.operation });
    };

    await R('the guest sees the room as a guest (participantType 4) and posts as a guest', OP.getRoom, async () => {
      const r = await getRoom(ctx, guest, pub);
      if (r.participantType !== 4) ctx.fail({ rule: 'a guest sees the room as participantType 4', expected: 'participantType 4', actual: `participantType ${r.participantType}`, operation: OP.getRoom });
      const posted = await ocs(ctx, { method: 'POST', path: `${V1}/chat/${pub}`, as: guest, body: { message: 'hello from a guest' }, operation: OP.sendMessage });
      if (posted.status !== 201) ctx.fail({ rule: 'a guest posts in its public room', expected: 'HTTP 201', actual: `HTTP ${posted.status} ${excerpt(posted)}`, response: posted, operation: OP.sendMessage });
      const m = await newest(ctx, c.owner, pub);
      if (m?.actorType !== 'guests' || m.message !== 'hello from a guest') ctx.fail({ rule: 'a guest\'s message is authored by a guest', expected: 'newest message by actorType guests', actual: m ? `${m.actorType}/${m.actorId}: ${m.message}` : 'no message', operation: OP.receiveMessages });
    });
    await R('a guest posting with actorDisplayName is named so from then on (guest-display-names)', OP.sendMessage, async () => {
      const name = `Callrec Guest ${ctx.seed}`;
      const posted = await ocs(ctx, { method: 'POST', path: `${V1}/chat/${pub}`, as: guest, body: { message: 'named now', actorDisplayName: name }, operation: OP.sendMessage });
      const m = await newest(ctx, c.owner, pub);
      const listed = (await participants(ctx, c.owner, pub)).list.filter((p) => p.userId === '').map((p) => p.displayName);
      if (posted.status !== 201 || m?.actorDisplayName !== name || !listed.includes(name)) ctx.fail({ rule: 'a guest\'s actorDisplayName names it', expected: `the message and the guest participant named ${JSON.stringify(name)}`, actual: `HTTP ${posted.status}, message by ${JSON.stringify(m?.actorDisplayName)}, guests listed as ${JSON.stringify(listed)}`, response: posted, operation: OP.sendMessage });
    });
    await R('user-only operations answer a guest 401 (not logged in)', OP.getRooms, () => expectEach('user-only operations answer a guest 401', 401, [
      { operation: OP.getRooms, method: 'GET', path: `${V1}/room` },
      { operation: OP.createRoom, method: 'POST', path: `${V1}/room`, body: { roomType: 3, roomName: 'by a guest' } },
    ]));
    await R('Basic credentials of an unknown user, or that do not decode, are 401 (not a guest, never a 5xx)', OP.getRoom, async () => {
      const wrong: string[] = [];
      let shown: TargetResponse | undefined;
      for (const authorization of [basicAuth(`callrec-nobody-${ctx.seed}`, 'x'), 'Basic !!not-base64!!', `Basic ${Buffer.from('no-colon').toString('base64')}`]) {
        const res = await ctx.target.request({ method: 'GET', path: room, query: { format: 'json' }, auth: { authorization, 'ocs-apirequest': 'true' }, operation: OP.getRoom });
        if (res.status !== 401) {
          wrong.push(`${authorization.slice(0, 24)}…: HTTP ${res.status}`);
          shown ??= res;
        }
      }
      if (shown) ctx.fail({ rule: 'bad Basic credentials are 401', specRef: '#/components/responses/Unauthorized', expected: 'HTTP 401 for each', actual: wrong.join('; '), response: shown, operation: OP.getRoom });
    });
    await R('per-user room settings answer a guest 404', OP.addFavorite, () => expectEach('per-user settings answer a guest 404', 404, [
      { operation: OP.addFavorite, method: 'POST', path: `${room}/favorite` },
      { operation: OP.removeFavorite, method: 'DELETE', path: `${room}/favorite` },
      { operation: OP.setNotificationLevel, method: 'POST', path: `${room}/notify`, body: { level: 1 } },
    ]));
    await R('moderator operations answer a plain guest 403 and change nothing', OP.renameRoom, async () => {
      await expectEach('moderator operations answer a plain guest 403', 403, [
        { operation: OP.renameRoom, method: 'PUT', path: room, body: { roomName: 'renamed by a guest' } },
        { operation: OP.makePrivate, method: 'DELETE', path: `${room}/public` },
        { operation: OP.setPassword, method: 'PUT', path: `${room}/password`, body: { password: 'by-a-guest' } },
        { operation: OP.addParticipant, method: 'POST', path: `${room}/participants`, body: { newParticipant: c.other.user } },
        { operation: OP.promoteModerator, method: 'POST', path: `${room}/moderators`, body: { participant: c.member.user } },
        { operation: OP.deleteRoom, method: 'DELETE', path: room },
      ]);
      const r = await getRoom(ctx, c.owner, pub);
      if (r.type !== 3 || r.hasPassword === true || r.name === 'renamed by a guest') ctx.fail({ rule: 'refused guest operations change nothing', expected: 'public, no password, name kept', actual: JSON.stringify({ type: r.type, hasPassword: r.hasPassword, name: r.name }), operation: OP.getRoom });
    });
    await R('a moderator promotes a guest by its session (type 6, guest_moderator_promoted) and demotes it again (type 4, guest_moderator_demoted)', OP.promoteModerator, async () => {
      for (const [method, type, system] of [['POST', 6, 'guest_moderator_promoted'], ['DELETE', 4, 'guest_moderator_demoted']] as const) {
        const res = await ocs(ctx, { method, path: `${room}/moderators`, as: c.owner, body: { sessionId: joined.sessionId }, operation: method === 'POST' ? OP.promoteModerator : OP.demoteModerator });
        const seen = await getRoom(ctx, guest, pub);
        const m = await newest(ctx, c.owner, pub);
        if (res.status !== 200 || seen.participantType !== type || m?.systemMessage !== system || m.actorId !== c.owner.user) ctx.fail({ rule: `${method === 'POST' ? 'promoting' : 'demoting'} a guest by its session`, specRef: SYSTEM_SPEC, expected: `HTTP 200, the guest sees participantType ${type}, newest message ${system} by ${c.owner.user}`, actual: `HTTP ${res.status}, participantType ${seen.participantType}, newest ${m?.systemMessage} by ${m?.actorId}`, response: res, operation: OP.promoteModerator });
      }
    });
    await R('setGuestName needs a displayName (400) and a room the guest joined (404)', OP.setGuestName, async () => {
      const missing = await ocs(ctx, { method: 'POST', path: `${V1}/guest/${pub}/name`, as: guest, body: {}, operation: OP.setGuestName });
      const other = await createRoom(ctx, c.owner, 3);
      const elsewhere = await ocs(ctx, { method: 'POST', path: `${V1}/guest/${other}/name`, as: guest, body: { displayName: 'not here' }, operation: OP.setGuestName });
      if (elsewhere.status !== 404) ctx.fail({ rule: 'setGuestName in a room the guest never joined is 404', expected: 'HTTP 404', actual: `HTTP ${elsewhere.status}`, response: elsewhere, operation: OP.setGuestName });
      if (missing.status !== 400) ctx.fail({ rule: 'setGuestName without displayName is 400', expected: 'HTTP 400', actual: `HTTP ${missing.status}`, response: missing, operation: OP.setGuestName, decision: 'missing-param-400' });
    });
    await R('a guest\'s session does not reach a group room (404)', OP.getRoom, async () => {
      spend(ctx, 'talkRoomToken', 1, KEEP); // a room the caller cannot reach counts as a guessed token
      await expectEach('a guest does not reach a group room', 404, roomProbes(group, c.other.user).slice(0, 1));
    });
    await R('a moderator removes a guest by its session (200, gone); a user\'s session is no guest (400)', OP.removeGuest, async () => {
      const second = await joinRoom(ctx, { kind: 'anonymous' }, pub);
      if (second.res.status !== 200 || !second.sessionId) ctx.fail({ rule: 'a second guest joins', expected: 'HTTP 200 with a sessionId', actual: `HTTP ${second.res.status}`, response: second.res, operation: OP.joinRoom });
      const guestsBefore = (await participants(ctx, c.owner, pub)).list.filter((p) => p.userId === '').length;
      const removed = await ocs(ctx, { method: 'DELETE', path: `${room}/participants/guests`, as: c.owner, body: { participant: second.sessionId }, operation: OP.removeGuest });
      const guestsAfter = (await participants(ctx, c.owner, pub)).list.filter((p) => p.userId === '').length;
      if (removed.status !== 200 || guestsAfter !== guestsBefore - 1) ctx.fail({ rule: 'a moderator removes a guest by its session', expected: `HTTP 200 and ${guestsBefore - 1} guest(s) left`, actual: `HTTP ${removed.status}, ${guestsAfter} guest(s) left`, response: removed, operation: OP.removeGuest });
      const member = await joinRoom(ctx, c.member, pub);
      const notGuest = await ocs(ctx, { method: 'DELETE', path: `${room}/participants/guests`, as: c.owner, body: { participant: member.sessionId }, operation: OP.removeGuest });
      if (notGuest.status !== 400) ctx.fail({ rule: 'removeGuest naming a user\'s session is 400', expected: 'HTTP 400', actual: `HTTP ${notGuest.status} ${excerpt(notGuest)}`, response: notGuest, operation: OP.removeGuest, decision: 'remove-guest-not-guest' });
    });
    await R('a guest who leaves is no participant any more', OP.leaveRoom, async () => {
      const before = (await participants(ctx, c.owner, pub)).list.filter((p) => p.userId === '').length;
      const left = await ocs(ctx, { method: 'DELETE', path: `${room}/participants/active`, as: guest, operation: OP.leaveRoom });
      if (left.status !== 200) ctx.fail({ rule: 'a guest leaves the room', expected: 'HTTP 200', actual: `HTTP ${left.status}`, response: left, operation: OP.leaveRoom });
      const after = (await participants(ctx, c.owner, pub)).list.filter((p) => p.userId === '').length;
      if (before !== 1 || after !== 0) ctx.fail({ rule: 'a guest who leaves is removed', expected: 'one guest listed before leaving, none after', actual: `${before} before, ${after} after`, operation: OP.getParticipants });
    });
  },
};

const MENTION_SPEC = '#/paths/~1apps~1spreed~1api~1v1~1chat~1{token}/post';

const messagesAndMentions: Check = {
  id: 'nextcloud-talk.chat.messages-and-mentions',
  title: 'a posted message comes back as written (author, @mention as a rich parameter), marks the room unread (and mentioned) for the others, not for its author; mention suggestions list the room\'s matching users only; blank messages are 400',
  operations: [OP.sendMessage, OP.receiveMessages, OP.getRoom, OP.getMentionSuggestions],
  specRef: MENTION_SPEC,
  needs: ['credentials', 'writes'],
  decision: 'missing-param-400',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2, [c.member]);
    const R = (name: string, operation: OperationId, body: () => Promise<void>, decision?: string) => ctx.rule(name, body, { operation, ...(decision ? { decision } : {}) });
    const text = `hello @${c.member.user}, a word from callrec`;
    let posted: ChatMessageView | undefined;
    await R('a posted message answers 201 with itself: author, text with the @mention as {mention-user1} naming the user', OP.sendMessage, async () => {
      const res = await ocs(ctx, { method: 'POST', path: `${V1}/chat/${token}`, as: c.owner, body: { message: text }, operation: OP.sendMessage });
      if (res.status !== 201) ctx.fail({ rule: 'a participant posts', expected: 'HTTP 201', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.sendMessage });
      posted = res.json<{ ocs?: { data?: ChatMessageView } }>().ocs?.data;
      const param = (posted?.messageParameters as Record<string, { type?: string; id?: string }> | undefined)?.['mention-user1'];
      if (posted?.actorType !== 'users' || posted.actorId !== c.owner.user || posted.systemMessage !== '' || posted.message !== `hello {mention-user1}, a word from callrec` || param?.id !== c.member.user || param.type !== 'user') {
        ctx.fail({ rule: 'a posted message is answered as written, the mention as a rich parameter', specRef: MENTION_SPEC, expected: `by users/${c.owner.user}, message "hello {mention-user1}, a word from callrec", mention-user1 {type user, id ${c.member.user}}`, actual: excerpt(res, 300), response: res, operation: OP.sendMessage });
      }
    });
    await R('the room shows the message as its lastMessage and as unread (and mentioning) to the member', OP.getRoom, async () => {
      const r = await getRoom(ctx, c.member, token);
      const last = r.lastMessage as ChatMessageView | undefined;
      if (last?.id !== posted?.id || !(Number(r.unreadMessages) >= 1) || r.unreadMention !== true) ctx.fail({ rule: 'a new message is the room\'s lastMessage, unread and mentioning for the member', expected: `lastMessage #${posted?.id}, unreadMessages ≥ 1, unreadMention true`, actual: `lastMessage #${last?.id}, unreadMessages ${String(r.unreadMessages)}, unreadMention ${String(r.unreadMention)}`, operation: OP.getRoom });
      const own = await getRoom(ctx, c.owner, token);
      if (own.unreadMessages !== 0 || own.unreadMention !== false) ctx.fail({ rule: 'one\'s own message is not unread', expected: 'unreadMessages 0, unreadMention false for the author', actual: `unreadMessages ${String(own.unreadMessages)}, unreadMention ${String(own.unreadMention)}`, operation: OP.getRoom });
    });
    await R('each user mentioned is one placeholder, numbered by first appearance, however often named', OP.sendMessage, async () => {
      const res = await ocs(ctx, { method: 'POST', path: `${V1}/chat/${token}`, as: c.member, body: { message: `@${c.owner.user} and @${c.member.user}, again @${c.owner.user}` }, operation: OP.sendMessage });
      const m = res.json<{ ocs?: { data?: ChatMessageView } }>().ocs?.data;
      const params = (m?.messageParameters ?? {}) as Record<string, { id?: string }>;
      if (res.status !== 201 || m?.message !== '{mention-user1} and {mention-user2}, again {mention-user1}' || params['mention-user1']?.id !== c.owner.user || params['mention-user2']?.id !== c.member.user) {
        ctx.fail({ rule: 'mentions are numbered by first appearance, one per user', specRef: MENTION_SPEC, expected: `"{mention-user1} and {mention-user2}, again {mention-user1}" with user1 ${c.owner.user}, user2 ${c.member.user}`, actual: excerpt(res, 300), response: res, operation: OP.sendMessage });
      }
      posted = m;
    });
    await R('a blank message is 400 and posts nothing', OP.sendMessage, async () => {
      const res = await ocs(ctx, { method: 'POST', path: `${V1}/chat/${token}`, as: c.owner, body: { message: '   ' }, operation: OP.sendMessage });
      if (res.status !== 400) ctx.fail({ rule: 'a blank message is refused', expected: 'HTTP 400', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.sendMessage });
      const m = await newest(ctx, c.owner, token);
      if (m?.id !== posted?.id) ctx.fail({ rule: 'a refused message posts nothing', expected: `newest still #${posted?.id}`, actual: `#${m?.id} ${m?.message}`, operation: OP.receiveMessages });
    });
    const suggest = async (search: string | undefined, limit?: number) => {
      const res = await ocs(ctx, { method: 'GET', path: `${V1}/chat/${token}/mentions`, as: c.owner, query: { ...(search === undefined ? {} : { search }), ...(limit ? { limit } : {}) }, operation: OP.getMentionSuggestions });
      const data = res.json<{ ocs?: { data?: { id?: string; source?: string }[] } }>().ocs?.data;
      return { res, list: Array.isArray(data) ? data : [] };
    };
    await R('mention suggestions list the room\'s users matching the search, and only them', OP.getMentionSuggestions, async () => {
      const hit = await suggest(c.member.user.slice(0, 3));
      if (hit.res.status !== 200 || !hit.list.some((x) => x.id === c.member.user && x.source === 'users')) ctx.fail({ rule: 'a participant matching the search is suggested', expected: `${c.member.user} (source users)`, actual: excerpt(hit.res, 200), response: hit.res, operation: OP.getMentionSuggestions });
      const outsider = await suggest(c.other.user);
      if (outsider.list.some((x) => x.id === c.other.user)) ctx.fail({ rule: 'users outside the room are not suggested', expected: `no ${c.other.user}`, actual: excerpt(outsider.res, 200), response: outsider.res, operation: OP.getMentionSuggestions });
      const none = await suggest('zq9callrecnomatch');
      if (none.list.length !== 0) ctx.fail({ rule: 'a search matching nobody suggests nobody', expected: '[]', actual: excerpt(none.res, 200), response: none.res, operation: OP.getMentionSuggestions });
      const one = await suggest('', 1);
      if (one.list.length !== 1) ctx.fail({ rule: 'limit bounds the suggestions', expected: 'one suggestion for limit=1 (the room has two users)', actual: excerpt(one.res, 200), response: one.res, operation: OP.getMentionSuggestions });
    });
    await R('mention suggestions without search are 400', OP.getMentionSuggestions, async () => {
      const res = (await suggest(undefined)).res;
      if (res.status !== 400) ctx.fail({ rule: 'search is required', expected: 'HTTP 400', actual: `HTTP ${res.status}`, response: res, operation: OP.getMentionSuggestions, decision: 'missing-param-400' });
    }, 'missing-param-400');
    await R('lookIntoFuture other than 0 or 1 is 400', OP.receiveMessages, async () => {
      const res = await readChat(ctx, c.owner, token, { lookIntoFuture: 2, limit: 1 });
      if (res.status !== 400) ctx.fail({ rule: 'lookIntoFuture is 0 or 1', expected: 'HTTP 400', actual: `HTTP ${res.status}`, response: res, operation: OP.receiveMessages, decision: 'chat-look-into-future-required' });
    }, 'chat-look-into-future-required');
  },
};

const callLiveState: Check = {
  id: 'nextcloud-talk.call.room-live-state',
  title: 'a call shows in the room and its chat: count of connected users, hasCall, the caller\'s participantFlags, call_started / call_joined / call_left / call_ended, and the peers; a call needs a room session (404)',
  operations: [OP.joinRoom, OP.joinCall, OP.leaveCall, OP.getPeers, OP.getRoom, OP.receiveMessages],
  specRef: '#/paths/~1apps~1spreed~1api~1v1~1call~1{token}/post',
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2, [c.member]);
    const R = (name: string, operation: OperationId, body: () => Promise<void>) => ctx.rule(name, body, { operation });
    const join = (who: Principal, flags?: number) => ocs(ctx, { method: 'POST', path: `${V1}/call/${token}`, as: who, ...(flags === undefined ? {} : { body: { flags } }), operation: OP.joinCall });
    const leave = (who: Principal) => ocs(ctx, { method: 'DELETE', path: `${V1}/call/${token}`, as: who, operation: OP.leaveCall });
    const status = (res: TargetResponse, want: number, rule: string) => {
      if (res.status !== want) ctx.fail({ rule, expected: `HTTP ${want}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: res.exchange.operation });
    };
    const said = async (rule: string, system: string, by: string) => {
      const m = await newest(ctx, c.owner, token);
      if (m?.systemMessage !== system || m.actorId !== by) ctx.fail({ rule, specRef: SYSTEM_SPEC, expected: `newest message ${system} by ${by}`, actual: m ? `${m.systemMessage || '(plain)'} by ${m.actorId}` : 'no message', operation: OP.receiveMessages });
    };
    const peers = async () => {
      const res = await ocs(ctx, { method: 'GET', path: `${V1}/call/${token}`, as: c.owner, operation: OP.getPeers });
      const data = res.json<{ ocs?: { data?: { userId?: string }[] } }>().ocs?.data;
      return (Array.isArray(data) ? data : []).map((p) => p.userId).sort();
    };

    await R('without a room session joining the call is 404; a fresh room has no call and nobody connected', OP.joinCall, async () => {
      status(await join(c.member), 404, 'joining a call without a room session is 404');
      const r = await getRoom(ctx, c.owner, token);
      if (r.hasCall !== false || r.count !== 0) ctx.fail({ rule: 'a fresh room has no call and nobody connected', expected: 'hasCall false, count 0', actual: `hasCall ${String(r.hasCall)}, count ${String(r.count)}`, operation: OP.getRoom });
    });
    const member = await joinRoom(ctx, c.member, token);
    status(member.res, 200, 'the member opens a room session');
    await R('a member with a session counts as connected, with a 512-character session id', OP.joinRoom, async () => {
      const r = await getRoom(ctx, c.owner, token);
      if (r.count !== 1) ctx.fail({ rule: 'count is the number of connected users', expected: 'count 1', actual: `count ${String(r.count)}`, operation: OP.getRoom });
      if (member.sessionId.length !== 512) ctx.fail({ rule: 'a session id is 512 characters', expected: '512 characters', actual: `${member.sessionId.length} characters`, response: member.res, operation: OP.joinRoom });
    });
    await R('the first to join starts the call: call_started, hasCall, the joiner\'s flags and participantInCall', OP.joinCall, async () => {
      status(await join(member.who, 3), 200, 'the member joins the call');
      await said('the first joiner starts the call', 'call_started', c.member.user);
      const mine = await getRoom(ctx, c.member, token);
      if (mine.hasCall !== true || mine.participantFlags !== 3 || mine.participantInCall !== true) ctx.fail({ rule: 'the caller sees the call and its flags', expected: 'hasCall true, participantFlags 3, participantInCall true', actual: `hasCall ${String(mine.hasCall)}, participantFlags ${String(mine.participantFlags)}, participantInCall ${String(mine.participantInCall)}`, operation: OP.getRoom });
      const theirs = await getRoom(ctx, c.owner, token);
      if (theirs.hasCall !== true || theirs.participantFlags !== 0 || theirs.participantInCall !== false) ctx.fail({ rule: 'others see the call, not flags of their own', expected: 'hasCall true, participantFlags 0, participantInCall false', actual: `hasCall ${String(theirs.hasCall)}, participantFlags ${String(theirs.participantFlags)}, participantInCall ${String(theirs.participantInCall)}`, operation: OP.getRoom });
    });
    const owner = await joinRoom(ctx, c.owner, token);
    status(owner.res, 200, 'the owner opens a room session');
    await R('the next to join posts call_joined; both are peers', OP.joinCall, async () => {
      status(await join(owner.who), 200, 'the owner joins the call');
      await said('a later joiner posts call_joined', 'call_joined', c.owner.user);
      const list = await peers();
      const want = [c.member.user, c.owner.user].sort();
      if (JSON.stringify(list) !== JSON.stringify(want)) ctx.fail({ rule: 'everyone in the call is a peer', expected: want.join(', '), actual: list.join(', '), operation: OP.getPeers });
    });
    await R('leaving posts call_left and the call goes on while someone is in it', OP.leaveCall, async () => {
      status(await leave(owner.who), 200, 'the owner leaves the call');
      await said('leaving posts call_left', 'call_left', c.owner.user);
      const r = await getRoom(ctx, c.owner, token);
      if (r.hasCall !== true) ctx.fail({ rule: 'the call goes on while someone is in it', expected: 'hasCall true', actual: `hasCall ${String(r.hasCall)}`, operation: OP.getRoom });
      const list = await peers();
      if (list.join() !== c.member.user) ctx.fail({ rule: 'who left is no peer', expected: c.member.user, actual: list.join(', '), operation: OP.getPeers });
    });
    await R('the last one leaving ends the call: call_ended, hasCall false, no peers', OP.leaveCall, async () => {
      status(await leave(member.who), 200, 'the member leaves the call');
      await said('the last one leaving ends the call', 'call_ended', c.member.user);
      const r = await getRoom(ctx, c.owner, token);
      const list = await peers();
      if (r.hasCall !== false || list.length !== 0) ctx.fail({ rule: 'an ended call is gone', expected: 'hasCall false, no peers', actual: `hasCall ${String(r.hasCall)}, peers ${list.join(', ')}`, operation: OP.getRoom });
    });
  },
};

const parametersAnywhere: Check = {
  id: 'nextcloud-talk.ocs.parameters-anywhere',
  title: 'parameters arrive as a form body, a JSON body or the query string (the body wins); integers as numbers or digit strings; a body that does not parse, or an integer that is not one, is 400',
  operations: [OP.renameRoom, OP.setNotificationLevel, OP.getRoom],
  specRef: '#/paths/~1apps~1spreed~1api~1v1~1room~1{token}/put/requestBody',
  needs: ['credentials', 'writes'],
  decision: 'ocs-params-anywhere',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2);
    const room = `${V1}/room/${token}`;
    const rename = (o: { body?: string | Record<string, unknown>; query?: Record<string, string>; type?: string }) =>
      ocs(ctx, { method: 'PUT', path: room, as: c.owner, ...(o.body !== undefined ? { body: o.body } : {}), ...(o.query ? { query: o.query } : {}), ...(o.type ? { headers: { 'content-type': o.type } } : {}), operation: OP.renameRoom });
    const expectName = async (rule: string, res: TargetResponse, name: string, decision?: string) => {
      const after = await getRoom(ctx, c.owner, token);
      if (res.status !== 200 || after.name !== name) ctx.fail({ rule, expected: `HTTP 200 and name ${JSON.stringify(name)}`, actual: `HTTP ${res.status}, name ${JSON.stringify(after.name)}`, response: res, operation: OP.renameRoom, ...(decision ? { decision } : {}) });
    };
    const FORM = 'application/x-www-form-urlencoded';
    await ctx.rule('a form-urlencoded body is read', async () => {
      await expectName('a form body is read', await rename({ body: 'roomName=From%20a%20form', type: FORM }), 'From a form');
    }, { operation: OP.renameRoom });
    await ctx.rule('a JSON body is read', async () => {
      await expectName('a JSON body is read', await rename({ body: { roomName: 'From JSON' } }), 'From JSON');
    }, { operation: OP.renameRoom });
    await ctx.rule('a parameter in the query string is read', async () => {
      await expectName('a query parameter is read', await rename({ query: { roomName: 'From the query' } }), 'From the query', 'ocs-params-anywhere');
    }, { operation: OP.renameRoom, decision: 'ocs-params-anywhere' });
    await ctx.rule('the body wins over the query string', async () => {
      await expectName('the body wins over the query', await rename({ query: { roomName: 'Query loses' }, body: 'roomName=Body%20wins', type: FORM }), 'Body wins', 'ocs-params-anywhere');
    }, { operation: OP.renameRoom, decision: 'ocs-params-anywhere' });
    await ctx.rule('a JSON body that does not parse is 400 and changes nothing', async () => {
      const before = (await getRoom(ctx, c.owner, token)).name;
      const res = await rename({ body: '{"roomName": "broken', type: 'application/json' });
      const after = (await getRoom(ctx, c.owner, token)).name;
      if (res.status !== 400 || after !== before) ctx.fail({ rule: 'a JSON body that does not parse is 400', expected: `HTTP 400, name still ${JSON.stringify(before)}`, actual: `HTTP ${res.status}, name ${JSON.stringify(after)}`, response: res, operation: OP.renameRoom, decision: 'missing-param-400' });
    }, { operation: OP.renameRoom, decision: 'missing-param-400' });
    await ctx.rule('an integer arrives as a JSON number, a digit string or a form field; anything else is 400', async () => {
      const level = (body: string | Record<string, unknown>, type?: string) => ocs(ctx, { method: 'POST', path: `${room}/notify`, as: c.owner, body, ...(type ? { headers: { 'content-type': type } } : {}), operation: OP.setNotificationLevel });
      for (const [body, want, type] of [[{ level: 3 }, 3], [{ level: '1' }, 1], ['level=2', 2, FORM]] as const) {
        const res = await level(body, type);
        const got = (await getRoom(ctx, c.owner, token)).notificationLevel;
        if (res.status !== 200 || got !== want) ctx.fail({ rule: 'an integer parameter is read from any encoding', expected: `HTTP 200 and notificationLevel ${want}`, actual: `HTTP ${res.status}, notificationLevel ${String(got)}`, response: res, operation: OP.setNotificationLevel });
      }
      const wrong: string[] = [];
      for (const bad of [{ level: 'two' }, { level: '2x' }, { level: [2] }]) {
        const r = await level(bad);
        if (r.status !== 400) wrong.push(`${JSON.stringify(bad)}: HTTP ${r.status}`);
      }
      const res = await level({ level: 'two' });
      if (wrong.length) ctx.fail({ rule: 'a parameter that is not an integer is 400', expected: 'HTTP 400 for "two", "2x" and [2]', actual: wrong.join('; '), response: res, operation: OP.setNotificationLevel, decision: 'missing-param-400' });
      if (res.status !== 400) ctx.fail({ rule: 'a parameter that is not an integer is 400', expected: 'HTTP 400', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.setNotificationLevel, decision: 'missing-param-400' });
    }, { operation: OP.setNotificationLevel, decision: 'missing-param-400' });
  },
};

const SIGNALING_SPEC = '#/paths/~1apps~1spreed~1api~1v1~1signaling~1{token}/get';

const signalingRelay: Check = {
  id: 'nextcloud-talk.signaling.internal-relay',
  title: 'internal signaling relays a message to the session it names in the same room (with `from` set to the sender), never to another room\'s session; usersInRoom comes last; unparseable messages 400; a pull without session 404',
  operations: [OP.sendSignalingMessages, OP.pullSignalingMessages, OP.joinRoom],
  specRef: SIGNALING_SPEC,
  needs: ['credentials', 'writes'],
  decision: 'signaling-pull-404',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2, [c.member]);
    const elsewhere = await createRoom(ctx, c.owner, 2, [c.member]);
    const owner = await joinRoom(ctx, c.owner, token);
    const member = await joinRoom(ctx, c.member, token);
    const stranger = await joinRoom(ctx, c.member, elsewhere);
    for (const j of [owner, member, stranger]) if (j.res.status !== 200) ctx.fail({ rule: 'participants open room sessions', expected: 'HTTP 200', actual: `HTTP ${j.res.status}`, response: j.res, operation: OP.joinRoom });
    const send = (as: Principal, messages: unknown) => ocs(ctx, { method: 'POST', path: `${V1}/signaling/${token}`, as, body: { messages: typeof messages === 'string' ? messages : JSON.stringify(messages) }, operation: OP.sendSignalingMessages });
    const signal = (to: string, kind: string) => ({ ev: 'message', fn: JSON.stringify({ to, type: kind, payload: { type: kind, sdp: 'v=0' } }) });
    const probe = await send(owner.who, []);
    if (probe.status === 400 && /signaling/i.test(probe.text())) ctx.notApplicable('the target uses an external signaling server (internal signaling answers 400): nothing to relay');

    await ctx.rule('a message reaches the session it names, from the sender\'s session, and only that one; usersInRoom comes last', async () => {
      const res = await send(owner.who, [signal(stranger.sessionId, 'offer-elsewhere'), signal(member.sessionId, 'offer')]);
      if (res.status !== 200) ctx.fail({ rule: 'a participant with a session sends signaling messages', expected: 'HTTP 200', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.sendSignalingMessages });
      const pulled = await ocs(ctx, { method: 'GET', path: `${V1}/signaling/${token}`, as: member.who, operation: OP.pullSignalingMessages });
      const data = pulled.json<{ ocs?: { data?: { type?: string; data?: unknown }[] } }>().ocs?.data ?? [];
      const messages = data.filter((d) => d.type === 'message').map((d) => { try { return JSON.parse(String(d.data)) as { from?: string; type?: string; to?: string }; } catch { return {}; } });
      const last = data[data.length - 1];
      const users = Array.isArray(last?.data) ? (last.data as { sessionId?: string }[]).map((u) => u.sessionId) : [];
      const problems = [
        pulled.status !== 200 && `HTTP ${pulled.status}`,
        (messages.length !== 1 || messages[0]?.type !== 'offer' || messages[0]?.from !== owner.sessionId || messages[0]?.to !== member.sessionId) && `messages ${JSON.stringify(messages).slice(0, 200)}`,
        last?.type !== 'usersInRoom' && `last entry ${JSON.stringify(last?.type)}`,
        !(users.includes(owner.sessionId) && users.includes(member.sessionId)) && 'usersInRoom lacks the two sessions',
        users.includes(stranger.sessionId) && 'usersInRoom lists a session of another room',
      ].filter(Boolean);
      if (problems.length) ctx.fail({ rule: 'signaling messages reach the named session of the room, from the sender', specRef: SIGNALING_SPEC, expected: `one offer from ${owner.sessionId.slice(0, 8)}… to ${member.sessionId.slice(0, 8)}…, then usersInRoom with both sessions`, actual: problems.join('; '), response: pulled, operation: OP.pullSignalingMessages });
    }, { operation: OP.pullSignalingMessages });
    await ctx.rule('messages that are not a JSON list are 400', async () => {
      for (const messages of ['not json', '{"ev":"message"}']) {
        const res = await send(owner.who, messages);
        if (res.status !== 400) ctx.fail({ rule: 'signaling messages that are not a JSON list are 400', expected: `HTTP 400 for ${JSON.stringify(messages)}`, actual: `HTTP ${res.status}`, response: res, operation: OP.sendSignalingMessages, decision: 'signaling-400' });
      }
    }, { operation: OP.sendSignalingMessages, decision: 'signaling-400' });
    await ctx.rule('sending to a room one is not a participant of is 404', async () => {
      const res = await ocs(ctx, { method: 'POST', path: `${V1}/signaling/${token}`, as: c.other, body: { messages: JSON.stringify([signal(member.sessionId, 'offer')]) }, operation: OP.sendSignalingMessages });
      if (res.status !== 404) ctx.fail({ rule: 'sending signaling messages needs to be a participant', specRef: SIGNALING_SPEC, expected: 'HTTP 404', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.sendSignalingMessages });
    }, { operation: OP.sendSignalingMessages });
    await ctx.rule('sending without a session in the room is 404', async () => {
      const res = await ocs(ctx, { method: 'POST', path: `${V1}/signaling/${elsewhere}`, as: c.owner, body: { messages: JSON.stringify([signal(member.sessionId, 'offer')]) }, operation: OP.sendSignalingMessages });
      if (res.status !== 404) ctx.fail({ rule: 'sending signaling messages needs a room session', specRef: SIGNALING_SPEC, expected: 'HTTP 404', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.sendSignalingMessages });
    }, { operation: OP.sendSignalingMessages });
    await ctx.rule('a pull without a session in the room is 404 saying nobody is in the room', async () => {
      const res = await ocs(ctx, { method: 'GET', path: `${V1}/signaling/${elsewhere}`, as: c.owner, operation: OP.pullSignalingMessages });
      const data = res.json<{ ocs?: { data?: { type?: string; data?: unknown }[] } }>().ocs?.data;
      const last = Array.isArray(data) ? data[data.length - 1] : undefined;
      if (res.status !== 404 || last?.type !== 'usersInRoom' || !Array.isArray(last.data) || last.data.length !== 0) ctx.fail({ rule: 'a pull without session is 404 with an empty usersInRoom', expected: 'HTTP 404, data ending with usersInRoom []', actual: `HTTP ${res.status} ${excerpt(res, 160)}`, response: res, operation: OP.pullSignalingMessages, decision: 'signaling-pull-404' });
    }, { operation: OP.pullSignalingMessages, decision: 'signaling-pull-404' });
  },
};

export const roomRuleChecks: Check[] = [unknownAndForeign, roomSystemMessages, roomSettings, participantErrors, guestScope, messagesAndMentions, callLiveState, parametersAnywhere, signalingRelay];
