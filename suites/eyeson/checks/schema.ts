// Every response the target gives must be one the spec allows: a documented status, a body that
// matches its schema, the required headers. Drives each operation through a meeting's whole life
// (create, start, read while started/stopped/finished, list, download, delete, shut down) and with
// typical invalid input.
import type { Check, CheckContext, TargetRequest, TargetResponse } from '../../../core/check.ts';
import { asConfig } from '../config.ts';
import {
  OP,
  expectConforms,
  expectStatus,
  freshMeeting,
  jsonOf,
  runningRecordingId,
  uniqueId,
  unknownRecordingId,
  waitFinished,
  type EyesonRecording,
  type OperationId,
} from '../support.ts';

/** Sends one request and fails unless the spec allows the response; answers it for chaining. */
async function conforming(ctx: CheckContext, operation: OperationId, req: Omit<TargetRequest, 'operation'>): Promise<TargetResponse> {
  const res = await ctx.target.request({ ...req, operation });
  expectConforms(ctx, res, operation);
  return res;
}

const rec = (id: string) => `/recordings/${encodeURIComponent(id)}`;
const room = (key: string, suffix = '') => `/rooms/${encodeURIComponent(key)}${suffix}`;

/** Invalid or unknown input that changes nothing on any server. */
async function invalidInputs(ctx: CheckContext): Promise<void> {
  const unknown = unknownRecordingId(ctx);
  const calls: [OperationId, Omit<TargetRequest, 'operation'>][] = [
    [OP.get, { method: 'GET', path: rec(unknown) }],
    [OP.get, { method: 'GET', path: rec(unknown), auth: 'none' }],
    [OP.get, { method: 'GET', path: rec(unknown), auth: { authorization: 'callrec-not-a-key' } }],
    [OP.delete, { method: 'DELETE', path: rec(unknown) }],
    [OP.list, { method: 'GET', path: room(uniqueId(ctx, 'no-such-room'), '/recordings') }],
    [OP.list, { method: 'GET', path: room(uniqueId(ctx, 'no-such-room'), '/recordings'), auth: 'none' }],
    [OP.start, { method: 'POST', path: room('callrecNoSuchAccessKey', '/recording'), auth: 'none' }],
    [OP.stop, { method: 'DELETE', path: room('callrecNoSuchAccessKey', '/recording'), auth: 'none' }],
    [OP.getRoom, { method: 'GET', path: room('callrecNoSuchAccessKey'), auth: 'none' }],
    [OP.getWebhook, { method: 'GET', path: '/webhooks', auth: 'none' }],
  ];
  for (const [operation, req] of calls) await conforming(ctx, operation, req);
}

const responsesConform: Check = {
  id: 'eyeson.schema.responses-conform',
  title: 'every response, to valid and to invalid requests, is one the spec documents',
  operations: Object.values(OP),
  specRef: '#/paths',
  needs: ['credentials'],
  async run(ctx: CheckContext) {
    await invalidInputs(ctx);
    await conforming(ctx, OP.getWebhook, { method: 'GET', path: '/webhooks' });
    const canWrite = Boolean(ctx.control || asConfig(ctx.config).writes);
    if (!canWrite) {
      const finished = asConfig(ctx.config).recordings?.finished;
      if (finished) await conforming(ctx, OP.get, { method: 'GET', path: rec(finished) });
      const paged = asConfig(ctx.config).rooms?.paged;
      if (paged) await conforming(ctx, OP.list, { method: 'GET', path: room(paged, '/recordings') });
      ctx.log('writes not allowed: the meeting life cycle was not exercised');
      return;
    }

    // A meeting's whole life, every answer validated.
    const meeting = await freshMeeting(ctx);
    await conforming(ctx, OP.createRoom, { method: 'POST', path: '/rooms', body: {} }); // no user: 400
    await conforming(ctx, OP.getRoom, { method: 'GET', path: room(meeting.accessKey), auth: 'none' });
    const started = await conforming(ctx, OP.start, { method: 'POST', path: room(meeting.accessKey, '/recording'), auth: 'none' });
    expectStatus(ctx, started, 201, 'start in a running meeting answers 201', OP.start);
    await conforming(ctx, OP.getRoom, { method: 'GET', path: room(meeting.accessKey), auth: 'none' }); // with its recording
    const id = await runningRecordingId(ctx, meeting);
    await conforming(ctx, OP.get, { method: 'GET', path: rec(id) }); // started
    await conforming(ctx, OP.list, { method: 'GET', path: room(meeting.roomId, '/recordings') });
    if (ctx.control) await ctx.control.advanceClock(2_000);
    const stopped = await conforming(ctx, OP.stop, { method: 'DELETE', path: room(meeting.accessKey, '/recording'), auth: 'none' });
    expectStatus(ctx, stopped, 200, 'stop of a running recording answers 200', OP.stop);
    await conforming(ctx, OP.get, { method: 'GET', path: rec(id) }); // stopped (or already finished)
    await conforming(ctx, OP.stop, { method: 'DELETE', path: room(meeting.accessKey, '/recording'), auth: 'none' }); // nothing running
    await waitFinished(ctx, id);
    const read = await conforming(ctx, OP.get, { method: 'GET', path: rec(id) }); // finished
    await conforming(ctx, OP.list, { method: 'GET', path: room(meeting.roomId, '/recordings'), query: { page: 1 } });
    await conforming(ctx, OP.list, { method: 'GET', path: room(meeting.roomId, '/recordings'), query: { page: 2 } });
    await conforming(ctx, OP.list, { method: 'GET', path: room(meeting.roomId, '/recordings'), query: { since: '2000-01-01T00:00:00Z', until: '2999-01-01T00:00:00Z' } });
    const download = jsonOf<EyesonRecording>(ctx, read, 'a recording is JSON').links?.download;
    if (typeof download === 'string') {
      await conforming(ctx, OP.download, { method: 'GET', path: download, auth: 'none', headers: { range: 'bytes=0-99' } });
      await conforming(ctx, OP.download, { method: 'GET', path: download, auth: 'none', headers: { range: 'bytes=999999999-' } });
    }
    await conforming(ctx, OP.delete, { method: 'DELETE', path: rec(id) });
    await conforming(ctx, OP.get, { method: 'GET', path: rec(id) }); // 404
    await conforming(ctx, OP.shutdown, { method: 'DELETE', path: room(meeting.accessKey), auth: 'none' });
    await conforming(ctx, OP.getRoom, { method: 'GET', path: room(meeting.accessKey), auth: 'none' }); // 410
    await conforming(ctx, OP.start, { method: 'POST', path: room(meeting.accessKey, '/recording'), auth: 'none' }); // 410
  },
};

export const schemaChecks: Check[] = [responsesConform];
