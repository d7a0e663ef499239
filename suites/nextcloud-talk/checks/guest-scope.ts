// What a guest's browser session (a cookie, no user) may do: its public room's chat as a guest,
// nothing a user or a moderator does, no other room (seed 004 "Guests"; spec Unauthorized and
// NotFound), and how moderators promote, demote and remove guests by session.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import {
  OP,
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
  requireWrites,
  type ChatMessageView,
  type OperationId,
  type Principal,
} from '../support.ts';
import { spend } from '../brute-force.ts';
import { KEEP, SYSTEM_SPEC, type Probe, roomProbes, send, newest } from './room-probes.ts';

const guestScope: Check = {
  id: 'nextcloud-talk.auth.guest-scope',
  title: 'a guest browser session (cookie) reads and writes the chat of its public room as a guest, is not a user (401 for user-only operations, 404 for per-user settings), not a moderator (403), and unknown to group rooms (404)',
  operations: [OP.joinRoom, OP.getRoom, OP.getRooms, OP.createRoom, OP.addFavorite, OP.setNotificationLevel, OP.renameRoom, OP.makePrivate, OP.setPassword, OP.addParticipant, OP.deleteRoom, OP.sendMessage, OP.removeGuest, OP.leaveRoom, OP.promoteModerator, OP.demoteModerator, OP.removeSelf],
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
    const guestName = `Callrec Guest ${ctx.seed}`;
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
    /** A session that left or was removed: promoting it and removing it are 404. */
    const expectGone = async (rule: string, sessionId: string) => {
      const wrong: string[] = [];
      let first: TargetResponse | undefined;
      for (const [method, path, body, operation] of [
        ['POST', `${room}/moderators`, { sessionId }, OP.promoteModerator],
        ['DELETE', `${room}/participants/guests`, { participant: sessionId }, OP.removeGuest],
      ] as const) {
        const res = await ocs(ctx, { method, path, as: c.owner, body, operation });
        if (res.status !== 404) {
          wrong.push(`${operation} HTTP ${res.status}`);
          first ??= res;
        }
      }
      if (first) ctx.fail({ rule, specRef: '#/components/responses/NotFound', expected: 'HTTP 404 for promoting and for removing that session', actual: wrong.join('; '), response: first, operation: first.exchange.operation });
    };

    await R('the guest sees the room as a guest (participantType 4) and posts as a guest', OP.getRoom, async () => {
      const r = await getRoom(ctx, guest, pub);
      if (r.participantType !== 4) ctx.fail({ rule: 'a guest sees the room as participantType 4', expected: 'participantType 4', actual: `participantType ${r.participantType}`, operation: OP.getRoom });
      const posted = await ocs(ctx, { method: 'POST', path: `${V1}/chat/${pub}`, as: guest, body: { message: 'hello from a guest' }, operation: OP.sendMessage });
      if (posted.status !== 201) ctx.fail({ rule: 'a guest posts in its public room', expected: 'HTTP 201', actual: `HTTP ${posted.status} ${excerpt(posted)}`, response: posted, operation: OP.sendMessage });
      const m = await newest(ctx, c.owner, pub);
      if (m?.actorType !== 'guests' || m.message !== 'hello from a guest') ctx.fail({ rule: 'a guest\'s message is authored by a guest', expected: 'newest message by actorType guests', actual: m ? `${m.actorType}/${m.actorId}: ${m.message}` : 'no message', operation: OP.receiveMessages });
    });
    // Seed 004: count is the number of active users, numGuests of active guests; only the guest has a session yet.
    await R('the room counts the guest\'s session as an active guest (numGuests 1), not as a user (count 0)', OP.getRoom, async () => {
      const r = await getRoom(ctx, c.owner, pub);
      if (r.numGuests !== 1 || r.count !== 0) ctx.fail({ rule: 'a connected guest counts in numGuests', expected: 'numGuests 1, count 0', actual: `numGuests ${String(r.numGuests)}, count ${String(r.count)}`, operation: OP.getRoom });
    });
    await R('a guest posting with actorDisplayName is named so from then on (guest-display-names)', OP.sendMessage, async () => {
      const name = guestName;
      const posted = await ocs(ctx, { method: 'POST', path: `${V1}/chat/${pub}`, as: guest, body: { message: 'named now', actorDisplayName: name }, operation: OP.sendMessage });
      const m = await newest(ctx, c.owner, pub);
      const listed = (await participants(ctx, c.owner, pub)).list.filter((p) => p.userId === '').map((p) => p.displayName);
      if (posted.status !== 201 || m?.actorDisplayName !== name || !listed.includes(name)) ctx.fail({ rule: 'a guest\'s actorDisplayName names it', expected: `the message and the guest participant named ${JSON.stringify(name)}`, actual: `HTTP ${posted.status}, message by ${JSON.stringify(m?.actorDisplayName)}, guests listed as ${JSON.stringify(listed)}`, response: posted, operation: OP.sendMessage });
    });
    await R('user-only operations answer a guest 401 (not logged in)', OP.getRooms, () => expectEach('user-only operations answer a guest 401', 401, [
      { operation: OP.getRooms, method: 'GET', path: `${V1}/room` },
      { operation: OP.createRoom, method: 'POST', path: `${V1}/room`, body: { roomType: 3, roomName: 'by a guest' } },
    ]));
    // Nextcloud's Dispatcher runs the middlewares (SecurityMiddleware: not logged in → 401) before
    // executeController reads the parameters; so a body that does not parse never comes first.
    await R('a user-only operation answers a guest 401 before its body is read', OP.createRoom, async () => {
      const res = await ocs(ctx, { method: 'POST', path: `${V1}/room`, as: guest, body: '{"roomType": 3, "roomName": "broken', headers: { 'content-type': 'application/json' }, operation: OP.createRoom });
      if (res.status !== 401) ctx.fail({ rule: 'not logged in comes before a body that does not parse', specRef: '#/components/responses/Unauthorized', expected: 'HTTP 401', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.createRoom });
    });
    await R('Basic credentials of an unknown user, or that do not decode, are 401 (not a guest, never a 5xx)', OP.getRoom, async () => {
      const wrong: string[] = [];
      let shown: TargetResponse | undefined;
      // PHP decodes everything after "Basic " as the credentials: a second scheme word before the
      // owner's valid token, or words after it, corrupt them.
      const ownerBasic = basicAuth(c.owner.user, c.owner.password);
      for (const authorization of [basicAuth(`callrec-nobody-${ctx.seed}`, 'x'), 'Basic !!not-base64!!', `Basic ${Buffer.from('no-colon').toString('base64')}`, `Basic ${ownerBasic}`, `${ownerBasic} trailing words`]) {
        const res = await ctx.target.request({ method: 'GET', path: room, query: { format: 'json' }, auth: { authorization, 'ocs-apirequest': 'true' }, operation: OP.getRoom });
        if (res.status !== 401) {
          wrong.push(`${authorization.slice(0, 24)}…: HTTP ${res.status}`);
          shown ??= res;
        }
      }
      if (shown) ctx.fail({ rule: 'bad Basic credentials are 401', specRef: '#/components/responses/Unauthorized', expected: 'HTTP 401 for each', actual: wrong.join('; '), response: shown, operation: OP.getRoom });
    });
    // PHP reads Basic credentials only from a header that starts with "Basic " (its SAPI's
    // php_handle_auth_data, then Nextcloud's tryBasicAuthLogin): a header of another scheme leaves
    // the caller to its session cookie, even when "Basic " appears further on.
    await R('an Authorization header of another scheme beside the guest\'s cookie leaves it the guest (200, participantType 4, its own sessionId)', OP.getRoom, async () => {
      const res = await ctx.target.request({ method: 'GET', path: room, query: { format: 'json' }, auth: { ...headersFor(guest), authorization: 'Digest username="callrec", realm="Basic access"' }, operation: OP.getRoom });
      const seen = res.status === 200 ? res.json<{ ocs?: { data?: { participantType?: unknown; sessionId?: unknown } } }>().ocs?.data : undefined;
      if (res.status !== 200 || seen?.participantType !== 4 || seen.sessionId !== joined.sessionId) ctx.fail({ rule: 'another scheme is no Basic credentials', specRef: '#/components/responses/Unauthorized', expected: `HTTP 200, participantType 4 and the guest's own sessionId ${joined.sessionId.slice(0, 8)}…`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.getRoom });
    });
    // A browser sends every cookie of the site in one Cookie header ("a=1; b=2", RFC 6265 §5.4);
    // PHP's $_COOKIE holds each of them, so the session is found wherever it stands.
    await R('the guest\'s session cookie is found among other cookies, before and after it (200, participantType 4, its own sessionId)', OP.getRoom, async () => {
      const own = headersFor(guest).cookie ?? '';
      const res = await ctx.target.request({ method: 'GET', path: room, query: { format: 'json' }, auth: { 'ocs-apirequest': 'true', cookie: `callrec_first=1; ${own};callrec_last=2` }, operation: OP.getRoom });
      const seen = res.status === 200 ? res.json<{ ocs?: { data?: { participantType?: unknown; sessionId?: unknown } } }>().ocs?.data : undefined;
      // A caller without a session would see the public room too (type 4), but with sessionId "0".
      if (res.status !== 200 || seen?.participantType !== 4 || seen.sessionId !== joined.sessionId) ctx.fail({ rule: 'the session cookie counts wherever it stands in the Cookie header', expected: `HTTP 200, participantType 4 and the guest's own sessionId ${joined.sessionId.slice(0, 8)}…`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.getRoom });
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
    // The messages name the guest as a Rich Object {type guest, id guest/…, name}: by its name
    // followed by ' (guest)', 'Guest' while unnamed (spreed's SystemMessage parser, getGuestName).
    const guestNamed = (rule: string, m: ChatMessageView | undefined, name: string | undefined) => {
      const user = (m?.messageParameters as { user?: { type?: unknown; id?: unknown; name?: unknown } } | undefined)?.user;
      const want = name === undefined ? 'Guest' : `${name} (guest)`;
      if (user?.type !== 'guest' || typeof user.id !== 'string' || !user.id.startsWith('guest/') || user.name !== want) ctx.fail({ rule, specRef: SYSTEM_SPEC, expected: `messageParameters.user {type: guest, id: guest/…, name: "${want}"}`, actual: JSON.stringify(user ?? null), operation: OP.receiveMessages });
    };
    await R('a moderator promotes a guest by its session (type 6, guest_moderator_promoted) and demotes it again (type 4, guest_moderator_demoted); the messages name the guest', OP.promoteModerator, async () => {
      for (const [method, type, system] of [['POST', 6, 'guest_moderator_promoted'], ['DELETE', 4, 'guest_moderator_demoted']] as const) {
        const res = await ocs(ctx, { method, path: `${room}/moderators`, as: c.owner, body: { sessionId: joined.sessionId }, operation: method === 'POST' ? OP.promoteModerator : OP.demoteModerator });
        const seen = await getRoom(ctx, guest, pub);
        const m = await newest(ctx, c.owner, pub);
        if (res.status !== 200 || seen.participantType !== type || m?.systemMessage !== system || m.actorId !== c.owner.user) ctx.fail({ rule: `${method === 'POST' ? 'promoting' : 'demoting'} a guest by its session`, specRef: SYSTEM_SPEC, expected: `HTTP 200, the guest sees participantType ${type}, newest message ${system} by ${c.owner.user}`, actual: `HTTP ${res.status}, participantType ${seen.participantType}, newest ${m?.systemMessage} by ${m?.actorId}`, response: res, operation: OP.promoteModerator });
        guestNamed(`${system} names the guest by its name`, m, guestName);
      }
    });
    // RoomController::changeParticipantType: a guest's own session is refused like a user's own id (403).
    await R('a guest moderator cannot demote its own session (403, still type 6)', OP.demoteModerator, async () => {
      const promoted = await ocs(ctx, { method: 'POST', path: `${room}/moderators`, as: c.owner, body: { sessionId: joined.sessionId }, operation: OP.promoteModerator });
      try {
        const self = await ocs(ctx, { method: 'DELETE', path: `${room}/moderators`, as: guest, body: { sessionId: joined.sessionId }, operation: OP.demoteModerator });
        const seen = await getRoom(ctx, guest, pub);
        if (promoted.status !== 200 || self.status !== 403 || seen.participantType !== 6) ctx.fail({ rule: 'nobody demotes itself, a guest moderator neither', specRef: '#/components/responses/Forbidden', expected: 'promoted (200), then HTTP 403 for its own demotion, still participantType 6', actual: `HTTP ${promoted.status}, then ${self.status}, participantType ${seen.participantType}`, response: self, operation: OP.demoteModerator });
      } finally {
        await ocs(ctx, { method: 'DELETE', path: `${room}/moderators`, as: c.owner, body: { sessionId: joined.sessionId }, operation: OP.demoteModerator });
      }
    });
    await R('a guest who never named itself is "Guest" in guest_moderator_promoted', OP.promoteModerator, async () => {
      const unnamed = await joinRoom(ctx, { kind: 'anonymous' }, pub);
      try {
        const res = await ocs(ctx, { method: 'POST', path: `${room}/moderators`, as: c.owner, body: { sessionId: unnamed.sessionId }, operation: OP.promoteModerator });
        if (res.status !== 200) ctx.fail({ rule: 'promoting a second guest by its session', expected: 'HTTP 200', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.promoteModerator });
        guestNamed('guest_moderator_promoted names an unnamed guest "Guest"', await newest(ctx, c.owner, pub), undefined);
      } finally {
        // Later rules count the guests: this one is demoted and leaves again.
        await ocs(ctx, { method: 'DELETE', path: `${room}/moderators`, as: c.owner, body: { sessionId: unnamed.sessionId }, operation: OP.demoteModerator });
        await ocs(ctx, { method: 'DELETE', path: `${room}/participants/active`, as: unnamed.who, operation: OP.leaveRoom });
      }
    });
    // RoomController looks a sessionId up within the room it acts on (ParticipantNotFound → 404).
    await R('a moderator of another room cannot promote, demote or remove this guest by its session (404, type kept)', OP.promoteModerator, async () => {
      const elsewhere = await createRoom(ctx, c.owner, 3);
      const wrong: string[] = [];
      let first: TargetResponse | undefined;
      for (const [method, path, body, operation] of [
        ['POST', 'moderators', { sessionId: joined.sessionId }, OP.promoteModerator],
        ['DELETE', 'moderators', { sessionId: joined.sessionId }, OP.demoteModerator],
        ['DELETE', 'participants/guests', { participant: joined.sessionId }, OP.removeGuest],
      ] as const) {
        const res = await ocs(ctx, { method, path: `${V1}/room/${elsewhere}/${path}`, as: c.owner, body, operation });
        const seen = await getRoom(ctx, guest, pub);
        if (res.status !== 404 || seen.participantType !== 4) {
          wrong.push(`${operation} HTTP ${res.status}, guest type ${seen.participantType}`);
          first ??= res;
        }
      }
      if (first) ctx.fail({ rule: 'a session of another room is nobody here', specRef: '#/components/responses/NotFound', expected: 'HTTP 404 for promote, demote and remove, the guest still type 4 in its room', actual: wrong.join('; '), response: first, operation: first.exchange.operation });
    });
    // RoomController counts users, not guests, for the last-moderator rule (getNumberOfUsers > 1).
    await R('the only user of a public room leaves it (200) though a guest is still in it: guests do not count for the last-moderator rule, and the room goes with its last user (404)', OP.removeSelf, async () => {
      const alone = await createRoom(ctx, c.owner, 3);
      const visitor = await joinRoom(ctx, { kind: 'anonymous' }, alone);
      const left = await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${alone}/participants/self`, as: c.owner, operation: OP.removeSelf });
      if (visitor.res.status !== 200 || left.status !== 200) ctx.fail({ rule: 'the last user leaves a room only guests stay in', expected: 'HTTP 200 (a guest joins, then the owner leaves)', actual: `HTTP ${visitor.res.status} / ${left.status} ${excerpt(left)}`, response: left, operation: OP.removeSelf });
      // The room goes with its last user: removeSelfFromRoom deletes it (Talk 6: getNumberOfParticipants() === 1, guests ignored; later getNumberOfUsers).
      spend(ctx, 'talkRoomToken', 1, KEEP); // a deleted room's token is a token nobody can reach
      const gone = await ocs(ctx, { method: 'GET', path: `${V1}/room/${alone}`, as: visitor.who, operation: OP.getRoom });
      if (gone.status !== 404) ctx.fail({ rule: 'a room its last user left is deleted, guests notwithstanding', specRef: '#/paths/~1apps~1spreed~1api~1v1~1room~1{token}~1participants~1self/delete', expected: 'HTTP 404 for the guest who stayed', actual: `HTTP ${gone.status} ${excerpt(gone)}`, response: gone, operation: OP.getRoom });
    });
    await R('setGuestName needs a displayName (400) and a room the guest joined (404)', OP.setGuestName, async () => {
      const missing = await ocs(ctx, { method: 'POST', path: `${V1}/guest/${pub}/name`, as: guest, body: {}, operation: OP.setGuestName });
      const other = await createRoom(ctx, c.owner, 3);
      const elsewhere = await ocs(ctx, { method: 'POST', path: `${V1}/guest/${other}/name`, as: guest, body: { displayName: 'not here' }, operation: OP.setGuestName });
      if (elsewhere.status !== 404) ctx.fail({ rule: 'setGuestName in a room the guest never joined is 404', expected: 'HTTP 404', actual: `HTTP ${elsewhere.status}`, response: elsewhere, operation: OP.setGuestName });
      if (missing.status !== 400) ctx.fail({ rule: 'setGuestName without displayName is 400', expected: 'HTTP 400', actual: `HTTP ${missing.status}`, response: missing, operation: OP.setGuestName, decision: 'missing-param-400' });
    });
    await R('an anonymous browser cannot join a group room by its token (404)', OP.joinRoom, async () => {
      spend(ctx, 'talkRoomToken', 1, KEEP);
      const res = await ocs(ctx, { method: 'POST', path: `${V1}/room/${group}/participants/active`, as: { kind: 'anonymous' }, operation: OP.joinRoom });
      if (res.status !== 404) ctx.fail({ rule: 'only public rooms take guests', specRef: '#/components/responses/NotFound', expected: 'HTTP 404', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.joinRoom });
    });
    await R('a guest\'s session does not reach a group room (404)', OP.getRoom, async () => {
      spend(ctx, 'talkRoomToken', 1, KEEP); // a room the caller cannot reach counts as a guessed token
      await expectEach('a guest does not reach a group room', 404, roomProbes(group, c.other.user).slice(0, 1));
    });
    await R('a plain user cannot remove a guest (403); a moderator removes a guest by its session (200, gone; its session is then nobody: 404); a user\'s session is no guest (400)', OP.removeGuest, async () => {
      const second = await joinRoom(ctx, { kind: 'anonymous' }, pub);
      if (second.res.status !== 200 || !second.sessionId) ctx.fail({ rule: 'a second guest joins', expected: 'HTTP 200 with a sessionId', actual: `HTTP ${second.res.status}`, response: second.res, operation: OP.joinRoom });
      const guestsBefore = (await participants(ctx, c.owner, pub)).list.filter((p) => p.userId === '').length;
      // RoomController::removeGuestFromRoom requires a moderator (RequireModeratorParticipant).
      const byMember = await ocs(ctx, { method: 'DELETE', path: `${room}/participants/guests`, as: c.member, body: { participant: second.sessionId }, operation: OP.removeGuest });
      const guestsKept = (await participants(ctx, c.owner, pub)).list.filter((p) => p.userId === '').length;
      if (byMember.status !== 403 || guestsKept !== guestsBefore) ctx.fail({ rule: 'a plain user cannot remove a guest', specRef: '#/components/responses/Forbidden', expected: `HTTP 403 and still ${guestsBefore} guest(s)`, actual: `HTTP ${byMember.status}, ${guestsKept} guest(s)`, response: byMember, operation: OP.removeGuest });
      const removed = await ocs(ctx, { method: 'DELETE', path: `${room}/participants/guests`, as: c.owner, body: { participant: second.sessionId }, operation: OP.removeGuest });
      const guestsAfter = (await participants(ctx, c.owner, pub)).list.filter((p) => p.userId === '').length;
      if (removed.status !== 200 || guestsAfter !== guestsBefore - 1) ctx.fail({ rule: 'a moderator removes a guest by its session', expected: `HTTP 200 and ${guestsBefore - 1} guest(s) left`, actual: `HTTP ${removed.status}, ${guestsAfter} guest(s) left`, response: removed, operation: OP.removeGuest });
      // RoomController looks the session up again (getParticipantBySession): a removed guest's
      // session is nobody (ParticipantNotFound → 404), for removing it again and for promoting it.
      await expectGone('a removed guest\'s session is no longer found', second.sessionId);
      const member = await joinRoom(ctx, c.member, pub);
      const notGuest = await ocs(ctx, { method: 'DELETE', path: `${room}/participants/guests`, as: c.owner, body: { participant: member.sessionId }, operation: OP.removeGuest });
      if (notGuest.status !== 400) ctx.fail({ rule: 'removeGuest naming a user\'s session is 400', expected: 'HTTP 400', actual: `HTTP ${notGuest.status} ${excerpt(notGuest)}`, response: notGuest, operation: OP.removeGuest, decision: 'remove-guest-not-guest' });
    });
    // Decision guest-rejoin-same-participant: joining again with the session cookie keeps the guest
    // (spreed's joinRoomAsNewGuest reuses the previous participant's attendee since Talk 12).
    let session = joined.sessionId;
    let rejoined: Principal = guest;
    await R('a guest moderator who joins again with its session cookie is the same participant (type 6 kept)', OP.joinRoom, async () => {
      const promoted = await ocs(ctx, { method: 'POST', path: `${room}/moderators`, as: c.owner, body: { sessionId: session }, operation: OP.promoteModerator });
      const again = await joinRoom(ctx, guest, pub);
      if (again.res.status === 200 && again.sessionId) [session, rejoined] = [again.sessionId, again.who];
      const seen = await getRoom(ctx, rejoined, pub);
      await ocs(ctx, { method: 'DELETE', path: `${room}/moderators`, as: c.owner, body: { sessionId: session }, operation: OP.demoteModerator });
      if (promoted.status !== 200 || again.res.status !== 200 || seen.participantType !== 6) ctx.fail({ rule: 'a guest who joins again keeps its participant', specRef: '#/paths/~1apps~1spreed~1api~1v1~1room~1{token}~1participants~1active/post', expected: 'promoted (200), joined again (200), still participantType 6', actual: `HTTP ${promoted.status}, HTTP ${again.res.status}, participantType ${seen.participantType}`, response: again.res, operation: OP.joinRoom, decision: 'guest-rejoin-same-participant' });
    }, 'guest-rejoin-same-participant');
    await R('a guest who leaves is no participant any more (its session is then nobody: 404)', OP.leaveRoom, async () => {
      const before = (await participants(ctx, c.owner, pub)).list.filter((p) => p.userId === '').length;
      const left = await ocs(ctx, { method: 'DELETE', path: `${room}/participants/active`, as: rejoined, operation: OP.leaveRoom });
      if (left.status !== 200) ctx.fail({ rule: 'a guest leaves the room', expected: 'HTTP 200', actual: `HTTP ${left.status}`, response: left, operation: OP.leaveRoom });
      const after = (await participants(ctx, c.owner, pub)).list.filter((p) => p.userId === '').length;
      if (before !== 1 || after !== 0) ctx.fail({ rule: 'a guest who leaves is removed', expected: 'one guest listed before leaving, none after', actual: `${before} before, ${after} after`, operation: OP.getParticipants });
      await expectGone('a guest\'s session ends when it leaves', session);
    });
  },
};

export const guestScopeChecks: Check[] = [guestScope];
