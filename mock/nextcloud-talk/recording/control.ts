// Control actions of the recording slice (POST /__callrec/action/<name>). Each answers JSON;
// bad input is 400 {error:"Bad Request", message}. An action that is not ours answers undefined.
//
//   recording-server     {simulated: true} | {url, secret?} | {none: true}, plus optional
//                        secret, startDelayMs, stopDelayMs (simulated server timing, mock clock);
//                        also switches signaling to 'external' (recording needs it) unless keepSignaling
//                        → {server, secret, startDelayMs, stopDelayMs, signaling}
//   recording-secret     → {secret}: the shared secret callbacks must be signed with
//   fail-next-recording  {count?: 1} the next start(s) on the simulated server report `failed`
//   fail-recording       {token} the simulated recording in that room fails now
//   recording-owner      {userId, state: 'ok'|'invalid'|'permission'} store answers owner_invalid/owner_permission
//   recording-throttle   {limit?, windowMs?, clear?: true} brute-force throttle settings
//   recording-upload-limit {bytes?, fileBytes?} store bodies above `bytes` answer `size` (post_max_size);
//                        a file part above `fileBytes` answers `invalid_file` (upload_max_filesize)
//   recording-settle     deliver every due simulated callback now
//   recording-flush      wait until every request to a recording server left running in the background
//                        is answered (only the `outgoing-4xx-retried` fault leaves any)
//   recording-state      simulated server, callbacks it made, outbox, throttle counters
import { json, type MockResponse } from '../../../core/http.ts';
import type { TalkContext } from '../context.ts';
import { runtimeOf } from './runtime.ts';
import { recordingServer, recordingSecret } from './server-config.ts';
import { settleRecordings } from './settle.ts';
import { SIMULATED_RECORDING_SERVER } from './sim-server.ts';

export const RECORDING_CONTROL_ACTIONS = [
  'recording-server',
  'recording-secret',
  'fail-next-recording',
  'fail-recording',
  'recording-owner',
  'recording-throttle',
  'recording-upload-limit',
  'recording-settle',
  'recording-flush',
  'recording-state',
] as const;

/** The secret a fresh simulated recording server shares with the mock. */
export const DEFAULT_RECORDING_SECRET = 'the recording secret';

const bad = (message: string) => json(400, { error: 'Bad Request', message });
const nonNegative = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

export function recordingSnapshot(ctx: TalkContext): unknown {
  const rt = runtimeOf(ctx);
  const now = ctx.clock.now();
  return {
    server: recordingServer(ctx)?.server ?? null,
    simulated: {
      startDelayMs: rt.sim.startDelayMs,
      stopDelayMs: rt.sim.stopDelayMs,
      failNext: rt.sim.failNext,
      recordings: [...rt.sim.recordings.values()].map(({ token, status, owner, phase, dueAt }) => ({ token, status, owner, phase, dueAt })),
    },
    callbacks: rt.callbacks,
    outbox: ctx.outbox,
    throttle: { limit: rt.throttle.limit, windowMs: rt.throttle.windowMs, talkRecordingSecret: rt.throttle.count('talkRecordingSecret', now), talkRecordingStatus: rt.throttle.count('talkRecordingStatus', now) },
    uploadLimitBytes: rt.uploadLimitBytes,
    fileLimitBytes: rt.fileLimitBytes,
    ownerTrouble: Object.fromEntries(rt.ownerTrouble),
  };
}

export async function recordingControl(ctx: TalkContext, action: string, b: Record<string, unknown>): Promise<MockResponse | undefined> {
  const rt = runtimeOf(ctx);
  switch (action) {
    case 'recording-server': {
      if (b.secret !== undefined && typeof b.secret !== 'string') return bad('secret must be a string');
      for (const k of ['startDelayMs', 'stopDelayMs'] as const) if (b[k] !== undefined && !nonNegative(b[k])) return bad(`${k} must be a non-negative integer`);
      const secret = (b.secret as string | undefined) ?? (recordingSecret(ctx) || DEFAULT_RECORDING_SECRET);
      if (b.none === true) ctx.config.recordingServers = [];
      else if (b.simulated === true) ctx.config.recordingServers = [{ server: SIMULATED_RECORDING_SERVER, secret }];
      else if (typeof b.url === 'string') {
        if (!/^(https?|wss?):\/\//i.test(b.url)) return bad('url must be an http(s) or ws(s) URL');
        ctx.config.recordingServers = [{ server: b.url, secret }];
      } else if (b.secret !== undefined && ctx.config.recordingServers[0]) ctx.config.recordingServers[0].secret = secret;
      // Recording needs an external signaling server (facts §2.2): pointing the mock at a recording
      // server switches the mode too, unless told to keep it.
      if (ctx.config.recordingServers.length > 0 && b.keepSignaling !== true) ctx.config.signaling.mode = 'external';
      if (b.startDelayMs !== undefined) rt.sim.startDelayMs = b.startDelayMs as number;
      if (b.stopDelayMs !== undefined) rt.sim.stopDelayMs = b.stopDelayMs as number;
      const server = recordingServer(ctx);
      return json(200, { server: server?.server ?? null, secret: server?.secret ?? null, startDelayMs: rt.sim.startDelayMs, stopDelayMs: rt.sim.stopDelayMs, signaling: ctx.config.signaling.mode });
    }
    case 'recording-secret':
      return json(200, { secret: recordingSecret(ctx) });
    case 'fail-next-recording': {
      const count = b.count ?? 1;
      if (!nonNegative(count)) return bad('count must be a non-negative integer');
      rt.sim.failNext += count;
      return json(200, { failNext: rt.sim.failNext });
    }
    case 'fail-recording': {
      if (typeof b.token !== 'string') return bad('token is required');
      const failed = rt.sim.failNow(b.token, ctx.clock.now());
      if (!failed) return json(404, { error: 'Not Found', message: `no simulated recording in room ${b.token}` });
      await settleRecordings(ctx);
      return json(200, { token: b.token, callRecording: ctx.store.room(b.token)?.callRecording ?? null });
    }
    case 'recording-owner': {
      if (typeof b.userId !== 'string' || !['ok', 'invalid', 'permission'].includes(b.state as string)) return bad("userId and state ('ok'|'invalid'|'permission') are required");
      if (b.state === 'ok') rt.ownerTrouble.delete(b.userId);
      else rt.ownerTrouble.set(b.userId, b.state as 'invalid' | 'permission');
      return json(200, { userId: b.userId, state: b.state });
    }
    case 'recording-throttle': {
      if (b.limit !== undefined && !(nonNegative(b.limit) && b.limit > 0)) return bad('limit must be a positive integer');
      if (b.windowMs !== undefined && !nonNegative(b.windowMs)) return bad('windowMs must be a non-negative integer');
      if (b.limit !== undefined) rt.throttle.limit = b.limit as number;
      if (b.windowMs !== undefined) rt.throttle.windowMs = b.windowMs as number;
      if (b.clear === true) rt.throttle.clear();
      return json(200, { limit: rt.throttle.limit, windowMs: rt.throttle.windowMs });
    }
    case 'recording-upload-limit': {
      if (b.bytes === undefined && b.fileBytes === undefined) return bad('bytes or fileBytes is required');
      for (const k of ['bytes', 'fileBytes'] as const) if (b[k] !== undefined && !nonNegative(b[k])) return bad(`${k} must be a non-negative integer`);
      if (b.bytes !== undefined) rt.uploadLimitBytes = b.bytes as number;
      if (b.fileBytes !== undefined) rt.fileLimitBytes = b.fileBytes as number;
      return json(200, { bytes: rt.uploadLimitBytes, fileBytes: rt.fileLimitBytes });
    }
    case 'recording-settle':
      await settleRecordings(ctx);
      return json(200, { ok: true });
    case 'recording-flush':
      while (rt.background.size > 0) await Promise.all([...rt.background]);
      return json(200, { ok: true, outbox: ctx.outbox.length });
    case 'recording-state':
      return json(200, recordingSnapshot(ctx));
    default:
      return undefined;
  }
}
