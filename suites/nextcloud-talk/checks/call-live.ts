// A call as the room and its chat show it (seed 004 "Call management", system messages): count,
// hasCall, the caller's flags, call_started / call_joined / call_left / call_ended, the peers.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import {
  OP,
  V1,
  cast,
  createRoom,
  excerpt,
  getRoom,
  joinRoom,
  ocs,
  requireWrites,
  type OperationId,
  type Principal,
} from '../support.ts';
import { SYSTEM_SPEC, newest } from './room-probes.ts';

const callLiveState: Check = {
  id: 'nextcloud-talk.call.room-live-state',
  title: 'a call shows in the room and its chat: count of connected users, hasCall, the caller\'s participantFlags, call_started / call_joined / call_left / call_ended, and the peers; a call needs a room session (404)',
  operations: [OP.joinRoom, OP.joinCall, OP.leaveCall, OP.getPeers, OP.getRoom, OP.receiveMessages],
  specRef: '#/paths/~1apps~1spreed~1api~1v1~1call~1{token}/post',
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2, [c.member]);
    const R = (name: string, operation: OperationId, body: () => Promise<void>) => ctx.rule(name, body, { operation });
    const join = (who: Principal, flags?: number) => ocs(ctx, { method: 'POST', path: `${V1}/call/${token}`, as: who, ...(flags === undefined ? {} : { body: { flags } }), operation: OP.joinCall });
    const leave = (who: Principal) => ocs(ctx, { method: 'DELETE', path: `${V1}/call/${token}`, as: who, operation: OP.leaveCall });
    const status = (res: TargetResponse, want: number, rule: string) => {
      if (res.status !== want) ctx.fail({ rule, expected: `HTTP ${want}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: res.exchange.operation });
    };
    const said = async (rule: string, system: string, by: string) => {
      const m = await newest(ctx, c.owner, token);
      if (m?.systemMessage !== system || m.actorId !== by) ctx.fail({ rule, specRef: SYSTEM_SPEC, expected: `newest message ${system} by ${by}`, actual: m ? `${m.systemMessage || '(plain)'} by ${m.actorId}` : 'no message', operation: OP.receiveMessages });
    };
    const peers = async () => {
      const res = await ocs(ctx, { method: 'GET', path: `${V1}/call/${token}`, as: c.owner, operation: OP.getPeers });
      const data = res.json<{ ocs?: { data?: { userId?: string }[] } }>().ocs?.data;
      return (Array.isArray(data) ? data : []).map((p) => p.userId).sort();
    };

    await R('without a room session joining the call is 404; a fresh room has no call and nobody connected', OP.joinCall, async () => {
      status(await join(c.member), 404, 'joining a call without a room session is 404');
      const r = await getRoom(ctx, c.owner, token);
      if (r.hasCall !== false || r.count !== 0) ctx.fail({ rule: 'a fresh room has no call and nobody connected', expected: 'hasCall false, count 0', actual: `hasCall ${String(r.hasCall)}, count ${String(r.count)}`, operation: OP.getRoom });
    });
    const member = await joinRoom(ctx, c.member, token);
    status(member.res, 200, 'the member opens a room session');
    await R('a member with a session counts as connected, with a 512-character session id', OP.joinRoom, async () => {
      const r = await getRoom(ctx, c.owner, token);
      if (r.count !== 1) ctx.fail({ rule: 'count is the number of connected users', expected: 'count 1', actual: `count ${String(r.count)}`, operation: OP.getRoom });
      if (member.sessionId.length !== 512) ctx.fail({ rule: 'a session id is 512 characters', expected: '512 characters', actual: `${member.sessionId.length} characters`, response: member.res, operation: OP.joinRoom });
    });
    await R('the first to join starts the call: call_started, hasCall, the joiner\'s flags and participantInCall', OP.joinCall, async () => {
      status(await join(member.who, 3), 200, 'the member joins the call');
      await said('the first joiner starts the call', 'call_started', c.member.user);
      const mine = await getRoom(ctx, c.member, token);
      if (mine.hasCall !== true || mine.participantFlags !== 3 || mine.participantInCall !== true) ctx.fail({ rule: 'the caller sees the call and its flags', expected: 'hasCall true, participantFlags 3, participantInCall true', actual: `hasCall ${String(mine.hasCall)}, participantFlags ${String(mine.participantFlags)}, participantInCall ${String(mine.participantInCall)}`, operation: OP.getRoom });
      const theirs = await getRoom(ctx, c.owner, token);
      if (theirs.hasCall !== true || theirs.participantFlags !== 0 || theirs.participantInCall !== false) ctx.fail({ rule: 'others see the call, not flags of their own', expected: 'hasCall true, participantFlags 0, participantInCall false', actual: `hasCall ${String(theirs.hasCall)}, participantFlags ${String(theirs.participantFlags)}, participantInCall ${String(theirs.participantInCall)}`, operation: OP.getRoom });
    });
    const owner = await joinRoom(ctx, c.owner, token);
    status(owner.res, 200, 'the owner opens a room session');
    // spreed's listener posts call_left only for a session that was in the call, and the call ends
    // only when nobody is left in it (CallController::leaveCall, hasActiveSessionsInCall).
    await R('leaving the call while not in it (a session, out of the call) is 200 and changes nothing: no call_left, the call goes on', OP.leaveCall, async () => {
      const before = await newest(ctx, c.owner, token);
      status(await leave(owner.who), 200, 'leaving a call one is not in');
      const after = await newest(ctx, c.owner, token);
      const r = await getRoom(ctx, c.owner, token);
      if (after?.id !== before?.id || r.hasCall !== true) ctx.fail({ rule: 'leaving a call one is not in posts nothing and ends nothing', specRef: '#/paths/~1apps~1spreed~1api~1v1~1call~1{token}/delete', expected: `newest message still #${String(before?.id)} (${before?.systemMessage}), hasCall true`, actual: `newest ${after ? `#${after.id} ${after.systemMessage || '(plain)'} by ${after.actorId}` : 'none'}, hasCall ${String(r.hasCall)}`, operation: OP.leaveCall });
    });
    await R('the next to join posts call_joined; both are peers', OP.joinCall, async () => {
      status(await join(owner.who), 200, 'the owner joins the call');
      await said('a later joiner posts call_joined', 'call_joined', c.owner.user);
      const list = await peers();
      const want = [c.member.user, c.owner.user].sort();
      if (JSON.stringify(list) !== JSON.stringify(want)) ctx.fail({ rule: 'everyone in the call is a peer', expected: want.join(', '), actual: list.join(', '), operation: OP.getPeers });
    });
    // CallController::joinCall: flags null → FLAG_IN_CALL | FLAG_WITH_AUDIO | FLAG_WITH_VIDEO.
    await R('joining the call without flags joins with audio and video (participantFlags 7)', OP.joinCall, async () => {
      const r = await getRoom(ctx, c.owner, token);
      if (r.participantFlags !== 7) ctx.fail({ rule: 'the default in-call flags are 7', specRef: '#/components/schemas/JoinCallRequest', expected: 'participantFlags 7 for the owner, who joined without flags', actual: `participantFlags ${String(r.participantFlags)}`, operation: OP.getRoom });
    });
    // Current spreed's Listener (sendSystemMessageAboutBeginOfCall) posts only for a session that was
    // out of the call: joining again while in it (new flags) adds no message. Older releases posted
    // call_joined again, so the rule rests on our decision (join-call-flags) and only reports.
    await ctx.rule('joining again while in the call posts no second call_joined', async () => {
      const before = await newest(ctx, c.owner, token);
      const res = await join(owner.who, 3);
      status(res, 200, 'joining again while in the call is 200');
      const after = await newest(ctx, c.owner, token);
      if (after?.id !== before?.id) ctx.fail({ rule: 'joining again while in the call posts nothing', specRef: '#/paths/~1apps~1spreed~1api~1v1~1call~1{token}/post', expected: `newest message still #${String(before?.id)} (${before?.systemMessage})`, actual: after ? `#${String(after.id)} ${after.systemMessage || '(plain)'} by ${after.actorId}` : 'no message', response: res, operation: OP.joinCall, decision: 'join-call-flags' });
    }, { operation: OP.joinCall, decision: 'join-call-flags' });
    await R('each peer carries the session it is in the call with, and the room\'s token when it names one (token is optional)', OP.getPeers, async () => {
      const res = await ocs(ctx, { method: 'GET', path: `${V1}/call/${token}`, as: c.owner, operation: OP.getPeers });
      const data = res.json<{ ocs?: { data?: { userId?: string; token?: string; sessionId?: string }[] } }>().ocs?.data;
      const list = Array.isArray(data) ? data : [];
      const sessions: Record<string, string> = { [c.owner.user]: owner.sessionId, [c.member.user]: member.sessionId };
      const wrong = list.filter((p) => (p.token !== undefined && p.token !== token) || p.sessionId !== sessions[p.userId ?? '']);
      if (res.status !== 200 || list.length !== 2 || wrong.length) ctx.fail({ rule: 'a peer names its room and session', expected: `two peers, each with token ${token} and its own session id`, actual: `HTTP ${res.status}, ${list.length} peer(s), wrong: ${JSON.stringify(wrong.map((p) => ({ userId: p.userId, token: p.token, sessionId: p.sessionId?.slice(0, 8) })))}`, response: res, operation: OP.getPeers });
    });
    await R('leaving posts call_left and the call goes on while someone is in it', OP.leaveCall, async () => {
      status(await leave(owner.who), 200, 'the owner leaves the call');
      await said('leaving posts call_left', 'call_left', c.owner.user);
      const r = await getRoom(ctx, c.owner, token);
      if (r.hasCall !== true) ctx.fail({ rule: 'the call goes on while someone is in it', expected: 'hasCall true', actual: `hasCall ${String(r.hasCall)}`, operation: OP.getRoom });
      const list = await peers();
      if (list.join() !== c.member.user) ctx.fail({ rule: 'who left is no peer', expected: c.member.user, actual: list.join(', '), operation: OP.getPeers });
    });
    await R('the last one leaving ends the call: call_ended, hasCall false, no peers', OP.leaveCall, async () => {
      status(await leave(member.who), 200, 'the member leaves the call');
      await said('the last one leaving ends the call', 'call_ended', c.member.user);
      const r = await getRoom(ctx, c.owner, token);
      const list = await peers();
      if (r.hasCall !== false || list.length !== 0) ctx.fail({ rule: 'an ended call is gone', expected: 'hasCall false, no peers', actual: `hasCall ${String(r.hasCall)}, peers ${list.join(', ')}`, operation: OP.getRoom });
    });
    await consentRule(ctx, token, { owner: owner.who, member: member.who }, { join, peers, status });
  },
};

const CONSENT_RULE = 'with recording consent required by the server, joining the call without consent is 400 {error: consent} and leaves the caller out; with recordingConsent=1 (form) or true (JSON) it is 200 and in the call';

// spreed CallController::joinCall / validateRecordingConsent: with the server's recording-consent
// setting at 1 (docs/constants.md "Recording consent required") a join without `recordingConsent`
// is 400 {"error": "consent"}; recording.feature joins once without (400), once with it (200).
// The setting is an admin's, so the rule needs callrec's control API to switch it on (and back).
async function consentRule(
  ctx: CheckContext,
  token: string,
  who: { owner: Principal; member: Principal },
  h: { join: (who: Principal, flags?: number) => Promise<TargetResponse>; peers: () => Promise<(string | undefined)[]>; status: (res: TargetResponse, want: number, rule: string) => void },
): Promise<void> {
  const c = cast(ctx);
  const control = ctx.control;
  if (!control) {
    ctx.skip(CONSENT_RULE, 'needs recording consent switched on (an admin setting the suite cannot change without callrec\'s control API)', { operation: OP.joinCall });
    return;
  }
  const path = `${V1}/call/${token}`;
  await control.call('config', { recordingConsent: 1 });
  try {
    await ctx.rule(CONSENT_RULE, async () => {
      const refused = await h.join(who.member, 3);
      const error = refused.json<{ ocs?: { data?: { error?: unknown } } }>().ocs?.data?.error;
      const out = await h.peers();
      if (refused.status !== 400 || error !== 'consent' || out.includes(c.member.user)) ctx.fail({ rule: 'a join without recording consent is 400 consent and joins nothing', specRef: JOIN_SPEC, expected: `HTTP 400 {error: "consent"}, ${c.member.user} no peer`, actual: `HTTP ${refused.status} error ${JSON.stringify(error)}, peers ${out.join(', ') || 'none'}`, response: refused, operation: OP.joinCall });
      const form = await ocs(ctx, { method: 'POST', path, as: who.member, body: 'flags=3&recordingConsent=1', headers: { 'content-type': 'application/x-www-form-urlencoded' }, operation: OP.joinCall });
      h.status(form, 200, 'a join with recordingConsent=1 (form) is 200');
      const json = await ocs(ctx, { method: 'POST', path, as: who.owner, body: { flags: 3, recordingConsent: true }, operation: OP.joinCall });
      h.status(json, 200, 'a join with recordingConsent true (JSON) is 200');
      const inCall = await h.peers();
      const want = [c.member.user, c.owner.user].sort();
      if (inCall.join() !== want.join()) ctx.fail({ rule: 'a join with recording consent is in the call', specRef: JOIN_SPEC, expected: `peers ${want.join(', ')}`, actual: `peers ${inCall.join(', ') || 'none'}`, operation: OP.getPeers });
    }, { operation: OP.joinCall });
  } finally {
    await control.call('config', { recordingConsent: 0 });
  }
}

const JOIN_SPEC = '#/paths/~1apps~1spreed~1api~1v1~1call~1{token}/post';

export const callLiveChecks: Check[] = [callLiveState];
