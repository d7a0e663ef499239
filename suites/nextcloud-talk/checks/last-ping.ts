// A session's lastPing (seed 004 capability no-ping: "Ping is updated with a call to fetch the
// signaling or chat messages instead"; Talk 6 ChatController::receiveMessages pings the room for a
// caller with a session): reading the chat moves it on to the time of the request, as the
// participant list shows it. A signaling pull's ping is checked with internal signaling
// (signaling-relay.ts), which a server with an external signaling server does not offer.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { OP, cast, createRoom, excerpt, joinRoom, participants, postMessage, readChat, requireWrites, type Principal } from '../support.ts';

const PING_SPEC = '#/paths/~1apps~1spreed~1api~1v1~1chat~1{token}/get';

const lastPing: Check = {
  id: 'nextcloud-talk.participants.last-ping',
  title: 'a new session starts with the join\'s time as lastPing, and reading the chat refreshes it to the time of the request (seed 004 no-ping)',
  operations: [OP.joinRoom, OP.receiveMessages, OP.getParticipants, OP.sendMessage],
  specRef: PING_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2, [c.member]);
    // The server's time just before the join, as the timestamp of a message it stamps.
    const stamp = await postMessage(ctx, c.owner, token, 'callrec: the time before the join');
    const stamped = Number(stamp.json<{ ocs?: { data?: { timestamp?: unknown } } }>().ocs?.data?.timestamp);
    const joined = await joinRoom(ctx, c.member, token);
    if (joined.res.status !== 200) ctx.fail({ rule: 'the member opens a room session', expected: 'HTTP 200', actual: `HTTP ${joined.res.status} ${excerpt(joined.res)}`, response: joined.res, operation: OP.joinRoom });
    const member: Principal = joined.who;
    const pingOf = async () => (await participants(ctx, c.owner, token)).list.find((p) => p.userId === c.member.user)?.lastPing;
    // Time passes between the last ping and the request: 5 s of the mock's clock, or 2.2 s of a
    // real server's (lastPing counts whole seconds, so it must then have moved by at least 2).
    const gap = ctx.control ? 5 : 2;
    const later = async () => {
      if (ctx.control) await ctx.control.advanceClock(5_000);
      else await new Promise((r) => setTimeout(r, 2_200));
    };
    /** After `request`, the member's lastPing has moved on by the time that passed since the last one. */
    const expectPing = async (rule: string, request: () => Promise<TargetResponse>, operation: string) => {
      const before = await pingOf();
      await later();
      const res = await request();
      const after = await pingOf();
      const fresh = typeof after === 'number' && typeof before === 'number' && after - before >= gap;
      if (!fresh) ctx.fail({ rule, specRef: PING_SPEC, expected: `HTTP 200, lastPing moved on from ${String(before)} by at least ${gap} s (the time since)`, actual: `HTTP ${res.status}, lastPing ${String(after)}`, response: res, operation });
    };

    // A new session starts with a ping (SessionService creates it with lastPing = now).
    await ctx.rule('joining the room pings the new session: lastPing is the time of the join', async () => {
      const at = await pingOf();
      if (typeof at !== 'number' || !Number.isFinite(stamped) || at < stamped || at - stamped > 5) ctx.fail({ rule: 'a new session has the join\'s time as lastPing', specRef: '#/components/schemas/Participant', expected: `lastPing ${stamped}…${stamped + 5} (a message posted just before the join was stamped ${stamped})`, actual: `lastPing ${String(at)}`, response: joined.res, operation: OP.joinRoom });
    }, { operation: OP.joinRoom });
    await ctx.rule('reading the chat refreshes the reader\'s lastPing', () =>
      expectPing('a chat read pings the session', () => readChat(ctx, member, token, { lookIntoFuture: 0, limit: 1 }), OP.receiveMessages), { operation: OP.receiveMessages });
  },
};

export const lastPingChecks: Check[] = [lastPing];
