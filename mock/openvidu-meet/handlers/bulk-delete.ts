// DELETE /recordings?recordingIds=a,b — 200 only if every id was deleted, else 400 with the
// per-item failures (facts §5.4).
import { json } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { authorize, reaches } from '../access.ts';
import { has } from '../context.ts';
import * as errors from '../errors.ts';
import { isTerminal } from '../types.ts';
import { parseRecordingIds } from '../validation.ts';
import type { MeetContext } from '../context.ts';

export async function bulkDeleteRecordings(ctx: MeetContext, req: MockRequest): Promise<MockResponse> {
  const auth = await authorize(ctx, req);
  if (!auth.ok) return auth.response;
  const ids = parseRecordingIds(req.query.get('recordingIds'));
  if (!ids.ok) return errors.validation(ids.issues);

  const deleted: string[] = [];
  const failed: { recordingId: string; error: string }[] = [];
  const keepListed = has(ctx, 'deleted-still-listed');
  for (const id of ids.value) {
    const r = ctx.store.get(id);
    const p = auth.principal;
    let error: string | undefined;
    if (!r) error = `Recording '${id}' not found`;
    else if (!reaches(ctx, p, r.roomId) && p.kind === 'room-member') error = errors.notInRoom(id, p.roomId);
    else if (!isTerminal(r.status) && !has(ctx, 'delete-active-allowed')) error = `Recording '${id}' is not stopped yet`;
    if (error) failed.push({ recordingId: id, error });
    else {
      ctx.store.delete(id, { keepListed });
      deleted.push(id);
    }
  }
  if (failed.length === 0) return json(200, { message: 'All recordings deleted successfully', deleted });
  const status = has(ctx, 'bulk-delete-partial-200') ? 200 : 400;
  return json(status, { message: `${failed.length} recording(s) could not be deleted`, deleted, failed });
}
