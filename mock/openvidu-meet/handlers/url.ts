// GET /recordings/{recordingId}/url — a share URL carrying the public or private secret.
import { json } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { authorize, reaches } from '../access.ts';
import { has } from '../context.ts';
import * as errors from '../errors.ts';
import { parseRecordingId } from '../validation.ts';
import type { MeetContext } from '../context.ts';

export async function getRecordingUrl(ctx: MeetContext, req: MockRequest, rawId: string): Promise<MockResponse> {
  const auth = await authorize(ctx, req);
  if (!auth.ok) return auth.response;
  const id = parseRecordingId(rawId, 'params.recordingId');
  if (!id.ok) return has(ctx, 'bad-recording-id-404') ? errors.recordingNotFound(rawId) : errors.validation(id.issues);
  const privateAccess = req.query.get('privateAccess');
  if (privateAccess !== null && privateAccess !== 'true' && privateAccess !== 'false')
    return errors.validation([{ field: 'privateAccess', message: 'Expected boolean, received string' }]);

  const r = ctx.store.get(id.value);
  if (!r) return errors.recordingNotFound(id.value);
  if (!reaches(ctx, auth.principal, r.roomId)) return errors.forbidden();
  const secret = privateAccess === 'true' ? r.privateSecret : r.publicSecret;
  return json(200, { url: `${req.origin}/recording/${encodeURIComponent(r.recordingId)}?secret=${secret}` });
}
