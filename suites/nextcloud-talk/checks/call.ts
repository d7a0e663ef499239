// Joining a call with in-call flags (1 in call | 2 audio | 4 video) and leaving it again.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { OP, V1, cast, createRoom, excerpt, expectStatus, getRoom, joinRoom, leaveCall, ocs, participants, readChat, requireWrites, type ChatMessageView, type Principal } from '../support.ts';
import { SYSTEM_SPEC } from './room-probes.ts';

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

const LEAVE_SPEC = '#/paths/~1apps~1spreed~1api~1v1~1call~1{token}/delete';

// spreed CallController::leaveCall(bool $all): a moderator's `all` ends the call for everyone
// (ParticipantService::endCallForEveryone; the listener posts call_ended_everyone and no call_left);
// anyone else's `all` is an ordinary leave.
const endForEveryone: Check = {
  id: 'nextcloud-talk.call.end-for-everyone',
  title: 'leaving the call with all=true: a plain participant only leaves it (call_left, the call goes on); a moderator ends it for everyone (nobody in the call, hasCall false, call_ended_everyone by the moderator); closing the room session or being removed leaves the call too',
  operations: [OP.joinRoom, OP.joinCall, OP.leaveCall, OP.getPeers, OP.getRoom, OP.receiveMessages, OP.leaveRoom, OP.removeParticipant],
  specRef: LEAVE_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2, [c.member, c.other]);
    const who: Record<string, Principal> = {};
    for (const p of [c.owner, c.member, c.other]) {
      const joined = await joinRoom(ctx, p, token);
      expectStatus(ctx, joined.res, 200, 'a participant opens a room session');
      who[p.user] = joined.who;
      expectStatus(ctx, await ocs(ctx, { method: 'POST', path: `${V1}/call/${token}`, as: joined.who, body: { flags: 3 }, operation: OP.joinCall }), 200, 'a participant joins the call');
    }
    const leaveAll = (p: Principal) => ocs(ctx, { method: 'DELETE', path: `${V1}/call/${token}`, as: p, body: { all: true }, operation: OP.leaveCall });
    const peers = async () => {
      const res = await ocs(ctx, { method: 'GET', path: `${V1}/call/${token}`, as: c.owner, operation: OP.getPeers });
      const data = res.json<{ ocs?: { data?: { userId?: string }[] } }>().ocs?.data;
      return (Array.isArray(data) ? data : []).map((p) => p.userId ?? '').sort();
    };
    const latest = async (n: number): Promise<ChatMessageView[]> => {
      const res = await readChat(ctx, c.owner, token, { lookIntoFuture: 0, limit: n });
      const data = res.json<{ ocs?: { data?: ChatMessageView[] } }>().ocs?.data;
      return Array.isArray(data) ? data : [];
    };
    const show = (m: ChatMessageView | undefined) => (m ? `${m.systemMessage || '(plain)'} by ${m.actorId}` : 'none');

    await ctx.rule('a plain participant leaving with all=true only leaves: call_left by it, the others still in the call', async () => {
      const res = await leaveAll(who[c.other.user]!);
      const [m] = await latest(1);
      const r = await getRoom(ctx, c.owner, token);
      const list = await peers();
      const want = [c.owner.user, c.member.user].sort();
      if (res.status !== 200 || m?.systemMessage !== 'call_left' || m.actorId !== c.other.user || r.hasCall !== true || list.join() !== want.join()) ctx.fail({ rule: 'all=true from a non-moderator is an ordinary leave', specRef: LEAVE_SPEC, expected: `HTTP 200, newest call_left by ${c.other.user}, hasCall true, peers ${want.join(', ')}`, actual: `HTTP ${res.status}, newest ${show(m)}, hasCall ${String(r.hasCall)}, peers ${list.join(', ') || 'none'}`, response: res, operation: OP.leaveCall });
    }, { operation: OP.leaveCall });
    await ctx.rule('a moderator leaving with all=true ends the call for everyone: no peers, hasCall false, the others out of the call, call_ended_everyone by the moderator and no call_left of its own', async () => {
      const res = await leaveAll(who[c.owner.user]!);
      const [m, before] = await latest(2);
      const r = await getRoom(ctx, c.member, token);
      const list = await peers();
      if (res.status !== 200 || list.length !== 0 || r.hasCall !== false || r.participantFlags !== 0) ctx.fail({ rule: 'all=true from a moderator ends the call for everyone', specRef: LEAVE_SPEC, expected: 'HTTP 200, no peers, hasCall false and participantFlags 0 for the member', actual: `HTTP ${res.status}, peers ${list.join(', ') || 'none'}, hasCall ${String(r.hasCall)}, member's participantFlags ${String(r.participantFlags)}`, response: res, operation: OP.leaveCall });
      if (m?.systemMessage !== 'call_ended_everyone' || m.actorId !== c.owner.user || before?.systemMessage !== 'call_left' || before.actorId !== c.other.user) ctx.fail({ rule: 'ending the call for everyone posts call_ended_everyone only', specRef: SYSTEM_SPEC, expected: `newest call_ended_everyone by ${c.owner.user}, before it the earlier call_left by ${c.other.user}`, actual: `newest ${show(m)}, before it ${show(before)}`, operation: OP.receiveMessages });
    }, { operation: OP.leaveCall });
    // Leaving the room's session leaves its call (ParticipantService::leaveRoomAsSession disconnects
    // it first), and so does being removed: the last one out ends the call.
    const alone = async (rule: string, leave: () => Promise<TargetResponse>, operation: string) => {
      const joined = await ocs(ctx, { method: 'POST', path: `${V1}/call/${token}`, as: who[c.member.user]!, body: { flags: 3 }, operation: OP.joinCall });
      const res = await leave();
      const r = await getRoom(ctx, c.owner, token);
      const list = await peers();
      if (joined.status !== 200 || res.status !== 200 || r.hasCall !== false || list.length !== 0) ctx.fail({ rule, specRef: LEAVE_SPEC, expected: 'the member joins the call alone (200), then HTTP 200, no peers, hasCall false', actual: `HTTP ${joined.status} / ${res.status}, peers ${list.join(', ') || 'none'}, hasCall ${String(r.hasCall)}`, response: res, operation });
    };
    await ctx.rule('closing the room session leaves the call: the only one in it gone, the call ends', () =>
      alone('leaving the room leaves its call', () => ocs(ctx, { method: 'DELETE', path: `${V1}/room/${token}/participants/active`, as: who[c.member.user]!, operation: OP.leaveRoom }), OP.leaveRoom), { operation: OP.leaveRoom });
    await ctx.rule('a participant removed while in the call is out of it: the only one in it removed, the call ends', async () => {
      const again = await joinRoom(ctx, c.member, token);
      expectStatus(ctx, again.res, 200, 'the member opens a session again');
      who[c.member.user] = again.who;
      await alone('a removal takes the participant out of the call', () => ocs(ctx, { method: 'DELETE', path: `${V1}/room/${token}/participants`, as: c.owner, body: { participant: c.member.user }, operation: OP.removeParticipant }), OP.removeParticipant);
    }, { operation: OP.removeParticipant });
  },
};

export const callChecks: Check[] = [joinLeaveFlags, endForEveryone];
