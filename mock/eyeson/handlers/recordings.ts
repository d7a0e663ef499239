// GET and DELETE /recordings/{recording_id} (API key; only the team's own recordings).
import { json } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { authenticate } from '../auth.ts';
import { has, isExpired, visible } from '../context.ts';
import * as errors from '../errors.ts';
import { deleteRecording } from '../meeting.ts';
import { presentRecording } from '../wire.ts';
import type { EyesonContext } from '../context.ts';

export async function getRecording(ctx: EyesonContext, req: MockRequest, id: string): Promise<MockResponse> {
  const auth = authenticate(ctx, req);
  if (!auth.ok) return auth.response;
  const r = ctx.store.get(id);
  if (!visible(ctx, r, auth.value.apiKey)) return errors.notFound('Recording');
  const wire = await presentRecording(ctx, r, req.origin, true);
  if (has(ctx, 'duration-as-string') && wire.duration !== null) wire.duration = String(wire.duration);
  return json(200, wire);
}

export async function deleteRecordingHandler(ctx: EyesonContext, req: MockRequest, id: string): Promise<MockResponse> {
  const auth = authenticate(ctx, req);
  if (!auth.ok) return auth.response;
  const r = ctx.store.get(id);
  if (r && r.teamKey === auth.value.apiKey && r.deletedAt !== undefined && !isExpired(ctx, r) && has(ctx, 'delete-twice-200')) {
    return errors.noContent(200);
  }
  if (!visible(ctx, r, auth.value.apiKey) || r.deletedAt !== undefined) return errors.notFound('Recording');
  deleteRecording(ctx, r);
  return errors.noContent(200);
}
