// The lobby's timer, as decision lobby-412 has it: once the timer has passed, the lobby is open
// when the room is next read. The server's clock is read from the timestamps of messages it stamps. A timer long past (1 s after the epoch) opens the lobby at
// once on any server clock; a timer a day ahead keeps it closed and is shown as set.
import type { Check, CheckContext } from '../../../core/check.ts';
import { OP, V1, cast, createRoom, excerpt, getRoom, ocs, postMessage, requireWrites } from '../support.ts';

const lobbyTimer: Check = {
  id: 'nextcloud-talk.rooms.lobby-timer-edges',
  title: 'a lobby whose timer has passed is open (lobbyState 0, members chat); a timer ahead keeps it closed and is shown as lobbyTimer',
  operations: [OP.setLobby, OP.getRoom, OP.sendMessage],
  specRef: '#/paths/~1apps~1spreed~1api~1v1~1room~1{token}~1webinary~1lobby/put',
  needs: ['credentials', 'writes'],
  decision: 'lobby-412',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2, [c.member]);
    const lobby = (body: Record<string, unknown>) => ocs(ctx, { method: 'PUT', path: `${V1}/room/${token}/webinary/lobby`, as: c.owner, body, operation: OP.setLobby });
    await ctx.rule('a lobby timer in the past opens the lobby: lobbyState 0, lobbyTimer 0, and a plain member posts (201)', async () => {
      const res = await lobby({ state: 1, timer: 1 });
      const r = await getRoom(ctx, c.member, token);
      const posted = await postMessage(ctx, c.member, token, 'the lobby timer has passed');
      if (res.status !== 200 || r.lobbyState !== 0 || r.lobbyTimer !== 0 || posted.status !== 201) ctx.fail({ rule: 'a passed lobby timer opens the lobby', expected: 'HTTP 200, then lobbyState 0 and lobbyTimer 0 for the member, whose message is 201', actual: `HTTP ${res.status}, lobbyState ${String(r.lobbyState)}, lobbyTimer ${String(r.lobbyTimer)}, post HTTP ${posted.status} ${excerpt(posted)}`, response: posted, operation: OP.setLobby, decision: 'lobby-412' });
    }, { operation: OP.setLobby, decision: 'lobby-412' });
    await ctx.rule('a lobby timer at the server\'s current second (a message\'s timestamp) has passed too: lobbyState 0', async () => {
      // The server's clock, read from the timestamp of a message it stamps now.
      const posted = await postMessage(ctx, c.owner, token, 'what time is it');
      const now = posted.status === 201 ? Number(posted.json<{ ocs?: { data?: { timestamp?: unknown } } }>().ocs?.data?.timestamp) : Number.NaN;
      if (!Number.isInteger(now)) ctx.fail({ rule: 'the owner posts a message', expected: 'HTTP 201 with an integer timestamp', actual: `HTTP ${posted.status} ${excerpt(posted)}`, response: posted, operation: OP.sendMessage });
      const res = await lobby({ state: 1, timer: now });
      const r = await getRoom(ctx, c.member, token);
      await lobby({ state: 0 });
      if (res.status !== 200 || r.lobbyState !== 0) ctx.fail({ rule: 'a lobby timer of now has passed', expected: `HTTP 200, then lobbyState 0 (timer ${now}, the server's second when it stamped a message)`, actual: `HTTP ${res.status}, lobbyState ${String(r.lobbyState)}, lobbyTimer ${String(r.lobbyTimer)}`, response: res, operation: OP.setLobby, decision: 'lobby-412' });
    }, { operation: OP.setLobby, decision: 'lobby-412' });
    await ctx.rule('a lobby timer ahead keeps the lobby closed and is shown (lobbyState 1, lobbyTimer as set; a plain member\'s post is 412)', async () => {
      const stamped = await postMessage(ctx, c.owner, token, 'a day from now');
      const now = Number(stamped.json<{ ocs?: { data?: { timestamp?: unknown } } }>().ocs?.data?.timestamp);
      const timer = (Number.isInteger(now) ? now : Math.floor(Date.now() / 1000)) + 86_400;
      const res = await lobby({ state: 1, timer });
      const r = await getRoom(ctx, c.member, token);
      const posted = await postMessage(ctx, c.member, token, 'the lobby is still closed');
      await lobby({ state: 0 });
      if (res.status !== 200 || r.lobbyState !== 1 || r.lobbyTimer !== timer || posted.status !== 412) ctx.fail({ rule: 'a lobby timer ahead keeps the lobby closed', expected: `HTTP 200, lobbyState 1, lobbyTimer ${timer}, the member's post 412`, actual: `HTTP ${res.status}, lobbyState ${String(r.lobbyState)}, lobbyTimer ${String(r.lobbyTimer)}, post HTTP ${posted.status}`, response: posted, operation: OP.setLobby, decision: 'lobby-412' });
    }, { operation: OP.setLobby, decision: 'lobby-412' });
  },
};

export const lobbyTimerEdgeChecks: Check[] = [lobbyTimer];
