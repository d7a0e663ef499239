// The reference model behind `lifecycle.fields-in-order`: what a client may conclude about a
// recording from the actions it took and the fields it has read (seed 003). A recording is
//
//   started (duration null, download null) → stopped (duration set) → finished (both set)
//
// and never goes back; a download link without a duration is no state at all. How long
// processing takes is the server's business, so the model never predicts *when* a stopped
// recording finishes — only that it cannot be less than what was already seen.
import { STATE_RANK, type RecordingState } from './support.ts';

export interface ModelRecording {
  id: string;
  meeting: number;
  /** The furthest state a read has shown. */
  seen: RecordingState;
  /** A stop of its meeting was accepted (200) while it was running. */
  stopped: boolean;
}

export interface ModelMeeting {
  accessKey: string;
  roomId: string;
  /** Id of the recording running now, if any. */
  running?: string;
}

export interface LifecycleModel {
  meetings: ModelMeeting[];
  recordings: ModelRecording[];
}

/** Why a read showing `state` (undefined = download without duration) cannot follow what the model knows. */
export function readViolation(rec: ModelRecording, state: RecordingState | undefined): string | undefined {
  if (state === undefined) return 'links.download is set while duration is null (finished before stopped)';
  if (STATE_RANK[state] < STATE_RANK[rec.seen]) return `the recording went back from ${rec.seen} to ${state}`;
  if (rec.stopped && state === 'started') return 'a stopped recording still reads as started (duration null)';
  if (!rec.stopped && state !== 'started') return `a recording nobody stopped reads as ${state}`;
  return undefined;
}

/** Records what a read showed (the caller has checked it with readViolation). */
export function observe(rec: ModelRecording, state: RecordingState): void {
  if (STATE_RANK[state] > STATE_RANK[rec.seen]) rec.seen = state;
}

/** The status start must answer: one recording per meeting at a time (405 while one runs). */
export const expectedStart = (m: ModelMeeting): number => (m.running ? 405 : 201);
/** The status stop must answer: 404 when nothing runs. */
export const expectedStop = (m: ModelMeeting): number => (m.running ? 200 : 404);
