// Which recording server this Nextcloud talks to, and whether recording is possible at all
// (facts §2.2: not with internal signaling, not when the app config is off, not without a
// recording server and a non-empty secret).
import { has, type TalkContext } from '../context.ts';
import type { RecordingServer } from '../types.ts';
import { SIMULATED_RECORDING_SERVER } from './sim-server.ts';

/** Only the first configured server is ever used (facts §2.6). */
export const recordingServer = (ctx: TalkContext): RecordingServer | undefined => ctx.config.recordingServers[0];

export function recordingEnabled(ctx: TalkContext): boolean {
  const server = recordingServer(ctx);
  // A real server needs external signaling to record; the built-in simulated recording server
  // lives inside the mock and needs none, so it also records with internal signaling.
  return (ctx.config.signaling.mode !== 'internal' || (server !== undefined && isSimulated(server)) || has(ctx, 'recording-without-signaling-allowed')) && ctx.config.recordingEnabled && server !== undefined && (server.secret !== '' || has(ctx, 'start-without-secret-allowed'));
}

/** The built-in server, however many trailing slashes its URL was configured with. */
export const isSimulated = (server: RecordingServer): boolean => server.server.replace(/\/+$/, '') === SIMULATED_RECORDING_SERVER;

/** The shared secret backend and store callbacks are checked against ('' = none: nothing verifies). */
export const recordingSecret = (ctx: TalkContext): string => recordingServer(ctx)?.secret ?? '';
