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
  createRoomRequest,
  deleteRecording,
  excerpt,
  expectStatus,
  freshMeeting,
  getRecording,
  getRoom,
  jsonOf,
  readRecording,
  runningRecordingId,
  serverSeconds,
  startAndIdentify,
  uniqueId,
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
    // The recording's room (seed 003: room.shutdown) tells whether its meeting is over.
    const SHUT = "a recording's room says shutdown false while its meeting runs, true once it was shut down";
    if (!down || id === undefined) ctx.notRun(SHUT, 'needs a recording of a meeting of ours that was shut down', { operation: OP.get });
    else {
      const rid = id;
      await ctx.rule(SHUT, async () => {
        const { res, rec } = await readRecording(ctx, rid);
        if (rec.room?.shutdown !== true) ctx.fail({ rule: SHUT, expected: 'room.shutdown true after the meeting was shut down', actual: `room ${JSON.stringify(rec.room ?? null)}`, response: res, operation: OP.get });
        const live = await freshMeeting(ctx);
        const room = await getRoom(ctx, live.accessKey);
        await shutdownMeeting(ctx, live.accessKey);
        const shown = jsonOf<RoomResponse>(ctx, room, 'GET /rooms/{access_key} answers the room response').room;
        if (shown?.shutdown !== false) ctx.fail({ rule: SHUT, expected: 'room.shutdown false in the room response of a running meeting', actual: `room ${JSON.stringify(shown ?? null)}`, response: room, operation: OP.getRoom });
      }, { operation: OP.get, specRef: '#/components/schemas/Recording' });
    }
  },
};

export const recordingChecks: Check[] = [startStopStatuses];

/**
 * A recording describes itself (the recording reference: id, created_at, duration in seconds,
 * links, the user who recorded, the room): created_at is the start, duration the seconds from start
 * to stop, user the meeting member whose access key started it, room the meeting it was made in,
 * links.self the resource itself. Two members of one meeting share its room, each keeps their own
 * user. Deleting a recording while it runs ends it (decision delete-running-recording): the meeting
 * may record again. Times are judged on the server's clock (Date), to the second.
 */
const fields: Check = {
  id: 'eyeson.recording.fields',
  title: 'a recording shows its start (created_at), its length (duration), the member who started it, its meeting and itself (links.self); deleting it while it runs frees the meeting',
  operations: [OP.createRoom, OP.getRoom, OP.start, OP.stop, OP.get, OP.delete],
  specRef: '#/components/schemas/Recording',
  needs: ['credentials', 'writes'],
  decision: 'delete-running-recording',
  async run(ctx) {
    const roomId = uniqueId(ctx, 'fields');
    const first = await freshMeeting(ctx, { roomId, userName: 'first member' });
    // A second member of the same running meeting: same room, their own user and access key.
    const joined = await createRoomRequest(ctx, { roomId, userName: 'second member' });
    expectStatus(ctx, joined, 201, 'joining a running meeting answers 201', OP.createRoom);
    const second = joined.json<RoomResponse>();
    await ctx.rule('a second member joins the same meeting with their own access key and user', () => {
      if (second.room?.id !== roomId || second.room?.started_at !== first.startedAt || second.access_key === first.accessKey || second.user?.name !== 'second member') {
        ctx.fail({ rule: 'a second member joins the same meeting with their own access key and user', expected: `room ${roomId} started ${first.startedAt}, a new access key, user "second member"`, actual: excerpt(joined), response: joined, operation: OP.createRoom });
      }
    }, { operation: OP.createRoom });

    // Each moment is bracketed by the Date of the answers just before and after it (a server's
    // clock may run on between them), to the second.
    const beforeStart = serverSeconds(joined);
    const started = await startRecording(ctx, second.access_key);
    expectStatus(ctx, started, 201, 'start in a running meeting answers 201', OP.start);
    const afterStart = serverSeconds(started);
    const id = await runningRecordingId(ctx, { accessKey: second.access_key });
    if (ctx.control) await ctx.control.advanceClock(95_000);
    else await new Promise((r) => setTimeout(r, 3_500));
    const beforeStop = serverSeconds(await getRoom(ctx, first.accessKey));
    const stopped = await stopRecording(ctx, first.accessKey);
    expectStatus(ctx, stopped, 200, 'any member of the meeting stops its recording (200)', OP.stop);
    const afterStop = serverSeconds(stopped);
    const { res, rec } = await readRecording(ctx, id);
    await ctx.rule('created_at is the start and duration the seconds from start to stop (server clock)', () => {
      if (beforeStart === undefined || afterStart === undefined || beforeStop === undefined || afterStop === undefined) return ctx.notApplicable('the target sends no Date header to time the recording by');
      const [minDuration, maxDuration] = [Math.floor(beforeStop) - Math.ceil(afterStart) - 1, Math.ceil(afterStop) - Math.floor(beforeStart) + 1];
      if (rec.created_at < Math.floor(beforeStart) - 1 || rec.created_at > Math.ceil(afterStart) + 1 || typeof rec.duration !== 'number' || rec.duration < minDuration || rec.duration > maxDuration) {
        ctx.fail({ rule: 'created_at is the start and duration the seconds from start to stop', expected: `created_at in [${Math.floor(beforeStart) - 1}, ${Math.ceil(afterStart) + 1}], duration in [${minDuration}, ${maxDuration}]`, actual: `created_at ${rec.created_at}, duration ${String(rec.duration)}`, response: res, operation: OP.get });
      }
    }, { operation: OP.get });
    await ctx.rule('the recording names the member who started it, its meeting and itself', () => {
      const self = rec.links?.self ?? '';
      if (rec.user?.name !== 'second member' || rec.user?.id !== second.user?.id || rec.room?.id !== roomId || rec.room?.started_at !== first.startedAt || rec.room?.name !== second.room?.name || !self.endsWith(`/recordings/${encodeURIComponent(id)}`)) {
        ctx.fail({ rule: 'the recording names the member who started it, its meeting and itself', expected: `user "second member" (${second.user?.id}), room ${roomId} started ${first.startedAt}, links.self …/recordings/${id}`, actual: excerpt(res, 400), response: res, operation: OP.get });
      }
    }, { operation: OP.get });

    const again = 'deleting a running recording ends it: 200, then 404, the meeting shows none and may record again';
    await ctx.rule(again, async () => {
      const id2 = await startAndIdentify(ctx, first);
      const del = await deleteRecording(ctx, id2);
      const gone = await getRecording(ctx, id2);
      const room = await getRoom(ctx, first.accessKey);
      const restart = await startRecording(ctx, first.accessKey);
      if (del.status !== 200 || gone.status !== 404 || room.json<RoomResponse>().recording !== null || restart.status !== 201) {
        ctx.fail({ rule: again, expected: 'DELETE 200, GET 404, room.recording null, start 201', actual: `DELETE ${del.status}, GET ${gone.status}, room.recording ${JSON.stringify(room.json<RoomResponse>().recording)?.slice(0, 80)}, start ${restart.status} ${excerpt(restart)}`, response: restart, operation: OP.delete, decision: 'delete-running-recording' });
      }
      await stopRecording(ctx, first.accessKey).catch(() => undefined);
    }, { operation: OP.delete, decision: 'delete-running-recording' });
  },
};

recordingChecks.push(fields);
