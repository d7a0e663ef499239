// What a room change does at its edges: a change to what the room already is (spreed's
// RoomService setType and setName return before any event, so nothing is posted), the answer of
// createRoom (the room as its creator sees it, name trimmed, 1-200 characters), and the settings
// a one-to-one room refuses (RoomService: setType, setReadOnly and setLobby throw for its type → 400;
// RoomController::setPassword: 403 for anything but a public room).
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { asConfig } from '../config.ts';
import { ANONYMOUS, OP, V1, cast, createRoom, excerpt, getRoom, joinRoom, ocs, participants, postMessage, readChat, type ChatMessageView, requireWrites, uniqueName, type OperationId, type Principal, type RoomView } from '../support.ts';
import { newest } from './room-probes.ts';

const ROOM_SPEC = '#/paths/~1apps~1spreed~1api~1v1~1room~1{token}/get';
const CREATE_SPEC = '#/paths/~1apps~1spreed~1api~1v1~1room/post';

const unchanged: Check = {
  id: 'nextcloud-talk.rooms.unchanged-settings',
  title: 'createRoom answers the room as its creator sees it (201, name trimmed, 1-200 characters); making a room what it already is (public, private, the same name) answers 200 and posts nothing',
  operations: [OP.createRoom, OP.makePublic, OP.makePrivate, OP.renameRoom, OP.setPassword, OP.receiveMessages, OP.getRoom],
  specRef: ROOM_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const call = (method: string, path: string, operation: OperationId, body?: Record<string, unknown>) => ocs(ctx, { method, path, as: c.owner, ...(body ? { body } : {}), operation });
    const want = (res: TargetResponse, status: number, rule: string, specRef = ROOM_SPEC) => {
      if (res.status !== status) ctx.fail({ rule, specRef, expected: `HTTP ${status}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: res.exchange.operation });
    };

    const created = 'createRoom answers 201 with the room as its creator sees it: the type asked for, the name trimmed, participantType 1 (owner)';
    await ctx.rule(created, async () => {
      const name = uniqueName(ctx, 'callrec created');
      const res = await call('POST', `${V1}/room`, OP.createRoom, { roomType: 3, roomName: `  ${name}\t ` });
      want(res, 201, 'creating a public room answers 201', CREATE_SPEC);
      const data = res.json<{ ocs?: { data?: RoomView } }>().ocs?.data;
      if (data?.type !== 3 || data.name !== name || data.participantType !== 1 || typeof data.token !== 'string') {
        ctx.fail({ rule: created, specRef: CREATE_SPEC, expected: `type 3, name ${JSON.stringify(name)}, participantType 1, a token`, actual: data ? `type ${String(data.type)}, name ${JSON.stringify(data.name)}, participantType ${String(data.participantType)}, token ${JSON.stringify(data.token)}` : excerpt(res), response: res, operation: OP.createRoom });
      }
    }, { operation: OP.createRoom });

    const bounds = 'a room name of 200 characters is created (and renamed to) as sent; 201 characters, or a rename without roomName, are refused (400)';
    await ctx.rule(bounds, async () => {
      const longest = `${uniqueName(ctx, 'n')} `.padEnd(200, 'x');
      const res = await call('POST', `${V1}/room`, OP.createRoom, { roomType: 2, roomName: longest });
      want(res, 201, 'a room name of 200 characters is accepted', CREATE_SPEC);
      const name = res.json<{ ocs?: { data?: { name?: unknown } } }>().ocs?.data?.name;
      if (name !== longest) ctx.fail({ rule: bounds, specRef: CREATE_SPEC, expected: 'the 200-character name as sent', actual: `name ${JSON.stringify(name)}`, response: res, operation: OP.createRoom });
      want(await call('POST', `${V1}/room`, OP.createRoom, { roomType: 2, roomName: `${longest}y` }), 400, 'a room name of 201 characters is refused', CREATE_SPEC);
      const t = res.json<{ ocs?: { data?: { token?: unknown } } }>().ocs?.data?.token;
      // spreed's renameRoom(string $roomName): a missing name arrives as '' and is refused like a blank one.
      want(await call('PUT', `${V1}/room/${String(t)}`, OP.renameRoom, {}), 400, 'a rename without roomName is refused');
      const other = `${longest.slice(0, 199)}z`;
      want(await call('PUT', `${V1}/room/${String(t)}`, OP.renameRoom, { roomName: other }), 200, 'a rename to 200 characters is accepted');
      const renamed = (await getRoom(ctx, c.owner, String(t))).name;
      if (renamed !== other) ctx.fail({ rule: bounds, expected: 'the 200-character new name', actual: `name ${JSON.stringify(renamed)}`, operation: OP.getRoom });
    }, { operation: OP.createRoom });

    const token = await createRoom(ctx, c.owner, 2);
    const room = `${V1}/room/${token}`;
    const same = 'making a group room private, or renaming it to its own name (with spaces around), answers 200, changes nothing and posts no system message';
    await ctx.rule(same, async () => {
      const before = await newest(ctx, c.owner, token);
      const { name } = await getRoom(ctx, c.owner, token);
      want(await call('DELETE', `${room}/public`, OP.makePrivate), 200, 'making a group room private answers 200');
      want(await call('PUT', room, OP.renameRoom, { roomName: ` ${String(name)}  ` }), 200, 'renaming a room to its own name answers 200');
      const after = await newest(ctx, c.owner, token);
      const now = await getRoom(ctx, c.owner, token);
      if (after?.id !== before?.id || now.type !== 2 || now.name !== name) {
        ctx.fail({ rule: same, expected: `type 2, name ${JSON.stringify(name)}, newest message still #${before?.id} (${before?.systemMessage})`, actual: `type ${String(now.type)}, name ${JSON.stringify(now.name)}, newest #${after?.id} ${after?.systemMessage}`, operation: OP.receiveMessages });
      }
    }, { operation: OP.makePrivate });
    const again = 'making a public room public again answers 200 and posts no second guests_allowed';
    await ctx.rule(again, async () => {
      want(await call('POST', `${room}/public`, OP.makePublic), 200, 'the owner makes the room public');
      const before = await newest(ctx, c.owner, token);
      want(await call('POST', `${room}/public`, OP.makePublic), 200, 'making a public room public again answers 200');
      const after = await newest(ctx, c.owner, token);
      const now = await getRoom(ctx, c.owner, token);
      if (before?.systemMessage !== 'guests_allowed' || after?.id !== before.id || now.type !== 3) {
        ctx.fail({ rule: again, expected: `type 3, newest message guests_allowed #${before?.id} from the first change only`, actual: `type ${String(now.type)}, newest before ${before?.systemMessage} #${before?.id}, after ${after?.systemMessage} #${after?.id}`, operation: OP.receiveMessages });
      }
    }, { operation: OP.makePublic });
    // RoomService::setPassword has no "unchanged" shortcut: its event fires on every call and the
    // system-message listener posts password_removed for an empty password.
    const cleared = 'clearing the password of a public room that has none answers 200 and still posts password_removed';
    await ctx.rule(cleared, async () => {
      want(await call('PUT', `${room}/password`, OP.setPassword, { password: '' }), 200, 'clearing an absent password answers 200');
      const m = await newest(ctx, c.owner, token);
      if (m?.systemMessage !== 'password_removed') ctx.fail({ rule: cleared, specRef: '#/components/schemas/ChatMessage/properties/systemMessage', expected: 'newest message password_removed', actual: m ? `${m.systemMessage || '(a plain message)'} #${m.id}` : 'no message', operation: OP.receiveMessages });
    }, { operation: OP.setPassword });
  },
};

const oneToOneSettings: Check = {
  id: 'nextcloud-talk.rooms.one-to-one-settings',
  title: 'a one-to-one room cannot be made public or private (400), read-only (400), get a lobby (400) or a password (403); asking for it again after one left answers it (200) with both members back',
  operations: [OP.createRoom, OP.makePublic, OP.makePrivate, OP.setReadOnly, OP.setLobby, OP.setPassword, OP.getRoom, OP.removeSelf, OP.getParticipants, OP.addFavorite],
  specRef: CREATE_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const open = await ocs(ctx, { method: 'POST', path: `${V1}/room`, as: c.owner, body: { roomType: 1, invite: c.member.user }, operation: OP.createRoom });
    const token = open.json<{ ocs?: { data?: { token?: unknown } } }>().ocs?.data?.token;
    if ((open.status !== 200 && open.status !== 201) || typeof token !== 'string') ctx.fail({ rule: 'the owner opens a one-to-one room with the member', expected: 'HTTP 201 (or 200) with a token', actual: `HTTP ${open.status} ${excerpt(open)}`, response: open, operation: OP.createRoom });
    const room = `${V1}/room/${token}`;
    const tries: [OperationId, string, string, Record<string, unknown> | undefined, number][] = [
      [OP.makePublic, 'POST', `${room}/public`, undefined, 400],
      [OP.makePrivate, 'DELETE', `${room}/public`, undefined, 400],
      [OP.setReadOnly, 'PUT', `${room}/read-only`, { state: 1 }, 400],
      [OP.setLobby, 'PUT', `${room}/webinary/lobby`, { state: 1 }, 400],
      [OP.setPassword, 'PUT', `${room}/password`, { password: 'callrec-one-to-one' }, 403],
    ];
    const rule = 'a one-to-one room refuses every change of its kind: public/private, read-only and lobby 400, a password 403';
    await ctx.rule(rule, async () => {
      const wrong: string[] = [];
      let first: TargetResponse | undefined;
      for (const [operation, method, path, body, status] of tries) {
        const res = await ocs(ctx, { method, path, as: c.owner as Principal, ...(body ? { body } : {}), operation });
        if (res.status !== status) {
          wrong.push(`${operation} ${res.status} (expected ${status})`);
          first ??= res;
        }
      }
      const after = await getRoom(ctx, c.owner, token as string);
      if (after.type !== 1 || after.readOnly !== 0 || after.lobbyState !== 0 || after.hasPassword !== false) wrong.push(`the room is now type ${String(after.type)}, readOnly ${String(after.readOnly)}, lobbyState ${String(after.lobbyState)}, hasPassword ${String(after.hasPassword)}`);
      if (wrong.length) ctx.fail({ rule, expected: 'makePublic/makePrivate/setReadOnly/setLobby 400, setPassword 403; the room still type 1, read-write, no lobby, no password', actual: wrong.join(', '), ...(first ? { response: first } : {}), operation: OP.setLobby });
    }, { operation: OP.setLobby });
    // RoomService::createOneToOneConversation: an existing room is answered and
    // ensureOneToOneRoomIsFilled puts back whoever had left it.
    const refill = 'after the member left, the owner asking for the one-to-one room again gets it (200, same token) with the member back as owner (1), the owner\'s own settings untouched';
    await ctx.rule(refill, async () => {
      const fav = await ocs(ctx, { method: 'POST', path: `${room}/favorite`, as: c.owner, operation: OP.addFavorite });
      if (fav.status !== 200) ctx.fail({ rule: 'the owner marks the one-to-one room as favorite', expected: 'HTTP 200', actual: `HTTP ${fav.status} ${excerpt(fav)}`, response: fav, operation: OP.addFavorite });
      const left = await ocs(ctx, { method: 'DELETE', path: `${room}/participants/self`, as: c.member, operation: OP.removeSelf });
      if (left.status !== 200) ctx.fail({ rule: 'the member leaves the one-to-one room', expected: 'HTTP 200', actual: `HTTP ${left.status} ${excerpt(left)}`, response: left, operation: OP.removeSelf });
      const again = await ocs(ctx, { method: 'POST', path: `${V1}/room`, as: c.owner, body: { roomType: 1, invite: c.member.user }, operation: OP.createRoom });
      const t = again.json<{ ocs?: { data?: { token?: unknown } } }>().ocs?.data?.token;
      const back = (await participants(ctx, c.owner, token as string)).list.find((p) => p.userId === c.member.user)?.participantType;
      // ensureOneToOneRoomIsFilled adds only who is missing: the owner stays the participant it was.
      const mine = await getRoom(ctx, c.owner, token as string);
      if (again.status !== 200 || t !== token || back !== 1 || mine.isFavorite !== true) ctx.fail({ rule: refill, specRef: CREATE_SPEC, expected: `HTTP 200 with token ${String(token)}; ${c.member.user} listed as owner (1); the owner still has it as favorite`, actual: `HTTP ${again.status}, token ${JSON.stringify(t)}; ${c.member.user} ${back === undefined ? 'not listed' : `type ${back}`}; isFavorite ${String(mine.isFavorite)}`, response: again, operation: OP.createRoom });
    }, { operation: OP.createRoom });
    // Once both members left, the room is gone; asking for it again makes a new one (201).
    const fresh = 'once both members left, asking for the one-to-one room makes a new one: 201, type 1, participantType 1';
    await ctx.rule(fresh, async () => {
      for (const who of [c.member, c.owner]) await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${String(token)}/participants/self`, as: who, operation: OP.removeSelf });
      const res = await ocs(ctx, { method: 'POST', path: `${V1}/room`, as: c.owner, body: { roomType: 1, invite: c.member.user }, operation: OP.createRoom });
      const data = res.json<{ ocs?: { data?: RoomView } }>().ocs?.data;
      if (res.status !== 201 || data?.type !== 1 || data.participantType !== 1) ctx.fail({ rule: fresh, specRef: CREATE_SPEC, expected: 'HTTP 201 with type 1, participantType 1', actual: `HTTP ${res.status} ${excerpt(res, 200)}`, response: res, operation: OP.createRoom });
    }, { operation: OP.createRoom });
  },
};

// RoomController::createGroupRoom (Talk 6/7): an unknown group is 404; otherwise the room is made
// for the group, its creator the owner and every other member of the group a plain user (3).
const groupInvite: Check = {
  id: 'nextcloud-talk.rooms.group-invite',
  title: 'a group room created with invite=<group> (no name needed) holds the group\'s members as plain users (3), its creator as owner (1); an unknown group is 404',
  operations: [OP.createRoom, OP.getParticipants, OP.receiveMessages],
  specRef: CREATE_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const group = asConfig(ctx.config).inviteGroup;
    if (!group) ctx.notApplicable('no group to invite: set inviteGroup (a group of users.member and users.other) in the target config');
    const create = (invite: string) => ocs(ctx, { method: 'POST', path: `${V1}/room`, as: c.owner, body: { roomType: 2, invite }, operation: OP.createRoom });
    const rule = 'inviting a group makes a room (201) with every other member of the group as a plain user (3) and its creator as owner (1)';
    await ctx.rule(rule, async () => {
      const res = await create(group);
      const token = res.json<{ ocs?: { data?: { token?: unknown } } }>().ocs?.data?.token;
      if (res.status !== 201 || typeof token !== 'string') ctx.fail({ rule, specRef: CREATE_SPEC, expected: 'HTTP 201 with the room', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.createRoom });
      const { list } = await participants(ctx, c.owner, token as string);
      const typeOf = (user: string) => list.find((p) => p.userId === user)?.participantType;
      const seen = [c.owner, c.member, c.other].map((u) => `${u.user} ${String(typeOf(u.user) ?? 'missing')}`).join(', ');
      if (typeOf(c.owner.user) !== 1 || typeOf(c.member.user) !== 3 || typeOf(c.other.user) !== 3) ctx.fail({ rule, specRef: CREATE_SPEC, expected: `${c.owner.user} 1, ${c.member.user} 3, ${c.other.user} 3`, actual: seen, operation: OP.getParticipants });
    }, { operation: OP.createRoom });
    // spreed's system-message listener posts user_added for every user added but the one acting.
    const added = 'the group\'s members each get a user_added naming them (type user, id, display name), the creator none';
    await ctx.rule(added, async () => {
      const res = await create(group);
      const token = res.json<{ ocs?: { data?: { token?: unknown } } }>().ocs?.data?.token;
      if (res.status !== 201 || typeof token !== 'string') ctx.fail({ rule: added, specRef: CREATE_SPEC, expected: 'HTTP 201 with the room', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.createRoom });
      const names = new Map((await participants(ctx, c.owner, token as string)).list.map((p) => [p.userId, p.displayName]));
      const chat = await readChat(ctx, c.owner, token as string, { lookIntoFuture: 0, limit: 100 });
      const list = chat.json<{ ocs?: { data?: ChatMessageView[] } }>().ocs?.data ?? [];
      const named = list.filter((m) => m.systemMessage === 'user_added').map((m) => (m.messageParameters as { user?: { type?: unknown; id?: unknown; name?: unknown } } | undefined)?.user);
      const want = [c.member.user, c.other.user].map((u) => `user ${u} ${JSON.stringify(names.get(u))}`);
      const got = named.map((u) => `${String(u?.type)} ${String(u?.id)} ${JSON.stringify(u?.name)}`);
      if (want.some((w) => !got.includes(w)) || named.some((u) => u?.id === c.owner.user)) ctx.fail({ rule: added, specRef: '#/components/schemas/ChatMessage/properties/systemMessage', expected: `${want.join('; ')}, none naming ${c.owner.user}`, actual: got.join('; ') || 'no user_added', response: chat, operation: OP.receiveMessages });
    }, { operation: OP.createRoom });
    await ctx.rule('inviting a group that does not exist is 404', async () => {
      const res = await create(`callrec-no-such-group-${ctx.seed.toString(36)}`);
      if (res.status !== 404) ctx.fail({ rule: 'inviting an unknown group is 404', specRef: CREATE_SPEC, expected: 'HTTP 404', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.createRoom });
    }, { operation: OP.createRoom });
  },
};

// RoomService::setType: a public room made private drops every participant who came by its link
// (participant types GUEST 4, USER_SELF_JOINED 5 and GUEST_MODERATOR 6); invited users stay.
const privateDrops: Check = {
  id: 'nextcloud-talk.rooms.private-drops-link-joiners',
  title: 'making a public room private removes who came by its link (guests, guest moderators, self-joined users); invited members stay',
  operations: [OP.makePrivate, OP.joinRoom, OP.promoteModerator, OP.getParticipants, OP.getRoom],
  specRef: '#/paths/~1apps~1spreed~1api~1v1~1room~1{token}~1public/delete',
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 3, [c.member]);
    const room = `${V1}/room/${token}`;
    const rule = 'after makePrivate only the invited participants are left: no guest (4), guest moderator (6) or self-joined user (5)';
    await ctx.rule(rule, async () => {
      const self = await joinRoom(ctx, c.other, token);
      const guest = await joinRoom(ctx, ANONYMOUS, token);
      const promoted = await joinRoom(ctx, ANONYMOUS, token);
      for (const j of [self, guest, promoted]) if (j.res.status !== 200) ctx.fail({ rule: 'who has the link joins the public room', expected: 'HTTP 200', actual: `HTTP ${j.res.status} ${excerpt(j.res)}`, response: j.res, operation: OP.joinRoom });
      const promote = await ocs(ctx, { method: 'POST', path: `${room}/moderators`, as: c.owner, body: { sessionId: promoted.sessionId }, operation: OP.promoteModerator });
      if (promote.status !== 200) ctx.fail({ rule: 'the owner promotes a guest to guest moderator', expected: 'HTTP 200', actual: `HTTP ${promote.status} ${excerpt(promote)}`, response: promote, operation: OP.promoteModerator });
      const before = (await participants(ctx, c.owner, token)).list.map((p) => p.participantType).sort().join(',');
      if (before !== '1,3,4,5,6') ctx.fail({ rule: 'the room holds owner, member, guest, self-joined user and guest moderator', expected: 'participant types 1,3,4,5,6', actual: before, operation: OP.getParticipants });
      const res = await ocs(ctx, { method: 'DELETE', path: `${room}/public`, as: c.owner, operation: OP.makePrivate });
      if (res.status !== 200) ctx.fail({ rule: 'the owner makes the room private', expected: 'HTTP 200', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.makePrivate });
      const after = (await participants(ctx, c.owner, token)).list;
      const shown = after.map((p) => `${p.userId || '(guest)'} ${p.participantType}`).sort().join(', ');
      if (after.length !== 2 || !after.some((p) => p.userId === c.owner.user && p.participantType === 1) || !after.some((p) => p.userId === c.member.user && p.participantType === 3)) {
        ctx.fail({ rule, expected: `${c.owner.user} 1, ${c.member.user} 3 only`, actual: shown, operation: OP.getParticipants });
      }
    }, { operation: OP.makePrivate });
  },
};

// Decision room-list-order: the newest activity first. A message moves its room's lastActivity
// (capability last-room-activity), so a room written in later than another is listed before it.
const listByActivity: Check = {
  id: 'nextcloud-talk.rooms.list-by-activity',
  title: 'getRooms lists the room with the newer activity first: a message in the older of two rooms moves it ahead',
  operations: [OP.getRooms, OP.sendMessage, OP.createRoom],
  specRef: '#/paths/~1apps~1spreed~1api~1v1~1room/get',
  needs: ['credentials', 'writes'],
  decision: 'room-list-order',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const older = await createRoom(ctx, c.owner, 2);
    const newer = await createRoom(ctx, c.owner, 2);
    const rule = 'after a message in the older room, a second later, getRooms lists it before the newer one, lastActivity descending';
    await ctx.rule(rule, async () => {
      // lastActivity counts seconds: let one pass (the control API moves a frozen clock).
      if (ctx.control) await ctx.control.advanceClock(2_000);
      else await new Promise((r) => setTimeout(r, 1_100));
      const posted = await postMessage(ctx, c.owner, older, 'callrec: this room is active again');
      if (posted.status !== 201) ctx.fail({ rule: 'the owner posts in the older room', expected: 'HTTP 201', actual: `HTTP ${posted.status} ${excerpt(posted)}`, response: posted, operation: OP.sendMessage });
      const res = await ocs(ctx, { method: 'GET', path: `${V1}/room`, as: c.owner, operation: OP.getRooms });
      const list = res.json<{ ocs?: { data?: { token: string; lastActivity: number }[] } }>().ocs?.data ?? [];
      const a = list.findIndex((r) => r.token === older);
      const b = list.findIndex((r) => r.token === newer);
      const descending = list.every((r, i) => i === 0 || list[i - 1]!.lastActivity >= r.lastActivity);
      if (a < 0 || b < 0 || a > b || !descending) ctx.fail({ rule, specRef: '#/paths/~1apps~1spreed~1api~1v1~1room/get', expected: `${older} (written in) before ${newer}, lastActivity never rising down the list`, actual: `${older} at ${a}, ${newer} at ${b}; lastActivity ${list.slice(0, 8).map((r) => r.lastActivity).join(', ')}`, response: res, operation: OP.getRooms, decision: 'room-list-order' });
    }, { operation: OP.getRooms, decision: 'room-list-order' });
  },
};

// A new room never takes the token of one that exists (spreed's Manager draws again until the
// token is free). Only the control API can make a draw collide: reset the mock to the run's seed,
// see which token a new room gets, reset again and seed a room with that token first.
const freshTokens: Check = {
  id: 'nextcloud-talk.rooms.fresh-tokens',
  title: 'a new room never gets the token of an existing room (mock: a drawn token that is taken is drawn again)',
  operations: [OP.createRoom],
  specRef: CREATE_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const rule = 'a room created while the token it would draw is taken gets another token, and the room that had it is kept';
    if (!ctx.control) {
      ctx.skip(rule, 'needs the mock reset and seeded with the token it draws next (control API)', { operation: OP.createRoom });
      return;
    }
    const control = ctx.control;
    const tokenOf = (res: TargetResponse) => res.json<{ ocs?: { data?: { token?: unknown } } }>().ocs?.data?.token;
    const create = () => ocs(ctx, { method: 'POST', path: `${V1}/room`, as: c.owner, body: { roomType: 2, roomName: 'callrec fresh token' }, operation: OP.createRoom });
    await ctx.rule(rule, async () => {
      await control.reset(ctx.seed);
      const first = tokenOf(await create());
      if (typeof first !== 'string') ctx.notApplicable('the mock made no room after a reset');
      await control.reset(ctx.seed);
      await control.seed({ rooms: [{ token: first, type: 2, name: 'callrec seeded first', participants: [{ user: c.owner.user, type: 1 }] }] });
      const res = await create();
      const again = tokenOf(res);
      const kept = await getRoom(ctx, c.owner, first as string);
      if (res.status !== 201 || again === first || kept.name !== 'callrec seeded first') ctx.fail({ rule, specRef: CREATE_SPEC, expected: `HTTP 201 with a token other than ${String(first)}; room ${String(first)} still named "callrec seeded first"`, actual: `HTTP ${res.status}, token ${JSON.stringify(again)}; room ${String(first)} named ${JSON.stringify(kept.name)}`, response: res, operation: OP.createRoom });
    }, { operation: OP.createRoom });
  },
};

export const roomEdgeChecks: Check[] = [unchanged, oneToOneSettings, groupInvite, privateDrops, listByActivity, freshTokens];
