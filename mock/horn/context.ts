// Everything a handler works with: state, time, randomness, faults and side channels.
// One mutable object per mock; reset() refills it in place.
import type { Clock } from '../../core/clock.ts';
import type { Prng } from '../../core/prng.ts';
import type { MediaStore } from '../media-store.ts';
import type { EventDispatcher } from './webhooks.ts';
import type { FaultName } from './faults.ts';
import type { SegmentMedia } from './media.ts';
import type { RecordingStore } from './store.ts';
import type { Channel, User } from './types.ts';

export interface HornContext {
  clock: Clock;
  faults: Set<string>;
  prng: Prng;
  store: RecordingStore;
  channels: Map<string, Channel>;
  users: Map<number, User>;
  /** Bearer token → user id. */
  tokens: Map<string, number>;
  media: SegmentMedia;
  mediaStore: MediaStore;
  events: EventDispatcher;
  /** HS256 key of download JWTs and of signed download URLs (per mock instance and seed). */
  signingKey: Uint8Array;
  /** Reads of ready recordings, for the `ready-time-regresses` fault (every other read lies). */
  reads: number;
}

/** The one place faults are looked up: a Set lookup, so the clean path stays fast. */
export const has = (ctx: HornContext, fault: FaultName): boolean => ctx.faults.has(fault);
