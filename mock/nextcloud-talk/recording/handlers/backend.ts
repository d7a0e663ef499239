// POST /apps/spreed/api/v1/recording/backend — the recording server reports started/stopped/failed.
// Authenticated by Talk-Recording-Random (≥ 32 characters) and Talk-Recording-Checksum =
// hex HMAC-SHA256(secret, random + exact raw body), compared in constant time after
// lower-casing; failures answer 403 `invalid_request` and count towards the throttle (facts §2.2).
import { has, type TalkContext } from '../../context.ts';
import { ok, type OcsResult } from '../../ocs.ts';
import type { TalkRequest } from '../../router.ts';
import type { ActorType, CallRecordingStatus, Participant, Room } from '../../types.ts';
import { postSystem } from '../../chat.ts';
import { invalidRequest, noSuchRoom, tooManyRequests, unknownType } from '../errors.ts';
import { runtimeOf } from '../runtime.ts';
import { recordingSecret } from '../server-config.ts';
import { MIN_RANDOM_LENGTH, verifySignature } from '../signature.ts';
import { RECORDING_FAILED, RECORDING_NONE, RECORDING_VIDEO, isRecording, isStarting } from '../status.ts';
import { parseBackendMessage, type BackendMessage, type WireActor } from '../wire.ts';

/** True when the throttle refuses this request before the controller runs. */
export function throttled(ctx: TalkContext, actions: readonly ('talkRecordingSecret' | 'talkRecordingStatus')[]): boolean {
  if (has(ctx, 'backend-never-throttled')) return false;
  const rt = runtimeOf(ctx);
  const now = has(ctx, 'throttle-lifts-early') ? ctx.clock.now() + 60_000 : ctx.clock.now();
  if (has(ctx, 'throttle-one-failure-late')) return actions.some((a) => rt.throttle.count(a, now) > rt.throttle.limit);
  if (has(ctx, 'throttle-window-from-last-failure')) {
    // The bug: every failure counts until 30 minutes pass without one (no failure ages out alone).
    return actions.some((a) => {
      const all = rt.throttle.remembered(a);
      return all.length >= rt.throttle.limit && now - all[all.length - 1]! < rt.throttle.windowMs;
    });
  }
  return actions.some((a) => rt.throttle.blocked(a, now));
}

export function registerFailure(ctx: TalkContext, action: 'talkRecordingSecret' | 'talkRecordingStatus'): void {
  runtimeOf(ctx).throttle.register(action, ctx.clock.now());
}

export async function recordingBackend(ctx: TalkContext, req: TalkRequest): Promise<OcsResult> {
  if (throttled(ctx, ['talkRecordingSecret', 'talkRecordingStatus'])) return tooManyRequests();
  const authentic = await verifySignature(recordingSecret(ctx), req.headers, req.body, {
    comparePrefix: has(ctx, 'backend-checksum-prefix-only') ? 16 : undefined,
    minRandomLength: has(ctx, 'backend-short-random-accepted') ? 1 : MIN_RANDOM_LENGTH,
    caseInsensitive: !has(ctx, 'backend-uppercase-hex-rejected'),
    underscoreAliases: !has(ctx, 'backend-underscore-headers-ignored'),
  });
  if (!authentic) {
    registerFailure(ctx, 'talkRecordingSecret');
    return invalidRequest(has(ctx, 'backend-auth-failure-401') ? 401 : 403);
  }
  const parsed = parseBackendMessage(req.body);
  if (!parsed.ok) {
    if (parsed.error === 'unknown_type') return has(ctx, 'backend-unknown-type-200') ? ok(null) : unknownType(parsed.raw, has(ctx, 'backend-unknown-type-message-plain-json'));
    if (has(ctx, 'backend-broken-actor-ignored')) {
      const lenient = parseBackendMessage(new TextEncoder().encode(JSON.stringify(withoutActor(parsed.raw))));
      if (lenient.ok) return apply(ctx, lenient.message);
    }
    if (has(ctx, 'backend-started-fields-unchecked')) {
      // The bug: a `started` is applied whatever its status and actor say (as video, by nobody).
      const inner = (parsed.raw as { started?: { token?: unknown } | null }).started;
      if (typeof inner?.token === 'string') return apply(ctx, { type: 'started', token: inner.token, status: 1, actor: { type: 'users', id: '' } });
    }
    // A known type with missing or broken fields names no room we can find (spec decision backend-unknown-type).
    return noSuchRoom();
  }
  return apply(ctx, parsed.message);
}

/** The message with its inner actor left out (for the `backend-broken-actor-ignored` fault). */
function withoutActor(raw: unknown): unknown {
  const { type } = raw as { type: string };
  const { actor: _actor, ...inner } = (raw as Record<string, Record<string, unknown>>)[type]!;
  return { ...(raw as object), [type]: inner };
}

/** The participant an actor of the message names, of any actor type (getParticipantByActor), if it is one of the room. */
function participantFor(ctx: TalkContext, room: Room, actor: WireActor | undefined): Participant | undefined {
  return actor && ctx.store.participant(room.token, actor.type as ActorType, actor.id);
}

/**
 * Who a recording system message is by when no participant of the room is named: the recording
 * server's request has no user session and no Talk session, so Nextcloud's system-message
 * listener falls back to a guest whose session it failed to get (lib/Chat/SystemMessage/Listener.php).
 */
const NO_SESSION_AUTHOR = { actorType: 'guests' as const, actorId: 'failed-to-get-session', displayName: '' };

const authorOf = (p: Participant) => ({ actorType: p.actorType, actorId: p.actorId, displayName: p.displayName });

// The messages follow Listener::setCallRecording: `started` (from 3/4 to 1/2) always posts
// `[audio_]recording_started`, by the named participant or else by the session-less guest;
// `stopped` (from 1/2 to 0) posts `[audio_]recording_stopped` only when it names a participant
// (no actor means the call's end stopped it, and the call's own messages say so); `failed` (from
// 1/2) posts `recording_failed`, never naming anyone.
function apply(ctx: TalkContext, m: BackendMessage): OcsResult {
  const room = ctx.store.room(m.token);
  if (!room) return m.type === 'stopped' && has(ctx, 'backend-unknown-room-200') ? ok(null) : noSuchRoom();
  const before = room.callRecording;

  switch (m.type) {
    case 'started': {
      // Only a start a moderator asked for may be confirmed; anything else looks like probing.
      if (!isStarting(before)) {
        registerFailure(ctx, 'talkRecordingStatus');
        return noSuchRoom();
      }
      if (has(ctx, 'started-callback-ignored')) return ok(null);
      room.callRecording = m.status;
      const by = participantFor(ctx, room, m.actor);
      const stranger = has(ctx, 'started-stranger-authored-as-system') ? { actorType: 'guests' as const, actorId: 'system', displayName: '' } : NO_SESSION_AUTHOR;
      postSystem(ctx, room, by ? authorOf(by) : stranger, m.status === 1 ? 'recording_started' : 'audio_recording_started');
      return ok(null);
    }
    case 'stopped': {
      room.callRecording = RECORDING_NONE;
      // Only a running recording (1 video, 2 audio) has an end to announce; the fault announces a
      // starting one (3 → 1, 4 → 2) too.
      const ended = has(ctx, 'stopped-while-starting-posts-message') && isStarting(before) ? ((before - 2) as CallRecordingStatus) : before;
      if (!isRecording(ended)) return ok(null);
      const by = participantFor(ctx, room, m.actor);
      const message = ended === RECORDING_VIDEO ? 'recording_stopped' : 'audio_recording_stopped';
      if (by) postSystem(ctx, room, authorOf(by), message);
      else if (has(ctx, 'stopped-without-actor-posts-message')) postSystem(ctx, room, { actorType: 'guests', actorId: 'system', displayName: '' }, message);
      return ok(null);
    }
    case 'failed': {
      room.callRecording = has(ctx, 'failed-reports-none') ? RECORDING_NONE : RECORDING_FAILED;
      if (isRecording(before)) postSystem(ctx, room, NO_SESSION_AUTHOR, 'recording_failed');
      return ok(null);
    }
  }
}
