// DELETE /recordings/{recordingId} — only stopped recordings can be deleted (facts §5.4).
import { json } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { authorize, reaches } from '../access.ts';
import { has } from '../context.ts';
import * as errors from '../errors.ts';
import { isTerminal } from '../types.ts';
import { parseRecordingId } from '../validation.ts';
import type { MeetContext } from '../context.ts';

export async function deleteRecording(ctx: MeetContext, req: MockRequest, rawId: string): Promise<MockResponse> {
  const auth = await authorize(ctx, req);
  if (!auth.ok) return auth.response;
  const id = parseRecordingId(rawId, 'recordingId');
  if (!id.ok) return has(ctx, 'bad-recording-id-404') ? errors.recordingNotFound(rawId) : errors.validation(id.issues);

  const r = ctx.store.get(id.value);
  if (!r) return errors.recordingNotFound(id.value);
  if (!reaches(ctx, auth.principal, r.roomId)) return errors.forbidden();
  if (!isTerminal(r.status) && !has(ctx, 'delete-active-allowed')) return errors.notStopped(r.recordingId);
  ctx.store.delete(r.recordingId, { keepListed: has(ctx, 'deleted-still-listed') });
  return json(200, { message: `Recording '${r.recordingId}' deleted successfully` });
}
