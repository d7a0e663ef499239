// Joining a call with in-call flags (1 in call | 2 audio | 4 video) and leaving it again.
import type { Check, CheckContext } from '../../../core/check.ts';
import { OP, V1, cast, createRoom, excerpt, expectStatus, joinRoom, leaveCall, ocs, participants, requireWrites } from '../support.ts';

const joinLeaveFlags: Check = {
  id: 'nextcloud-talk.call.join-leave-flags',
  title: 'joining with flags records exactly those flags; after leaving, the participant is no call peer and inCall is 0',
  operations: [OP.joinCall, OP.leaveCall, OP.getPeers, OP.getParticipants],
  specRef: '#/paths/~1apps~1spreed~1api~1v1~1call~1{token}/post',
  needs: ['credentials', 'writes'],
  decision: 'join-call-flags',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2, [c.member]);
    const peers = async () => {
      const res = await ocs(ctx, { method: 'GET', path: `${V1}/call/${token}`, as: c.owner, operation: OP.getPeers });
      expectStatus(ctx, res, 200, 'a participant lists the call peers');
      return { res, list: res.json<{ ocs: { data: { userId: string; sessionId: string }[] } }>().ocs.data };
    };
    const inCallOf = async (user: string) => {
      const { res, list } = await participants(ctx, c.owner, token);
      return { res, flags: list.find((p) => p.userId === user)?.inCall };
    };
    const sessions: Record<string, string> = {};
    for (const [who, flags] of [[c.owner, 3], [c.member, 5]] as const) {
      const joined = await joinRoom(ctx, who, token);
      expectStatus(ctx, joined.res, 200, 'a participant joins the room');
      sessions[who.user] = joined.sessionId;
      const res = await ocs(ctx, { method: 'POST', path: `${V1}/call/${token}`, as: who, body: { flags }, operation: OP.joinCall });
      expectStatus(ctx, res, 200, `joining the call with flags ${flags}`);
      await ctx.rule(`the call is joined with the flags asked for (${who === c.owner ? 'owner' : 'member'}: ${flags})`, async () => {
        const got = await inCallOf(who.user);
        if (got.flags !== flags) ctx.fail({ rule: 'the call is joined with the flags asked for', expected: `inCall ${flags}`, actual: `inCall ${String(got.flags)}`, response: got.res, operation: OP.getParticipants });
      }, { operation: OP.joinCall });
    }
    await ctx.rule('everyone in the call is a call peer, with its session', async () => {
      const both = await peers();
      for (const user of [c.owner.user, c.member.user]) {
        if (!both.list.some((p) => p.userId === user && p.sessionId === sessions[user])) ctx.fail({ rule: 'everyone in the call is a call peer', expected: `${user} listed with its session`, actual: excerpt(both.res, 300), response: both.res, operation: OP.getPeers });
      }
    }, { operation: OP.getPeers });
    const left = await leaveCall(ctx, c.member, token);
    expectStatus(ctx, left, 200, 'a participant leaves the call');
    await ctx.rule('who left the call is no call peer; who stays still is', async () => {
      const after = await peers();
      if (after.list.some((p) => p.userId === c.member.user)) ctx.fail({ rule: 'who left the call is no call peer', expected: `${c.member.user} not listed`, actual: excerpt(after.res, 300), response: after.res, operation: OP.getPeers });
      if (!after.list.some((p) => p.userId === c.owner.user)) ctx.fail({ rule: 'who stays in the call is still a peer', expected: `${c.owner.user} listed`, actual: excerpt(after.res, 300), response: after.res, operation: OP.getPeers });
    }, { operation: OP.getPeers });
    await ctx.rule('after leaving the call inCall is 0', async () => {
      const flags = await inCallOf(c.member.user);
      if (flags.flags !== 0) ctx.fail({ rule: 'after leaving the call inCall is 0', expected: 'inCall 0', actual: `inCall ${String(flags.flags)}`, response: flags.res, operation: OP.getParticipants });
    }, { operation: OP.leaveCall });
  },
};

export const callChecks: Check[] = [joinLeaveFlags];
