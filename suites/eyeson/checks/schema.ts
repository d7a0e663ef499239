// Every response the target gives must be one the spec allows: a documented status, a body that
// matches its schema, the required headers. Drives each operation through a meeting's whole life
// (create, start, read while started/stopped/finished, list, download, delete, shut down) and with
// typical invalid input.
import { NotImplemented, type Check, type CheckContext, type TargetRequest, type TargetResponse } from '../../../core/check.ts';
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

/**
 * Sends one request and fails unless the spec allows the response; answers it for chaining.
 * `decision`: the answer's status is one we decided (e.g. 401 for a missing key, where the
 * reference lists 403): a refusal the spec does not list for it is then a deviation, not a failure.
 */
async function conforming(ctx: CheckContext, operation: OperationId, req: Omit<TargetRequest, 'operation'>, { decision }: { decision?: string } = {}): Promise<TargetResponse> {
  const res = await ctx.target.request({ ...req, operation });
  if (!decision) {
    expectConforms(ctx, res, operation);
    return res;
  }
  const issues = ctx.spec.validateResponse(operation, res.status, res.headers, res.bytes);
  if (issues.length > 0) {
    ctx.fail({ rule: `${operation} responses must match the spec`, decision, specRef: issues[0]!.specRef, expected: 'a response the spec documents', actual: issues.map((i) => i.message).slice(0, 3).join('; '), response: res, operation });
  }
  return res;
}

const rec = (id: string) => `/recordings/${encodeURIComponent(id)}`;
const room = (key: string, suffix = '') => `/rooms/${encodeURIComponent(key)}${suffix}`;

/** Invalid or unknown input that changes nothing on any server. */
async function invalidInputs(ctx: CheckContext, missing: Map<string, NotImplemented>): Promise<void> {
  const unknown = unknownRecordingId(ctx);
  const calls: [OperationId, Omit<TargetRequest, 'operation'>][] = [
    [OP.get, { method: 'GET', path: rec(unknown) }],
    [OP.delete, { method: 'DELETE', path: rec(unknown) }],
    [OP.list, { method: 'GET', path: room(uniqueId(ctx, 'no-such-room'), '/recordings') }],
    [OP.start, { method: 'POST', path: room('callrecNoSuchAccessKey', '/recording'), auth: 'none' }],
    [OP.stop, { method: 'DELETE', path: room('callrecNoSuchAccessKey', '/recording'), auth: 'none' }],
    [OP.getRoom, { method: 'GET', path: room('callrecNoSuchAccessKey'), auth: 'none' }],
  ];
  await eachConforming(ctx, calls, missing);
}

/**
 * Sends each call and judges its answer; an operation the target lacks is noted in `missing`
 * (reported as its own not-applicable rule) instead of hiding the other calls' answers.
 */
async function eachConforming(ctx: CheckContext, calls: [OperationId, Omit<TargetRequest, 'operation'>][], missing: Map<string, NotImplemented>, opts: { decision?: string } = {}): Promise<void> {
  for (const [operation, req] of calls) {
    try {
      await conforming(ctx, operation, req, opts);
    } catch (e) {
      if (!(e instanceof NotImplemented)) throw e;
      missing.set(e.operation, e);
    }
  }
}

/** Records one not-applicable rule per operation the target lacks (with the not-implemented evidence). */
async function reportMissing(ctx: CheckContext, what: string, missing: Map<string, NotImplemented>): Promise<void> {
  for (const e of missing.values()) {
    await ctx.rule(`${what}: ${e.operation}`, () => {
      throw e;
    }, { operation: e.operation });
  }
}

/** Requests without a valid API key: refused, with the status our decision auth-401-403 picked. */
async function refusedInputs(ctx: CheckContext, missing: Map<string, NotImplemented>): Promise<void> {
  const unknown = unknownRecordingId(ctx);
  const calls: [OperationId, Omit<TargetRequest, 'operation'>][] = [
    [OP.get, { method: 'GET', path: rec(unknown), auth: 'none' }],
    [OP.get, { method: 'GET', path: rec(unknown), auth: { authorization: 'callrec-not-a-key' } }],
    [OP.list, { method: 'GET', path: room(uniqueId(ctx, 'no-such-room'), '/recordings'), auth: 'none' }],
    [OP.getWebhook, { method: 'GET', path: '/webhooks', auth: 'none' }],
  ];
  await eachConforming(ctx, calls, missing, { decision: 'auth-401-403' });
}

const responsesConform: Check = {
  id: 'eyeson.schema.responses-conform',
  title: 'every response, to valid and to invalid requests, is one the spec documents',
  operations: Object.values(OP),
  specRef: '#/paths',
  needs: ['credentials'],
  async run(ctx: CheckContext) {
    const config = asConfig(ctx.config);
    const missing = new Map<string, NotImplemented>();
    await ctx.rule('unknown ids and access keys get documented answers', () => invalidInputs(ctx, missing));
    await reportMissing(ctx, 'unknown ids and access keys get documented answers', missing);
    missing.clear();
    await ctx.rule('requests without a valid API key get documented refusals', () => refusedInputs(ctx, missing), { decision: 'auth-401-403' });
    await reportMissing(ctx, 'requests without a valid API key get documented refusals', missing);
    await ctx.rule('GET /webhooks answers a documented response', async () => void (await conforming(ctx, OP.getWebhook, { method: 'GET', path: '/webhooks' })), { operation: OP.getWebhook });

    // What the target config lists: judged whether or not this check may write (and whether or
    // not the target can record at all).
    const finished = config.recordings?.finished;
    const configuredRule = 'the configured finished recording and its download answer documented responses';
    if (finished) {
      await ctx.rule(configuredRule, async () => {
        const read = await conforming(ctx, OP.get, { method: 'GET', path: rec(finished) });
        await downloadConforms(ctx, read);
      }, { operation: OP.get });
    } else ctx.skip(configuredRule, 'no finished recording configured: set recordings.finished in the target config');
    const paged = config.rooms?.paged;
    const pagedRule = 'listings of the configured room answer documented responses';
    if (paged) {
      await ctx.rule(pagedRule, async () => {
        await conforming(ctx, OP.list, { method: 'GET', path: room(paged, '/recordings') });
        await conforming(ctx, OP.list, { method: 'GET', path: room(paged, '/recordings'), query: { page: 2 } });
      }, { operation: OP.list });
    } else ctx.skip(pagedRule, 'no room with recordings configured: set rooms.paged in the target config');

    const LIFE = [
      'a meeting and its running recording answer documented responses',
      'a stopped recording answers documented responses',
      'a finished recording, its listings and its download answer documented responses',
      'deleting the recording and shutting the meeting down answer documented responses',
    ];
    const canWrite = Boolean(ctx.control || config.writes);
    if (!canWrite) {
      for (const rule of LIFE) ctx.skip(rule, 'the meeting life cycle creates meetings and recordings: set writes: true in the target config');
      return;
    }

    // A meeting's whole life, every answer validated; each phase needs the one before it.
    const meeting = await freshMeeting(ctx);
    let id = '';
    let read: TargetResponse | undefined;
    const phases: (() => Promise<void>)[] = [
      async () => {
        await conforming(ctx, OP.createRoom, { method: 'POST', path: '/rooms', body: {} }); // no user: 400
        await conforming(ctx, OP.getRoom, { method: 'GET', path: room(meeting.accessKey), auth: 'none' });
        await conforming(ctx, OP.listMeetings, { method: 'GET', path: '/rooms' });
        const started = await conforming(ctx, OP.start, { method: 'POST', path: room(meeting.accessKey, '/recording'), auth: 'none' });
        expectStatus(ctx, started, 201, 'start in a running meeting answers 201', OP.start);
        await conforming(ctx, OP.getRoom, { method: 'GET', path: room(meeting.accessKey), auth: 'none' }); // with its recording
        id = await runningRecordingId(ctx, meeting);
        await conforming(ctx, OP.get, { method: 'GET', path: rec(id) }); // started
        await conforming(ctx, OP.list, { method: 'GET', path: room(meeting.roomId, '/recordings') });
      },
      async () => {
        if (ctx.control) await ctx.control.advanceClock(2_000);
        const stopped = await conforming(ctx, OP.stop, { method: 'DELETE', path: room(meeting.accessKey, '/recording'), auth: 'none' });
        expectStatus(ctx, stopped, 200, 'stop of a running recording answers 200', OP.stop);
        await conforming(ctx, OP.get, { method: 'GET', path: rec(id) }); // stopped (or already finished)
        await conforming(ctx, OP.stop, { method: 'DELETE', path: room(meeting.accessKey, '/recording'), auth: 'none' }); // nothing running
      },
      async () => {
        await waitFinished(ctx, id);
        read = await conforming(ctx, OP.get, { method: 'GET', path: rec(id) }); // finished
        await conforming(ctx, OP.list, { method: 'GET', path: room(meeting.roomId, '/recordings'), query: { page: 1 } });
        await conforming(ctx, OP.list, { method: 'GET', path: room(meeting.roomId, '/recordings'), query: { page: 2 } });
        await conforming(ctx, OP.list, { method: 'GET', path: room(meeting.roomId, '/recordings'), query: { since: '2000-01-01T00:00:00Z', until: '2999-01-01T00:00:00Z' } });
        await downloadConforms(ctx, read);
      },
      async () => {
        await conforming(ctx, OP.delete, { method: 'DELETE', path: rec(id) });
        await conforming(ctx, OP.get, { method: 'GET', path: rec(id) }); // 404
        await conforming(ctx, OP.shutdown, { method: 'DELETE', path: room(meeting.accessKey), auth: 'none' });
        await conforming(ctx, OP.getRoom, { method: 'GET', path: room(meeting.accessKey), auth: 'none' }); // 410
        await conforming(ctx, OP.start, { method: 'POST', path: room(meeting.accessKey, '/recording'), auth: 'none' }); // 410
      },
    ];
    let failedAt: string | undefined;
    for (const [i, phase] of phases.entries()) {
      const rule = LIFE[i]!;
      if (failedAt) ctx.notRun(rule, `an earlier phase did not pass (${failedAt})`);
      else if (!(await ctx.rule(rule, phase))) failedAt = rule;
    }
  },
};

/**
 * The download link of a recording read (`read`), fetched whole and in ranges: the link host is
 * not part of the documented API, so what it answers rests on callrec decision download-endpoint.
 */
async function downloadConforms(ctx: CheckContext, read: TargetResponse): Promise<void> {
  const download = jsonOf<EyesonRecording>(ctx, read, 'a recording is JSON').links?.download;
  if (typeof download !== 'string') return;
  await conforming(ctx, OP.download, { method: 'GET', path: download, auth: 'none', headers: { range: 'bytes=0-99' } }, { decision: 'download-endpoint' });
  await conforming(ctx, OP.download, { method: 'GET', path: download, auth: 'none', headers: { range: 'bytes=999999999-' } }, { decision: 'download-endpoint' });
}

export const schemaChecks: Check[] = [responsesConform];
