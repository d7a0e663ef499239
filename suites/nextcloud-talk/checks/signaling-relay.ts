// Internal signaling (spreed SignalingController; spec decisions signaling-400, signaling-pull-404):
// messages reach the session they name in the same room, from the sender, and nothing else.
import type { Check, CheckContext } from '../../../core/check.ts';
import {
  OP,
  V1,
  cast,
  createRoom,
  excerpt,
  joinRoom,
  ocs,
  participants,
  requireWrites,
  type Principal,
} from '../support.ts';
import { send } from './room-probes.ts';

const SIGNALING_SPEC = '#/paths/~1apps~1spreed~1api~1v1~1signaling~1{token}/get';

const signalingRelay: Check = {
  id: 'nextcloud-talk.signaling.internal-relay',
  title: 'internal signaling relays a message (ev message) to the session it names in the same room (with `from` set to the sender), never to another room\'s session; usersInRoom comes last; a pull refreshes lastPing; unparseable messages 400; a pull without session 404',
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
    // A pull tells internal signaling apart (a send refused alongside it is then a failure).
    const probe = await ocs(ctx, { method: 'GET', path: `${V1}/signaling/${token}`, as: owner.who, operation: OP.pullSignalingMessages });
    if (probe.status === 400 && /signaling/i.test(probe.text())) ctx.notApplicable('the target uses an external signaling server (internal signaling answers 400): nothing to relay');

    await ctx.rule('a message reaches the session it names, from the sender\'s session, and only that one; usersInRoom comes last and names each session\'s user', async () => {
      const notAMessage = { ev: 'ping', fn: signal(member.sessionId, 'ping').fn }; // only `message` events are relayed
      // A message naming a session nobody has is stored for nobody (SignalingController::sendMessages
      // adds it for that recipient): it reaches no one and the rest of the batch is relayed.
      const nobody = signal(`callrec-no-such-session-${ctx.seed}`, 'offer-nobody');
      // Items that are no object have no `ev` for PHP (null): skipped, like an unknown event.
      const res = await send(owner.who, [signal(stranger.sessionId, 'offer-elsewhere'), notAMessage, null, 5, nobody, signal(member.sessionId, 'offer')]);
      if (res.status !== 200) ctx.fail({ rule: 'a participant with a session sends signaling messages', expected: 'HTTP 200', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.sendSignalingMessages });
      const pulled = await ocs(ctx, { method: 'GET', path: `${V1}/signaling/${token}`, as: member.who, operation: OP.pullSignalingMessages });
      const data = pulled.json<{ ocs?: { data?: { type?: string; data?: unknown }[] } }>().ocs?.data ?? [];
      const messages = data.filter((d) => d.type === 'message').map((d) => { try { return JSON.parse(String(d.data)) as { from?: string; type?: string; to?: string }; } catch { return {}; } });
      const last = data[data.length - 1];
      const entries = Array.isArray(last?.data) ? (last.data as { sessionId?: string; userId?: unknown; inCall?: unknown; roomId?: unknown }[]) : [];
      const users = entries.map((u) => u.sessionId);
      // Each entry names its session's user (empty only for guests) and its call flags: nobody here is in the call.
      const entryOf = (sessionId: string) => entries.find((u) => u.sessionId === sessionId);
      const misnamed = [[owner.sessionId, c.owner.user], [member.sessionId, c.member.user]].filter(([s, user]) => entryOf(s!) && (entryOf(s!)!.userId !== user || entryOf(s!)!.inCall !== 0));
      const problems = [
        pulled.status !== 200 && `HTTP ${pulled.status}`,
        (messages.length !== 1 || messages[0]?.type !== 'offer' || messages[0]?.from !== owner.sessionId || messages[0]?.to !== member.sessionId) && `messages ${JSON.stringify(messages).slice(0, 200)}`,
        last?.type !== 'usersInRoom' && `last entry ${JSON.stringify(last?.type)}`,
        !(users.includes(owner.sessionId) && users.includes(member.sessionId)) && 'usersInRoom lacks the two sessions',
        users.includes(stranger.sessionId) && 'usersInRoom lists a session of another room',
        misnamed.length > 0 && `usersInRoom entries ${JSON.stringify(misnamed.map(([s]) => entryOf(s!)).map((u) => ({ userId: u?.userId, inCall: u?.inCall })))} (expected userId ${c.owner.user} / ${c.member.user}, inCall 0)`,
        entryOf(owner.sessionId)?.roomId !== entryOf(member.sessionId)?.roomId && 'usersInRoom entries of one room carry different roomIds',
      ].filter(Boolean);
      if (problems.length) ctx.fail({ rule: 'signaling messages reach the named session of the room, from the sender', specRef: SIGNALING_SPEC, expected: `one offer from ${owner.sessionId.slice(0, 8)}… to ${member.sessionId.slice(0, 8)}…, then usersInRoom with both sessions`, actual: problems.join('; '), response: pulled, operation: OP.pullSignalingMessages });
      // A pull takes what it answers (SignalingController::pullMessages reads and deletes): the next has none.
      const again = await ocs(ctx, { method: 'GET', path: `${V1}/signaling/${token}`, as: member.who, operation: OP.pullSignalingMessages });
      const repeated = (again.json<{ ocs?: { data?: { type?: string }[] } }>().ocs?.data ?? []).filter((d) => d.type === 'message').length;
      if (again.status !== 200 || repeated !== 0) ctx.fail({ rule: 'a pulled message is answered once', specRef: SIGNALING_SPEC, expected: 'HTTP 200 with no message on the next pull (usersInRoom only)', actual: `HTTP ${again.status}, ${repeated} message(s) again`, response: again, operation: OP.pullSignalingMessages });
    }, { operation: OP.pullSignalingMessages });
    await ctx.rule('in a public room a guest\'s usersInRoom entry has an empty userId, a user\'s names the user', async () => {
      const pub = await createRoom(ctx, c.owner, 3);
      const host = await joinRoom(ctx, c.owner, pub);
      const guest = await joinRoom(ctx, { kind: 'anonymous' }, pub);
      if (host.res.status !== 200 || guest.res.status !== 200) ctx.fail({ rule: 'the owner and a guest open sessions in a public room', expected: 'HTTP 200 each', actual: `HTTP ${host.res.status} / ${guest.res.status}`, response: guest.res, operation: OP.joinRoom });
      const pulled = await ocs(ctx, { method: 'GET', path: `${V1}/signaling/${pub}`, as: guest.who, operation: OP.pullSignalingMessages });
      const data = pulled.json<{ ocs?: { data?: { type?: string; data?: unknown }[] } }>().ocs?.data ?? [];
      const last = data[data.length - 1];
      const entries = Array.isArray(last?.data) ? (last.data as { sessionId?: string; userId?: unknown }[]) : [];
      const of = (sessionId: string) => entries.find((u) => u.sessionId === sessionId)?.userId;
      if (pulled.status !== 200 || of(guest.sessionId) !== '' || of(host.sessionId) !== c.owner.user) ctx.fail({ rule: 'usersInRoom: userId is empty for guests', specRef: SIGNALING_SPEC, expected: `the guest's entry userId "", the owner's ${c.owner.user}`, actual: `HTTP ${pulled.status}, guest ${JSON.stringify(of(guest.sessionId))}, owner ${JSON.stringify(of(host.sessionId))}`, response: pulled, operation: OP.pullSignalingMessages });
    }, { operation: OP.pullSignalingMessages });
    // Seed 004 no-ping: "Ping is updated with a call to fetch the signaling or chat messages".
    await ctx.rule('a pull refreshes the puller\'s lastPing (seed 004 no-ping)', async () => {
      const pingOf = async () => (await participants(ctx, c.owner, token)).list.find((p) => p.userId === c.member.user)?.lastPing;
      const before = await pingOf();
      if (ctx.control) await ctx.control.advanceClock(5_000);
      else await new Promise((r) => setTimeout(r, 2_200));
      const res = await ocs(ctx, { method: 'GET', path: `${V1}/signaling/${token}`, as: member.who, operation: OP.pullSignalingMessages });
      const after = await pingOf();
      const gap = ctx.control ? 5 : 2;
      if (res.status !== 200 || typeof after !== 'number' || typeof before !== 'number' || after - before < gap) ctx.fail({ rule: 'a signaling pull pings the session', specRef: SIGNALING_SPEC, expected: `HTTP 200, lastPing moved on from ${String(before)} by at least ${gap} s`, actual: `HTTP ${res.status}, lastPing ${String(after)}`, response: res, operation: OP.pullSignalingMessages });
    }, { operation: OP.pullSignalingMessages });
    // Decision signaling-400: a message whose fn decodes to no object is dropped (the platform's PHP
    // fails on it), the rest of the batch relayed.
    await ctx.rule('a message whose fn is JSON null is dropped; the rest of the batch is relayed (200)', async () => {
      const res = await send(owner.who, [{ ev: 'message', fn: 'null' }, signal(member.sessionId, 'answer')]);
      const pulled = await ocs(ctx, { method: 'GET', path: `${V1}/signaling/${token}`, as: member.who, operation: OP.pullSignalingMessages });
      const kinds = (pulled.json<{ ocs?: { data?: { type?: string; data?: unknown }[] } }>().ocs?.data ?? []).filter((d) => d.type === 'message').map((d) => { try { return (JSON.parse(String(d.data)) as { type?: string }).type; } catch { return undefined; } });
      if (res.status !== 200 || kinds.join() !== 'answer') ctx.fail({ rule: 'a message that is no object is dropped', specRef: SIGNALING_SPEC, expected: 'HTTP 200, and the member pulls the one answer', actual: `HTTP ${res.status} ${excerpt(res, 120)}, pulled ${JSON.stringify(kinds)}`, response: res, operation: OP.sendSignalingMessages, decision: 'signaling-400' });
    }, { operation: OP.sendSignalingMessages, decision: 'signaling-400' });
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

export const signalingChecks: Check[] = [signalingRelay];
