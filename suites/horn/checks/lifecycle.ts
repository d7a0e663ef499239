// A recording's fields appear in order (facts §1.5): endTime, then readyTime, never back. Three
// parts, each its own rules: a ready recording read again and again keeps its times (any
// target); one recording of our own is started, read, stopped and polled until it is ready, every
// answer judged against what was seen before (writes allowed; the clock is moved on the mock and
// waited for elsewhere); and, on the mock only, random start/stop/get/list/assets/clock sequences
// run against the model in ../lifecycle-model.ts. Assets exist only once a recording has ended
// (decision `assets-after-end`); stop is a harness extension (decision `stop-endpoint`).
import fc from 'fast-check';
import { CheckFailure } from '../../../core/check.ts';
import type { Check, CheckContext, FailureInput, TargetResponse } from '../../../core/check.ts';
import { observe, runningIn, timesViolation } from '../lifecycle-model.ts';
import type { LifecycleModel, ModelRecording, Shown } from '../lifecycle-model.ts';
import { OP, roleAuthOr, dependents, excerpt, freshChannel, get, paths, readyRecording, startRecording, step, stopQuietly, stopRecording } from '../support.ts';
import type { HornRecording } from '../support.ts';

const RECORDING_SPEC = '#/components/schemas/Recording';

interface Real {
  ctx: CheckContext;
}
type Model = LifecycleModel;

function see(ctx: CheckContext, rec: ModelRecording, shown: Shown, res: TargetResponse, operation: string): void {
  const problem = timesViolation(rec, shown);
  if (problem) {
    ctx.fail({ rule: 'endTime appears before readyTime and neither ever disappears or changes', specRef: RECORDING_SPEC, expected: `times consistent with what was seen (endTime ${rec.endTime ?? 'unset'}, readyTime ${rec.readyTime ?? 'unset'})`, actual: `${rec.id}: ${problem}`, response: res, operation });
  }
  observe(rec, shown);
}

function answer(ctx: CheckContext, res: TargetResponse, ok: boolean, rule: string, operation: string, decision?: string): void {
  const success = res.status >= 200 && res.status < 300;
  const refusal = res.status >= 400 && res.status < 500;
  if (ok ? !success : !refusal) {
    ctx.fail({ rule, expected: ok ? 'a 2xx answer' : 'a 4xx refusal', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation, ...(decision ? { decision } : {}) });
  }
}

const auth = (ctx: CheckContext) => roleAuthOr(ctx, 'operator')!;
const pick = (m: Model, i: number) => m.recordings[i % m.recordings.length]!;

async function modelStart(m: Model, ctx: CheckContext, channel: string): Promise<void> {
  const running = runningIn(m, channel);
  const res = await startRecording(ctx, channel, auth(ctx));
  answer(ctx, res, !running, running ? 'a channel already recording refuses another start' : 'start in a recordable channel succeeds', OP.start);
  if (running) return;
  const body = res.json<HornRecording>();
  const rec: ModelRecording = { id: body.id, channel, startTime: body.startTime };
  if (body.endTime !== undefined || body.readyTime !== undefined) {
    ctx.fail({ rule: 'a recording just started has neither endTime nor readyTime', specRef: RECORDING_SPEC, expected: 'no endTime, no readyTime', actual: excerpt(res), response: res, operation: OP.start });
  }
  m.recordings.push(rec);
}

async function modelStop(m: Model, ctx: CheckContext, channel: string): Promise<void> {
  const running = runningIn(m, channel);
  const res = await stopRecording(ctx, channel, auth(ctx));
  answer(ctx, res, Boolean(running), running ? 'stop of the running recording succeeds' : 'stop with nothing running is refused', OP.stop, 'stop-endpoint');
  if (!running) return;
  const body = res.json<HornRecording>();
  if (typeof body.endTime !== 'number') {
    ctx.fail({ rule: 'a stopped recording has an endTime', specRef: RECORDING_SPEC, expected: 'endTime set', actual: excerpt(res), response: res, operation: OP.stop, decision: 'stop-endpoint' });
  }
  see(ctx, running, body, res, OP.stop);
}

async function modelRead(m: Model, ctx: CheckContext, rec: ModelRecording): Promise<void> {
  const res = await get(ctx, paths.recording(rec.channel, rec.id), OP.get, auth(ctx));
  answer(ctx, res, true, 'a recording reads back', OP.get);
  see(ctx, rec, res.json<HornRecording>(), res, OP.get);
  void m;
}

async function modelAssets(ctx: CheckContext, rec: ModelRecording): Promise<void> {
  const res = await get(ctx, paths.recording(rec.channel, rec.id, '/assets'), OP.assets, auth(ctx));
  const ended = rec.endTime !== undefined;
  // Refusing assets while recording is our decision; listing them once ended is documented.
  answer(ctx, res, ended, ended ? 'an ended recording lists its assets' : 'a recording still in progress has no assets yet', OP.assets, ended ? undefined : 'assets-after-end');
}

async function modelList(m: Model, ctx: CheckContext, channel: string): Promise<void> {
  const res = await get(ctx, paths.list(channel), OP.list, auth(ctx), { limit: 100 });
  answer(ctx, res, true, 'a channel listing answers', OP.list);
  const results = res.json<{ results: HornRecording[] }>().results;
  for (const rec of m.recordings.filter((r) => r.channel === channel)) {
    const shown = results.find((r) => r.id === rec.id);
    if (!shown) ctx.fail({ rule: 'a channel listing shows its recordings', expected: `${rec.id} listed`, actual: `ids ${JSON.stringify(results.map((r) => r.id))}`, response: res, operation: OP.list });
    see(ctx, rec, shown, res, OP.list);
  }
}

class StartCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ch: number) {}
  check = () => true;
  run = (m: Model, { ctx }: Real) => modelStart(m, ctx, m.channels[this.ch % m.channels.length]!);
  toString = () => `start(ch${this.ch})`;
}
class StopCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ch: number) {}
  check = () => true;
  run = (m: Model, { ctx }: Real) => modelStop(m, ctx, m.channels[this.ch % m.channels.length]!);
  toString = () => `stop(ch${this.ch})`;
}
class GetCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly i: number) {}
  check = (m: Readonly<Model>) => m.recordings.length > 0;
  run = (m: Model, { ctx }: Real) => modelRead(m, ctx, pick(m, this.i));
  toString = () => `get(#${this.i})`;
}
class AssetsCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly i: number) {}
  check = (m: Readonly<Model>) => m.recordings.length > 0;
  run = (m: Model, { ctx }: Real) => modelAssets(ctx, pick(m, this.i));
  toString = () => `assets(#${this.i})`;
}
class ListCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ch: number) {}
  check = () => true;
  run = (m: Model, { ctx }: Real) => modelList(m, ctx, m.channels[this.ch % m.channels.length]!);
  toString = () => `list(ch${this.ch})`;
}
class AdvanceCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ms: number) {}
  check = () => true;
  run = async (_m: Model, { ctx }: Real) => ctx.control!.advanceClock(this.ms);
  toString = () => `advance(${this.ms} ms)`;
}

function commands() {
  const ch = fc.nat({ max: 1 });
  const rec = fc.nat({ max: 4 });
  return fc.commands<Model, Real, false>(
    [
      ch.map((c) => new StartCmd(c)),
      ch.map((c) => new StopCmd(c)),
      rec.map((i) => new GetCmd(i)),
      rec.map((i) => new AssetsCmd(i)),
      ch.map((c) => new ListCmd(c)),
      fc.constantFrom(1_000, 15_000, 30_000, 120_000, 31 * 60_000).map((ms) => new AdvanceCmd(ms)),
    ],
    { maxCommands: 14 },
  );
}

/**
 * The tail every run ends with: a recording running is read and asked for assets, everything is
 * stopped, the clock runs until all are ready, and each one is read twice.
 */
async function drain(m: Model, ctx: CheckContext): Promise<void> {
  const channel = m.channels[0]!;
  if (!runningIn(m, channel)) {
    const before = m.recordings.length;
    await modelStart(m, ctx, channel);
    if (m.recordings.length === before) return; // refused: already failed above
  }
  const live = runningIn(m, channel)!;
  await modelRead(m, ctx, live);
  await modelAssets(ctx, live);
  await ctx.control!.advanceClock(40 * 60_000);
  for (const c of m.channels) if (runningIn(m, c)) await modelStop(m, ctx, c);
  for (let round = 0; round < 12 && m.recordings.some((r) => r.readyTime === undefined); round++) {
    for (const rec of m.recordings.filter((r) => r.readyTime === undefined)) await modelRead(m, ctx, rec);
    if (m.recordings.some((r) => r.readyTime === undefined)) await ctx.control!.advanceClock(10 * 60_000);
  }
  const stuck = m.recordings.find((r) => r.readyTime === undefined);
  if (stuck) ctx.fail({ rule: 'an ended recording becomes ready', expected: 'readyTime within 2 hours of clock', actual: `${stuck.id} has endTime ${stuck.endTime ?? 'unset'} and no readyTime`, operation: OP.get, decision: 'processing-time' });
  for (const rec of m.recordings) {
    await modelRead(m, ctx, rec);
    await modelRead(m, ctx, rec);
    await modelAssets(ctx, rec);
  }
}

const FIELDS_RULE = 'endTime appears before readyTime and neither ever disappears or changes';

/** Judges every answer about one recording against what was seen before; keeps the first violation. */
class TimesWatch {
  failure?: FailureInput;
  constructor(readonly rec: ModelRecording) {}
  see(shown: Shown | undefined, res: TargetResponse, operation: string): void {
    if (!shown) return;
    const problem = timesViolation(this.rec, shown);
    if (problem) this.failure ??= { rule: FIELDS_RULE, specRef: RECORDING_SPEC, expected: `times consistent with what was seen before (endTime ${this.rec.endTime ?? 'unset'}, readyTime ${this.rec.readyTime ?? 'unset'})`, actual: `${this.rec.id}: ${problem}`, response: res, operation };
    observe(this.rec, shown);
  }
  async record(ctx: CheckContext, rule = FIELDS_RULE): Promise<void> {
    await ctx.rule(rule, () => {
      if (this.failure) ctx.fail({ ...this.failure, rule });
    }, { specRef: RECORDING_SPEC });
  }
}

async function readBack(ctx: CheckContext, watch: TimesWatch): Promise<void> {
  const { channel, id } = watch.rec;
  const res = await get(ctx, paths.recording(channel, id), OP.get, auth(ctx));
  answer(ctx, res, true, 'a recording reads back', OP.get);
  watch.see(res.json<HornRecording>(), res, OP.get);
}

async function listBack(ctx: CheckContext, watch: TimesWatch): Promise<void> {
  const { channel, id } = watch.rec;
  const res = await get(ctx, paths.list(channel), OP.list, auth(ctx), { limit: 100 });
  answer(ctx, res, true, 'a channel listing answers', OP.list);
  // A listing of a busy channel may not show it on the first page: nothing to judge then.
  watch.see(res.json<{ results?: HornRecording[] }>().results?.find((r) => r.id === id), res, OP.list);
}

/** Part 1, any target: a ready recording read four times (and listed) shows the same times each time. */
async function readyKeepsItsTimes(ctx: CheckContext): Promise<void> {
  const rule = 'a ready recording shows the same endTime and readyTime on every read';
  let watch: TimesWatch | undefined;
  const read = await step(ctx, `${rule} (reads answer)`, async () => {
    const { channel, recording } = await readyRecording(ctx);
    watch = new TimesWatch({ id: recording.id, channel, startTime: recording.startTime });
    for (let i = 0; i < 4; i++) await readBack(ctx, watch);
    await listBack(ctx, watch);
  });
  if (read === 'passed' && watch) await watch.record(ctx, rule);
  else dependents(ctx, read, [rule], 'reading a ready recording');
}

/** How long a real server may take to process a short recording before we stop waiting (wall time). */
const READY_BUDGET_MS = 60_000;
const POLL_MS = 1_000;

/**
 * Part 2, writes allowed: one recording of our own through its life — started, read while it runs,
 * asked for assets, stopped, polled until ready, read twice more. The clock is moved on the mock
 * and waited for elsewhere, so the same rules run on every target.
 */
async function oneLife(ctx: CheckContext): Promise<void> {
  const RULES = {
    start: 'start in a recordable channel succeeds',
    fresh: 'a recording just started has neither endTime nor readyTime',
    early: 'a recording still in progress has no assets yet',
    stop: 'stop of the running recording succeeds and answers it with an endTime',
    ready: 'an ended recording becomes ready',
    fields: `${FIELDS_RULE} (one recording through its life)`,
    assets: 'an ended recording lists its assets',
  };
  let channel: string | undefined;
  let watch: TimesWatch | undefined;
  const started = await step(ctx, RULES.start, async () => {
    channel = await freshChannel(ctx);
    const res = await startRecording(ctx, channel, auth(ctx));
    answer(ctx, res, true, RULES.start, OP.start);
    const body = res.json<HornRecording>();
    watch = new TimesWatch({ id: body.id, channel, startTime: body.startTime });
  });
  if (started !== 'passed' || !channel || !watch) {
    dependents(ctx, started, [RULES.fresh, RULES.early, RULES.stop, RULES.ready, RULES.fields, RULES.assets], 'starting a recording of our own');
    return;
  }
  const live = watch;
  const ch = channel;
  try {
    await ctx.rule(RULES.fresh, async () => {
      for (let i = 0; i < 2; i++) await readBack(ctx, live);
      await listBack(ctx, live);
      if (live.rec.endTime !== undefined || live.rec.readyTime !== undefined) {
        ctx.fail({ rule: RULES.fresh, specRef: RECORDING_SPEC, expected: 'no endTime, no readyTime', actual: `endTime ${live.rec.endTime ?? 'unset'}, readyTime ${live.rec.readyTime ?? 'unset'}`, operation: OP.get });
      }
    }, { specRef: RECORDING_SPEC });
    await ctx.rule(RULES.early, () => modelAssets(ctx, live.rec), { decision: 'assets-after-end', operation: OP.assets });

    const stopped = await step(ctx, RULES.stop, async () => {
      if (ctx.control) await ctx.control.advanceClock(35 * 60_000);
      const res = await stopRecording(ctx, ch, auth(ctx));
      answer(ctx, res, true, RULES.stop, OP.stop, 'stop-endpoint');
      const body = res.json<HornRecording>();
      if (typeof body.endTime !== 'number') ctx.fail({ rule: RULES.stop, specRef: RECORDING_SPEC, expected: 'endTime set', actual: excerpt(res), response: res, operation: OP.stop, decision: 'stop-endpoint' });
      live.see(body, res, OP.stop);
    }, { decision: 'stop-endpoint', operation: OP.stop });
    if (stopped !== 'passed') {
      dependents(ctx, stopped, [RULES.ready, RULES.assets], 'stopping the recording of our own');
      await live.record(ctx, RULES.fields);
      return;
    }

    // Polled until ready: 10 minutes of clock per step on the mock, a second of wall time elsewhere.
    const since = performance.now();
    let polls = 0;
    const readyOutcome = await step(ctx, RULES.ready, async () => {
      while (live.rec.readyTime === undefined) {
        if (ctx.control ? polls >= 12 : performance.now() - since > READY_BUDGET_MS) break;
        polls++;
        if (ctx.control) await ctx.control.advanceClock(10 * 60_000);
        else await new Promise((r) => setTimeout(r, POLL_MS));
        await readBack(ctx, live);
      }
      if (live.rec.readyTime !== undefined) return;
      // The mock's processing time is our decision; a real server's is its own business.
      if (ctx.control) ctx.fail({ rule: RULES.ready, expected: 'readyTime within 2 hours of clock', actual: `${live.rec.id} has endTime ${live.rec.endTime ?? 'unset'} and no readyTime`, operation: OP.get, decision: 'processing-time' });
      ctx.notApplicable(`the recording did not become ready within ${READY_BUDGET_MS / 1000} s of waiting`);
    });
    const ready = readyOutcome === 'passed';
    if (ready) {
      await readBack(ctx, live);
      await readBack(ctx, live);
      await listBack(ctx, live);
    }
    await live.record(ctx, RULES.fields);
    if (ready) await ctx.rule(RULES.assets, () => modelAssets(ctx, live.rec), { operation: OP.assets });
    else dependents(ctx, readyOutcome, [RULES.assets], 'a recording of our own that became ready');
  } finally {
    await stopQuietly(ctx, ch);
  }
}

const fieldsInOrder: Check = {
  id: 'horn.lifecycle.fields-in-order',
  title: 'endTime then readyTime, never back: ready recordings read again and again, one recording through its life, and (mock) random sequences; assets only once ended',
  operations: [OP.start, OP.stop, OP.get, OP.list, OP.assets],
  specRef: RECORDING_SPEC,
  needs: ['credentials'],
  decision: 'assets-after-end',
  async run(ctx) {
    // Built before the first request: generating commands must not stall between requests.
    const property = ctx.control
      ? fc.asyncProperty(fc.limitShrink(commands(), 40), async (cmds) => {
          const model: Model = { channels: [await freshChannel(ctx), await freshChannel(ctx)], recordings: [] };
          await fc.asyncModelRun(() => ({ model, real: { ctx } }), cmds);
          await drain(model, ctx);
        })
      : undefined;

    await readyKeepsItsTimes(ctx);
    await oneLife(ctx);

    const sequences = 'random start/stop/read/list/assets sequences with clock moves keep the fields in order';
    if (!property) return ctx.skip(sequences, 'the sequences move the clock, which only callrec\'s control API can');
    await ctx.rule(sequences, async () => {
      const out = await fc.check(property, { seed: ctx.seed, numRuns: Math.min(ctx.maxExamples, 10) });
      if (!out.failed) return;
      const repro = [
        `fast-check seed ${ctx.seed} (derived from the run's --seed), path ${out.counterexamplePath ?? '?'}, after ${out.numRuns} run(s) and ${out.numShrinks} shrink(s)`,
        `commands: ${out.counterexample ? fc.stringify(out.counterexample[0]) : '?'} then drain (start, read, assets, stop all, settle, read twice, assets)`,
      ].join('\n');
      const err = out.errorInstance;
      if (err instanceof CheckFailure) ctx.fail({ ...err.failure, repro });
      ctx.fail({ rule: 'the model-based run must not error', expected: 'no exception', actual: String(err), repro });
    });
  },
};

export const lifecycleChecks: Check[] = [fieldsInOrder];
