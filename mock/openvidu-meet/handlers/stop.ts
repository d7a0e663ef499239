// POST /recordings/{recordingId}/stop — only an active recording can be stopped (facts §5.4).
import { json } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { RECORDING_CONTROL, authorize, reaches } from '../access.ts';
import { has } from '../context.ts';
import { present } from '../wire.ts';
import * as errors from '../errors.ts';
import { egressIdOf } from '../ids.ts';
import { parseRecordingId } from '../validation.ts';
import type { MeetContext } from '../context.ts';

export async function stopRecording(ctx: MeetContext, req: MockRequest, rawId: string): Promise<MockResponse> {
  const auth = await authorize(ctx, req, RECORDING_CONTROL);
  if (!auth.ok) return auth.response;
  const id = parseRecordingId(rawId, 'recordingId');
  if (!id.ok) return has(ctx, 'bad-recording-id-404') ? errors.recordingNotFound(rawId) : errors.validation(id.issues);

  const r = ctx.store.get(id.value);
  // The platform's message names the egress id here, not the whole recording id.
  if (!r) return errors.recordingNotFound(egressIdOf(id.value));
  if (!reaches(ctx, auth.principal, r.roomId)) return errors.forbidden();
  const location = { location: `${req.origin}/api/v1/recordings/${encodeURIComponent(r.recordingId)}` };
  if (r.status !== 'active') {
    if (has(ctx, 'stop-completed-202')) return json(202, present(ctx, r), location);
    return r.status === 'starting' ? errors.stillStarting(r.recordingId) : errors.alreadyStopped(r.recordingId);
  }
  const now = ctx.clock.now();
  // Duration is known at once (it is the media fixture's); endDate and size come with `complete`.
  ctx.store.update(r.recordingId, { status: 'ending', stopRequestedAt: now, duration: ctx.media.facts(r.media).duration });
  const wire = present(ctx, r);
  ctx.webhooks.emit('recordingUpdated', wire, now);
  return json(202, wire, location);
}
