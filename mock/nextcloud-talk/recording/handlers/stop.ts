// DELETE /apps/spreed/api/v1/recording/{token} — ask the recording server to stop.
// Nothing to stop (status 0) is a silent 200 and sends nothing. Otherwise the stop is sent and
// the status stays as it is until the recording server reports `stopped` (or answers 404 to
// the stop, which marks the recording failed) (facts §2.2, §2.5 scenario 9).
import { has, type TalkContext } from '../../context.ts';
import { isFailure } from '../../handlers/common.ts';
import { failure, ok, type OcsResult } from '../../ocs.ts';
import type { TalkRequest } from '../../router.ts';
import type { Participant, Room } from '../../types.ts';
import { loggedInModerator } from '../guard.ts';
import { sendStop } from '../notifier.ts';
import { RECORDING_NONE } from '../status.ts';

export async function stopRecording(ctx: TalkContext, req: TalkRequest, params: Record<string, string>): Promise<OcsResult> {
  const who = loggedInModerator(ctx, req, params.token!);
  if (isFailure(who)) return who;
  if (who.room.callRecording === RECORDING_NONE) {
    return has(ctx, 'stop-idle-400') ? failure(400, '', { error: 'recording' }) : ok(null);
  }
  await stopFor(ctx, who.room, who.participant);
  return ok(null);
}

/** Sends the stop; `by` undefined when the call ended by itself. Shared with the call-ended hook. */
export async function stopFor(ctx: TalkContext, room: Room, by: Participant | undefined): Promise<void> {
  if (room.callRecording === RECORDING_NONE) return;
  await sendStop(ctx, room, by ? { type: by.actorType, id: by.actorId } : undefined);
  if (has(ctx, 'stop-clears-status-at-once')) room.callRecording = RECORDING_NONE;
}
