// Leaving rooms (seed 004: leave a room, remove yourself, the last moderator stays) and the
// locked one-to-one rooms of Talk 6 (nobody can be added, they are left rather than deleted, and
// who left comes back when the other member writes).
import type { Check, CheckContext } from '../../../core/check.ts';
import { OP, V1, cast, createRoom, dataOf, excerpt, expectStatus, ocs, participants, postMessage, requireWrites, type Principal } from '../support.ts';
import { spend } from '../brute-force.ts';
import { KEEP } from './room-probes.ts';

const listed = async (ctx: CheckContext, as: Principal, token: string, user: string) => {
  const { res, list } = await participants(ctx, as, token);
  return { res, p: list.find((x) => x.userId === user) };
};

const leaving: Check = {
  id: 'nextcloud-talk.participants.leave-and-remove-self',
  title: 'leaving a room one is not in is a no-op (200); naming oneself in removeParticipant leaves the room; the last moderator cannot leave others behind (400)',
  operations: [OP.leaveRoom, OP.removeParticipant, OP.removeSelf, OP.promoteModerator, OP.addParticipant, OP.getParticipants, OP.getRoom],
  specRef: '#/paths/~1apps~1spreed~1api~1v1~1room~1{token}~1participants/delete',
  needs: ['credentials', 'writes'],
  decision: 'remove-participant-self',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const removeByName = (as: Principal & { user: string }, token: string) =>
      ocs(ctx, { method: 'DELETE', path: `${V1}/room/${token}/participants`, as, body: { participant: as.user }, operation: OP.removeParticipant });
    const removeSelf = (as: Principal, token: string) => ocs(ctx, { method: 'DELETE', path: `${V1}/room/${token}/participants/self`, as, operation: OP.removeSelf });

    await ctx.rule('leaving (closing the session of) a room one is not a participant of answers 200 and changes nothing', async () => {
      const alone = await createRoom(ctx, c.owner, 2);
      const left = await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${alone}/participants/active`, as: c.member, operation: OP.leaveRoom });
      expectStatus(ctx, left, 200, 'leaving a room one is not in is a no-op');
      const { p } = await listed(ctx, c.owner, alone, c.member.user);
      if (p) ctx.fail({ rule: 'a no-op leave adds nobody', expected: `${c.member.user} not listed`, actual: `listed as type ${p.participantType}`, operation: OP.getParticipants });
    }, { operation: OP.leaveRoom, decision: 'leave-room-no-op' });

    // Talk 6 RoomController::removeSelfFromRoom deletes the room its last participant leaves.
    await ctx.rule('a public room its only participant leaves is deleted: anyone reading it then gets 404', async () => {
      const alone = await createRoom(ctx, c.owner, 3);
      expectStatus(ctx, await removeSelf(c.owner, alone), 200, 'the only participant leaves');
      spend(ctx, 'talkRoomToken', 1, KEEP); // a deleted room's token is a token nobody can reach
      const res = await ocs(ctx, { method: 'GET', path: `${V1}/room/${alone}`, as: c.member, operation: OP.getRoom });
      expectStatus(ctx, res, 404, 'a room its last participant left is gone');
    }, { operation: OP.removeSelf });

    const token = await createRoom(ctx, c.owner, 2, [c.member, c.other]);
    await ctx.rule('the last moderator naming itself in removeParticipant gets 400 (no moderator would be left) and stays', async () => {
      expectStatus(ctx, await removeByName(c.owner, token), 400, 'the last moderator cannot remove itself while users remain');
      const { res, p } = await listed(ctx, c.owner, token, c.owner.user);
      if (p?.participantType !== 1) ctx.fail({ rule: 'a refused self-removal leaves the owner in the room', expected: `${c.owner.user} listed as owner (1)`, actual: excerpt(res, 200), response: res, operation: OP.getParticipants });
    }, { operation: OP.removeParticipant });
    await ctx.rule('a plain user naming itself in removeParticipant leaves the room (200), as removeSelf does', async () => {
      expectStatus(ctx, await removeByName(c.other, token), 200, 'a plain user naming itself leaves the room');
      const { res, p } = await listed(ctx, c.owner, token, c.other.user);
      if (p) ctx.fail({ rule: 'who removed itself is no longer listed', expected: `${c.other.user} not listed`, actual: excerpt(res, 200), response: res, operation: OP.getParticipants });
    }, { operation: OP.removeParticipant, decision: 'remove-participant-self' });
    await ctx.rule('the last moderator cannot leave with removeSelf while users remain (400)', async () => {
      expectStatus(ctx, await removeSelf(c.owner, token), 400, 'the last moderator cannot leave while users remain');
    }, { operation: OP.removeSelf });
    await ctx.rule('with another moderator in the room the owner leaves (200)', async () => {
      const promote = await ocs(ctx, { method: 'POST', path: `${V1}/room/${token}/moderators`, as: c.owner, body: { participant: c.member.user }, operation: OP.promoteModerator });
      expectStatus(ctx, promote, 200, 'the owner promotes a plain user');
      expectStatus(ctx, await removeSelf(c.owner, token), 200, 'the owner leaves once another moderator remains');
      const { res, p } = await listed(ctx, c.member, token, c.owner.user);
      if (p) ctx.fail({ rule: 'who left is no longer listed', expected: `${c.owner.user} not listed`, actual: excerpt(res, 200), response: res, operation: OP.getParticipants });
    }, { operation: OP.removeSelf });
    // RoomController::removeSelfFromRoom counts moderators, not owners: hasModeratorPermissions.
    await ctx.rule('the promoted moderator, the owner gone, is now the last moderator: it cannot leave while a plain user remains (400)', async () => {
      const added = await ocs(ctx, { method: 'POST', path: `${V1}/room/${token}/participants`, as: c.member, body: { newParticipant: c.other.user }, operation: OP.addParticipant });
      expectStatus(ctx, added, 200, 'the moderator adds a plain user back');
      expectStatus(ctx, await removeSelf(c.member, token), 400, 'the last moderator (a promoted one) cannot leave while users remain');
      const { res, p } = await listed(ctx, c.member, token, c.member.user);
      if (p?.participantType !== 2) ctx.fail({ rule: 'a refused leave keeps the moderator', expected: `${c.member.user} listed as moderator (2)`, actual: excerpt(res, 200), response: res, operation: OP.getParticipants });
    }, { operation: OP.removeSelf });
  },
};

const oneToOne: Check = {
  id: 'nextcloud-talk.participants.one-to-one',
  title: 'one-to-one rooms are locked: nobody is added (400), promoted (400) or removed (400), the room is not deleted (400) but left, and who left is re-added when the other member posts',
  operations: [OP.createRoom, OP.renameRoom, OP.addParticipant, OP.promoteModerator, OP.removeParticipant, OP.deleteRoom, OP.removeSelf, OP.sendMessage, OP.getParticipants, OP.getRoom],
  specRef: '#/paths/~1apps~1spreed~1api~1v1~1room/post',
  needs: ['credentials', 'writes'],
  decision: 'promote-400',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const create = (as: Principal, invite: string) => ocs(ctx, { method: 'POST', path: `${V1}/room`, as, body: { roomType: 1, invite }, operation: OP.createRoom });
    await ctx.rule('a one-to-one room with oneself is refused (403)', async () => {
      expectStatus(ctx, await create(c.owner, c.owner.user), 403, 'a one-to-one room with oneself is refused');
    }, { operation: OP.createRoom });
    // An earlier run may have left the room behind: asking again answers it (200) and re-adds who left.
    const created = await create(c.owner, c.other.user);
    const token = dataOf<{ token?: string }>(ctx, created, [200, 201], 'a one-to-one room is created (201) or answered (200)')?.token ?? '';
    if (!token) ctx.fail({ rule: 'a one-to-one room has a token', expected: 'data.token', actual: excerpt(created), response: created, operation: OP.createRoom });
    const typeOf = async (user: string) => (await listed(ctx, c.owner, token, user)).p?.participantType;
    await ctx.rule('both members of a one-to-one room are owners (type 1)', async () => {
      for (const u of [c.owner.user, c.other.user]) {
        const t = await typeOf(u);
        if (t !== 1) ctx.fail({ rule: 'both members of a one-to-one room are owners', expected: `${u} type 1`, actual: `type ${String(t)}`, operation: OP.getParticipants });
      }
    }, { operation: OP.getParticipants });
    await ctx.rule('asking for an existing one-to-one room answers 200 with the same token', async () => {
      const again = await create(c.other, c.owner.user);
      const t = dataOf<{ token?: string }>(ctx, again, 200, 'an existing one-to-one room is answered with 200')?.token;
      if (t !== token) ctx.fail({ rule: 'an existing one-to-one room is answered, not created again', expected: `token ${token}`, actual: `token ${String(t)}`, response: again, operation: OP.createRoom });
    }, { operation: OP.createRoom });
    // 405 is the seed's answer (decision rename-one-to-one-405); the platform's code answers 400.
    await ctx.rule('a one-to-one room cannot be renamed (405; 400 from the platform\'s code)', async () => {
      const rename = await ocs(ctx, { method: 'PUT', path: `${V1}/room/${token}`, as: c.owner, body: { roomName: 'Renamed one-to-one' }, operation: OP.renameRoom });
      expectStatus(ctx, rename, [405, 400], 'a one-to-one room cannot be renamed');
    }, { operation: OP.renameRoom });
    await ctx.rule('nobody can be added to a one-to-one room (400)', async () => {
      const add = await ocs(ctx, { method: 'POST', path: `${V1}/room/${token}/participants`, as: c.owner, body: { newParticipant: c.member.user }, operation: OP.addParticipant });
      expectStatus(ctx, add, 400, 'nobody can be added to a one-to-one room');
      const t = await typeOf(c.member.user);
      if (t !== undefined) ctx.fail({ rule: 'a refused add adds nobody', expected: `${c.member.user} not listed`, actual: `listed as type ${t}`, operation: OP.getParticipants });
    }, { operation: OP.addParticipant });
    await ctx.rule('promoting the other member of a one-to-one room (an owner) is 400', async () => {
      const promote = await ocs(ctx, { method: 'POST', path: `${V1}/room/${token}/moderators`, as: c.owner, body: { participant: c.other.user }, operation: OP.promoteModerator });
      expectStatus(ctx, promote, 400, 'promoting an owner is 400 (not a plain user)');
    }, { operation: OP.promoteModerator, decision: 'promote-400' });
    await ctx.rule('the other member cannot be removed from a one-to-one room (400)', async () => {
      const remove = await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${token}/participants`, as: c.owner, body: { participant: c.other.user }, operation: OP.removeParticipant });
      expectStatus(ctx, remove, 400, 'the other member cannot be removed from a one-to-one room');
    }, { operation: OP.removeParticipant });
    await ctx.rule('a one-to-one room cannot be deleted (400), only left', async () => {
      const del = await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${token}`, as: c.owner, operation: OP.deleteRoom });
      expectStatus(ctx, del, 400, 'a one-to-one room cannot be deleted');
    }, { operation: OP.deleteRoom });
    const left = await ctx.rule('one member leaves (200); the room stays for the other', async () => {
      expectStatus(ctx, await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${token}/participants/self`, as: c.other, operation: OP.removeSelf }), 200, 'a member leaves a one-to-one room');
      const t = await typeOf(c.other.user);
      if (t !== undefined) ctx.fail({ rule: 'who left is no longer listed', expected: `${c.other.user} not listed`, actual: `listed as type ${t}`, operation: OP.getParticipants });
    }, { operation: OP.removeSelf });
    if (!left) ctx.notRun('who left is re-added (as owner) when the other member posts', 'nobody left the room');
    else {
      await ctx.rule('who left is re-added (as owner) when the other member posts', async () => {
        expectStatus(ctx, await postMessage(ctx, c.owner, token, 'are you still there?'), 201, 'the remaining member posts');
        const t = await typeOf(c.other.user);
        if (t !== 1) ctx.fail({ rule: 'who left a one-to-one room is re-added when the other member posts', expected: `${c.other.user} listed as owner (1)`, actual: t === undefined ? 'not listed' : `type ${t}`, operation: OP.getParticipants });
      }, { operation: OP.sendMessage });
    }
    await ctx.rule('once both members left, the room is gone (404)', async () => {
      for (const who of [c.other, c.owner]) await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${token}/participants/self`, as: who, operation: OP.removeSelf });
      const gone = await ocs(ctx, { method: 'GET', path: `${V1}/room/${token}`, as: c.owner, operation: OP.getRoom });
      expectStatus(ctx, gone, 404, 'a one-to-one room both members left is gone');
    }, { operation: OP.getRoom });
  },
};

export const membershipChecks: Check[] = [leaving, oneToOne];
