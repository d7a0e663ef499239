// A recording's fields appear in order and never go back (seed 003): started (duration and
// links.download null) → stopped (duration set) → finished (both set). A fixed walk through one
// recording's life first (every state read more than once), then model-based random sequences of
// start / stop / read / list / wait over two meetings (fast-check commands). The states are
// documented; inside the sequences, a second start answering 405 and an idle stop 404 are callrec
// decisions (a different answer there deviates, it does not fail).
import fc from 'fast-check';
import { NotImplemented, type Check, type CheckContext, type TargetResponse } from '../../../core/check.ts';
import { checkProperty } from '../../engine/property.ts';
import {
  expectedStart,
  expectedStop,
  observe,
  readViolation,
  type LifecycleModel,
  type ModelRecording,
} from '../lifecycle-model.ts';
import {
  OP,
  excerpt,
  freshMeeting,
  getRecording,
  jsonOf,
  listPage,
  runningRecordingId,
  startRecording,
  stateOfFields,
  stopRecording,
  type EyesonRecording,
} from '../support.ts';

const RECORDING_SPEC = '#/components/schemas/Recording';

/** `decision`: the status is one we decided (405 for a second start, 404 for an idle stop). */
function answer(ctx: CheckContext, res: TargetResponse, allowed: number, rule: string, operation: string, decision?: string): void {
  if (res.status !== allowed) ctx.fail({ rule, expected: `HTTP ${allowed}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation, ...(decision ? { decision } : {}) });
}

/** Checks the fields a response showed for `rec` against the model, then lets the model learn them. */
function see(ctx: CheckContext, rec: ModelRecording, body: EyesonRecording, res: TargetResponse, operation: string): void {
  const state = stateOfFields(body);
  const problem = readViolation(rec, state);
  if (problem) {
    ctx.fail({
      rule: 'a recording\'s fields appear in order (duration, then links.download) and never go back',
      specRef: RECORDING_SPEC,
      expected: `a state that can follow ${rec.seen}${rec.stopped ? ' (stop accepted)' : ' (not stopped)'}`,
      actual: `${problem}: duration ${JSON.stringify(body.duration)}, links.download ${JSON.stringify(body.links?.download ?? null)}`,
      response: res,
      operation,
    });
  }
  observe(rec, state!);
}

async function read(ctx: CheckContext, rec: ModelRecording): Promise<void> {
  const res = await getRecording(ctx, rec.id);
  answer(ctx, res, 200, 'a recording is readable throughout its life', OP.get);
  see(ctx, rec, jsonOf<EyesonRecording>(ctx, res, 'a recording is JSON'), res, OP.get);
}

/** Lets time pass: the mock's clock, or real seconds on a real target. */
async function wait(ctx: CheckContext, ms: number): Promise<void> {
  if (ctx.control) await ctx.control.advanceClock(ms);
  else await new Promise((r) => setTimeout(r, Math.min(ms, 2_000)));
}

// ---- the fixed walk ----

async function fixedWalk(ctx: CheckContext): Promise<void> {
  const meeting = await freshMeeting(ctx);
  answer(ctx, await startRecording(ctx, meeting.accessKey), 201, 'start in a fresh meeting answers 201', OP.start);
  const rec: ModelRecording = { id: await runningRecordingId(ctx, meeting), meeting: 0, seen: 'started', stopped: false };
  await read(ctx, rec);
  await wait(ctx, ctx.control ? 1_000 : 300);
  await read(ctx, rec);
  answer(ctx, await stopRecording(ctx, meeting.accessKey), 200, 'stop of a running recording answers 200', OP.stop);
  rec.stopped = true;
  await read(ctx, rec);
  await read(ctx, rec);
  // Processing is the server's business: read often at first, then every 2 s, up to 120 s.
  const deadline = Date.now() + 120_000;
  for (let i = 0, pause = 100; (ctx.control ? i < 60 : Date.now() < deadline) && rec.seen !== 'finished'; i++, pause = Math.min(pause * 2, 2_000)) {
    await wait(ctx, ctx.control ? 10_000 : pause);
    await read(ctx, rec);
  }
  if (rec.seen !== 'finished') ctx.fail({ rule: 'a stopped recording gets finished', specRef: RECORDING_SPEC, expected: 'duration and links.download set', actual: `still ${rec.seen}`, operation: OP.get });
  for (let i = 0; i < 3; i++) await read(ctx, rec);
}

// ---- the model-based sequences ----

interface Real {
  ctx: CheckContext;
}
type Cmd = fc.AsyncCommand<LifecycleModel, Real>;

class Start implements Cmd {
  constructor(readonly meeting: number) {}
  check = () => true;
  async run(m: LifecycleModel, { ctx }: Real) {
    const meeting = m.meetings[this.meeting]!;
    const res = await startRecording(ctx, meeting.accessKey);
    answer(ctx, res, expectedStart(meeting), meeting.running ? 'start while recording answers 405' : 'start in an idle meeting answers 201', OP.start, meeting.running ? 'start-405-already-recording' : undefined);
    if (res.status !== 201) return;
    const id = await runningRecordingId(ctx, meeting);
    meeting.running = id;
    m.recordings.push({ id, meeting: this.meeting, seen: 'started', stopped: false });
  }
  toString = () => `start(meeting ${this.meeting})`;
}

class Stop implements Cmd {
  constructor(readonly meeting: number) {}
  check = () => true;
  async run(m: LifecycleModel, { ctx }: Real) {
    const meeting = m.meetings[this.meeting]!;
    const res = await stopRecording(ctx, meeting.accessKey);
    answer(ctx, res, expectedStop(meeting), meeting.running ? 'stop while recording answers 200' : 'stop with nothing running answers 404', OP.stop, meeting.running ? undefined : 'stop-404-when-idle');
    const rec = m.recordings.find((r) => r.id === meeting.running);
    if (rec) rec.stopped = true;
    meeting.running = undefined;
  }
  toString = () => `stop(meeting ${this.meeting})`;
}

class Read implements Cmd {
  constructor(readonly index: number) {}
  check = (m: Readonly<LifecycleModel>) => m.recordings.length > 0;
  async run(m: LifecycleModel, { ctx }: Real) {
    await read(ctx, m.recordings[this.index % m.recordings.length]!);
  }
  toString = () => `read(#${this.index})`;
}

class List implements Cmd {
  constructor(readonly meeting: number) {}
  check = () => true;
  async run(m: LifecycleModel, { ctx }: Real) {
    const meeting = m.meetings[this.meeting]!;
    const { res, items } = await listPage(ctx, meeting.roomId, {});
    for (const rec of m.recordings.filter((r) => r.meeting === this.meeting)) {
      const shown = items.find((i) => i?.id === rec.id);
      if (!shown) ctx.fail({ rule: 'a room listing shows the room\'s recordings', expected: `recording ${rec.id} listed`, actual: `ids ${JSON.stringify(items.map((i) => i?.id))}`, response: res, operation: OP.list });
      see(ctx, rec, shown!, res, OP.list);
    }
  }
  toString = () => `list(meeting ${this.meeting})`;
}

class Wait implements Cmd {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(_m: LifecycleModel, { ctx }: Real) {
    await wait(ctx, this.ms);
  }
  toString = () => `wait(${this.ms} ms)`;
}

const MEETINGS = 2;

function commands(withClock: boolean) {
  const meeting = fc.nat({ max: MEETINGS - 1 });
  const list: fc.Arbitrary<Cmd>[] = [
    meeting.map((i) => new Start(i)),
    meeting.map((i) => new Start(i)),
    meeting.map((i) => new Stop(i)),
    fc.nat({ max: 7 }).map((i) => new Read(i)),
    fc.nat({ max: 7 }).map((i) => new Read(i)),
    meeting.map((i) => new List(i)),
  ];
  // Waits straddle the processing time, so reads land before and after a recording finishes.
  if (withClock) list.push(fc.integer({ min: 500, max: 8_000 }).map((ms) => new Wait(ms)));
  return fc.commands(list, { maxCommands: 14 });
}

const fieldsInOrder: Check = {
  id: 'eyeson.lifecycle.fields-in-order',
  title: 'duration then links.download appear in order and never go back (model-based start/stop/read/list/wait sequences)',
  operations: [OP.start, OP.stop, OP.get, OP.list],
  specRef: RECORDING_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    let missing: NotImplemented | undefined;
    await ctx.rule('one recording read through its whole life shows started, stopped, finished in order', async () => {
      try {
        await fixedWalk(ctx);
      } catch (e) {
        if (e instanceof NotImplemented) missing = e;
        throw e;
      }
    });
    const sequences = 'random start/stop/read/list/wait sequences over two meetings never show fields out of order';
    // A target without start or stop cannot run a sequence either (and fast-check would shrink in vain).
    if (missing) return ctx.skip(sequences, `needs ${missing.operation}, which the target does not implement`);
    // Without control there is no clock to move: fewer, real-time sequences.
    await ctx.rule(sequences, () => checkProperty(
      ctx,
      commands(Boolean(ctx.control)),
      async (cmds) => {
        const meetings = [];
        for (let i = 0; i < MEETINGS; i++) meetings.push(await freshMeeting(ctx));
        const model: LifecycleModel = { meetings: meetings.map((mt) => ({ accessKey: mt.accessKey, roomId: mt.roomId })), recordings: [] };
        await fc.asyncModelRun(() => ({ model, real: { ctx } }), cmds);
      },
      { numRuns: ctx.control ? 20 : 3 },
    ));
  },
};

export const lifecycleChecks: Check[] = [fieldsInOrder];
