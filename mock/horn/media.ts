// Which MP4 fixture each uploaded segment serves. The choice hashes (recording, segment), so it
// needs no storage (100k recordings cost nothing) and the same ids always give the same bytes.
// The 6 MiB fixture is left out: archives bundle several segments and should stay small.
import type { MediaStore } from '../media-store.ts';

export interface SegmentMedia {
  readonly names: readonly string[];
  /** Fixture of segment `n` (1-based) of a recording. */
  of(recordingId: string, n: number): { name: string; size: number };
}

const SMALL_ENOUGH = 1024 * 1024;

function hash(text: string): number {
  let h = 2166136261; // FNV-1a
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function createSegmentMedia(store: MediaStore): SegmentMedia {
  const mp4 = store.list().filter((m) => m.contentType === 'video/mp4');
  const small = mp4.filter((m) => m.size <= SMALL_ENOUGH);
  const pool = (small.length > 0 ? small : mp4).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (pool.length === 0) throw new Error('horn mock: the media store has no video/mp4 fixture');
  return {
    names: pool.map((m) => m.name),
    of(recordingId, n) {
      const m = pool[hash(`${recordingId}#${n}`) % pool.length]!;
      return { name: m.name, size: m.size };
    },
  };
}
