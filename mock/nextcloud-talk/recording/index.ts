// The recording slice of the Nextcloud Talk mock, as the rest of the mock uses it:
// routes (router.ts), wiring into a context (installRecording), lazy settling of the simulated
// recording server (settleRecordings: call before handling a request and on `tick`), control
// actions, snapshot, reset and close.
import type { MediaStore } from '../../media-store.ts';
import { has, type TalkContext } from '../context.ts';
import type { Route } from '../router.ts';
import { stopFor } from './handlers/record.ts';
import { storeRecording } from './handlers/store.ts';
import { runtimeOf, setRecordingMedia } from './runtime.ts';
import { sendStop } from './webhooks.ts';

export { recordingRoutes } from './routes.ts';
export { settleRecordings } from './settle.ts';
export { recordingControl, recordingSnapshot, RECORDING_CONTROL_ACTIONS, DEFAULT_RECORDING_SECRET } from './control.ts';
export { resetRecording, closeRecording } from './runtime.ts';
export { SIMULATED_RECORDING_SERVER } from './sim-server.ts';

const installed = new WeakSet<TalkContext>();

/** Hooks the slice into a context once: stop a recording when its call ends; media for uploads. */
export function installRecording(ctx: TalkContext, media?: MediaStore): void {
  setRecordingMedia(ctx, media);
  if (installed.has(ctx)) return;
  installed.add(ctx);
  // When the call ends Nextcloud tells the recording server to stop, naming nobody (`"stop":[]`).
  // The stop joins the settle chain, so the next request sees the recording server's answer.
  ctx.hooks.callEnded.push((c, room) => {
    const rt = runtimeOf(c);
    // Counted as a settle in flight, so the next request waits for it (settleRecordings).
    const stopping = (has(c, 'call-end-stop-answer-ignored') ? sendStop(c, room, undefined) : stopFor(c, room, undefined)).then(() => undefined);
    rt.settlesInFlight++;
    rt.settling = rt.settling
      .then(() => stopping)
      .catch(() => {})
      .finally(() => void rt.settlesInFlight--);
    return stopping;
  });
}

/**
 * The store upload's own body limit for the mock core: none (Infinity). Its oversized bodies are
 * answered by the handler, as Nextcloud does (`size` above post_max_size, `invalid_file` above
 * upload_max_filesize), never by a generic 413 below the documented 32 MiB.
 */
export function recordingBodyLimit(ctx: TalkContext, route: Route): number | undefined {
  if (route.handler !== storeRecording && !has(ctx, 'body-limit-lifted-everywhere')) return undefined;
  // The `store-body-limit-8mib` fault puts back the old HTTP-layer cap on uploads, 8 MiB.
  return has(ctx, 'store-body-limit-8mib') ? 8 * 1024 * 1024 : Number.POSITIVE_INFINITY;
}
