// Start and stop of a meeting's recording answer the statuses the reference lists (seed 003):
// start 201 with no body ("NO RESPONSE - only HTTP status"), stop 200; an unknown access key is
// 404 and the key of a shut-down meeting 410 Gone (authorization reference), for start and stop
// alike. The reference lists 405, 406 and 404 without saying when: a second start while
// recording being 405, a meeting whose options disable recording 406 and a stop with nothing
// running 404 are callrec decisions, so those rules are decision-only. The shutdown that sets up
// the 410s answers 204 No Content: eyeson-php's Api::delete() reports success only for 204, and
// the eyeson-go and eyeson-php tests answer their shutdowns with 204.
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
  title: 'start 201 (no body) / 405 while recording / 406 unavailable / 404 unknown / 410 shut down; stop 200 / 404 idle / 410; shutdown 204',
  operations: [OP.start, OP.stop, OP.getRoom, OP.shutdown],
  specRef: START_SPEC,
  needs: ['credentials', 'writes'],
  decision: 'start-405-already-recording',
  async run(ctx: CheckContext) {
    // Unknown access keys need no meeting of ours: these rules run whatever else is missing.
    const unknown = `callrecNoSuchKey${ctx.seed}`;
    await ctx.rule('start with an unknown access key answers 404', async () => {
      expectStatus(ctx, await startRecording(ctx, unknown), 404, 'start with an unknown access key answers 404', OP.start);
    }, { operation: OP.start });
    await ctx.rule('stop with an unknown access key answers 404', async () => {
      expectStatus(ctx, await stopRecording(ctx, unknown), 404, 'stop with an unknown access key answers 404', OP.stop);
    }, { operation: OP.stop, specRef: STOP_SPEC });

    const meeting = await freshMeeting(ctx);

    await ctx.rule('stop with no recording running answers 404', async () => {
      expectStatus(ctx, await stopRecording(ctx, meeting.accessKey), 404, 'stop with no recording running answers 404', OP.stop);
    }, { operation: OP.stop, specRef: `${STOP_SPEC}/responses/404`, decision: 'stop-404-when-idle' });

    let id: string | undefined;
    let started: TargetResponse | undefined;
    const startOk = await ctx.rule('start in a running meeting answers 201', async () => {
      started = await startRecording(ctx, meeting.accessKey);
      expectStatus(ctx, started, 201, 'start in a running meeting answers 201', OP.start);
      id = await runningRecordingId(ctx, meeting);
    }, { operation: OP.start });
    const running = 'needs a recording started in a meeting of ours';
    if (startOk && started) {
      const res = started;
      await ctx.rule('start answers the status only, no body', () => expectNoBody(ctx, res, 'start answers the status only, no body', OP.start), { operation: OP.start, specRef: `${START_SPEC}/responses/201` });
      await ctx.rule('a second start while recording answers 405 and changes nothing', async () => {
        const again = await startRecording(ctx, meeting.accessKey);
        expectStatus(ctx, again, 405, 'a second start while recording answers 405', OP.start);
        const stillOne = jsonOf<RoomResponse>(ctx, await getRoom(ctx, meeting.accessKey), 'GET /rooms/{access_key} answers the room response');
        if (stillOne.recording?.id !== id) {
          ctx.fail({ rule: 'a refused second start changes nothing', expected: `the running recording is still ${id}`, actual: `recording ${JSON.stringify(stillOne.recording?.id ?? null)}`, response: again, operation: OP.start });
        }
      }, { operation: OP.start, specRef: `${START_SPEC}/responses/405`, decision: 'start-405-already-recording' });
      if (ctx.control) await ctx.control.advanceClock(1_000);
      const stopOk = await ctx.rule('stop of a running recording answers 200', async () => {
        expectStatus(ctx, await stopRecording(ctx, meeting.accessKey), 200, 'stop of a running recording answers 200', OP.stop);
      }, { operation: OP.stop, specRef: STOP_SPEC });
      if (stopOk) {
        await ctx.rule('a second stop (nothing running) answers 404', async () => {
          expectStatus(ctx, await stopRecording(ctx, meeting.accessKey), 404, 'a second stop (nothing running) answers 404', OP.stop);
        }, { operation: OP.stop, specRef: `${STOP_SPEC}/responses/404`, decision: 'stop-404-when-idle' });
      } else ctx.notRun('a second stop (nothing running) answers 404', 'the first stop failed', { operation: OP.stop });
    } else {
      for (const rule of ['start answers the status only, no body', 'a second start while recording answers 405 and changes nothing', 'stop of a running recording answers 200', 'a second stop (nothing running) answers 404']) {
        ctx.notRun(rule, `${running}, and the start did not succeed`);
      }
    }

    await ctx.rule('start where options disable recording answers 406', async () => {
      const unavailable = await freshMeeting(ctx, { recordingAvailable: false });
      expectStatus(ctx, await startRecording(ctx, unavailable.accessKey), 406, 'start where options disable recording answers 406', OP.start);
    }, { operation: OP.start, specRef: `${START_SPEC}/responses/406`, decision: 'start-406-recording-unavailable' });

    const down = await ctx.rule('shutting a running meeting down answers 204 No Content', async () => {
      expectStatus(ctx, await shutdownMeeting(ctx, meeting.accessKey), 204, 'shutting a running meeting down answers 204 No Content', OP.shutdown);
    }, { operation: OP.shutdown, specRef: '#/paths/~1rooms~1{access_key}/delete/responses/204' });
    const gone = [
      ['start with the access key of a shut-down meeting answers 410 Gone', () => startRecording(ctx, meeting.accessKey), OP.start],
      ['stop with the access key of a shut-down meeting answers 410 Gone', () => stopRecording(ctx, meeting.accessKey), OP.stop],
    ] as const;
    for (const [rule, send, operation] of gone) {
      if (!down) {
        ctx.notRun(rule, 'the meeting was not shut down', { operation });
        continue;
      }
      await ctx.rule(rule, async () => expectStatus(ctx, await send(), 410, rule, operation), { operation, specRef: '#/components/responses/Gone' });
    }
  },
};

export const recordingChecks: Check[] = [startStopStatuses];
