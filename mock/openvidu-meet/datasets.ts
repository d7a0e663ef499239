// Deterministic data sets: the default one every reset() loads, and generated ones of any size
// (control `seed {generate}`), all drawn from the seeded prng with times relative to the clock.
import { makeRecording } from './factory.ts';
import type { Prng } from '../../core/prng.ts';
import type { MediaCatalogue } from './media.ts';
import type { Recording, RecordingStatus, Room } from './types.ts';

export const DEFAULT_API_KEY = 'callrec-dev-key';
const HOUR = 3600_000;

export function defaultRooms(): Room[] {
  return [
    { roomId: 'room-alpha', roomName: 'Alpha Standup', participants: 3, recordingEnabled: true, layout: 'grid' },
    { roomId: 'room-beta', roomName: 'Beta Review', participants: 2, recordingEnabled: true, layout: 'speaker' },
    { roomId: 'room-empty', roomName: 'Empty Room', participants: 0, recordingEnabled: true, layout: 'grid' },
    { roomId: 'room-disabled', roomName: 'Disabled Room', participants: 2, recordingEnabled: false, layout: 'grid' },
  ];
}

export const DEFAULT_RECORDING_COUNT = 20;

/**
 * 20 complete recordings, alternating alpha/beta, one per hour going back from `now` (plus a
 * seeded jitter under an hour, so start dates are distinct). Media cycles through every
 * fixture, so the default data always includes a recording on the large (> 5 MiB) file.
 */
export function defaultRecordings(prng: Prng, now: number, rooms: Map<string, Room>, media: MediaCatalogue): Recording[] {
  const alpha = rooms.get('room-alpha')!;
  const beta = rooms.get('room-beta')!;
  return Array.from({ length: DEFAULT_RECORDING_COUNT }, (_, i) => {
    const name = media.nth(i);
    const startDate = now - (i + 1) * HOUR - prng.int(0, 3599) * 1000;
    return makeRecording(prng, i % 2 === 0 ? alpha : beta, { status: 'complete', startDate, media: name, mediaFacts: media.facts(name) });
  });
}

const WORDS = ['Daily', 'Weekly', 'Sales', 'Design', 'Board', 'Support', 'Team', 'Product', 'Retro', 'Planning', 'Sync', 'Demo'];

export function generateRooms(prng: Prng, count: number): Room[] {
  return Array.from({ length: count }, (_, i) => ({
    roomId: `gen-room-${i + 1}`,
    roomName: `${prng.pick(WORDS)} ${prng.pick(WORDS)} ${i + 1}`,
    participants: prng.int(0, 6),
    recordingEnabled: true,
    layout: prng.pick(['grid', 'speaker', 'single-speaker'] as const),
  }));
}

/** Ended recordings only (no active ones: they would hold rooms and keep settling). */
const GENERATED_STATUSES: readonly RecordingStatus[] = [
  ...Array<RecordingStatus>(17).fill('complete'),
  'failed',
  'aborted',
  'limit_reached',
];

export function generateRecordings(prng: Prng, now: number, rooms: readonly Room[], count: number, media: MediaCatalogue, taken: (id: string) => boolean): Recording[] {
  const out: Recording[] = [];
  const seen = new Set<string>();
  const YEAR_S = 365 * 24 * 3600;
  while (out.length < count) {
    const room = prng.pick(rooms);
    const name = media.pick(prng);
    const status = prng.pick(GENERATED_STATUSES);
    const startDate = now - HOUR * 25 - prng.int(0, YEAR_S) * 1000;
    const r = makeRecording(prng, room, { status, startDate, media: name, mediaFacts: media.facts(name), durationMs: prng.int(1, 3600) * 1000 });
    if (seen.has(r.recordingId) || taken(r.recordingId)) continue; // astronomically rare, but ids must be unique
    seen.add(r.recordingId);
    out.push(r);
  }
  return out;
}
