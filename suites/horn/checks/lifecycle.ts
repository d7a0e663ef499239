// A recording's fields appear in order (facts §1.5): endTime, then readyTime, never back. Random
// start/stop/get/list/assets/clock sequences run against the model in ../lifecycle-model.ts; a
// drain at the end makes every run see a recording running, ended, ready and read back twice.
// Assets exist only once a recording has ended (decision `assets-after-end`).
import fc from 'fast-check';
import { CheckFailure } from '../../../core/check.ts';
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { observe, runningIn, timesViolation } from '../lifecycle-model.ts';
import type { LifecycleModel, ModelRecording, Shown } from '../lifecycle-model.ts';
import { OP, excerpt, freshChannel, get, paths, roleAuth, startRecording, stopRecording } from '../support.ts';
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

function answer(ctx: CheckContext, res: TargetResponse, ok: boolean, rule: string, operation: string): void {
  const success = res.status >= 200 && res.status < 300;
  const refusal = res.status >= 400 && res.status < 500;
  if (ok ? !success : !refusal) {
    ctx.fail({ rule, expected: ok ? 'a 2xx answer' : 'a 4xx refusal', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation });
  }
}

const auth = (ctx: CheckContext) => roleAuth(ctx, 'operator');
const pick = (m: Model, i: number) => m.recordings[i % m.recordings.length]!;

async function start(m: Model, ctx: CheckContext, channel: string): Promise<void> {
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

async function stop(m: Model, ctx: CheckContext, channel: string): Promise<void> {
  const running = runningIn(m, channel);
  const res = await stopRecording(ctx, channel, auth(ctx));
  answer(ctx, res, Boolean(running), running ? 'stop of the running recording succeeds' : 'stop with nothing running is refused', OP.stop);
  if (!running) return;
  const body = res.json<HornRecording>();
  if (typeof body.endTime !== 'number') {
    ctx.fail({ rule: 'a stopped recording has an endTime', specRef: RECORDING_SPEC, expected: 'endTime set', actual: excerpt(res), response: res, operation: OP.stop });
  }
  see(ctx, running, body, res, OP.stop);
}

async function read(m: Model, ctx: CheckContext, rec: ModelRecording): Promise<void> {
  const res = await get(ctx, paths.recording(rec.channel, rec.id), OP.get, auth(ctx));
  answer(ctx, res, true, 'a recording reads back', OP.get);
  see(ctx, rec, res.json<HornRecording>(), res, OP.get);
  void m;
}

async function assets(ctx: CheckContext, rec: ModelRecording): Promise<void> {
  const res = await get(ctx, paths.recording(rec.channel, rec.id, '/assets'), OP.assets, auth(ctx));
  const ended = rec.endTime !== undefined;
  answer(ctx, res, ended, ended ? 'an ended recording lists its assets' : 'a recording still in progress has no assets yet', OP.assets);
}

async function list(m: Model, ctx: CheckContext, channel: string): Promise<void> {
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
  run = (m: Model, { ctx }: Real) => start(m, ctx, m.channels[this.ch % m.channels.length]!);
  toString = () => `start(ch${this.ch})`;
}
class StopCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ch: number) {}
  check = () => true;
  run = (m: Model, { ctx }: Real) => stop(m, ctx, m.channels[this.ch % m.channels.length]!);
  toString = () => `stop(ch${this.ch})`;
}
class GetCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly i: number) {}
  check = (m: Readonly<Model>) => m.recordings.length > 0;
  run = (m: Model, { ctx }: Real) => read(m, ctx, pick(m, this.i));
  toString = () => `get(#${this.i})`;
}
class AssetsCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly i: number) {}
  check = (m: Readonly<Model>) => m.recordings.length > 0;
  run = (m: Model, { ctx }: Real) => assets(ctx, pick(m, this.i));
  toString = () => `assets(#${this.i})`;
}
class ListCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ch: number) {}
  check = () => true;
  run = (m: Model, { ctx }: Real) => list(m, ctx, m.channels[this.ch % m.channels.length]!);
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
    await start(m, ctx, channel);
    if (m.recordings.length === before) return; // refused: already failed above
  }
  const live = runningIn(m, channel)!;
  await read(m, ctx, live);
  await assets(ctx, live);
  await ctx.control!.advanceClock(40 * 60_000);
  for (const c of m.channels) if (runningIn(m, c)) await stop(m, ctx, c);
  for (let round = 0; round < 12 && m.recordings.some((r) => r.readyTime === undefined); round++) {
    for (const rec of m.recordings.filter((r) => r.readyTime === undefined)) await read(m, ctx, rec);
    if (m.recordings.some((r) => r.readyTime === undefined)) await ctx.control!.advanceClock(10 * 60_000);
  }
  const stuck = m.recordings.find((r) => r.readyTime === undefined);
  if (stuck) ctx.fail({ rule: 'an ended recording becomes ready', expected: 'readyTime within 2 hours of clock', actual: `${stuck.id} has endTime ${stuck.endTime ?? 'unset'} and no readyTime`, operation: OP.get });
  for (const rec of m.recordings) {
    await read(m, ctx, rec);
    await read(m, ctx, rec);
    await assets(ctx, rec);
  }
}

const fieldsInOrder: Check = {
  id: 'horn.lifecycle.fields-in-order',
  title: 'random start/stop/read/list/assets sequences: endTime then readyTime, never back; assets only once ended',
  operations: [OP.start, OP.stop, OP.get, OP.list, OP.assets],
  specRef: RECORDING_SPEC,
  // The sequences move the clock; a real server's clock cannot be moved.
  needs: ['control'],
  decision: 'assets-after-end',
  async run(ctx) {
    if (!ctx.control) ctx.notApplicable('the model-based lifecycle check moves the clock through the control API');
    const property = fc.asyncProperty(fc.limitShrink(commands(), 40), async (cmds) => {
      const model: Model = { channels: [await freshChannel(ctx), await freshChannel(ctx)], recordings: [] };
      await fc.asyncModelRun(() => ({ model, real: { ctx } }), cmds);
      await drain(model, ctx);
    });
    const out = await fc.check(property, { seed: ctx.seed, numRuns: Math.min(ctx.maxExamples, 10) });
    if (!out.failed) return;
    const repro = [
      `fast-check seed ${ctx.seed} (derived from the run's --seed), path ${out.counterexamplePath ?? '?'}, after ${out.numRuns} run(s) and ${out.numShrinks} shrink(s)`,
      `commands: ${out.counterexample ? fc.stringify(out.counterexample[0]) : '?'} then drain (start, read, assets, stop all, settle, read twice, assets)`,
    ].join('\n');
    const err = out.errorInstance;
    if (err instanceof CheckFailure) ctx.fail({ ...err.failure, repro });
    ctx.fail({ rule: 'the model-based run must not error', expected: 'no exception', actual: String(err), repro });
  },
};

export const lifecycleChecks: Check[] = [fieldsInOrder];
