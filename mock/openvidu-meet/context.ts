// Everything a handler works with: state, time, randomness, faults and side channels.
// One mutable object per mock; reset() refills it in place.
import type { Clock } from '../../core/clock.ts';
import type { Prng } from '../../core/prng.ts';
import type { MediaStore } from '../media-store.ts';
import type { FaultName } from './faults.ts';
import type { MediaCatalogue } from './media.ts';
import type { RecordingStore } from './store.ts';
import type { Room } from './types.ts';
import type { WebhookDispatcher } from './webhooks.ts';

export interface MeetContext {
  clock: Clock;
  faults: Set<string>;
  prng: Prng;
  store: RecordingStore;
  rooms: Map<string, Room>;
  /** Rooms deleted through the API (only the `deleted-room-still-readable` fault reads them). */
  deletedRooms: Map<string, Room>;
  apiKeys: string[];
  media: MediaCatalogue;
  mediaStore: MediaStore;
  webhooks: WebhookDispatcher;
  /** Reads of complete recordings, for the `status-regresses` fault (every other read lies). */
  reads: number;
  /** Starts still to time out with 503 (control action `stall-start`): the egress never starts. */
  stalledStarts: number;
}

/** The one place faults are looked up: a Set lookup, so the clean path stays fast. */
export const has = (ctx: MeetContext, fault: FaultName): boolean => ctx.faults.has(fault);
