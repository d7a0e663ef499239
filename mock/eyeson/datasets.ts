// The seeded initial state: three teams (dev, other, locked) and a room history with enough
// finished recordings, over several room instances and most of the 14 days, for pagination and
// time filters. Same seed + same clock → same data.
import { DEV_API_KEY, LOCKED_API_KEY, OTHER_API_KEY } from './auth.ts';
import { PROCESSING_DELAY_MS, RECORDING_MEDIA } from './context.ts';
import { guestToken, objectId } from './ids.ts';
import { wholeSeconds } from './types.ts';
import type { EyesonContext } from './context.ts';
import type { Recording, Room, RoomInstance, Team } from './types.ts';

export const ARCHIVE_ROOM_ID = 'callrec-archive';
export const OTHER_TEAM_ROOM_ID = 'callrec-other-room';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

export function defaultTeams(): Team[] {
  return [
    { apiKey: DEV_API_KEY, locked: false },
    { apiKey: OTHER_API_KEY, locked: false },
    { apiKey: LOCKED_API_KEY, locked: true },
  ];
}

export interface HistoryOptions {
  /** Window the instances share, ms on the mock's clock. */
  from: number;
  to: number;
  instances: number;
}

/**
 * Adds `count` finished recordings to `room`, in `instances` consecutive room instances spread
 * over [from, to], each shut down after its last recording ended. Returns the recordings, oldest first.
 */
export function generateHistory(ctx: EyesonContext, room: Room, count: number, o: HistoryOptions): Recording[] {
  const out: Recording[] = [];
  const n = Math.max(1, Math.min(o.instances, count || 1));
  const span = (o.to - o.from) / n;
  let left = count;
  for (let k = 0; k < n; k++) {
    const inInstance = Math.ceil(left / (n - k));
    left -= inInstance;
    const instance: RoomInstance = {
      roomId: room.id,
      name: room.id,
      startedAt: wholeSeconds(o.from + k * span),
      guestToken: guestToken(ctx.prng),
      recordingAvailable: true,
    };
    // Recordings start evenly through the first 80 % of the instance and last at most 15 minutes.
    const step = (span * 0.8) / Math.max(1, inInstance);
    let lastEnd = instance.startedAt;
    for (let j = 0; j < inInstance; j++) {
      const createdAt = wholeSeconds(instance.startedAt + 60_000 + j * step);
      const durationSeconds = ctx.prng.int(30, 900);
      const stoppedAt = createdAt + durationSeconds * 1000;
      lastEnd = Math.max(lastEnd, stoppedAt + PROCESSING_DELAY_MS);
      out.push({
        id: objectId(ctx.prng),
        roomId: room.id,
        teamKey: room.teamKey,
        instance,
        user: { id: objectId(ctx.prng), name: ctx.prng.pick(['Ada', 'Grace', 'Linus', 'Margaret', 'Ken']), avatar: null, guest: false, joinedAt: instance.startedAt },
        createdAt,
        stoppedAt,
        durationSeconds,
        finishedAt: stoppedAt + PROCESSING_DELAY_MS,
        media: RECORDING_MEDIA,
      });
    }
    instance.shutdownAt = wholeSeconds(Math.min(lastEnd + 60_000, o.from + (k + 1) * span));
    if (instance.shutdownAt < lastEnd) instance.shutdownAt = wholeSeconds(lastEnd) + 1000;
    room.instances.push(instance);
  }
  room.instances.sort((a, b) => a.startedAt - b.startedAt);
  for (const r of out) ctx.store.insert(r);
  return out;
}

/** Fills a freshly cleared context with the default data set. */
export function loadDefaults(ctx: EyesonContext): void {
  for (const t of defaultTeams()) ctx.teams.set(t.apiKey, t);
  const now = ctx.clock.now();
  const archive: Room = { id: ARCHIVE_ROOM_ID, teamKey: DEV_API_KEY, instances: [] };
  ctx.rooms.set(archive.id, archive);
  // One recording past its 14 days (invisible unless a retention fault is on) …
  generateHistory(ctx, archive, 1, { from: now - 16 * DAY, to: now - 15 * DAY, instances: 1 });
  // … and 60 within them, over three room instances.
  generateHistory(ctx, archive, 60, { from: now - 13 * DAY, to: now - 2 * HOUR, instances: 3 });
  const other: Room = { id: OTHER_TEAM_ROOM_ID, teamKey: OTHER_API_KEY, instances: [] };
  ctx.rooms.set(other.id, other);
  generateHistory(ctx, other, 3, { from: now - 2 * DAY, to: now - DAY, instances: 1 });
}

