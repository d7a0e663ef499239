// Every response the target gives must be one the spec allows: a documented status, a body that
// matches its schema, the required headers. Drives each operation with valid input (a full
// start → read → share → stop → media → zip → delete cycle) and with typical invalid input.
import type { Check, CheckContext, TargetRequest } from '../../../core/check.ts';
import { asConfig } from '../config.ts';
import {
  OP,
  expectConforms,
  expectStatus,
  configuredActiveRecording,
  discardRecording,
  existingCompleteRecording,
  recordableRoom,
  takeDeletable,
  settle,
  startRecording,
  uniqueRoomId,
  unknownRecordingId,
} from '../support.ts';
import type { MeetRecording, OperationId } from '../support.ts';

/** Sends one request and fails unless the spec allows the response; answers it for chaining. */
async function conforming(ctx: CheckContext, operation: OperationId, req: Omit<TargetRequest, 'operation'>) {
  const res = await ctx.target.request({ ...req, operation });
  expectConforms(ctx, res, operation);
  return res;
}

const rec = (id: string, suffix = '') => `/recordings/${encodeURIComponent(id)}${suffix}`;

/** Valid reads of a finished recording: read, share URLs, media (small range, HEAD), ZIP. */
async function readsOf(ctx: CheckContext, r: MeetRecording): Promise<void> {
  await conforming(ctx, OP.get, { method: 'GET', path: rec(r.recordingId) });
  await conforming(ctx, OP.url, { method: 'GET', path: rec(r.recordingId, '/url') });
  await conforming(ctx, OP.url, { method: 'GET', path: rec(r.recordingId, '/url'), query: { privateAccess: true } });
  await conforming(ctx, OP.media, { method: 'GET', path: rec(r.recordingId, '/media'), headers: { range: 'bytes=0-99' } });
  await conforming(ctx, OP.media, { method: 'HEAD', path: rec(r.recordingId, '/media') });
  await conforming(ctx, OP.zip, { method: 'GET', path: '/recordings/download', query: { recordingIds: r.recordingId } });
}

/** Invalid or unknown input that changes nothing on any server. */
async function invalidInputs(ctx: CheckContext, complete?: MeetRecording): Promise<void> {
  const unknown = unknownRecordingId(ctx);
  const calls: [OperationId, Omit<TargetRequest, 'operation'>][] = [
    [OP.start, { method: 'POST', path: '/recordings', body: {} }],
    [OP.start, { method: 'POST', path: '/recordings', body: { roomId: uniqueRoomId(ctx, 'no-such-room') } }],
    [OP.start, { method: 'POST', path: '/recordings', body: { roomId: 'x', config: { layout: 'nope' } } }],
    [OP.list, { method: 'GET', path: '/recordings', query: { maxItems: 0 } }],
    [OP.list, { method: 'GET', path: '/recordings', query: { sortField: 'color' } }],
    [OP.list, { method: 'GET', path: '/recordings', query: { status: 'recording' } }],
    [OP.list, { method: 'GET', path: '/recordings', auth: 'none' }],
    [OP.bulkDelete, { method: 'DELETE', path: '/recordings', query: { recordingIds: 'not-an-id' } }],
    [OP.bulkDelete, { method: 'DELETE', path: '/recordings', query: { recordingIds: unknown } }],
    [OP.bulkDelete, { method: 'DELETE', path: '/recordings', query: { recordingIds: ' , ' } }],
    [OP.zip, { method: 'GET', path: '/recordings/download', query: { recordingIds: 'not-an-id' } }],
    [OP.get, { method: 'GET', path: rec('not-an-id') }],
    [OP.get, { method: 'GET', path: rec(unknown) }],
    [OP.get, { method: 'GET', path: rec(unknown), auth: 'none' }],
    [OP.delete, { method: 'DELETE', path: rec(unknown) }],
    [OP.delete, { method: 'DELETE', path: rec('not-an-id') }],
    [OP.media, { method: 'GET', path: rec(unknown, '/media') }],
    [OP.stop, { method: 'POST', path: rec(unknown, '/stop') }],
    [OP.stop, { method: 'POST', path: rec('not-an-id', '/stop') }],
    [OP.url, { method: 'GET', path: rec(unknown, '/url') }],
  ];
  if (complete) {
    const id = complete.recordingId;
    calls.push(
      [OP.media, { method: 'GET', path: rec(id, '/media'), headers: { range: 'bytes=abc' } }],
      [OP.media, { method: 'GET', path: rec(id, '/media'), headers: { range: 'bytes=999999999-' } }],
      [OP.get, { method: 'GET', path: rec(id), query: { secret: 'callrecNoSuchSecret' }, auth: 'none' }],
      [OP.stop, { method: 'POST', path: rec(id, '/stop') }], // already stopped: 409
    );
  }
  for (const [operation, req] of calls) await conforming(ctx, operation, req);
}

const responsesConform: Check = {
  id: 'openvidu-meet.schema.responses-conform',
  title: 'every response, to valid and to invalid requests, is one the spec documents',
  operations: Object.values(OP),
  specRef: '#/paths',
  needs: ['credentials'],
  async run(ctx: CheckContext) {
    await ctx.rule('listings conform', async () => {
      await conforming(ctx, OP.list, { method: 'GET', path: '/recordings' });
      await conforming(ctx, OP.list, { method: 'GET', path: '/recordings', query: { maxItems: 2, sortField: 'roomName', sortOrder: 'asc', status: 'complete' } });
      await conforming(ctx, OP.list, { method: 'GET', path: '/recordings', query: { fields: 'recordingId,status', maxItems: 3 } });
    });

    const canWrite = Boolean(ctx.control || asConfig(ctx.config).writes);
    let complete: MeetRecording | undefined;
    let ownId: string | undefined;
    const cycle = 'start → read → share → stop of a recording of our own conforms';
    if (canWrite && (ctx.control || asConfig(ctx.config).rooms?.recordable)) {
      // The full cycle on a recording of our own (the answers of a running recording included).
      await ctx.rule(cycle, async () => {
        const roomId = await recordableRoom(ctx);
        const started = await startRecording(ctx, roomId);
        expectConforms(ctx, started, OP.start);
        expectStatus(ctx, started, 201, 'start in a recordable room answers 201', OP.start);
        const id = started.json<MeetRecording>().recordingId;
        ownId = id;
        await conforming(ctx, OP.get, { method: 'GET', path: rec(id) });
        await conforming(ctx, OP.url, { method: 'GET', path: rec(id, '/url') });
        await conforming(ctx, OP.media, { method: 'GET', path: rec(id, '/media') }); // still active: 409
        await conforming(ctx, OP.delete, { method: 'DELETE', path: rec(id) }); // still active: 409
        await conforming(ctx, OP.list, { method: 'GET', path: '/recordings', query: { roomId, status: 'active' } });
        const stopped = await conforming(ctx, OP.stop, { method: 'POST', path: rec(id, '/stop') });
        expectStatus(ctx, stopped, 202, 'stop of an active recording answers 202', OP.stop);
        await conforming(ctx, OP.get, { method: 'GET', path: rec(id) });
        complete = await settle(ctx, id);
      });
    } else {
      ctx.skip(cycle, 'needs writes: true and rooms.recordable in the target config');
    }
    if (!complete) {
      // Without a recording of our own (no writes, or start/stop missing or broken): a configured one.
      if (!ctx.control && !asConfig(ctx.config).recordings?.complete) {
        ctx.skip('reads of a finished recording conform', 'no recording of our own and none configured: set recordings.complete in the target config');
      } else {
        await ctx.rule('a finished recording to read is at hand (configured data)', async () => {
          complete = await existingCompleteRecording(ctx);
        });
      }
    }
    if (complete) {
      const done = complete;
      await ctx.rule('reads of a finished recording conform', () => readsOf(ctx, done));
    }
    if (!ownId && !ctx.control && asConfig(ctx.config).recordings?.active) {
      // No recording of our own in progress was seen: the configured one stands in for it.
      await ctx.rule('answers about a recording in progress conform (configured data)', async () => {
        const active = await configuredActiveRecording(ctx);
        await conforming(ctx, OP.get, { method: 'GET', path: rec(active.recordingId) });
        await conforming(ctx, OP.media, { method: 'GET', path: rec(active.recordingId, '/media') }); // 409
        await conforming(ctx, OP.delete, { method: 'DELETE', path: rec(active.recordingId) }); // 409
      });
    }
    await ctx.rule('answers to invalid input conform', () => invalidInputs(ctx, complete));

    // Deletion answers: our own recording, else configured deletable ones; never recordings.complete.
    const deletes = 'delete and bulk-delete answers conform';
    if (ownId) {
      const id = ownId;
      await ctx.rule(deletes, async () => {
        await conforming(ctx, OP.bulkDelete, { method: 'DELETE', path: '/recordings', query: { recordingIds: `${id},${unknownRecordingId(ctx)}` } }); // 400: one unknown
        await conforming(ctx, OP.delete, { method: 'DELETE', path: rec(id) }); // already gone: 404
        if (ctx.control) {
          const other = await existingCompleteRecording(ctx);
          await conforming(ctx, OP.delete, { method: 'DELETE', path: rec(other.recordingId) });
          const again = await existingCompleteRecording(ctx);
          await conforming(ctx, OP.bulkDelete, { method: 'DELETE', path: '/recordings', query: { recordingIds: again.recordingId } });
        }
      });
    } else if (canWrite) {
      await ctx.rule(`${deletes} (configured deletable recordings)`, async () => {
        const [one, two] = await takeDeletable(ctx, 2);
        await conforming(ctx, OP.delete, { method: 'DELETE', path: rec(one!.recordingId) });
        await conforming(ctx, OP.bulkDelete, { method: 'DELETE', path: '/recordings', query: { recordingIds: `${two!.recordingId},${unknownRecordingId(ctx)}` } });
      });
    } else {
      ctx.skip(deletes, 'deleting needs writes: true in the target config');
    }
    // A cycle broken before the recording finished must not leave it running on a real server.
    if (ownId && !complete && !ctx.control) await discardRecording(ctx, ownId);
  },
};

export const schemaChecks: Check[] = [responsesConform];
