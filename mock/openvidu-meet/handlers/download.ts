// GET /recordings/download?recordingIds=a,b — a store-only ZIP of the complete recordings'
// media; ids that are missing or not complete are skipped silently (facts §5.4).
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { buildZip } from '../../../core/zip.ts';
import { authorize, reaches } from '../access.ts';
import { has } from '../context.ts';
import * as errors from '../errors.ts';
import { parseRecordingIds } from '../validation.ts';
import type { MeetContext } from '../context.ts';

export async function downloadRecordings(ctx: MeetContext, req: MockRequest): Promise<MockResponse> {
  const auth = await authorize(ctx, req, undefined, true);
  if (!auth.ok) return auth.response;
  const ids = parseRecordingIds(req.query.get('recordingIds'));
  if (!ids.ok) return errors.validation(ids.issues);

  const p = auth.principal;
  let wanted = ids.value.map((id) => ctx.store.get(id));
  if (p.kind === 'room-member') {
    wanted = wanted.filter((r) => r !== undefined && reaches(ctx, p, r.roomId));
    if (wanted.length === 0) return errors.noneInRoom(p.roomId);
  }
  const entries: { name: string; bytes: Uint8Array }[] = [];
  for (const r of wanted) {
    if (!r || r.status !== 'complete') continue;
    let bytes = await ctx.mediaStore.bytes(r.media);
    if (has(ctx, 'zip-entry-truncated') && bytes.byteLength > 0) bytes = bytes.subarray(0, bytes.byteLength - 1);
    entries.push({ name: r.filename, bytes });
  }
  const zip = buildZip(entries);
  return {
    status: 200,
    headers: {
      'content-type': 'application/zip',
      'content-disposition': 'attachment; filename="recordings.zip"',
      'content-length': String(zip.byteLength),
    },
    body: zip,
  };
}
