// The reference model of a recording's documented status machine (facts §5.2, §5.4), used by the
// model-based check `lifecycle.model`. It knows only what a client can know: the actions it took
// and the statuses it has seen. How long `ending` lasts is the server's business, so wherever
// that matters the model accepts both outcomes and learns from the answer.
//
//   starting → active → ending → complete | failed | aborted | limit_reached
//
// A status never moves backwards, and a finished status never changes.
import type { RecordingStatus } from './support.ts';

export const RANK: Record<RecordingStatus, number> = {
  starting: 0,
  active: 1,
  ending: 2,
  complete: 3,
  failed: 3,
  aborted: 3,
  limit_reached: 3,
};

export const isFinished = (s: RecordingStatus) => RANK[s] === 3;

export interface ModelRecording {
  id: string;
  roomId: string;
  /** A stop was accepted (202). */
  stopped: boolean;
  /** The latest status the server has shown for it. */
  seen: RecordingStatus;
  deleted: boolean;
}

export interface LifecycleModel {
  rooms: string[];
  recordings: ModelRecording[];
}

export function emptyModel(rooms: string[]): LifecycleModel {
  return { rooms, recordings: [] };
}

/** Why `next` cannot follow what the model knows of `rec`, or undefined when it can. */
export function statusViolation(rec: ModelRecording, next: RecordingStatus): string | undefined {
  if (isFinished(rec.seen) && next !== rec.seen) return `a ${rec.seen} recording must stay ${rec.seen}, it read back as ${next}`;
  if (RANK[next] < RANK[rec.seen]) return `status went backwards from ${rec.seen} to ${next}`;
  if (rec.stopped && RANK[next] < RANK.ending) return `after an accepted stop the status must be ending or later, it read ${next}`;
  return undefined;
}

/** Records a status the server showed (the caller has checked it with statusViolation). */
export function observe(rec: ModelRecording, status: RecordingStatus): void {
  if (RANK[status] >= RANK[rec.seen]) rec.seen = status;
}

/** Known to be finished, known to be running, or possibly either (stopped, not yet seen finished). */
export type Progress = 'finished' | 'running' | 'maybe-finished';

export function progress(rec: ModelRecording): Progress {
  if (isFinished(rec.seen)) return 'finished';
  return rec.stopped || rec.seen === 'ending' ? 'maybe-finished' : 'running';
}

/** The HTTP statuses the documented API may answer, given what the model knows. */
export const expected = {
  get: (rec: ModelRecording): number[] => (rec.deleted ? [404] : [200]),

  /** Only an active recording can be stopped (202); a stopped or finished one answers 409. */
  stop(rec: ModelRecording): number[] {
    if (rec.deleted) return [404];
    if (rec.stopped || RANK[rec.seen] >= RANK.ending) return [409];
    return rec.seen === 'active' ? [202] : [202, 409]; // `starting` may turn active at any moment
  },

  /** Delete only once finished; 409 while in progress. */
  delete(rec: ModelRecording): number[] {
    if (rec.deleted) return [404];
    const p = progress(rec);
    return p === 'finished' ? [200] : p === 'running' ? [409] : [200, 409];
  },

  /** Media only of a complete recording; 409 otherwise. */
  media(rec: ModelRecording): number[] {
    if (rec.deleted) return [404];
    const p = progress(rec);
    if (p === 'finished') return rec.seen === 'complete' ? [200] : [409];
    return p === 'running' ? [409] : [200, 409];
  },

  /** One recording at a time per room: 409 while one runs, 201 once all have finished. */
  start(model: LifecycleModel, roomId: string): number[] {
    const live = model.recordings.filter((r) => r.roomId === roomId && !r.deleted).map(progress);
    if (live.includes('running')) return [409];
    return live.includes('maybe-finished') ? [201, 409] : [201];
  },
};

/** What a response teaches the model beyond the status it carries. */
export function learnFromAnswer(rec: ModelRecording, op: 'stop' | 'delete' | 'media', httpStatus: number): void {
  if (op === 'stop' && httpStatus === 202) rec.stopped = true;
  if (op === 'delete' && httpStatus === 200) rec.deleted = true;
  if (op === 'media' && httpStatus === 200) rec.seen = 'complete';
  // A 409 on delete or media of a stopped recording means it has not finished yet.
  if ((op === 'delete' || op === 'media') && httpStatus === 409 && rec.stopped && !isFinished(rec.seen)) rec.seen = 'ending';
}
