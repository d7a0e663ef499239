// GET /recordings/{recordingId} — validates before authenticating (facts §5.4).
import { json } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { authorizeWithSecret, reaches } from '../access.ts';
import { has } from '../context.ts';
import { present } from '../wire.ts';
import * as errors from '../errors.ts';
import { parseRecordingId } from '../validation.ts';
import type { MeetContext } from '../context.ts';
import type { MeetRecording } from '../types.ts';

export async function getRecording(ctx: MeetContext, req: MockRequest, rawId: string): Promise<MockResponse> {
  const id = parseRecordingId(rawId, 'params.recordingId');
  if (!id.ok) return has(ctx, 'bad-recording-id-404') ? errors.recordingNotFound(rawId) : errors.validation(id.issues);
  const auth = await authorizeWithSecret(ctx, req, id.value, false);
  if (!auth.ok) return auth.response;

  const r = ctx.store.get(id.value);
  if (!r) return errors.recordingNotFound(id.value);
  if (!reaches(ctx, auth.principal, r.roomId)) return errors.forbidden();
  const wire: MeetRecording = present(ctx, r);
  if (has(ctx, 'status-regresses') && r.status === 'complete' && ctx.reads++ % 2 === 1) wire.status = 'ending';
  if (has(ctx, 'status-outside-enum')) (wire as { status: string }).status = 'recording';
  return json(200, wire);
}
