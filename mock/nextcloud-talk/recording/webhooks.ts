// Nextcloud → recording server (facts §2.6; nextcloud/spreed lib/Recording/BackendNotifier.php):
// signed start/stop requests to `<server>/api/v1/room/<token>`, sent while the API call waits, as
// the platform's HTTP client does. Up to 3 attempts, but only a 5xx answer or a connection error
// is tried again: a 4xx answer is final at once (it would only fail again). The caller sees the
// outcome before it answers, so its effect (a 404 to a stop → failed) is visible when the API
// call returns. The simulated server answers in-process through the same path. Each request is
// kept in ctx.outbox with the exact bytes sent and the last answer.
import { has, type TalkContext } from '../context.ts';
import type { OutgoingRequest, Room } from '../types.ts';
import { runtimeOf } from './runtime.ts';
import { isSimulated, recordingServer } from './server-config.ts';
import { checksum } from './signature.ts';
import { nextcloudRandom, roomUrl, startBody, stopBody, type WireActor } from './wire.ts';
import type { RecordingKind } from './status.ts';

/** Keeps the outbox from growing without bound in a long-running mock. */
const OUTBOX_LIMIT = 1000;
/** BackendNotifier::doRequest: the first attempt and up to 2 more. */
export const RECORDING_SERVER_ATTEMPTS = 3;
/** One attempt that has not answered after this long counts as a connection error. */
const ATTEMPT_TIMEOUT_MS = 10_000;

/** What the recording server finally answered: its status, or why there was none. */
export interface Outcome {
  /** Absent when no HTTP answer came back (connection error, timeout) or no server is configured. */
  status?: number;
  error?: string;
  /** False when there is no recording server to ask at all. */
  sent: boolean;
}

/**
 * Taken: any answer below 400. Guzzle throws only for 4xx (ClientException) and 5xx
 * (ServerException); a 3xx it does not follow (no Location) comes back as a response, and
 * BackendNotifier treats every response that did not throw as done.
 */
export function isSuccess(ctx: TalkContext, o: { status?: number }): boolean {
  // No answer (undefined) is no success.
  const status = o.status ?? Number.POSITIVE_INFINITY;
  return has(ctx, 'outgoing-3xx-refused') ? status < 300 : status < 400;
}

/** Worth another attempt: a server error or no answer at all (Guzzle's ServerException / ConnectException). */
const retryable = (o: { status?: number }): boolean => o.status === undefined || o.status >= 500;

export function sendStart(ctx: TalkContext, room: Room, kind: RecordingKind, owner: string, actor: WireActor): Promise<Outcome> {
  return send(ctx, room, startBody(kind, owner, actor));
}

/** `actor` undefined: the call ended by itself (the body then carries `"stop":[]`). */
export function sendStop(ctx: TalkContext, room: Room, actor: WireActor | undefined): Promise<Outcome> {
  return send(ctx, room, stopBody(has(ctx, 'outgoing-stop-actor-dropped') ? undefined : actor));
}

async function send(ctx: TalkContext, room: Room, body: string): Promise<Outcome> {
  const server = recordingServer(ctx);
  if (!server) return { sent: false, error: 'no recording server configured' };
  const random = nextcloudRandom(ctx.prng);
  const signed = has(ctx, 'outgoing-checksum-over-body-only') ? await checksum(server.secret, '', body) : await checksum(server.secret, random, body);
  const headers: Record<string, string> = {
    'Content-Type': has(ctx, 'outgoing-content-type-form') ? 'application/x-www-form-urlencoded' : 'application/json',
    'OCS-APIRequest': 'true',
    'Talk-Recording-Random': random,
    'Talk-Recording-Checksum': signed,
  };
  if (!has(ctx, 'outgoing-backend-header-missing')) headers['Talk-Recording-Backend'] = `${ctx.origin}/`; // the absolute base URL, as getAbsoluteURL('') gives it
  const url = roomUrl(server.server, room.token, has(ctx, 'outgoing-ws-url-kept'));
  const entry: OutgoingRequest = { at: ctx.clock.now(), method: 'POST', url, headers, body };
  ctx.outbox.push(entry);
  if (ctx.outbox.length > OUTBOX_LIMIT) ctx.outbox.splice(0, ctx.outbox.length - OUTBOX_LIMIT);

  const simulated = isSimulated(server);
  const attempt = async (): Promise<{ status?: number; error?: string }> => {
    if (simulated) {
      const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      return { status: (await runtimeOf(ctx).sim.receive({ url, headers: lower, body }, server.secret, ctx.clock.now(), ctx.faults)).status };
    }
    return post(ctx, url, headers, body);
  };
  // The `outgoing-4xx-retried` fault retries every failure, with pauses, as a generic webhook
  // sender would; the answer then arrives too late for the API call that caused it.
  const lenient = has(ctx, 'outgoing-4xx-retried');
  const attempts = has(ctx, 'outgoing-fourth-attempt') ? RECORDING_SERVER_ATTEMPTS + 1 : RECORDING_SERVER_ATTEMPTS;
  for (let n = 1; ; n++) {
    const got = await attempt();
    entry.status = got.status;
    if (got.error !== undefined) entry.error = got.error;
    else delete entry.error;
    if (isSuccess(ctx, got) || n >= attempts || !(lenient || retryable(got))) return { sent: true, ...got };
    if (lenient) await new Promise((resolve) => setTimeout(resolve, 20 * n));
  }
}

/** One POST to a real recording server; an answer of any status, or the reason there was none. */
async function post(ctx: TalkContext, url: string, headers: Record<string, string>, body: string): Promise<{ status?: number; error?: string }> {
  const rt = runtimeOf(ctx);
  const abort = new AbortController();
  rt.inFlight.add(abort);
  const timer = setTimeout(() => abort.abort(new Error(`no answer within ${ATTEMPT_TIMEOUT_MS} ms`)), ATTEMPT_TIMEOUT_MS);
  try {
    const res = await ctx.fetch(url, { method: 'POST', headers, body: new TextEncoder().encode(body), signal: abort.signal });
    await res.arrayBuffer().catch(() => undefined); // read to the end so the connection can be reused
    return { status: res.status };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
    rt.inFlight.delete(abort);
  }
}

/**
 * Runs `work` the way the `outgoing-4xx-retried` fault wants it: in the background, tracked so
 * `recording-flush` can wait for it. Without the fault the caller simply awaits it.
 */
export function inBackground(ctx: TalkContext, work: Promise<unknown>): void {
  const rt = runtimeOf(ctx);
  const tracked = work.catch(() => {}).finally(() => rt.background.delete(tracked));
  rt.background.add(tracked);
}
