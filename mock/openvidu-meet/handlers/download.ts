// Getting a recording's media out: the ZIP of many (download) and a share URL for one (url).
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { buildZip } from '../../../core/zip.ts';
import { authorize, reaches, refuse } from '../access.ts';
import { has } from '../context.ts';
import * as errors from '../errors.ts';
import { roomIdOf } from '../ids.ts';
import { parseRecordingIds, parseRecordingId, roomIdSanitiser } from '../input.ts';
import type { MeetContext } from '../context.ts';
import { json } from '../../../core/http.ts';

// GET /recordings/download?recordingIds=a,b — a store-only ZIP of the complete recordings'
// media; ids that are missing or not complete are skipped silently (facts §5.4).
export async function downloadRecordings(ctx: MeetContext, req: MockRequest): Promise<MockResponse> {
  const auth = await authorize(ctx, req, undefined, true);
  if (!auth.ok) return auth.response;
  const ids = parseRecordingIds(req.query.get('recordingIds'), roomIdSanitiser(ctx));
  if (!ids.ok) return errors.validation(ids.issues);
  const refused = refuse(ctx, auth.principal, 'retrieve');
  if (refused) return refused;

  const p = auth.principal;
  let wanted = ids.value.map((id) => ctx.store.get(id));
  if (p.kind === 'room-member') {
    wanted = wanted.filter((r) => r !== undefined && reaches(ctx, p, r.roomId));
    if (wanted.length === 0) return errors.noneInRoom(p.roomId);
  }
  const entries: { name: string; bytes: Uint8Array }[] = [];
  for (const r of wanted) {
    if (!r || (r.status !== 'complete' && !has(ctx, 'zip-includes-in-progress'))) continue;
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

// GET /recordings/{recordingId}/url — a share URL carrying the public or private secret.
export async function getRecordingUrl(ctx: MeetContext, req: MockRequest, rawId: string): Promise<MockResponse> {
  const auth = await authorize(ctx, req);
  if (!auth.ok) return auth.response;
  const id = parseRecordingId(rawId, 'params.recordingId', roomIdSanitiser(ctx));
  if (!id.ok) return has(ctx, 'bad-recording-id-404') ? errors.recordingNotFound(rawId) : errors.validation(id.issues);
  const privateAccess = req.query.get('privateAccess');
  if (privateAccess !== null && privateAccess !== 'true' && privateAccess !== 'false')
    return errors.validation([{ field: 'privateAccess', message: 'Expected boolean, received string' }]);

  // Judged by the id's room before any lookup, as the platform's middleware does: another room is 403 even for an unknown id.
  const refused = refuse(ctx, auth.principal, 'retrieve', roomIdOf(id.value));
  if (refused) return refused;
  const r = ctx.store.get(id.value);
  if (!r) return errors.recordingNotFound(id.value);
  const secret = privateAccess === 'true' ? r.privateSecret : r.publicSecret;
  return json(200, { url: `${req.origin}/recording/${encodeURIComponent(r.recordingId)}?secret=${secret}` });
}
