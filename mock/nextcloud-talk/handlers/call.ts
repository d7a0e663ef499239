// Call management (seed 004 "Call management", capability in-call-flags): peers, join with
// `flags`, leave. The first joiner starts the call, the last one to leave ends it.
import { connected, inLobby, isModerator } from '../access.ts';
import { postSystem } from '../chat.ts';
import { has, nowSeconds, type TalkContext } from '../context.ts';
import { failure, ok } from '../ocs.ts';
import { callPeerWire } from '../wire.ts';
import type { Handler } from '../router.ts';
import { ALL_CALL_FLAGS, IN_CALL, type Participant, type Room } from '../types.ts';
import { authorOf, badRequest, forbidden, isFailure, memberOf, notFound } from './common.ts';
import { refillOneToOne } from './rooms.ts';

const inCall = (p: Participant) => (p.inCall & IN_CALL) !== 0;

/**
 * Ends the running call in `room` (nobody left in it, or ended for everyone): flags reset,
 * `call_ended` / `call_ended_everyone`, hooks told. Only called while a call runs: whoever is in
 * the call joined it, and the first join starts it.
 */
function endCall(ctx: TalkContext, room: Room, by: Participant, everyone: boolean): void {
  room.activeSince = null;
  room.callFlag = 0;
  postSystem(ctx, room, authorOf(by), everyone ? 'call_ended_everyone' : 'call_ended');
  for (const hook of ctx.hooks.callEnded) void hook(ctx, room, by);
}

/** Takes `p` out of the call; ends the call when it was the last one in it. */
export function leaveCall(ctx: TalkContext, room: Room, p: Participant): void {
  // Out of the call already: nothing changes and nothing is posted (spreed's listener posts
  // call_left only for a session that was in the call).
  if (!inCall(p) && !has(ctx, 'call-leave-when-out-posts-left')) return;
  if (!has(ctx, 'call-leave-keeps-peer')) p.inCall = 0;
  const others = ctx.store.participants(room.token).filter((x) => x !== p && inCall(x));
  // Leaving is `call_left` even for the last one; the call's end follows it (recording.feature:
  // "the last participant leaves" shows call_left, then call_ended).
  if (others.length > 0 || !has(ctx, 'last-leave-no-call-left')) postSystem(ctx, room, authorOf(p), 'call_left');
  if (others.length === 0) endCall(ctx, room, p, false);
  else room.callFlag = others.reduce((f, x) => f | x.inCall, 0);
}

export const listPeers: Handler = (ctx, req, { token }) => {
  const m = memberOf(ctx, req, token!);
  if (isFailure(m)) return m;
  if (inLobby(ctx, m.room, m.participant)) return failure(412);
  if (connected(m.participant)) m.participant.lastPing = nowSeconds(ctx);
  const peers = ctx.store.participants(m.room.token).filter(inCall).map(callPeerWire);
  if (has(ctx, 'call-peer-token-empty')) for (const x of peers) x.token = '';
  return ok(peers);
};

export const joinCall: Handler = (ctx, req, { token }) => {
  const m = memberOf(ctx, req, token!);
  if (isFailure(m)) return m;
  const p = m.participant;
  if (!connected(p)) return notFound(); // joining a call needs a joined room session
  if (inLobby(ctx, m.room, p)) return failure(412);
  if (m.room.readOnly === 1 && !has(ctx, 'read-only-call-accepted')) return forbidden();
  // Flags are a bitmask: unknown bits are dropped and the in-call bit is always set (spec: join-call-flags).
  const asked = req.input.int('flags');
  let flags = asked === undefined || Number.isNaN(asked) ? ALL_CALL_FLAGS : (asked | IN_CALL) & ALL_CALL_FLAGS;
  if (asked === undefined && has(ctx, 'call-default-flags-in-call-only')) flags = IN_CALL;
  if (has(ctx, 'call-flags-ignored')) flags = ALL_CALL_FLAGS;
  // Recording consent (spreed CallController::validateRecordingConsent): with the server's
  // recording-consent setting at 1 (required) a join without consent is 400 {error: consent}.
  // A conversation's own consent counts only with the setting at 2 (optional) and no operation
  // here sets it, so it is not consulted. `recordingConsent` is a bool, read as leaveCall reads
  // `all`: "1" or "true" (a JSON true or 1 reads as such). spreed keeps the consent given for
  // its own consent API, which the mock does not serve, so nothing is stored.
  if (ctx.config.recordingConsent === 1 && !has(ctx, 'consent-not-required')) {
    const given = req.input.str('recordingConsent');
    const consent = (given === '1' || given === 'true') && !has(ctx, 'consent-flag-ignored');
    if (!consent) return badRequest(has(ctx, 'consent-error-code-wrong') ? 'recordingConsent' : 'consent');
  }
  refillOneToOne(ctx, m.room);
  const wasIn = inCall(p);
  p.inCall = flags;
  p.lastPing = nowSeconds(ctx);
  if (m.room.activeSince === null) {
    m.room.activeSince = nowSeconds(ctx);
    postSystem(ctx, m.room, authorOf(p), 'call_started');
  } else if ((!wasIn || has(ctx, 'call-rejoin-posts-joined')) && !has(ctx, 'call-joined-no-message')) postSystem(ctx, m.room, authorOf(p), 'call_joined');
  m.room.callFlag = ctx.store.participants(m.room.token).reduce((f, x) => f | (inCall(x) ? x.inCall : 0), 0);
  return ok([]);
};

export const leaveCallHandler: Handler = (ctx, req, { token }) => {
  const m = memberOf(ctx, req, token!);
  if (isFailure(m)) return m;
  const all = req.input.str('all');
  // `all` ends the running call for everyone, a moderator's only (CallController::leaveCall).
  const ending = (all === 'true' || all === '1') && !has(ctx, 'call-end-for-everyone-ignored');
  if (ending && (isModerator(m.participant) || has(ctx, 'call-end-for-everyone-by-anyone')) && m.room.activeSince !== null) {
    if (!has(ctx, 'call-leave-keeps-peer')) for (const x of ctx.store.participants(m.room.token)) x.inCall = 0;
    endCall(ctx, m.room, m.participant, true);
    return ok([]);
  }
  leaveCall(ctx, m.room, m.participant);
  return ok([]);
};
