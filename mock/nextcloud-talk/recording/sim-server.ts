// A built-in stand-in for the official recording server (facts §3), used when no real one is
// configured. It takes Nextcloud's signed start/stop requests exactly as the real one does
// (Talk-Recording-Backend/-Random/-Checksum required, checksum compared as sent, body ≤ 1024
// bytes) and plans its answers on the mock's clock: `started` a little after a start, `stopped`
// (then the upload) a little after a stop, or `failed` when told to. Nothing happens by itself:
// settle.ts asks for the events that are due and delivers them through the backend/store paths.
import { timingSafeEqualHex } from '../../../core/hmac.ts';
import { BACKEND_HEADER, checksum, signatureHeaders } from './signature.ts';
import type { WireActor } from './wire.ts';
import type { RecordingKind } from './status.ts';

/** Requests to this base URL never leave the process: they go to the simulated recording server. */
export const SIMULATED_RECORDING_SERVER = 'http://recording-server.callrec.invalid';

/** The version the simulated server says it is (its welcome, and its User-Agent): the official server's `__version__`, a number. */
export const SIMULATED_RECORDING_SERVER_VERSION = 0.1;
export const MAX_MESSAGE_SIZE = 1024; // the official server's default `maxmessagesize`
export const DEFAULT_START_DELAY_MS = 2000;
export const DEFAULT_STOP_DELAY_MS = 1000;

export type SimEvent =
  | { kind: 'started'; at: number; token: string; status: RecordingKind; actor: WireActor }
  | { kind: 'stopped'; at: number; token: string; actor?: WireActor }
  | { kind: 'failed'; at: number; token: string }
  /** The upload that follows a stop: the owner, which sample file plays the recording, and when the recorder started (the file's name). */
  | { kind: 'store'; at: number; token: string; owner: string; status: RecordingKind; startedAt: number };

export type Phase = 'starting' | 'recording' | 'stopping';

export interface SimRecording {
  token: string;
  status: RecordingKind;
  owner: string;
  actor: WireActor;
  phase: Phase;
  /** Clock reading at which the current phase ends (started / stopped is reported). */
  dueAt: number;
  /** Set on a start that was told to fail: `failed` instead of `started`. */
  fail: boolean;
  stopActor?: WireActor;
  /** True once `started` went out: only then there is something to upload after the stop. */
  recorded: boolean;
  /** When `started` went out (the recorder's file is named after it). */
  startedAt: number;
}

/**
 * The mock's switched-on faults (a context's `faults`); the simulated server looks up its own
 * (`simulated-*` in faults-recording.ts) by name.
 */
export type SimFaults = ReadonlySet<string>;

export interface SimAnswer {
  status: number;
  body: string;
}

export interface SimulatedRecordingServer {
  startDelayMs: number;
  stopDelayMs: number;
  /** Starts still to come that will report `failed` instead of `started` (control `fail-next-recording`). */
  failNext: number;
  /** Handles one request from Nextcloud (`body` exactly as sent). */
  receive(req: { url: string; headers: Record<string, string>; body: string }, secret: string, now: number, faults: SimFaults): Promise<SimAnswer>;
  /** Makes the recording in `token` fail now (control `fail-recording`); false when there is none. */
  failNow(token: string, now: number): boolean;
  /**
   * Removes and returns every event due at `now`, oldest first (events due at the same time in
   * the order their recordings began).
   */
  takeDue(now: number, faults: SimFaults): SimEvent[];
  /** Earliest clock reading at which something will happen; Infinity when nothing is planned. */
  nextDueAt(): number;
  /** The recordings it knows, in the order they began (the control API's recording-state shows them). */
  readonly recordings: ReadonlyMap<string, SimRecording>;
}

const answer = (status: number, body: unknown): SimAnswer => ({ status, body: JSON.stringify(body) });

export function createSimulatedRecordingServer(): SimulatedRecordingServer {
  const recordings = new Map<string, SimRecording>();
  /** Events that are due as soon as they are planned (failNow): the next takeDue delivers them. */
  let queued: SimEvent[] = [];

  const isActor = (v: unknown): v is WireActor =>
    typeof v === 'object' && v !== null && typeof (v as WireActor).type === 'string' && typeof (v as WireActor).id === 'string';

  const sim: SimulatedRecordingServer = {
    startDelayMs: DEFAULT_START_DELAY_MS,
    stopDelayMs: DEFAULT_STOP_DELAY_MS,
    failNext: 0,

    async receive(req, secret, now, faults) {
      const { random, checksum: received } = signatureHeaders(req.headers);
      if (!req.headers[BACKEND_HEADER] || !random || !received) return answer(403, { error: 'missing headers' });
      const bytes = new TextEncoder().encode(req.body);
      if (bytes.byteLength === 0 || bytes.byteLength > MAX_MESSAGE_SIZE) return answer(400, { error: 'invalid message size' });
      // The official server compares its own (lower-case) digest with the header as sent.
      if (!timingSafeEqualHex(await checksum(secret, random, bytes), received)) return answer(403, { error: 'invalid checksum' });
      const token = decodeURIComponent(req.url.slice(req.url.lastIndexOf('/') + 1));
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(req.body) as Record<string, unknown>;
      } catch {
        return answer(400, { error: 'invalid JSON' });
      }
      if (message.type === 'start') {
        // Only the mock's own Nextcloud talks to this server, and its start always carries
        // {status, owner, actor} (wire.ts startBody), so the fields need no checking here.
        const start = message.start as { status: RecordingKind; owner: string; actor: WireActor };
        if (recordings.has(token) && !faults.has('simulated-duplicate-start-restarts')) return answer(200, {}); // a duplicate start is ignored
        const fail = sim.failNext > 0;
        if (fail) sim.failNext--;
        const status: RecordingKind = start.status === 2 ? 2 : 1;
        recordings.set(token, { token, status, owner: start.owner, actor: start.actor, phase: 'starting', dueAt: now + sim.startDelayMs, fail, recorded: false, startedAt: 0 });
        return answer(200, {});
      }
      if (message.type === 'stop') {
        const rec = recordings.get(token);
        if (!rec) return faults.has('simulated-unknown-stop-500') ? answer(500, { error: 'unknown recording' }) : answer(404, { error: 'unknown recording' });
        // The call's end names nobody (`"stop":[]`); the fault ignores such a stop.
        if (faults.has('simulated-stop-without-actor-ignored') && Array.isArray(message.stop)) return answer(200, {});
        if (rec.phase === 'stopping' && !faults.has('simulated-second-stop-restarts')) return answer(200, {});
        const stop = message.stop as Record<string, unknown> | undefined;
        rec.stopActor = stop && isActor(stop.actor) ? stop.actor : undefined;
        // A stop before the recorder ran ends it at once; a running one needs time to finish the file.
        rec.dueAt = rec.phase === 'starting' && !faults.has('simulated-stop-while-starting-records') ? now : now + sim.stopDelayMs;
        if (faults.has('simulated-stop-while-starting-records')) rec.recorded = true;
        rec.phase = 'stopping';
        return answer(200, {});
      }
      return answer(400, { error: 'unknown type' });
    },

    failNow(token, now) {
      if (!recordings.delete(token)) return false;
      queued.push({ kind: 'failed', at: now, token });
      return true;
    },

    takeDue(now, faults) {
      // Queued events (failNow) are due when queued: they all go out now.
      const due = queued;
      queued = [];
      // The map keeps the recordings in the order they began; the stable sort below orders by due time.
      for (const rec of [...recordings.values()]) {
        if (rec.dueAt > now && !faults.has('simulated-starts-together')) continue;
        if (rec.phase === 'starting') {
          if (rec.fail) {
            recordings.delete(rec.token);
            due.push({ kind: 'failed', at: rec.dueAt, token: rec.token });
          } else {
            rec.phase = 'recording';
            rec.recorded = true;
            rec.startedAt = rec.dueAt;
            due.push({ kind: 'started', at: rec.dueAt, token: rec.token, status: rec.status, actor: rec.actor });
          }
        } else if (rec.phase === 'stopping' || faults.has('simulated-due-stops-running')) {
          recordings.delete(rec.token);
          due.push({ kind: 'stopped', at: rec.dueAt, token: rec.token, actor: rec.stopActor });
          if (rec.recorded) due.push({ kind: 'store', at: rec.dueAt, token: rec.token, owner: rec.owner, status: rec.status, startedAt: rec.startedAt });
        }
      }
      return faults.has('simulated-events-in-start-order') ? due : due.sort((a, b) => a.at - b.at);
    },

    nextDueAt() {
      // Asked before every request: a plain loop, no arrays.
      let next = Number.POSITIVE_INFINITY;
      for (const e of queued) next = Math.min(next, e.at);
      for (const r of recordings.values()) if (r.phase !== 'recording') next = Math.min(next, r.dueAt);
      return next;
    },

    recordings,
  };
  return sim;
}
