// Start and stop of a meeting's recording answer the statuses the reference lists (seed 003):
// start 201 with no body, stop 200; a second start while recording is 405 and a stop with nothing
// running is 404 (callrec decisions on when those listed codes apply); an unknown access key is
// 404 and the key of a shut-down meeting 410 Gone, for start and stop alike; a meeting whose
// options disable recording refuses with 406.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import {
  OP,
  excerpt,
  expectStatus,
  freshMeeting,
  getRoom,
  jsonOf,
  runningRecordingId,
  shutdownMeeting,
  startRecording,
  stopRecording,
  type RoomResponse,
} from '../support.ts';

const START_SPEC = '#/paths/~1rooms~1{access_key}~1recording/post';
const STOP_SPEC = '#/paths/~1rooms~1{access_key}~1recording/delete';

function expectNoBody(ctx: CheckContext, res: TargetResponse, rule: string, operation: string): void {
  if (res.bytes.byteLength > 0) {
    ctx.fail({ rule, specRef: operation === OP.start ? `${START_SPEC}/responses/201` : `${STOP_SPEC}/responses/200`, expected: 'an empty body (status only)', actual: `${res.bytes.byteLength} bytes: ${excerpt(res)}`, response: res, operation });
  }
}

const startStopStatuses: Check = {
  id: 'eyeson.recording.start-stop-statuses',
  title: 'start 201 (no body) / 405 while recording / 406 unavailable / 404 unknown / 410 shut down; stop 200 / 404 idle / 410',
  operations: [OP.start, OP.stop, OP.getRoom, OP.shutdown],
  specRef: START_SPEC,
  needs: ['credentials', 'writes'],
  decision: 'start-405-already-recording',
  async run(ctx: CheckContext) {
    const meeting = await freshMeeting(ctx);

    const idle = await stopRecording(ctx, meeting.accessKey);
    expectStatus(ctx, idle, 404, 'stop with no recording running answers 404', OP.stop);

    const started = await startRecording(ctx, meeting.accessKey);
    expectStatus(ctx, started, 201, 'start in a running meeting answers 201', OP.start);
    expectNoBody(ctx, started, 'start answers the status only, no body', OP.start);
    const id = await runningRecordingId(ctx, meeting);

    const again = await startRecording(ctx, meeting.accessKey);
    expectStatus(ctx, again, 405, 'a second start while recording answers 405', OP.start);
    const stillOne = jsonOf<RoomResponse>(ctx, await getRoom(ctx, meeting.accessKey), 'GET /rooms/{access_key} answers the room response');
    if (stillOne.recording?.id !== id) {
      ctx.fail({ rule: 'a refused second start changes nothing', expected: `the running recording is still ${id}`, actual: `recording ${JSON.stringify(stillOne.recording?.id ?? null)}`, response: again, operation: OP.start });
    }

    if (ctx.control) await ctx.control.advanceClock(1_000);
    const stopped = await stopRecording(ctx, meeting.accessKey);
    expectStatus(ctx, stopped, 200, 'stop of a running recording answers 200', OP.stop);
    expectNoBody(ctx, stopped, 'stop answers the status only, no body', OP.stop);
    const twice = await stopRecording(ctx, meeting.accessKey);
    expectStatus(ctx, twice, 404, 'a second stop (nothing running) answers 404', OP.stop);

    const unknown = `callrecNoSuchKey${ctx.seed}`;
    expectStatus(ctx, await startRecording(ctx, unknown), 404, 'start with an unknown access key answers 404', OP.start);
    expectStatus(ctx, await stopRecording(ctx, unknown), 404, 'stop with an unknown access key answers 404', OP.stop);

    const unavailable = await freshMeeting(ctx, { recordingAvailable: false });
    expectStatus(ctx, await startRecording(ctx, unavailable.accessKey), 406, 'start where options disable recording answers 406', OP.start);

    const down = await shutdownMeeting(ctx, meeting.accessKey);
    expectStatus(ctx, down, 200, 'shutting a running meeting down answers 200', OP.shutdown);
    expectStatus(ctx, await startRecording(ctx, meeting.accessKey), 410, 'start with the access key of a shut-down meeting answers 410 Gone', OP.start);
    expectStatus(ctx, await stopRecording(ctx, meeting.accessKey), 410, 'stop with the access key of a shut-down meeting answers 410 Gone', OP.stop);
  },
};

export const recordingChecks: Check[] = [startStopStatuses];
