// Recording lifecycle, computed from timestamps and the clock when state is read (lazy settling):
//   start → active ── stop ──→ ending ── 3 s ──→ complete
//            └── 24 h of clock time ──→ limit_reached        (control `finish` → failed|aborted|limit_reached)
// Nothing runs in the background, so a frozen clock gives the same answers every time.
import type { AbnormalEnd, Recording, RecordingStatus } from './types.ts';

export const STOP_SETTLE_MS = 3000;
export const MAX_RECORDING_MS = 24 * 3600 * 1000;

export interface MediaFacts {
  size: number;
  duration: number; // seconds
}

/** A status change, with the clock time it logically happened at (webhook creationDate). */
export interface Transition {
  recordingId: string;
  to: RecordingStatus;
  at: number;
  patch: Partial<Recording>;
}

/**
 * Fields of a complete recording. Size and duration are those of its media fixture, so the
 * bytes the media endpoint serves always match; endDate = startDate + duration keeps the three
 * consistent (a decision: the fixture's length wins over the wall-clock length of the stop).
 */
export function completion(r: Recording, media: MediaFacts): Partial<Recording> {
  const startDate = r.startDate ?? 0;
  return {
    status: 'complete',
    endDate: startDate + Math.round(media.duration * 1000),
    duration: media.duration,
    size: media.size,
    details: 'End reason: StopEgress API',
  };
}

/** The transition due for `r` at `now`, if any. */
export function dueTransition(r: Recording, now: number, media: MediaFacts): Transition | undefined {
  if (r.status === 'ending' && r.stopRequestedAt !== undefined && now >= r.stopRequestedAt + STOP_SETTLE_MS) {
    return { recordingId: r.recordingId, to: 'complete', at: r.stopRequestedAt + STOP_SETTLE_MS, patch: completion(r, media) };
  }
  if (r.status === 'active' && r.startDate !== undefined && now - r.startDate > MAX_RECORDING_MS) {
    const at = r.startDate + MAX_RECORDING_MS;
    return { recordingId: r.recordingId, to: 'limit_reached', at, patch: abnormalEnd(r, 'limit_reached', at) };
  }
  return undefined;
}

/** Fields of a recording that ended without a normal stop (no size/duration: no media to serve). */
export function abnormalEnd(r: Recording, status: AbnormalEnd, at: number): Partial<Recording> {
  const patch: Partial<Recording> = { status, endDate: Math.max(at, r.startDate ?? at) };
  if (status === 'failed') {
    patch.errorCode = 500;
    patch.error = 'Egress failed';
    patch.details = 'End reason: egress failure';
  } else if (status === 'aborted') {
    patch.details = 'End reason: recording aborted';
  } else {
    patch.details = 'End reason: recording time limit reached';
  }
  return patch;
}
