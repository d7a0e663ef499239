// Everything a Talk handler works with: state, time, randomness, faults, configuration and
// side channels (notifications and files live in the store; outgoing recording-server
// requests in the outbox). One mutable object per mock; reset() refills it in place.
// The recording slice (./recording/) works on this same context.
import type { Clock } from '../../core/clock.ts';
import type { Prng } from '../../core/prng.ts';
import type { ChatWaiters } from './long-poll.ts';
import type { TalkStore } from './store.ts';
import type { Actor, OutgoingRequest, Participant, Room, TalkConfig } from './types.ts';
import { SIMULATED_RECORDING_SERVER } from './recording/sim-server.ts';

/** Things other parts of the mock react to (the recording slice stops a recording when a call ends). */
export interface TalkHooks {
  /** The call in `room` ended (last one left, or ended for everyone); `actor` is who caused it. */
  callEnded: Array<(ctx: TalkContext, room: Room, actor: Participant | undefined) => void | Promise<void>>;
}

export interface TalkContext {
  clock: Clock;
  faults: Set<string>;
  prng: Prng;
  store: TalkStore;
  config: TalkConfig;
  /** Requests sent to recording servers (exact bytes, for inspection by tests and control). */
  outbox: OutgoingRequest[];
  /** Outgoing HTTP (injectable; tests capture it). */
  fetch: typeof fetch;
  /** Pending chat long-polls. */
  waiters: ChatWaiters;
  hooks: TalkHooks;
  /** Internal signaling: messages waiting for each connected session id (JSON strings). */
  signalingQueues: Map<string, string[]>;
  /** Absolute base URL of this Nextcloud (for `Talk-Recording-Backend`), set from the first request's origin. */
  origin: string;
}

/** The one place faults are looked up: a Set lookup, so the clean path stays fast. */
export const has = (ctx: TalkContext, fault: string): boolean => ctx.faults.has(fault);

/** Clock reading in whole seconds, as Talk's timestamps are. */
export const nowSeconds = (ctx: TalkContext): number => Math.floor(ctx.clock.now() / 1000);

/** The secret of the built-in simulated recording server a fresh mock starts with. */
export const DEFAULT_RECORDING_SECRET = 'callrec-recording-secret';

/**
 * The default configuration of a fresh server: recording on, with the built-in simulated
 * recording server, so a frontend sees the whole recording flow without configuring anything.
 */
export function defaultConfig(): TalkConfig {
  return {
    recordingEnabled: true,
    recordingServers: [{ server: SIMULATED_RECORDING_SERVER, secret: DEFAULT_RECORDING_SECRET }],
    recordingConsent: 0,
    signaling: {
      mode: 'internal',
      server: '',
      ticketSecret: '',
      stunServers: ['stun.nextcloud.com:443'],
      turnServers: [],
    },
  };
}

export type { Actor };
