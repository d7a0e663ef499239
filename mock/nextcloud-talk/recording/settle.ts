// Lazy settling of the simulated recording server: whatever its plan made due by the mock's
// clock is delivered now, through the very handlers a real recording server reaches, signed
// as the official one signs (86-character random, Python JSON for the backend callbacks,
// random + room token for the upload). Settles run one after another, so parallel requests
// see the events in order and never deliver one twice.
import { inputOf } from '../input.ts';
import { has, type TalkContext } from '../context.ts';
import { isOcsResult, v2Status, type OcsResult } from '../ocs.ts';
import type { TalkRequest } from '../router.ts';
import type { MockResponse } from '../../../core/http.ts';
import { recordingBackend } from './handlers/backend.ts';
import { storeRecording } from './handlers/store.ts';
import { pythonJsonDumps, type PyJson } from './python-json.ts';
import { runtimeOf, type CallbackLogEntry } from './runtime.ts';
import { SAMPLE_FILES, sampleBytes } from './samples.ts';
import { isSimulated, recordingServer } from './server-config.ts';
import { checksum } from './signature.ts';
import { SIMULATED_RECORDING_SERVER_VERSION, type SimEvent } from './sim-server.ts';
import { recordingServerRandom, type WireActor } from './wire.ts';

const RECORDING_SERVER_AGENT = `Nextcloud-Talk-Recording/${SIMULATED_RECORDING_SERVER_VERSION}`;
const CALLBACK_LOG_LIMIT = 1000;

/**
 * Delivers every due event; resolves when they are all answered. Safe to call from anywhere.
 * Returns undefined when there is nothing to wait for: no settle in flight and nothing due (most
 * requests), so a request handler need not even await. Otherwise it queues behind the settle in
 * flight, so events go out once and in order.
 */
export function settleRecordings(ctx: TalkContext): Promise<void> | undefined {
  const rt = runtimeOf(ctx);
  if (rt.settlesInFlight === 0 && !dueNow(ctx)) return undefined;
  rt.settlesInFlight++;
  const run = rt.settling.then(() => deliverDue(ctx));
  rt.settling = run.catch(() => {}).finally(() => void rt.settlesInFlight--); // one failed delivery must not block the ones after it
  return rt.settling;
}

function dueNow(ctx: TalkContext): boolean {
  const server = recordingServer(ctx);
  if (!server || !isSimulated(server)) return false;
  return runtimeOf(ctx).sim.nextDueAt() <= ctx.clock.now();
}

async function deliverDue(ctx: TalkContext): Promise<void> {
  const server = recordingServer(ctx);
  if (!server || !isSimulated(server)) return;
  const rt = runtimeOf(ctx);
  for (const event of rt.sim.takeDue(ctx.clock.now(), ctx.faults)) {
    const entry: CallbackLogEntry = { at: ctx.clock.now(), kind: event.kind, token: event.token, status: 0 };
    try {
      const answer = await deliver(ctx, server.secret, event);
      entry.status = isOcsResult(answer) ? v2Status(answer.statuscode) : answer.status;
      if (isOcsResult(answer) && entry.status >= 400) entry.error = JSON.stringify(answer.data);
    } catch (e) {
      entry.error = e instanceof Error ? e.message : String(e);
    }
    rt.callbacks.push(entry);
    if (rt.callbacks.length > CALLBACK_LOG_LIMIT) rt.callbacks.splice(0, rt.callbacks.length - CALLBACK_LOG_LIMIT);
  }
}

function requestOf(ctx: TalkContext, path: string, headers: Record<string, string>, body: Uint8Array): TalkRequest {
  return {
    method: 'POST',
    path: `/ocs/v2.php/apps/spreed/api/v1/recording/${path}`,
    query: new URLSearchParams(),
    headers: { 'ocs-apirequest': 'true', 'user-agent': RECORDING_SERVER_AGENT, ...headers },
    body,
    origin: ctx.origin,
    actor: { kind: 'anonymous' },
    input: inputOf(new Map()),
  };
}

async function deliver(ctx: TalkContext, secret: string, event: SimEvent): Promise<OcsResult | MockResponse> {
  const random = recordingServerRandom(ctx.prng);
  if (event.kind === 'store') return has(ctx, 'simulated-upload-skipped') ? { status: 200, headers: {}, body: undefined } : upload(ctx, secret, random, event);
  const actor = (a: WireActor): PyJson => ({ type: a.type, id: a.id });
  const message: PyJson =
    event.kind === 'started'
      ? { type: 'started', started: { token: event.token, status: event.status, actor: actor(event.actor) } }
      : event.kind === 'stopped'
        ? { type: 'stopped', stopped: { token: event.token, ...(event.actor ? { actor: actor(event.actor) } : {}) } }
        : { type: 'failed', failed: { token: event.token } };
  const body = new TextEncoder().encode(pythonJsonDumps(message));
  const headers = {
    'content-type': 'application/json',
    'talk-recording-random': random,
    'talk-recording-checksum': await checksum(secret, random, body),
  };
  return recordingBackend(ctx, requestOf(ctx, 'backend', headers, body));
}

/**
 * The uploaded file's name, as the official recording server names its recordings:
 * `Recording YYYY-MM-DD HH-MM-SS.<ext>` after the moment the recorder started (its local time;
 * the mock's is UTC).
 */
const fileNameOf = (startedAt: number, extension: string): string =>
  `Recording ${new Date(startedAt).toISOString().slice(0, 19).replace('T', ' ').replaceAll(':', '-')}.${extension}`;

async function upload(ctx: TalkContext, secret: string, random: string, event: Extract<SimEvent, { kind: 'store' }>): Promise<OcsResult | MockResponse> {
  const sample = SAMPLE_FILES[event.status];
  const bytes = await sampleBytes(has(ctx, 'simulated-upload-tiny') ? undefined : runtimeOf(ctx).media, event.status);
  const boundary = `----callrec${random.slice(0, 24)}`;
  const fileName = fileNameOf(has(ctx, 'simulated-file-named-at-stop') ? event.at : event.startedAt, sample.extension);
  const utf8 = new TextEncoder();
  const head = utf8.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="owner"\r\n\r\n${event.owner}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${sample.contentType}\r\n\r\n`,
  );
  const tail = utf8.encode(`\r\n--${boundary}--\r\n`);
  const body = new Uint8Array(head.byteLength + bytes.byteLength + tail.byteLength);
  body.set(head, 0);
  body.set(bytes, head.byteLength);
  body.set(tail, head.byteLength + bytes.byteLength);
  const headers = {
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'talk-recording-random': random,
    'talk-recording-checksum': await checksum(secret, random, event.token),
  };
  return storeRecording(ctx, requestOf(ctx, `${encodeURIComponent(event.token)}/store`, headers, body), { token: event.token });
}
