// Every response the target gives must be one the spec documents: a documented status, a body
// matching its schema, the required headers. Drives every operation with valid input — a whole
// start → stop → ready cycle and the hand-outs of a ready recording — and with typical errors.
import type { Check, CheckContext, FailureInput, SpecIssue, TargetRequest, TargetResponse } from '../../../core/check.ts';
import { asConfig } from '../config.ts';
import { OP, dependents, excerpt, expectStatus, freshChannel, jsonOf, paths, readyRecording, recordableChannel, roleAuthOr, step, stopQuietly, uniqueId } from '../support.ts';
import type { Auth, OperationId } from '../support.ts';

type Call = Omit<TargetRequest, 'operation'>;

/**
 * The parts of our spec that rest only on a callrec decision, by the issue they raise. The rest
 * is what the docs give: the fields and their types (`long` is an integer), the error envelope,
 * and no 5xx on a documented call.
 */
const SHAPE_RULES = [
  { decision: 'asset-states' },
  { decision: 'time-epoch-ms' },
  { decision: 'omitted-not-null' },
  { decision: 'record-possible-shape' },
  { decision: 'recording-error-codes' },
  { decision: 'closed-objects' },
] as const;
type ShapeDecision = (typeof SHAPE_RULES)[number]['decision'];

function valueAt(res: TargetResponse, pointer: string): unknown {
  let v = jsonOf(res);
  for (const key of pointer.split('/').slice(1)) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return v;
}

function decisionOf(issue: SpecIssue, res: TargetResponse): ShapeDecision | undefined {
  if (issue.decision === 'closed-objects') return 'closed-objects';
  const m = issue.message;
  // Statuses: Horn documents 200, 400 BAD_REQUEST and 403 ACCESS_FORBIDDEN; our other 4xx are ours. A 5xx is never fine.
  if (/ is not documented for /.test(m)) return res.status >= 400 && res.status < 500 ? 'recording-error-codes' : undefined;
  if (/\/state must be equal to one of the allowed values/.test(m)) return 'asset-states';
  if (/ must be >= 0/.test(m)) return 'time-epoch-ms';
  if (issue.specRef.includes('record~1possible') && /^body must be object/.test(m)) return 'record-possible-shape';
  const at = /^(\/\S*) must be /.exec(m)?.[1];
  if (at && valueAt(res, at) === null) return 'omitted-not-null';
  return undefined;
}

/** Per check run: the first example of each decision a response deviated from. */
const deviations = new WeakMap<CheckContext, Map<ShapeDecision, FailureInput>>();

async function conforming(ctx: CheckContext, operation: OperationId, req: Call): Promise<TargetResponse> {
  const res = await ctx.target.request({ ...req, operation });
  const issues = ctx.spec.validateResponse(operation, res.status, res.headers, res.bytes);
  const documented = issues.filter((i) => !decisionOf(i, res));
  if (documented.length) {
    ctx.fail({ rule: `${operation} responses must match the spec`, specRef: documented[0]!.specRef, expected: 'a response the spec documents', actual: `${documented.map((i) => i.message).slice(0, 3).join('; ')} in ${excerpt(res, 160)}`, response: res, operation });
  }
  const seen = deviations.get(ctx) ?? new Map<ShapeDecision, FailureInput>();
  deviations.set(ctx, seen);
  for (const i of issues) {
    const decision = decisionOf(i, res);
    if (decision && !seen.has(decision)) seen.set(decision, { rule: `responses follow callrec decision ${decision}`, specRef: i.specRef, expected: 'a response the spec documents', actual: `${i.message} in ${excerpt(res, 160)}`, response: res, operation, decision });
  }
  return res;
}

/** One rule per shape decision: passed unless some response deviated from it. */
async function recordDeviations(ctx: CheckContext): Promise<void> {
  const seen = deviations.get(ctx);
  for (const { decision } of SHAPE_RULES) {
    await ctx.rule(`responses follow callrec decision ${decision}`, () => {
      const f = seen?.get(decision);
      if (f) ctx.fail(f);
    }, { decision });
  }
}

const GET = (path: string, auth: Auth, query?: Call['query'], headers?: Call['headers']): Call => ({ method: 'GET', path, auth, ...(query ? { query } : {}), ...(headers ? { headers } : {}) });

/**
 * Reads and hand-outs of a ready recording, valid and invalid, one rule per group so a broken
 * answer in one group does not hide the others. `where` names the recording in the rule names.
 */
async function readyReads(ctx: CheckContext, channel: string, id: string, owner: Auth, stranger: Auth | undefined, where: string): Promise<void> {
  await ctx.rule(`reads and listings ${where} conform`, async () => {
    await conforming(ctx, OP.get, GET(paths.recording(channel, id), owner));
    await conforming(ctx, OP.list, GET(paths.list(channel), owner));
    await conforming(ctx, OP.list, GET(paths.list(channel), owner, { limit: 5, offset: 1, sort: 'ended', order: 'asc' }));
    await conforming(ctx, OP.list, GET(paths.list(channel), owner, { offset: 100_000 }));
    await conforming(ctx, OP.list, GET(paths.list(channel), owner, { session: uniqueId(ctx, 'no-such-session') }));
  });
  await ctx.rule(`assets ${where} conform`, async () => {
    const assets = await conforming(ctx, OP.assets, GET(paths.recording(channel, id, '/assets'), owner));
    expectStatus(ctx, assets, 200, 'the owner lists the assets of a ready recording', OP.assets);
    for (const a of assets.json<{ id: string }[]>()) await conforming(ctx, OP.asset, GET(paths.asset(channel, id, a.id), owner));
    await conforming(ctx, OP.asset, GET(paths.asset(channel, id, uniqueId(ctx, 'no-such-asset')), owner));
  });
  await ctx.rule(`the download URL and what it serves ${where} conform`, async () => {
    // A day (a documented form): the URL must outlive the check on any server clock.
    const url = await conforming(ctx, OP.downloadUrl, GET(paths.recording(channel, id, '/download'), owner, { ttl: '1d' }));
    expectStatus(ctx, url, 200, 'the owner gets a download URL', OP.downloadUrl);
    await conforming(ctx, OP.archive, GET(url.json<{ url: string }>().url, 'none', undefined, { range: 'bytes=0-99' }));
    if (stranger) await conforming(ctx, OP.downloadUrl, GET(paths.recording(channel, id, '/download'), stranger));
  });
  await ctx.rule(`download credentials and the JWT routes ${where} conform`, async () => {
    const creds = await conforming(ctx, OP.credentials, GET(paths.recording(channel, id, '/credentials'), owner, { ttl: '1d' }));
    expectStatus(ctx, creds, 200, 'the owner gets download credentials', OP.credentials);
    const jwt = creds.json<{ jwt: string }>().jwt;
    const available = await conforming(ctx, OP.assetsByJwt, GET(paths.assetsByJwt(jwt), 'none'));
    const firstId = available.status === 200 ? available.json<{ id: string }[]>()[0]?.id : undefined;
    if (firstId) {
      await conforming(ctx, OP.assetByJwt, GET(paths.assetByJwt(firstId, jwt), 'none', undefined, { range: 'bytes=0-99' }));
      await conforming(ctx, OP.assetByJwt, GET(paths.assetByJwt(firstId, 'not.a.jwt'), 'none'));
    }
    await conforming(ctx, OP.assetsByJwt, GET(paths.assetsByJwt('not.a.jwt'), 'none'));
  });
}

/** How long a real server may take to process our short recording before the ready part is given up (wall time). */
const READY_BUDGET_MS = 60_000;

const responsesConform: Check = {
  id: 'horn.schema.responses-conform',
  title: 'every response, to valid and to invalid requests, is one the spec documents',
  operations: Object.values(OP),
  specRef: '#/paths',
  needs: ['credentials'],
  async run(ctx) {
    try {
      await conformance(ctx);
    } finally {
      if (deviations.has(ctx)) await recordDeviations(ctx);
    }
  },
};

async function conformance(ctx: CheckContext): Promise<void> {
  // Owners are operators: without an operator's token the owner's serves; calls as a user with
  // no role are left out when no such token is configured.
  const owner = roleAuthOr(ctx, 'owner')!;
  const operator = roleAuthOr(ctx, 'operator')!;
  const stranger = roleAuthOr(ctx, 'stranger');
  const channel = recordableChannel(ctx);

  await ctx.rule('answers about channels, listings and unknown ids conform', async () => {
    await conforming(ctx, OP.possible, GET(paths.possible(channel), operator));
    if (stranger) await conforming(ctx, OP.possible, GET(paths.possible(channel), stranger));
    await conforming(ctx, OP.possible, GET(paths.possible(uniqueId(ctx, 'no-such-channel')), owner));
    await conforming(ctx, OP.list, GET(paths.list(channel), 'none'));
    await conforming(ctx, OP.get, GET(paths.recording(channel, uniqueId(ctx, 'no-such-recording')), owner));
  });

  // The configured (mock: seeded) ready recording: no write needed.
  let ready: { channel: string; recording: { id: string } } | undefined;
  const found = await step(ctx, 'the ready recording reads back', async () => {
    ready = await readyRecording(ctx, { durationMs: 45 * 60_000, idOnly: true });
  });
  if (found === 'passed' && ready) await readyReads(ctx, ready.channel, ready.recording.id, owner, stranger, 'of a ready recording');
  else dependents(ctx, found, ['answers about a ready recording conform'], 'a ready recording');

  const LIFE = 'answers along a recording\'s start (refused start, running, a second start) conform';
  const STOP = 'answers to stop and about the stopped recording conform';
  if (!ctx.control && asConfig(ctx.config).writes !== true) {
    ctx.skip(LIFE, 'writes not allowed: set writes: true in the target config to exercise start and stop');
    ctx.skip(STOP, 'writes not allowed: set writes: true in the target config', { decision: 'stop-endpoint' });
    ctx.skip('answers about a recording of our own once ready conform', 'writes not allowed: set writes: true in the target config');
    return;
  }
  // A recording of our own through its life: running, processing, ready.
  let live: string | undefined;
  let id: string | undefined;
  try {
    const lived = await step(ctx, LIFE, async () => {
      const conference = asConfig(ctx.config).channels?.conference;
      if (conference) await conforming(ctx, OP.start, { method: 'POST', path: paths.record(conference), auth: operator });
      live = await freshChannel(ctx);
      const started = await conforming(ctx, OP.start, { method: 'POST', path: paths.record(live), auth: operator });
      expectStatus(ctx, started, 200, 'start in a recordable channel answers 200', OP.start);
      id = started.json<{ id: string }>().id;
      await conforming(ctx, OP.start, { method: 'POST', path: paths.record(live), auth: operator }); // already recording
      await conforming(ctx, OP.get, GET(paths.recording(live, id), operator));
      await conforming(ctx, OP.assets, GET(paths.recording(live, id, '/assets'), operator));
      await conforming(ctx, OP.downloadUrl, GET(paths.recording(live, id, '/download'), owner));
      await conforming(ctx, OP.credentials, GET(paths.recording(live, id, '/credentials'), owner));
      await conforming(ctx, OP.list, GET(paths.list(live), operator, { sort: 'ended', order: 'desc' }));
    });
    // Stop is a harness extension (decision `stop-endpoint`): its answers are ours to judge only.
    const stopped = lived === 'passed' && live && id ? await step(ctx, STOP, async () => {
      if (ctx.control) await ctx.control.advanceClock(35 * 60_000);
      await conforming(ctx, OP.stop, { method: 'DELETE', path: paths.record(live!), auth: operator });
      await conforming(ctx, OP.stop, { method: 'DELETE', path: paths.record(live!), auth: operator }); // nothing running
      await conforming(ctx, OP.get, GET(paths.recording(live!, id!), operator));
      await conforming(ctx, OP.assets, GET(paths.recording(live!, id!, '/assets'), operator));
    }, { decision: 'stop-endpoint', operation: OP.stop }) : undefined;
    const own = 'answers about a recording of our own once ready conform';
    if (lived !== 'passed' || !live || !id || stopped !== 'passed') {
      if (lived !== 'passed') dependents(ctx, lived, [STOP], 'starting a recording of our own', { decision: 'stop-endpoint' });
      dependents(ctx, stopped ?? lived, [own], stopped ? 'stopping the recording of our own' : 'starting a recording of our own');
      return;
    }
    const [ch, rec] = [live, id];
    const isReady = await step(ctx, 'our recording becomes ready', async () => {
      const since = performance.now();
      for (let polls = 0; ; polls++) {
        if (ctx.control) await ctx.control.advanceClock(10 * 60_000);
        else await new Promise((r) => setTimeout(r, 1_000));
        const res = await conforming(ctx, OP.get, GET(paths.recording(ch, rec), operator));
        if (res.status === 200 && typeof res.json<{ readyTime?: unknown }>().readyTime === 'number') return;
        if (ctx.control ? polls >= 12 : performance.now() - since > READY_BUDGET_MS) break;
      }
      ctx.notApplicable(`our recording did not become ready within ${ctx.control ? '2 hours of clock' : `${READY_BUDGET_MS / 1000} s of waiting`}`);
    });
    if (isReady === 'passed') await readyReads(ctx, ch, rec, owner, stranger, 'of our recording once ready');
    else dependents(ctx, isReady, [own], 'our recording becoming ready');
  } finally {
    if (live) await stopQuietly(ctx, live);
  }
}

export const schemaChecks: Check[] = [responsesConform];
