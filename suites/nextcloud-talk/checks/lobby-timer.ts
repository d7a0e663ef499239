// The lobby timer (webinary docs: `timer` is "the timestamp when the lobby state is reset to no
// lobby"). spreed reads the lobby through Room::getLobbyState/getLobbyTimer, which first run
// validateTimer: a timer that has passed turns the lobby off and clears the timer, whoever reads
// (one room or the list). WebinarController::setLobby only takes a timer above 0; 0 is no timer.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { OP, V1, cast, createRoom, excerpt, getRoom, ocs, readChat, requireWrites, type Principal, type RoomView } from '../support.ts';

const LOBBY_SPEC = '#/paths/~1apps~1spreed~1api~1v1~1room~1{token}~1webinary~1lobby/put';

/** A lobby timer long past on any server's clock: a few days after the Unix epoch. */
const LONG_AGO = 1_000_000;

const lobbyTimer: Check = {
  id: 'nextcloud-talk.rooms.lobby-timer',
  title: 'a lobby timer already past opens the lobby at once (lobbyState 0, lobbyTimer 0, in the room and the room list); timer 0 is no timer; a timer that passes opens the lobby',
  operations: [OP.setLobby, OP.getRoom, OP.getRooms, OP.receiveMessages],
  specRef: LOBBY_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const setLobby = (token: string, body: Record<string, unknown>) => ocs(ctx, { method: 'PUT', path: `${V1}/room/${token}/webinary/lobby`, as: c.owner, body, operation: OP.setLobby });
    const want = (res: TargetResponse, status: number, rule: string) => {
      if (res.status !== status) ctx.fail({ rule, specRef: LOBBY_SPEC, expected: `HTTP ${status}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: res.exchange.operation });
    };
    /** The room as `who` finds it in the room list (read first) and then on its own. */
    const views = async (who: Principal, token: string): Promise<{ listed: RoomView | undefined; single: RoomView | undefined; res: TargetResponse }> => {
      const res = await ocs(ctx, { method: 'GET', path: `${V1}/room`, as: who, operation: OP.getRooms });
      const list = res.json<{ ocs?: { data?: RoomView[] } }>().ocs?.data;
      const listed = Array.isArray(list) ? list.find((r) => r.token === token) : undefined;
      const one = await ocs(ctx, { method: 'GET', path: `${V1}/room/${token}`, as: who, operation: OP.getRoom });
      const single = one.status === 200 ? one.json<{ ocs?: { data?: RoomView } }>().ocs?.data : undefined;
      return { listed, single, res };
    };
    const expectLobby = async (who: Principal, token: string, state: number, timer: number, rule: string) => {
      const { listed, single, res } = await views(who, token);
      const show = (r: RoomView | undefined) => (r ? `lobbyState ${String(r.lobbyState)}, lobbyTimer ${String(r.lobbyTimer)}` : 'missing');
      if (listed?.lobbyState !== state || listed.lobbyTimer !== timer || single?.lobbyState !== state || single.lobbyTimer !== timer) {
        ctx.fail({ rule, specRef: LOBBY_SPEC, expected: `lobbyState ${state}, lobbyTimer ${timer} in the room list and the room`, actual: `list: ${show(listed)}; room: ${show(single)}`, response: res, operation: OP.getRooms });
      }
    };

    const past = await createRoom(ctx, c.owner, 2, [c.member]);
    await ctx.rule('a lobby set with a timer already past is open at once: lobbyState 0 and lobbyTimer 0, and a plain member reads the chat', async () => {
      want(await setLobby(past, { state: 1, timer: LONG_AGO }), 200, 'the owner turns the lobby on with a timer long past');
      await expectLobby(c.member, past, 0, 0, 'a lobby whose timer has passed is off and shows no timer');
      want(await readChat(ctx, c.member, past, { lookIntoFuture: 0, limit: 5 }), 200, 'a plain member reads the chat of a room whose lobby timer has passed');
    }, { operation: OP.setLobby });

    const zero = await createRoom(ctx, c.owner, 2, [c.member]);
    await ctx.rule('a lobby timer of 0 is no timer: the lobby stays on (lobbyState 1, lobbyTimer 0)', async () => {
      want(await setLobby(zero, { state: 1, timer: 0 }), 200, 'the owner turns the lobby on with timer 0');
      await expectLobby(c.member, zero, 1, 0, 'a lobby with timer 0 stays on without a timer');
    }, { operation: OP.setLobby });

    // Only the control API moves a server's clock on demand; a real one would have to be waited for.
    const passes = 'a lobby whose timer passes opens by itself, seen first in the room list (lobbyState 0, lobbyTimer 0)';
    if (!ctx.control) ctx.skip(passes, 'needs the clock moved past the timer (control API)', { operation: OP.setLobby });
    else {
      const control = ctx.control;
      const later = await createRoom(ctx, c.owner, 2, [c.member]);
      await ctx.rule(passes, async () => {
        // The room was made just now by the server's clock (frozen under control): a minute on from it.
        const { lastActivity } = await getRoom(ctx, c.owner, later);
        if (typeof lastActivity !== 'number') ctx.notApplicable('the room shows no lastActivity to time the lobby by');
        const timer = lastActivity + 60;
        want(await setLobby(later, { state: 1, timer }), 200, 'the owner turns the lobby on for a minute');
        await expectLobby(c.member, later, 1, timer, 'a lobby with a timer ahead is on and shows the timer');
        await control.advanceClock(61_000);
        await expectLobby(c.member, later, 0, 0, 'a lobby whose timer has passed is off and shows no timer');
      }, { operation: OP.setLobby });
    }
  },
};

export const lobbyTimerChecks: Check[] = [lobbyTimer];
