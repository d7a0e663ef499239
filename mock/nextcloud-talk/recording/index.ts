// The recording slice of the Nextcloud Talk mock, as the rest of the mock uses it:
// routes (router.ts), wiring into a context (installRecording), lazy settling of the simulated
// recording server (settleRecordings: call before handling a request and on `tick`), control
// actions, snapshot, reset and close.
import type { MediaStore } from '../../media-store.ts';
import type { TalkContext } from '../context.ts';
import { stopFor } from './handlers/record.ts';
import { runtimeOf, setRecordingMedia } from './runtime.ts';

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
    const stopping = stopFor(c, room, undefined);
    rt.settling = rt.settling.then(() => stopping).catch(() => {});
    return stopping;
  });
}
