// The recording slice's own moving parts, kept beside the Talk context (not in the seeded
// state): the simulated recording server, the brute-force throttle, the sender for a real
// recording server's requests, and a few switches the control API flips. One per context, made lazily;
// resetRecording() puts it back to fresh, closeRecording() releases timers.
import type { MediaStore } from '../../media-store.ts';
import type { TalkContext } from '../context.ts';
import { createSimulatedRecordingServer, type SimulatedRecordingServer } from './sim-server.ts';
import { createThrottle, type Throttle } from './throttle.ts';

/** Store uploads above this are treated like PHP's post_max_size being exceeded (`size`). A callrec decision. */
export const DEFAULT_UPLOAD_LIMIT_BYTES = 32 * 1024 * 1024;
/**
 * A single uploaded file above this is treated like PHP's upload_max_filesize being exceeded
 * (the file part arrives with an upload error: `invalid_file`). By default the same as the body
 * limit, so only a lowered limit (control `recording-upload-limit` `fileBytes`) makes it reachable.
 */
export const DEFAULT_FILE_LIMIT_BYTES = DEFAULT_UPLOAD_LIMIT_BYTES;

/** Why a user's files cannot take a recording (control `recording-owner`); absent = fine. */
export type OwnerTrouble = 'invalid' | 'permission';

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
  fileLimitBytes: number;
  /** Real media for the simulated uploads (sample.webm / sample.ogg); synthetic bytes without it. */
  media: MediaStore | undefined;
  /** Requests to a real recording server still waiting for an answer (aborted on close). */
  inFlight: Set<AbortController>;
  /** Deliveries left running after their API call answered (only the `outgoing-4xx-retried` fault does that). */
  background: Set<Promise<unknown>>;
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
    fileLimitBytes: DEFAULT_FILE_LIMIT_BYTES,
    media,
    inFlight: new Set(),
    background: new Set(),
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
  abortAll(old);
  runtimes.set(ctx, fresh(old.media));
}

export async function closeRecording(ctx: TalkContext): Promise<void> {
  const rt = runtimes.get(ctx);
  if (rt === undefined) return; // nothing ever ran in this context
  abortAll(rt);
  await Promise.all([rt.settling.catch(() => {}), ...rt.background]);
}

function abortAll(rt: RecordingRuntime): void {
  for (const abort of rt.inFlight) abort.abort(new Error('mock closed'));
  rt.inFlight.clear();
}
