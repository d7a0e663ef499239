// The recording status machine (0–5) driven by moderators' start/stop, the recording server's
// callbacks (played by the suite) and the call ending, against the reference model; and the
// rule that a stop only asks: the status changes when the recording server says `stopped`.
import fc from 'fast-check';
import { CheckFailure, type Check, type CheckContext, type TargetResponse } from '../../../core/check.ts';
import { canSpend, spend } from '../brute-force.ts';
import * as model from '../recording-model.ts';
import { recordingMessageChecks } from './recording-messages.ts';
import type { Expected, RecordingModel } from '../recording-model.ts';
import { OP, cast, errorCode, excerpt, expectStatus, joinCall, leaveCall, requireWrites, type Cast } from '../support.ts';
import { failed, prepareRecording, recordingStatus, relaxThrottle, roomWithCall, signedBackend, started, startCall, stopCall, stopped } from '../support-recording.ts';

const STATUS_SPEC = '#/components/schemas/Room/properties/callRecording';
const STOP_SPEC = '#/paths/~1apps~1spreed~1api~1v1~1recording~1{token}/delete';

interface Real {
  ctx: CheckContext;
  token: string;
  cast: Cast;
}

function expectAnswer(ctx: CheckContext, res: TargetResponse, want: Expected, what: string, operation: string): void {
  const code = errorCode(res);
  if (res.status !== want.http || (want.error !== undefined && code !== want.error)) {
    ctx.fail({
      rule: `${what} follows the recording status machine`,
      specRef: STATUS_SPEC,
      expected: `HTTP ${want.http}${want.error ? ` with error "${want.error}"` : ''}`,
      actual: `HTTP ${res.status}${code ? ` with error "${code}"` : ''}: ${excerpt(res, 120)}`,
      response: res,
      operation,
    });
  }
}

async function expectRoomStatus(ctx: CheckContext, r: Real, m: RecordingModel, after: string): Promise<void> {
  const got = await recordingStatus(ctx, r.cast.owner, r.token);
  if (got !== m.status) {
    ctx.fail({ rule: 'callRecording follows the status machine', specRef: STATUS_SPEC, expected: `callRecording ${m.status} after ${after}`, actual: `callRecording ${String(got)}`, operation: OP.getRoom });
  }
}

abstract class Step implements fc.AsyncCommand<RecordingModel, Real> {
  check(_m: Readonly<RecordingModel>): boolean {
    return true;
  }
  async run(m: RecordingModel, r: Real): Promise<void> {
    await this.act(m, r);
    await expectRoomStatus(r.ctx, r, m, this.toString());
  }
  abstract act(m: RecordingModel, r: Real): Promise<void>;
  abstract toString(): string;
}

class Start extends Step {
  constructor(readonly status: number) {
    super();
  }
  async act(m: RecordingModel, { ctx, token, cast: c }: Real) {
    const want = model.start(m, this.status);
    expectAnswer(ctx, await startCall(ctx, c.owner, token, this.status), want, `start(${this.status})`, OP.startRecording);
  }
  toString() {
    return `start(${this.status})`;
  }
}

class Stop extends Step {
  async act(m: RecordingModel, { ctx, token, cast: c }: Real) {
    expectAnswer(ctx, await stopCall(ctx, c.owner, token), model.stop(m), 'stop', OP.stopRecording);
  }
  toString() {
    return 'stop';
  }
}

class Started extends Step {
  constructor(readonly kind: 1 | 2) {
    super();
  }
  async act(m: RecordingModel, { ctx, token }: Real) {
    // A `started` nobody asked for counts as an attack (brute-force action talkRecordingStatus):
    // once the run's budget is spent, such steps are left out (the model stays as it is).
    const unrequested = m.status !== 3 && m.status !== 4;
    if (unrequested) {
      // One stays for the backend errors check's `started` nobody asked for.
      if (!canSpend(ctx, 'talkRecordingStatus', 1, 1)) return;
      spend(ctx, 'talkRecordingStatus');
    }
    expectAnswer(ctx, await signedBackend(ctx, started(token, this.kind)), model.started(m, this.kind), `backend started(${this.kind})`, OP.recordingBackend);
  }
  toString() {
    return `backend started(${this.kind})`;
  }
}

class Stopped extends Step {
  async act(m: RecordingModel, { ctx, token }: Real) {
    expectAnswer(ctx, await signedBackend(ctx, stopped(token)), model.stopped(m), 'backend stopped', OP.recordingBackend);
  }
  toString() {
    return 'backend stopped';
  }
}

class Failed extends Step {
  async act(m: RecordingModel, { ctx, token }: Real) {
    expectAnswer(ctx, await signedBackend(ctx, failed(token)), model.failed(m), 'backend failed', OP.recordingBackend);
  }
  toString() {
    return 'backend failed';
  }
}

class EndCall extends Step {
  override check(m: Readonly<RecordingModel>): boolean {
    return m.call;
  }
  async act(m: RecordingModel, { ctx, token, cast: c }: Real) {
    expectStatus(ctx, await leaveCall(ctx, c.owner, token), 200, 'the last participant leaves the call');
    model.endCall(m);
  }
  toString() {
    return 'end call';
  }
}

class BeginCall extends Step {
  override check(m: Readonly<RecordingModel>): boolean {
    return !m.call;
  }
  async act(m: RecordingModel, { ctx, token, cast: c }: Real) {
    await joinCall(ctx, c.owner, token);
    model.beginCall(m);
  }
  toString() {
    return 'begin call';
  }
}

const commands = fc.commands<RecordingModel, Real, false>(
  [
    fc.constantFrom(1, 2, 1, 2, 3).map((s) => new Start(s)),
    fc.constant(new Stop()),
    fc.constantFrom<1 | 2>(1, 2).map((k) => new Started(k)),
    fc.constant(new Stopped()),
    fc.constant(new Failed()),
    fc.constant(new EndCall()),
    fc.constant(new BeginCall()),
  ],
  { maxCommands: 12 },
);

/** A fixed tour through every edge (restart after a failed start and after a failed recording, stop while starting). */
const TOUR: Step[] = [
  new Start(1), new Started(1), new Stop(), new Stopped(),
  new Start(2), new Failed(), new Start(2), new Started(2), new Failed(), new Start(1),
  new Stop(), new Stopped(), new Stopped(), new Started(1),
  new Start(1), new EndCall(), new Start(2), new Stopped(), new Start(1), new BeginCall(), new Start(1), new Started(1),
];

const lifecycleModel: Check = {
  id: 'nextcloud-talk.recording.lifecycle-model',
  title: 'random start/stop/started/stopped/failed/call-end sequences move callRecording (0–5) as the reference model says',
  operations: [OP.startRecording, OP.stopRecording, OP.recordingBackend, OP.getRoom, OP.leaveCall, OP.joinCall],
  specRef: STATUS_SPEC,
  needs: ['credentials', 'writes', 'receiver'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    await prepareRecording(ctx);
    await relaxThrottle(ctx); // `started` for a room that is not starting counts as an attack
    cast(ctx);
    const fresh = async (): Promise<Real> => ({ ctx, ...(await roomWithCall(ctx)) });

    await ctx.rule('a fixed tour through every edge (restarts after failures, stop while starting, call end) follows the model', async () => {
      const tourReal = await fresh();
      const tourModel = model.initialModel();
      const done: string[] = [];
      try {
        for (const step of TOUR) {
          done.push(step.toString());
          if (step.check(tourModel)) await step.run(tourModel, tourReal);
        }
      } catch (e) {
        if (e instanceof CheckFailure) ctx.fail({ ...e.failure, repro: `fixed tour: ${done.join(', ')}` });
        throw e;
      }
    });

    const property = fc.asyncProperty(commands, async (cmds) => {
      const real = await fresh();
      await fc.asyncModelRun(() => ({ model: model.initialModel(), real }), cmds);
    });
    await ctx.rule('random command sequences follow the model', async () => {
      const out = await fc.check(property, { seed: ctx.seed, numRuns: Math.min(ctx.maxExamples, 10), endOnFailure: true });
      if (!out.failed) return;
      const repro = `fast-check seed ${ctx.seed}, path ${out.counterexamplePath ?? '?'}: ${out.counterexample ? fc.stringify(out.counterexample[0]) : '?'} (each step then reads the room's callRecording)`;
      if (out.errorInstance instanceof CheckFailure) ctx.fail({ ...out.errorInstance.failure, repro });
      throw out.errorInstance;
    });
  },
};

const stopSemantics: Check = {
  id: 'nextcloud-talk.recording.stop-semantics',
  title: 'stop is 200 also with nothing recording; it leaves callRecording alone until the recording server reports stopped',
  operations: [OP.stopRecording, OP.startRecording, OP.recordingBackend, OP.getRoom],
  specRef: STOP_SPEC,
  needs: ['credentials', 'writes', 'receiver'],
  decision: 'stop-idempotent',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const receiver = await prepareRecording(ctx);
    const r = await roomWithCall(ctx);
    const { token, cast: c } = r;
    const statusIs = async (want: number, after: string) => {
      const got = await recordingStatus(ctx, c.owner, token);
      if (got !== want) ctx.fail({ rule: 'a stop only asks the recording server; the status changes with its `stopped`', specRef: STOP_SPEC, expected: `callRecording ${want} after ${after}`, actual: `callRecording ${String(got)}`, operation: OP.getRoom });
    };
    const R = (name: string, body: () => Promise<void>) => ctx.rule(name, body, { operation: OP.stopRecording });
    // RecordingService::stop returns before BackendNotifier when nothing records.
    await R('stopping while nothing records is a 200 no-op (callRecording stays 0) and sends nothing to the recording server', async () => {
      receiver.clear();
      expectStatus(ctx, await stopCall(ctx, c.owner, token), 200, 'stopping while nothing records is a 200 no-op');
      await statusIs(0, 'a stop with nothing recording');
      const sent = receiver.deliveries();
      if (sent.length !== 0) ctx.fail({ rule: 'a stop with nothing recording sends nothing to the recording server', specRef: STOP_SPEC, expected: 'no request at the recording server', actual: `${sent.length} request(s): ${Buffer.from(sent[0]!.body).toString('utf8').slice(0, 120)}`, operation: OP.stopRecording });
    });

    const later = [
      'stopping a starting recording answers 200 and leaves it starting (3)',
      'stopping a running recording answers 200 each time and leaves it recording (1) until `stopped`',
      'a stop of a running recording is sent to the recording server',
      'the recording server\'s `stopped` sets callRecording 0; a stop after that is a 200 no-op',
    ];
    const startRes = await startCall(ctx, c.owner, token, 1);
    if (startRes.status !== 200) {
      for (const name of later) ctx.notRun(name, `a moderator's start answered HTTP ${startRes.status}, not 200`);
      expectStatus(ctx, startRes, 200, 'a moderator starts a recording');
    }
    await R(later[0]!, async () => {
      expectStatus(ctx, await stopCall(ctx, c.owner, token), 200, 'stopping a starting recording answers 200');
      await statusIs(3, 'a stop while starting');
    });
    expectStatus(ctx, await signedBackend(ctx, started(token, 1)), 200, 'the recording server reports started');
    await statusIs(1, 'started');
    receiver.clear();
    await R(later[1]!, async () => {
      for (let i = 0; i < 2; i++) {
        expectStatus(ctx, await stopCall(ctx, c.owner, token), 200, 'stopping a running recording answers 200 (each time)');
        await statusIs(1, `stop #${i + 1} of a running recording`);
      }
    });
    await R(later[2]!, async () => {
      const got = await receiver.waitFor(1, 5000).catch(() => []);
      if (!got.some((d) => /"type":"stop"/.test(Buffer.from(d.body).toString('utf8')))) {
        ctx.fail({ rule: 'a stop of a running recording is sent to the recording server', specRef: STOP_SPEC, expected: 'a {"type":"stop",…} request at the recording server', actual: `${got.length} request(s), none a stop`, operation: OP.stopRecording });
      }
    });
    await R(later[3]!, async () => {
      expectStatus(ctx, await signedBackend(ctx, stopped(token)), 200, 'the recording server reports stopped');
      await statusIs(0, 'stopped');
      expectStatus(ctx, await stopCall(ctx, c.owner, token), 200, 'a stop after the recording ended is a 200 no-op');
      await statusIs(0, 'a stop after stopped');
    });
  },
};

export const recordingLifecycleChecks: Check[] = [lifecycleModel, stopSemantics, ...recordingMessageChecks];
