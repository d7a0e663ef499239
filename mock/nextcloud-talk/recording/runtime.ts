// The recording slice's own moving parts, kept beside the Talk context (not in the seeded
// state): the simulated recording server, the brute-force throttle, the sender for a real
// recording server, and a few switches the control API flips. One per context, made lazily;
// resetRecording() puts it back to fresh, closeRecording() releases timers.
import { createWebhookSender, type WebhookSender } from '../../../core/webhook-sender.ts';
import type { MediaStore } from '../../media-store.ts';
import type { TalkContext } from '../context.ts';
import type { OutgoingRequest } from '../types.ts';
import { createSimulatedRecordingServer, type SimulatedRecordingServer } from './sim-server.ts';
import { createThrottle, type Throttle } from './throttle.ts';

/** Store uploads above this are treated like PHP's post_max_size being exceeded (`size`). A callrec decision. */
export const DEFAULT_UPLOAD_LIMIT_BYTES = 32 * 1024 * 1024;
/** Nextcloud tries a recording server 3 times (facts §2.6): the first attempt and 2 retries. */
export const RECORDING_SERVER_RETRIES = 2;

/** Why a user's files cannot take a recording (control `recording-owner`); absent = fine. */
export type OwnerTrouble = 'invalid' | 'permission';

/** What a request in the outbox was about, to react to its answer (a 404 to a stop → failed). */
export interface OutboxNote {
  kind: 'start' | 'stop';
  token: string;
}

/** A delivery of the simulated recording server to this Nextcloud, with the answer it got. */
export interface CallbackLogEntry {
  at: number;
  kind: 'started' | 'stopped' | 'failed' | 'store';
  token: string;
  status: number;
  error?: string;
}

export interface RecordingRuntime {
  sim: SimulatedRecordingServer;
  throttle: Throttle;
  ownerTrouble: Map<string, OwnerTrouble>;
  uploadLimitBytes: number;
  /** Real media for the simulated uploads (sample.webm / sample.ogg); synthetic bytes without it. */
  media: MediaStore | undefined;
  /** Sender to a real recording server; made on first use with ctx.fetch. */
  sender: WebhookSender | undefined;
  /** Outbox entries still waiting for their final answer, per URL in sending order. */
  awaiting: Map<string, OutgoingRequest[]>;
  notes: WeakMap<OutgoingRequest, OutboxNote>;
  callbacks: CallbackLogEntry[];
  /** One settle at a time, in order (see settle.ts). */
  settling: Promise<void>;
  settlesInFlight: number;
}

const runtimes = new WeakMap<TalkContext, RecordingRuntime>();

function fresh(media: MediaStore | undefined): RecordingRuntime {
  return {
    sim: createSimulatedRecordingServer(),
    throttle: createThrottle(),
    ownerTrouble: new Map(),
    uploadLimitBytes: DEFAULT_UPLOAD_LIMIT_BYTES,
    media,
    sender: undefined,
    awaiting: new Map(),
    notes: new WeakMap(),
    callbacks: [],
    settling: Promise.resolve(),
    settlesInFlight: 0,
  };
}

export function runtimeOf(ctx: TalkContext): RecordingRuntime {
  let rt = runtimes.get(ctx);
  if (!rt) runtimes.set(ctx, (rt = fresh(undefined)));
  return rt;
}

/** Gives the slice its media (call once when the mock is made). */
export function setRecordingMedia(ctx: TalkContext, media: MediaStore | undefined): void {
  runtimeOf(ctx).media = media;
}

/** Back to fresh (control reset): planned callbacks, throttle counters and switches are dropped. */
export function resetRecording(ctx: TalkContext): void {
  const old = runtimeOf(ctx);
  old.sender?.close();
  runtimes.set(ctx, fresh(old.media));
}

export async function closeRecording(ctx: TalkContext): Promise<void> {
  const rt = runtimes.get(ctx);
  if (!rt) return;
  rt.sender?.close();
  rt.sender = undefined;
  await rt.settling.catch(() => {});
}

/** The sender for a real recording server: 3 attempts, one URL's requests strictly in order. */
export function senderOf(ctx: TalkContext, onFinal: (entry: OutgoingRequest) => void): WebhookSender {
  const rt = runtimeOf(ctx);
  rt.sender ??= createWebhookSender({
    fetch: ctx.fetch,
    retries: RECORDING_SERVER_RETRIES,
    baseDelayMs: 100,
    onAttempt: (report) => {
      const queue = rt.awaiting.get(report.url);
      const entry = queue?.[0];
      if (!entry) return;
      if (report.status !== undefined) entry.status = report.status;
      if (report.error !== undefined) entry.error = report.error;
      if (!report.final) return;
      queue!.shift();
      if (queue!.length === 0) rt.awaiting.delete(report.url);
      onFinal(entry);
    },
  });
  return rt.sender;
}
