// Everything a handler works with: state, time, randomness, faults and side channels.
// One mutable object per mock; reset() refills it in place.
import type { Clock } from '../../core/clock.ts';
import type { Prng } from '../../core/prng.ts';
import type { MediaStore } from '../media-store.ts';
import type { FaultName } from './faults.ts';
import type { RecordingStore } from './store.ts';
import type { Member, Recording, Room, Team } from './types.ts';
import type { WebhookDispatcher } from './webhooks.ts';

/** A stopped recording is finished (download link available) this long after the stop. */
export const PROCESSING_DELAY_MS = 5_000;
/** Download links work for this long after they were issued. */
export const LINK_TTL_SECONDS = 3_600;
/** Recordings exist for this long after created_at. */
export const RETENTION_MS = 14 * 24 * 3600 * 1000;
export const PAGE_SIZE = 25;
/** Eyeson records WebM; every recording's link serves this fixture. */
export const RECORDING_MEDIA = 'sample.webm';

export interface EyesonContext {
  clock: Clock;
  faults: Set<string>;
  prng: Prng;
  seed: number;
  store: RecordingStore;
  teams: Map<string, Team>;
  rooms: Map<string, Room>;
  members: Map<string, Member>;
  media: MediaStore;
  webhooks: WebhookDispatcher;
  /** Signs download links; derived from the seed so a replay gives the same links. */
  linkSecret: string;
  /** Origin of the latest request: absolute URLs in webhooks (sent outside any request) use it. */
  origin: string;
  /** Reads of finished recordings, for the `duration-regresses` fault (every other read lies). */
  reads: number;
}

/** The one place faults are looked up: a Set lookup, so the clean path stays fast. */
export const has = (ctx: EyesonContext, fault: FaultName): boolean => ctx.faults.has(fault);

export const retentionMs = (ctx: EyesonContext): number => (has(ctx, 'recordings-expire-after-7-days') ? RETENTION_MS / 2 : RETENTION_MS);

/** Past its retention: gone everywhere (unless a fault keeps it). */
export const isExpired = (ctx: EyesonContext, r: Recording): boolean =>
  !has(ctx, 'recordings-never-expire') && ctx.clock.now() >= r.createdAt + retentionMs(ctx);

/** What a team's API can see of a recording: not deleted, not expired, and the team's own. */
export function visible(ctx: EyesonContext, r: Recording | undefined, teamKey: string): r is Recording {
  if (!r || r.teamKey !== teamKey) return false;
  if (r.deletedAt !== undefined && !has(ctx, 'deleted-still-readable')) return false;
  return !isExpired(ctx, r);
}
