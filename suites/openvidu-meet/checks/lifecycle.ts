// The recording status machine: a model-based check over random command sequences, and the
// direct rule that only an active recording can be stopped.
import fc from 'fast-check';
import { CheckFailure, NotApplicable, NotImplemented } from '../../../core/check.ts';
import type { Check, CheckContext, FailureInput, TargetResponse } from '../../../core/check.ts';
import {
  emptyModel,
  expected,
  isFinished,
  learnFromAnswer,
  observe,
  statusViolation,
  type LifecycleModel,
  type ModelRecording,
} from '../lifecycle-model.ts';
import { asConfig } from '../config.ts';
import { OP, SETTLE_MS, SETTLE_WAIT_MS, expectStatus, getRecording, requireWrites, settle, sleep, startRecording, unfinishedIn, uniqueRoomId, type MeetRecording } from '../support.ts';
import { activeRecording, deleteRecording, getMedia, listAll, stopQuietly, stopRecording, unknownRecordingId } from '../support-media.ts';

const RECORDING_SPEC = '#/components/schemas/MeetRecording';
const STOP_SPEC = '#/paths/~1recordings~1{recordingId}~1stop/post';

// ---------------------------------------------------------------- lifecycle.model

interface Real {
  ctx: CheckContext;
}

type Model = LifecycleModel;

function answerOutside(ctx: CheckContext, res: TargetResponse, allowed: number[], what: string, operation: string): void {
  if (!allowed.includes(res.status)) {
    ctx.fail({ rule: what, expected: `HTTP ${allowed.join(' or ')}`, actual: `HTTP ${res.status} ${res.text().slice(0, 160)}`, response: res, operation });
  }
}

/** Checks a status the server showed against the model, then lets the model learn it. */
function seeStatus(ctx: CheckContext, rec: ModelRecording, status: unknown, res: TargetResponse, operation: string): void {
  const problem = typeof status === 'string' && status in { starting: 1, active: 1, ending: 1, complete: 1, failed: 1, aborted: 1, limit_reached: 1 }
    ? statusViolation(rec, status as ModelRecording['seen'])
    : `status ${JSON.stringify(status)} is not a documented status`;
  if (problem) {
    ctx.fail({ rule: 'a recording status only moves forward through the documented machine', specRef: RECORDING_SPEC, expected: `a status that can follow ${rec.seen}${rec.stopped ? ' (stopped)' : ''}`, actual: problem, response: res, operation });
  }
  observe(rec, status as ModelRecording['seen']);
}

const pick = (m: Model, i: number) => m.recordings[i % m.recordings.length]!;
const hasRecordings = (m: Model) => m.recordings.length > 0;

abstract class RecordingCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly index: number) {}
  check(m: Readonly<Model>) {
    return hasRecordings(m as Model);
  }
  abstract run(m: Model, r: Real): Promise<void>;
  abstract toString(): string;
}

class StartCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly room: number) {}
  check() {
    return true;
  }
  async run(m: Model, { ctx }: Real) {
    const roomId = m.rooms[this.room % m.rooms.length]!;
    const res = await startRecording(ctx, roomId);
    // 503 is the documented answer of a start that timed out on the media server (nothing recorded).
    answerOutside(ctx, res, [...expected.start(m, roomId), 503], `start in ${roomId} must follow the one-recording-per-room rule`, OP.start);
    if (res.status !== 201) return;
    const body = res.json<MeetRecording>();
    const rec: ModelRecording = { id: body.recordingId, roomId, stopped: false, seen: 'starting', deleted: false };
    if (body.status !== 'starting' && body.status !== 'active') {
      ctx.fail({ rule: 'a started recording is starting or active', specRef: RECORDING_SPEC, expected: 'status starting or active', actual: `status ${body.status}`, response: res, operation: OP.start });
    }
    observe(rec, body.status);
    m.recordings.push(rec);
  }
  toString() {
    return `start(room ${this.room})`;
  }
}

class StopCmd extends RecordingCommand {
  async run(m: Model, { ctx }: Real) {
    const rec = pick(m, this.index);
    const allowed = expected.stop(rec);
    const res = await stopRecording(ctx, rec.id);
    answerOutside(ctx, res, allowed, `stop of a ${rec.deleted ? 'deleted' : rec.stopped ? 'stopped' : rec.seen} recording`, OP.stop);
    learnFromAnswer(rec, 'stop', res.status);
    if (res.status === 202) seeStatus(ctx, rec, res.json<MeetRecording>().status, res, OP.stop);
  }
  toString() {
    return `stop(#${this.index})`;
  }
}

class StopUnknownCmd implements fc.AsyncCommand<Model, Real> {
  check() {
    return true;
  }
  async run(m: Model, { ctx }: Real) {
    const res = await stopRecording(ctx, unknownRecordingId(m.rooms[0]!), { expectMiss: true });
    answerOutside(ctx, res, [404], 'stop of an unknown recording must answer 404', OP.stop);
  }
  toString() {
    return 'stop(unknown)';
  }
}

class GetCmd extends RecordingCommand {
  async run(m: Model, { ctx }: Real) {
    const rec = pick(m, this.index);
    const res = await getRecording(ctx, rec.id, { expectMiss: rec.deleted });
    answerOutside(ctx, res, expected.get(rec), rec.deleted ? 'a deleted recording must answer 404' : 'an existing recording must be readable', OP.get);
    if (res.status === 200) seeStatus(ctx, rec, res.json<MeetRecording>().status, res, OP.get);
  }
  toString() {
    return `get(#${this.index})`;
  }
}

class DeleteCmd extends RecordingCommand {
  async run(m: Model, { ctx }: Real) {
    const rec = pick(m, this.index);
    const res = await deleteRecording(ctx, rec.id);
    answerOutside(ctx, res, expected.delete(rec), `delete of a ${rec.deleted ? 'deleted' : rec.seen} recording`, OP.delete);
    learnFromAnswer(rec, 'delete', res.status);
  }
  toString() {
    return `delete(#${this.index})`;
  }
}

class MediaCmd extends RecordingCommand {
  async run(m: Model, { ctx }: Real) {
    const rec = pick(m, this.index);
    const res = await getMedia(ctx, rec.id);
    answerOutside(ctx, res, expected.media(rec), `media of a ${rec.deleted ? 'deleted' : rec.seen} recording`, OP.media);
    if (res.status === 200 && rec.seen !== 'complete') {
      // A 200 says the recording is complete: that must be a legal step for it.
      const problem = statusViolation(rec, 'complete');
      if (problem) ctx.fail({ rule: 'media is served only once the recording is complete', expected: 'HTTP 409', actual: `HTTP 200 while ${problem}`, response: res, operation: OP.media });
    }
    learnFromAnswer(rec, 'media', res.status);
  }
  toString() {
    return `media(#${this.index})`;
  }
}

class ListCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly room: number) {}
  check() {
    return true;
  }
  async run(m: Model, { ctx }: Real) {
    const roomId = m.rooms[this.room % m.rooms.length]!;
    const { items, last } = await listAll(ctx, { roomId });
    const want = m.recordings.filter((r) => r.roomId === roomId && !r.deleted);
    const got = new Set(items.map((i) => i.recordingId));
    const missing = want.filter((r) => !got.has(r.id)).map((r) => r.id);
    // With the control API the rooms are fresh: the listing is exactly the model. A real server's
    // room holds older recordings too: there only the ones the model deleted must be gone.
    const extra = ctx.control
      ? [...got].filter((id) => !want.some((r) => r.id === id))
      : m.recordings.filter((r) => r.roomId === roomId && r.deleted && got.has(r.id)).map((r) => r.id);
    if (missing.length || extra.length) {
      ctx.fail({
        rule: 'a room listing shows exactly the room\'s recordings that were not deleted',
        expected: `ids ${JSON.stringify(want.map((r) => r.id))}`,
        actual: `missing ${JSON.stringify(missing)}, unexpected ${JSON.stringify(extra)}`,
        response: last,
        operation: OP.list,
      });
    }
    for (const item of items) {
      const rec = want.find((r) => r.id === item.recordingId);
      if (rec) seeStatus(ctx, rec, item.status, last, OP.list);
    }
  }
  toString() {
    return `list(room ${this.room})`;
  }
}

class AdvanceCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ms: number) {}
  check() {
    return true;
  }
  async run(_m: Model, { ctx }: Real) {
    // A real server's clock cannot be moved: let a little wall time pass instead (the model
    // accepts either outcome wherever the server's timing matters, and learns from the answers).
    if (ctx.control) await ctx.control.advanceClock(this.ms);
    else await sleep(Math.min(this.ms / 20, 1_000));
  }
  toString() {
    return `advance(${this.ms} ms)`;
  }
}

function commandArbitrary() {
  const room = fc.nat({ max: 1 });
  const rec = fc.nat({ max: 5 });
  return fc.commands<Model, Real, false>(
    [
      room.map((i) => new StartCmd(i)),
      room.map((i) => new StartCmd(i)), // twice: starting is what the other commands need
      rec.map((i) => new StopCmd(i)),
      fc.constant(new StopUnknownCmd()),
      rec.map((i) => new GetCmd(i)),
      room.map((i) => new ListCmd(i)),
      rec.map((i) => new DeleteCmd(i)),
      rec.map((i) => new MediaCmd(i)),
      fc.constantFrom(500, 1_000, 3_000, 5_000, SETTLE_MS).map((ms) => new AdvanceCmd(ms)),
    ],
    { maxCommands: 16 },
  );
}

/**
 * After the random sequence (starting one recording if it started none): stop what still runs,
 * let everything finish, then read each one twice more and stop it again. This tail makes sure every run sees a finished recording read
 * back and a second stop, whatever the random part did.
 */
async function drain(m: Model, ctx: CheckContext): Promise<void> {
  // A run whose random part recorded nothing (short sequences come first) still gets one
  // recording through the whole tail, so every run checks a finished recording read back.
  if (!m.recordings.some((r) => !r.deleted)) await new StartCmd(0).run(m, { ctx });
  const live = m.recordings.filter((r) => !r.deleted);
  for (const rec of live) {
    if (!rec.stopped && !isFinished(rec.seen)) {
      const res = await stopRecording(ctx, rec.id);
      answerOutside(ctx, res, expected.stop(rec), `stop of a ${rec.seen} recording`, OP.stop);
      learnFromAnswer(rec, 'stop', res.status);
    }
  }
  // Polled: with the control API the clock moves a minute per round (20 rounds); without it, wall
  // time passes (up to SETTLE_WAIT_MS), so a value regression shows up on a real server too.
  const deadline = Date.now() + SETTLE_WAIT_MS;
  for (let round = 0; live.some((r) => !isFinished(r.seen)); round++) {
    if (ctx.control ? round >= 20 : Date.now() > deadline) break;
    for (const rec of live.filter((r) => !isFinished(r.seen))) {
      const res = await getRecording(ctx, rec.id);
      answerOutside(ctx, res, [200], 'an existing recording must be readable', OP.get);
      seeStatus(ctx, rec, res.json<MeetRecording>().status, res, OP.get);
    }
    if (!live.some((r) => !isFinished(r.seen))) break;
    if (ctx.control) await ctx.control.advanceClock(SETTLE_MS);
    else await sleep(200);
  }
  const stuck = live.find((r) => !isFinished(r.seen));
  if (stuck) ctx.fail({ rule: 'a stopped recording must finish', expected: ctx.control ? 'a finished status within 20 minutes of clock' : `a finished status within ${SETTLE_WAIT_MS / 1000} s`, actual: `${stuck.id} still ${stuck.seen}`, operation: OP.get });
  for (const rec of live) {
    for (let i = 0; i < 2; i++) {
      const res = await getRecording(ctx, rec.id);
      answerOutside(ctx, res, [200], 'an existing recording must be readable', OP.get);
      seeStatus(ctx, rec, res.json<MeetRecording>().status, res, OP.get);
    }
    const again = await stopRecording(ctx, rec.id);
    answerOutside(ctx, again, expected.stop(rec), `stop of a ${rec.seen} recording`, OP.stop);
    const gone = await deleteRecording(ctx, rec.id);
    answerOutside(ctx, gone, expected.delete(rec), `delete of a ${rec.seen} recording`, OP.delete);
    learnFromAnswer(rec, 'delete', gone.status);
    const after = await getRecording(ctx, rec.id, { expectMiss: rec.deleted });
    answerOutside(ctx, after, expected.get(rec), 'a deleted recording must answer 404', OP.get);
  }
}

const lifecycleModel: Check = {
  id: 'openvidu-meet.lifecycle.model',
  title: 'random start/stop/get/list/delete/media sequences follow the documented status machine',
  operations: [OP.start, OP.stop, OP.get, OP.list, OP.delete, OP.media],
  specRef: RECORDING_SPEC,
  // With the control API the sequences move the clock; without it they wait and poll.
  needs: ['credentials', 'room', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const control = ctx.control;
    // A real server's rooms are the configured ones: only a room not recording now can be used
    // (the model must know every recording that runs in its rooms, and never stops another's).
    let fixedRooms: string[] | undefined;
    if (!control) {
      const configured = [asConfig(ctx.config).rooms?.recordable, asConfig(ctx.config).rooms?.other].filter((r): r is string => Boolean(r));
      fixedRooms = [];
      for (const roomId of configured) if (await roomIsFree(ctx, roomId)) fixedRooms.push(roomId);
      if (fixedRooms.length === 0) ctx.notApplicable(`no configured room is free: ${configured.join(', ')} ${configured.length === 1 ? 'is' : 'are'} recording now`);
    }
    const property = fc.asyncProperty(fc.limitShrink(commandArbitrary(), 40), async (cmds) => {
      let rooms: string[];
      if (control) {
        rooms = [uniqueRoomId(ctx, 'life'), uniqueRoomId(ctx, 'life')];
        await control.seed({ rooms: rooms.map((roomId) => ({ roomId, roomName: `Room ${roomId}`, participants: 2, recordingEnabled: true })) });
      } else {
        rooms = fixedRooms!;
      }
      const model = emptyModel(rooms);
      try {
        await fc.asyncModelRun(() => ({ model, real: { ctx } }), cmds);
        await drain(model, ctx);
      } catch (e) {
        // A broken run on a real server: leave nothing of ours running (its rooms are shared).
        if (!control) await release(ctx, model);
        throw e;
      }
    });
    // Without the control API every wait is real: fewer runs, and no shrinking (each replay waits again).
    const out = await fc.check(property, { seed: ctx.seed, numRuns: Math.min(ctx.maxExamples, control ? 12 : 4), ...(control ? {} : { endOnFailure: true }) });
    if (!out.failed) return;
    const repro = [
      `fast-check seed ${ctx.seed} (this check's seed, derived from the run's --seed), path ${out.counterexamplePath ?? '?'}, after ${out.numRuns} run(s) and ${out.numShrinks} shrink(s)`,
      `commands: ${out.counterexample ? fc.stringify(out.counterexample[0]) : '?'} then drain (stop all, settle, read twice, stop again, delete, get)`,
    ].join('\n');
    const err = out.errorInstance;
    // An operation the target lacks, or data it lacks, is not a failure of the status machine.
    if (err instanceof NotImplemented || err instanceof NotApplicable) throw err;
    if (err instanceof CheckFailure) ctx.fail({ ...err.failure, repro });
    ctx.fail({ rule: 'the model-based run must not error', expected: 'no exception', actual: String(err), repro } satisfies FailureInput);
  },
};

/** True when the room holds no recording in progress (starting, active or ending). */
const roomIsFree = async (ctx: CheckContext, roomId: string) => (await unfinishedIn(ctx, roomId)) === undefined;

/** After a failed run on a real server: stop every recording of the model still running (best effort). */
async function release(ctx: CheckContext, m: Model): Promise<void> {
  for (const rec of m.recordings) if (!rec.deleted && !rec.stopped && !isFinished(rec.seen)) await stopQuietly(ctx, rec.id);
}

// ---------------------------------------------------------------- lifecycle.stop-only-active

/** The end reason the media server gives a recording stopped through its API (the spec's example). */
const STOP_DETAILS = 'End reason: StopEgress API';

const stopOnlyActive: Check = {
  id: 'openvidu-meet.lifecycle.stop-only-active',
  title: 'only an active recording can be stopped: 202 with Location, then 409; unknown ids 404',
  operations: [OP.stop],
  specRef: STOP_SPEC,
  needs: ['credentials', 'room', 'writes'],
  async run(ctx: CheckContext) {
    await ctx.rule('stop of an unknown recording answers 404', async () => {
      const unknown = await stopRecording(ctx, unknownRecordingId(uniqueRoomId(ctx, 'nope')), { expectMiss: true });
      expectStatus(ctx, unknown, 404, 'stop of an unknown recording must answer 404', OP.stop);
    });
    let rec: MeetRecording | undefined;
    await ctx.rule('start in a recordable room answers 201', async () => {
      rec = await activeRecording(ctx);
    });
    const rest = ['stop of an active recording answers 202 with Location, ending or complete', 'a stopped recording finishes', 'stop of a finished recording answers 409'];
    if (!rec) {
      for (const r of rest) ctx.notRun(r, 'no recording of our own to stop (a configured one is never stopped)');
      return;
    }
    const id = rec.recordingId;
    let stopped = false;
    try {
      stopped = await ctx.rule(rest[0]!, async () => {
        const res = await stopRecording(ctx, id);
        expectStatus(ctx, res, 202, 'stop of an active recording must answer 202', OP.stop);
        stopped = true;
        const body = res.json<MeetRecording>();
        if (body.status !== 'ending' && body.status !== 'complete') {
          ctx.fail({ rule: 'a stop answer shows the recording ending or complete', expected: 'status ending or complete', actual: `status ${body.status}`, response: res, operation: OP.stop });
        }
        if (!res.headers.location) {
          ctx.fail({ rule: 'a 202 stop answer carries a Location header', expected: 'Location: the recording URL', actual: 'no Location header', response: res, operation: OP.stop });
        }
      }) || stopped;
      if (!stopped) {
        for (const r of rest.slice(1)) ctx.notRun(r, 'the recording was not stopped');
        return;
      }
      let done: MeetRecording | undefined;
      await ctx.rule(rest[1]!, async () => {
        done = await settle(ctx, id);
        if (!isFinished(done.status)) ctx.fail({ rule: 'a stopped recording must finish', expected: 'a finished status', actual: done.status, operation: OP.get });
      });
      const DETAILS_RULE = 'a recording stopped through the API completes with details "End reason: StopEgress API"';
      if (!done) ctx.notRun(DETAILS_RULE, 'the recording did not finish');
      else {
        const finished = done;
        await ctx.rule(DETAILS_RULE, () => {
          if (finished.status === 'complete' && finished.details !== STOP_DETAILS) {
            ctx.fail({ rule: DETAILS_RULE, expected: `details "${STOP_DETAILS}"`, actual: `details ${JSON.stringify(finished.details ?? null)}`, operation: OP.get });
          }
        }, { decision: 'stop-details' });
      }
      if (!done) ctx.notRun(rest[2]!, 'the recording did not finish');
      else {
        const status = done.status;
        await ctx.rule(rest[2]!, async () => {
          const again = await stopRecording(ctx, id);
          expectStatus(ctx, again, 409, `stop of a ${status} recording must answer 409`, OP.stop);
        });
      }
    } finally {
      if (!stopped && !ctx.control) await stopQuietly(ctx, id);
    }
  },
};


// ---------------------------------------------------------------- lifecycle.abnormal-ends

/**
 * Recordings that end without a normal stop (the media server fails, the recording is aborted, it
 * hits the time limit). A real server cannot be made to fail on demand: control API only. That such
 * a recording is finished is documented (delete allowed, stop and media 409, facts §5.4); its
 * fields and the 24 h limit rest on decision abnormal-end-fields.
 */
const abnormalEnds: Check = {
  id: 'openvidu-meet.lifecycle.abnormal-ends',
  title: 'a failed, aborted or limit_reached recording is finished (no media, no stop, deletable), with the fields of its end; 24 h of recording end limit_reached',
  operations: [OP.get, OP.media, OP.stop, OP.delete],
  specRef: '#/components/schemas/RecordingStatus',
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    if (!ctx.control) ctx.notApplicable('a recording cannot be made to fail, be aborted or reach its limit without the control API');
    const control = ctx.control;
    const ends = ['failed', 'aborted', 'limit_reached'] as const;
    const rooms = ends.map((e) => uniqueRoomId(ctx, `end-${e.replace('_', '')}`));
    const lasting = uniqueRoomId(ctx, 'end-24h');
    const seeded = await control.seed({ rooms: [...rooms, lasting].map((roomId) => ({ roomId, roomName: `Room ${roomId}`, participants: 1 })), recordings: [...rooms, lasting].map((roomId) => ({ roomId, status: 'active' })) }) as { recordings?: MeetRecording[] };
    const byRoom = (roomId: string) => seeded.recordings!.find((r) => r.roomId === roomId)!;
    const ended: MeetRecording[] = [];
    for (const [i, status] of ends.entries()) {
      await control.advanceClock(1000);
      ended.push(await control.call<MeetRecording>('finish', { recordingId: byRoom(rooms[i]!).recordingId, status }));
    }
    const read = async (id: string) => {
      const res = await getRecording(ctx, id);
      expectStatus(ctx, res, 200, 'a recording that ended is readable', OP.get);
      return { res, rec: res.json<MeetRecording & { errorCode?: unknown; error?: unknown; details?: unknown }>() };
    };

    const finished = 'a failed, aborted or limit_reached recording serves no media (409), cannot be stopped (409) and can be deleted (200)';
    await ctx.rule(finished, async () => {
      for (const rec of ended) {
        const media = await getMedia(ctx, rec.recordingId);
        expectStatus(ctx, media, 409, `media of a ${rec.status} recording answers 409`, OP.media);
        const stop = await stopRecording(ctx, rec.recordingId);
        expectStatus(ctx, stop, 409, `stop of a ${rec.status} recording answers 409`, OP.stop);
      }
      const gone = await deleteRecording(ctx, ended[0]!.recordingId);
      expectStatus(ctx, gone, 200, `delete of a ${ended[0]!.status} recording answers 200`, OP.delete);
    });

    const DETAILS: Record<(typeof ends)[number], string> = { failed: 'End reason: egress failure', aborted: 'End reason: recording aborted', limit_reached: 'End reason: recording time limit reached' };
    const fields = 'a recording that ended abnormally has an endDate and the details of its end, no size or duration; failed adds errorCode 500 and error';
    await ctx.rule(fields, async () => {
      for (const e of ended.slice(1)) {
        const { res, rec } = await read(e.recordingId);
        const status = rec.status as (typeof ends)[number];
        const wrong =
          rec.details !== DETAILS[status] || typeof rec.endDate !== 'number' || typeof rec.startDate !== 'number' || rec.endDate < rec.startDate ||
          rec.size != null || rec.duration != null || (status === 'failed' ? rec.errorCode !== 500 || rec.error !== 'Egress failed' : rec.errorCode != null || rec.error != null);
        if (wrong) ctx.fail({ rule: fields, expected: `${status}: details "${DETAILS[status]}", endDate ≥ startDate, no size or duration${status === 'failed' ? ', errorCode 500, error "Egress failed"' : ''}`, actual: JSON.stringify(rec), response: res, operation: OP.get });
      }
      // The failed one was deleted above; its fields as finish answered them.
      const f = ended[0] as MeetRecording & { errorCode?: unknown; error?: unknown; details?: unknown };
      if (f.errorCode !== 500 || f.error !== 'Egress failed' || f.details !== DETAILS.failed || f.size != null || f.duration != null) {
        ctx.fail({ rule: fields, expected: 'failed: errorCode 500, error "Egress failed", details "End reason: egress failure", no size or duration', actual: JSON.stringify(f), operation: OP.get });
      }
    }, { decision: 'abnormal-end-fields' });

    const limit = 'an active recording left running 24 h ends limit_reached at startDate + 24 h';
    await ctx.rule(limit, async () => {
      const rec = byRoom(lasting);
      const before = (await read(rec.recordingId)).rec;
      if (before.status !== 'active') ctx.fail({ rule: limit, expected: 'the recording active before the limit', actual: `status ${before.status}`, operation: OP.get });
      await control.advanceClock(24 * 3600_000);
      const { res, rec: after } = await read(rec.recordingId);
      if (after.status !== 'limit_reached' || after.endDate !== (rec.startDate ?? NaN) + 24 * 3600_000) {
        ctx.fail({ rule: limit, expected: `status limit_reached, endDate ${(rec.startDate ?? NaN) + 24 * 3600_000}`, actual: `status ${after.status}, endDate ${String(after.endDate)}`, response: res, operation: OP.get });
      }
    }, { decision: 'abnormal-end-fields' });
  },
};

export const lifecycleChecks: Check[] = [lifecycleModel, stopOnlyActive, abnormalEnds];
