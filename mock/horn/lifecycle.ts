// A recording's life on the mock's clock: recording (no endTime) → processing (endTime, no
// readyTime) → ready (readyTime). Processing takes a fixed time per uploaded segment, so it is
// predictable for checks (decision `processing-time`). Uploads are 30-minute segments (facts §1.4).
import type { Recording } from './types.ts';

export const SEGMENT_MS = 30 * 60_000;
/** Processing (upload) time per segment. */
export const PROCESSING_MS_PER_SEGMENT = 30_000;

export interface Segment {
  n: number; // 1-based
  startTime: number;
  endTime: number;
}

/** The upload segments of an ended recording: ⌈duration / 30 min⌉ of them, at least one. */
export function segmentsOf(startTime: number, endTime: number): Segment[] {
  const count = Math.max(1, Math.ceil((endTime - startTime) / SEGMENT_MS));
  return Array.from({ length: count }, (_, i) => ({
    n: i + 1,
    startTime: startTime + i * SEGMENT_MS,
    endTime: Math.min(startTime + (i + 1) * SEGMENT_MS, endTime),
  }));
}

/** When an ended recording becomes ready. */
export function readyAt(r: Recording & { endTime: number }): number {
  return r.endTime + PROCESSING_MS_PER_SEGMENT * segmentsOf(r.startTime, r.endTime).length;
}
