// The reference model of a recording's life (facts §1.5), as a client can know it:
//
//   recording (no endTime) → processing (endTime, no readyTime) → ready (endTime and readyTime)
//
// endTime appears before readyTime, readyTime ≥ endTime ≥ startTime, and once a field has been
// seen it never disappears or changes. How long processing takes is the server's business, so
// the model never predicts readyTime: it only judges what the server shows against what it saw.

export interface ModelRecording {
  id: string;
  channel: string;
  startTime: number;
  /** The endTime the server has shown (undefined: never shown, the recording runs as far as we know). */
  endTime?: number;
  readyTime?: number;
}

export interface LifecycleModel {
  channels: string[];
  recordings: ModelRecording[];
}

export interface Shown {
  startTime?: unknown;
  endTime?: unknown;
  readyTime?: unknown;
}

/** Why the times shown cannot follow what the model saw, or undefined when they can. */
export function timesViolation(rec: ModelRecording, shown: Shown): string | undefined {
  const { startTime, endTime, readyTime } = shown;
  if (startTime !== rec.startTime) return `startTime changed from ${rec.startTime} to ${JSON.stringify(startTime)}`;
  if (endTime !== undefined && typeof endTime !== 'number') return `endTime ${JSON.stringify(endTime)} is not a number`;
  if (readyTime !== undefined && typeof readyTime !== 'number') return `readyTime ${JSON.stringify(readyTime)} is not a number`;
  if (readyTime !== undefined && endTime === undefined) return `readyTime ${readyTime} is set while endTime is not`;
  if (rec.endTime !== undefined && endTime !== rec.endTime) return `endTime was ${rec.endTime}, now ${JSON.stringify(endTime)}`;
  if (rec.readyTime !== undefined && readyTime !== rec.readyTime) return `readyTime was ${rec.readyTime}, now ${JSON.stringify(readyTime)}`;
  if (typeof endTime === 'number' && endTime < rec.startTime) return `endTime ${endTime} is before startTime ${rec.startTime}`;
  if (typeof readyTime === 'number' && typeof endTime === 'number' && readyTime < endTime) return `readyTime ${readyTime} is before endTime ${endTime}`;
  return undefined;
}

/** Learns what the server showed (the caller has judged it with timesViolation). */
export function observe(rec: ModelRecording, shown: Shown): void {
  if (typeof shown.endTime === 'number') rec.endTime = shown.endTime;
  if (typeof shown.readyTime === 'number') rec.readyTime = shown.readyTime;
}

/** The recording of a channel still running as far as the model knows. */
export const runningIn = (m: LifecycleModel, channel: string) => m.recordings.find((r) => r.channel === channel && r.endTime === undefined);
