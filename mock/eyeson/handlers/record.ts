// POST and DELETE /rooms/{access_key}/recording: start and stop the meeting's recording.
// Both answer the status only (facts §6); the body of the request, if any, is ignored.
import { json } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { resolveMember } from '../auth.ts';
import { has } from '../context.ts';
import * as errors from '../errors.ts';
import { runningRecording, startRecording, stopRecording } from '../meeting.ts';
import { presentRecording } from '../wire.ts';
import type { EyesonContext } from '../context.ts';

export async function startRecordingHandler(ctx: EyesonContext, req: MockRequest, key: string): Promise<MockResponse> {
  const m = resolveMember(ctx, key);
  if (!m.ok) return m.response;
  const member = m.value;
  if (!member.instance.recordingAvailable) return errors.error(406, 'Recording is not available in this meeting');
  if (runningRecording(ctx, member.instance)) {
    if (has(ctx, 'second-start-201')) return errors.noContent(201);
    // RFC 9110 §15.5.6: a 405 lists what the resource supports now — stopping the recording.
    return errors.error(405, 'A recording is already running in this meeting', { allow: 'DELETE' });
  }
  const r = startRecording(ctx, member);
  if (has(ctx, 'start-body-returned')) return json(201, await presentRecording(ctx, r, req.origin));
  return errors.noContent(201);
}

export async function stopRecordingHandler(ctx: EyesonContext, _req: MockRequest, key: string): Promise<MockResponse> {
  const m = resolveMember(ctx, key);
  if (!m.ok) return m.response;
  const running = runningRecording(ctx, m.value.instance);
  if (!running) return errors.notFound('Running recording');
  stopRecording(ctx, running);
  return errors.noContent(200);
}
