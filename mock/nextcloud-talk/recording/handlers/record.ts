// Recording a call: start (POST) and stop (DELETE) on /apps/spreed/api/v1/recording/{token}.
import { has, type TalkContext } from '../../context.ts';
import { isFailure } from '../../handlers/common.ts';
import { failure, ok, type OcsResult } from '../../ocs.ts';
import type { TalkRequest } from '../../router.ts';
import { loggedInModerator } from '../guard.ts';
import { inBackground, isSuccess, sendStart, sendStop, type Outcome } from '../webhooks.ts';
import { recordingEnabled } from '../server-config.ts';
import { RECORDING_FAILED, canStart, isRecordingKind, isStarting, startingStatus, type RecordingKind, RECORDING_NONE } from '../status.ts';
import type { Participant, Room } from '../../types.ts';

/**
 * How long the `start-race-no-claim` fault leaves a start unclaimed (real time). Long enough that a
 * burst of parallel starts still overlaps on a machine under heavy load (at 200 ms the burst's
 * requests could arrive further apart than the window, and the fault went unseen now and then).
 */
const RACE_WINDOW_MS = 1000;

/** A refused start: RecordingController::start's DataResponse carries no message, so meta.message is ''. */
const startError = (ctx: TalkContext, error: 'status' | 'recording' | 'call' | 'config'): OcsResult =>
  failure(400, has(ctx, 'start-error-message-set') ? error : '', { error });

/**
 * The recording server did not take the request (a 4xx, or a 5xx / no answer three times):
 * BackendNotifier throws, nothing in Talk catches it, and ocs/v2.php answers its generic 500
 * (OCS 996 "Internal Server Error").
 */
export const recordingServerFailed = (ctx: TalkContext): OcsResult => failure(996, has(ctx, 'refusal-message-empty') ? '' : 'Internal Server Error\n');

// POST /apps/spreed/api/v1/recording/{token} — start a video (1) or audio (2) recording.
// Errors in the order Nextcloud checks them (facts §2.2): `status` → `recording` → `call` →
// `config`, each 400 {error}. The room is claimed (status 3/4) in the same synchronous step as
// the `recording` check, before anything is awaited, so of many parallel starts exactly one wins.
export async function startRecording(ctx: TalkContext, req: TalkRequest, params: Record<string, string>): Promise<OcsResult> {
  const who = loggedInModerator(ctx, req, params.token!, { start: true });
  if (isFailure(who)) return who;
  const { room, participant, user } = who;
  const raw = req.input.int('status');
  const validStatus = isRecordingKind(raw) || (has(ctx, 'start-invalid-status-accepted') && raw === 3);
  const kind: RecordingKind = raw === 2 ? 2 : 1;

  const busy = !canStart(room.callRecording) || (room.callRecording === RECORDING_FAILED && has(ctx, 'restart-after-failure-refused'));
  const checks: [boolean, 'status' | 'recording' | 'call' | 'config'][] = [
    [!validStatus, 'status'],
    [busy, 'recording'],
    [room.activeSince === null, 'call'],
    [!recordingEnabled(ctx), 'config'],
  ];
  if (has(ctx, 'start-status-checked-last')) checks.push(checks.shift()!);
  for (const [failed, error] of checks) if (failed) return startError(ctx, error);

  const owner = user.id;
  const actor = { type: participant.actorType, id: participant.actorId };
  if (has(ctx, 'start-race-no-claim')) {
    // The bug: the recording server is told first and the room claimed afterwards. The pause
    // stands for a slow recording server, so that requests arriving over HTTP a few
    // milliseconds apart really do overlap.
    await sendStart(ctx, room, kind, owner, actor);
    await new Promise((resolve) => setTimeout(resolve, RACE_WINDOW_MS));
    room.callRecording = startingStatus(kind);
    room.recordingOwner = owner;
    return ok(null);
  }
  // Claimed before anything is awaited; given back when the recording server does not take the
  // start, as Nextcloud (which tells the server first and claims after) leaves the status then.
  const previous = { status: room.callRecording, owner: room.recordingOwner };
  room.callRecording = startingStatus(kind);
  room.recordingOwner = owner;
  const claimed = room.callRecording;
  if (has(ctx, 'outgoing-4xx-retried')) {
    // The bug: the answer is waited for in the background and applied after the API call answered.
    inBackground(ctx, sendStart(ctx, room, kind, owner, actor).then((out) => {
      if (!isSuccess(ctx, out) && isStarting(room.callRecording)) room.callRecording = RECORDING_FAILED;
    }));
    return ok(null);
  }
  const out = await sendStart(ctx, room, kind, owner, actor);
  if (isSuccess(ctx, out)) return ok(null);
  if (room.callRecording === claimed || has(ctx, 'start-refusal-overwrites-status')) {
    room.callRecording = previous.status;
    room.recordingOwner = previous.owner;
  }
  return recordingServerFailed(ctx);
}

// DELETE /apps/spreed/api/v1/recording/{token} — ask the recording server to stop.
// Nothing to stop (status 0) is a silent 200 and sends nothing. Otherwise the stop is sent and
// the status stays as it is until the recording server reports `stopped`; a 404 to the stop
// marks the recording failed before this answers (facts §2.2, §2.5 scenario 9). Any other
// refusal, or no answer after three tries, is the platform's 500.
export async function stopRecording(ctx: TalkContext, req: TalkRequest, params: Record<string, string>): Promise<OcsResult> {
  const who = loggedInModerator(ctx, req, params.token!);
  if (isFailure(who)) return who;
  // Nothing to stop (status 0) sends nothing and answers 200 (stopFor; the fault refuses it).
  if (has(ctx, 'stop-idle-400') && who.room.callRecording === RECORDING_NONE) return failure(400, '', { error: 'recording' });
  if (has(ctx, 'outgoing-4xx-retried')) {
    inBackground(ctx, stopFor(ctx, who.room, who.participant));
    return ok(null);
  }
  const out = await stopFor(ctx, who.room, who.participant);
  // No recording server configured: Nextcloud logs it and carries on (nothing is sent, nothing changes).
  if ((!out.sent && !has(ctx, 'stop-without-server-500')) || isSuccess(ctx, out) || out.status === 404) return ok(null);
  return recordingServerFailed(ctx);
}

/**
 * Sends the stop; `by` undefined when the call ended by itself (shared with the call-ended hook).
 * A 404 means the recording server records nothing here and will never report `stopped`, so the
 * recording is marked failed at once (RecordingService::stop).
 */
export async function stopFor(ctx: TalkContext, room: Room, by: Participant | undefined): Promise<Outcome> {
  if (room.callRecording === RECORDING_NONE && !has(ctx, 'stop-sent-when-idle')) return { sent: false };
  const out = await sendStop(ctx, room, by ? { type: by.actorType, id: by.actorId } : undefined);
  if (out.status === 404) room.callRecording = RECORDING_FAILED;
  if (has(ctx, 'stop-clears-status-at-once')) room.callRecording = RECORDING_NONE;
  return out;
}
