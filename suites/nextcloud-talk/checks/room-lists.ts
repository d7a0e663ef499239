// What follows a participant out of a room: its room list (getRooms) forgets a room it left, was
// removed from or that was deleted, and a participant who left its session is not found by the
// session id "0" it then shows (spreed's getParticipantBySession refuses '' and '0': 404).
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { OP, V1, cast, createRoom, dataOf, excerpt, joinRoom, ocs, participants, requireWrites, type Principal } from '../support.ts';

const listsFollowMembership: Check = {
  id: 'nextcloud-talk.participants.lists-follow-membership',
  title: 'a user who left a room, was removed from it or whose room was deleted no longer lists it (getRooms 200); a participant who left is not found by sessionId "0" (404, type kept); a public room its only participant leaves is gone (404); a one-to-one room the other left still names them',
  operations: [OP.getRooms, OP.removeSelf, OP.removeParticipant, OP.deleteRoom, OP.joinRoom, OP.leaveRoom, OP.promoteModerator, OP.removeGuest, OP.getParticipants],
  specRef: '#/paths/~1apps~1spreed~1api~1v1~1room/get',
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const tokensOf = async (who: Principal): Promise<{ res: TargetResponse; tokens: string[] }> => {
      const res = await ocs(ctx, { method: 'GET', path: `${V1}/room`, as: who, operation: OP.getRooms });
      const list = dataOf<{ token?: unknown }[]>(ctx, res, 200, 'a user lists its rooms (200)');
      return { res, tokens: Array.isArray(list) ? list.map((r) => String(r.token)) : [] };
    };
    await ctx.rule('a room the user left, was removed from, or that was deleted leaves its room list (200 each time)', async () => {
      const left = await createRoom(ctx, c.owner, 2, [c.member, c.other]);
      const removed = await createRoom(ctx, c.owner, 2, [c.member, c.other]);
      const deleted = await createRoom(ctx, c.owner, 2, [c.member, c.other]);
      const steps = [
        await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${left}/participants/self`, as: c.member, operation: OP.removeSelf }),
        await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${removed}/participants`, as: c.owner, body: { participant: c.member.user }, operation: OP.removeParticipant }),
        await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${deleted}`, as: c.owner, operation: OP.deleteRoom }),
      ];
      const bad = steps.find((r) => r.status !== 200);
      if (bad) ctx.fail({ rule: 'leaving, removing and deleting succeed', expected: 'HTTP 200 each', actual: `HTTP ${bad.status} ${excerpt(bad)}`, response: bad, operation: bad.exchange.operation });
      const member = await tokensOf(c.member);
      const stale = [left, removed, deleted].filter((t) => member.tokens.includes(t));
      if (member.res.status !== 200 || stale.length) ctx.fail({ rule: 'a room one is no longer in leaves one\'s room list', expected: `HTTP 200 without ${[left, removed, deleted].join(', ')}`, actual: `HTTP ${member.res.status}${stale.length ? `, still listing ${stale.join(', ')}` : ''}`, response: member.res, operation: OP.getRooms });
      if (c.outsider) {
        const outsider = await tokensOf(c.outsider);
        const seen = [left, removed, deleted].filter((t) => outsider.tokens.includes(t));
        if (outsider.res.status !== 200 || seen.length) ctx.fail({ rule: 'a user in none of these rooms lists none of them', expected: 'HTTP 200 without them', actual: `HTTP ${outsider.res.status}${seen.length ? `, listing ${seen.join(', ')}` : ''}`, response: outsider.res, operation: OP.getRooms });
      }
      const other = await tokensOf(c.other);
      const kept = [left, removed].filter((t) => !other.tokens.includes(t));
      if (other.res.status !== 200 || kept.length || other.tokens.includes(deleted)) ctx.fail({ rule: 'the other members keep the rooms still there and lose the deleted one', expected: `HTTP 200 listing ${left} and ${removed}, not ${deleted}`, actual: `HTTP ${other.res.status}, listing ${other.tokens.filter((t) => [left, removed, deleted].includes(t)).join(', ') || 'none of them'}`, response: other.res, operation: OP.getRooms });
    }, { operation: OP.getRooms });
    await ctx.rule('a participant who left its session is not found by sessionId "0": promoting and removing that session are 404, its type kept', async () => {
      const token = await createRoom(ctx, c.owner, 3, [c.member]);
      const room = `${V1}/room/${token}`;
      const joined = await joinRoom(ctx, c.member, token);
      const left = await ocs(ctx, { method: 'DELETE', path: `${room}/participants/active`, as: joined.who, operation: OP.leaveRoom });
      const promote = await ocs(ctx, { method: 'POST', path: `${room}/moderators`, as: c.owner, body: { sessionId: '0' }, operation: OP.promoteModerator });
      const remove = await ocs(ctx, { method: 'DELETE', path: `${room}/participants/guests`, as: c.owner, body: { participant: '0' }, operation: OP.removeGuest });
      const { list } = await participants(ctx, c.owner, token);
      const type = list.find((p) => p.userId === c.member.user)?.participantType;
      if (joined.res.status !== 200 || left.status !== 200 || promote.status !== 404 || remove.status !== 404 || type !== 3) ctx.fail({ rule: 'session "0" names nobody, also after someone left', specRef: '#/components/responses/NotFound', expected: 'joined and left (200 each), then 404 for promoting and for removing session "0", the member still type 3', actual: `join ${joined.res.status}, leave ${left.status}, promote ${promote.status}, remove ${remove.status}, member type ${String(type)}`, response: promote.status !== 404 ? promote : remove, operation: OP.promoteModerator });
    }, { operation: OP.promoteModerator });
    // spreed deletes a room when its last user leaves it (RoomController removeSelfFromRoom).
    await ctx.rule('a public room its only participant leaves is deleted: another user then gets 404', async () => {
      const token = await createRoom(ctx, c.owner, 3);
      const seen = await ocs(ctx, { method: 'GET', path: `${V1}/room/${token}`, as: c.member, operation: OP.getRoom });
      const left = await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${token}/participants/self`, as: c.owner, operation: OP.removeSelf });
      const after = await ocs(ctx, { method: 'GET', path: `${V1}/room/${token}`, as: c.member, operation: OP.getRoom });
      if (seen.status !== 200 || left.status !== 200 || after.status !== 404) ctx.fail({ rule: 'a room nobody is in any more is gone', specRef: '#/components/responses/NotFound', expected: 'the public room readable by another user (200), its owner leaves (200), then 404', actual: `HTTP ${seen.status}, leave ${left.status}, then HTTP ${after.status}`, response: after, operation: OP.getRoom });
    }, { operation: OP.removeSelf });
    // spreed names a one-to-one room by the other user of its pair (Talk 6: the room's name, the
    // other's user id; later releases: that user's display name), also once that user has left.
    await ctx.rule('a one-to-one room the other user left is still displayed by that user (display name or user id), never by an empty name', async () => {
      const made = await ocs(ctx, { method: 'POST', path: `${V1}/room`, as: c.owner, body: { roomType: 1, invite: c.other.user }, operation: OP.createRoom });
      const token = made.json<{ ocs?: { data?: { token?: unknown } } }>().ocs?.data?.token;
      if ((made.status !== 200 && made.status !== 201) || typeof token !== 'string') return ctx.fail({ rule: 'the owner opens a one-to-one room', expected: 'HTTP 201 (or 200) with a token', actual: `HTTP ${made.status} ${excerpt(made)}`, response: made, operation: OP.createRoom });
      const names = new Map((await participants(ctx, c.owner, token)).list.map((p) => [p.userId, p.displayName]));
      const left = await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${token}/participants/self`, as: c.other, operation: OP.removeSelf });
      const res = await ocs(ctx, { method: 'GET', path: `${V1}/room/${token}`, as: c.owner, operation: OP.getRoom });
      const shown = dataOf<{ displayName?: unknown }>(ctx, res, 200, 'the owner reads the one-to-one room').displayName;
      const allowed = [c.other.user, names.get(c.other.user)].filter((x): x is string => typeof x === 'string' && x !== '');
      if (left.status !== 200 || typeof shown !== 'string' || !allowed.includes(shown)) ctx.fail({ rule: 'a one-to-one room keeps naming the user who left', expected: `the other user left (200), then displayName one of ${allowed.map((x) => JSON.stringify(x)).join(', ')}`, actual: `leave HTTP ${left.status}, displayName ${JSON.stringify(shown)}`, response: res, operation: OP.getRoom });
    }, { operation: OP.getRoom });
  },
};

export const roomListChecks: Check[] = [listsFollowMembership];
