// Shared set-up for the recording tests of the Nextcloud Talk mock: a frozen clock, the real
// sample media, Basic-auth requests through handle(), and signing as a recording server does.
import { readFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import type { MockRequest, MockResponse } from '../../core/http.ts';
import { loadSpec } from '../../core/spec-load.ts';
import { BytesMediaStore } from '../../mock/media-store.ts';
import { createNextcloudTalkMock, type NextcloudTalkMock, type NextcloudTalkMockOptions } from '../../mock/nextcloud-talk/index.ts';
import { checksum } from '../../mock/nextcloud-talk/recording/signature.ts';
import type { Room } from '../../mock/nextcloud-talk/types.ts';
import { EPOCH, bodyText, frozenClock } from '../support/mock-client.ts';

export { EPOCH };
export const ORIGIN = 'http://nc.test';
export const API = '/ocs/v2.php/apps/spreed/api/v1/recording';
export const SECRET = 'the recording secret';
export const ROOM = 'teamroom22'; // alice owner, bob moderator, carol user
export const RANDOM = 'abcdefghijklmnopqrstuvwxyz012345'; // exactly 32 characters

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/media/${name}`, import.meta.url)));
export const SAMPLE_WEBM = fixture('sample.webm');
export const SAMPLE_OGG = fixture('sample.ogg');
export const media = new BytesMediaStore([
  { name: 'sample.webm', contentType: 'video/webm', duration: 4, bytes: SAMPLE_WEBM },
  { name: 'sample.ogg', contentType: 'audio/ogg', duration: 10, bytes: SAMPLE_OGG },
]);

/** `bytes` followed by zeros up to `size` bytes: still sniffed as its format (the header is at the start). */
export function padded(bytes: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(bytes.subarray(0, Math.min(bytes.byteLength, size)));
  return out;
}

const SPEC_PATH = 'specs/nextcloud-talk/openapi.yaml';
const spec = existsSync(new URL(`../../${SPEC_PATH}`, import.meta.url)) ? loadSpec(SPEC_PATH).validator : undefined;

/** A mock with the simulated recording server configured (and external signaling), on a frozen clock. */
export async function newMock(opts: Partial<NextcloudTalkMockOptions> & { recording?: false } = {}): Promise<NextcloudTalkMock> {
  const mock = createNextcloudTalkMock({ seed: 1, clock: frozenClock(), media, strictSpec: true, ...(spec ? { spec } : {}), ...opts });
  if (opts.recording !== false) await mock.control('recording-server', { simulated: true, secret: SECRET });
  return mock;
}

const basic = (user: string) => `Basic ${btoa(`${user}:${user}-password`)}`;

export interface Call {
  status: number;
  headers: Record<string, string>;
  /** Parsed OCS JSON (undefined for empty bodies). */
  json: { ocs: { meta: { status: string; statuscode: number; message: string }; data: unknown } } | undefined;
}

export async function call(mock: NextcloudTalkMock, method: string, path: string, o: { user?: string; headers?: Record<string, string>; body?: Uint8Array | string; form?: Record<string, string | number> } = {}): Promise<Call> {
  const [p, q = ''] = path.split('?');
  const query = new URLSearchParams(q);
  query.set('format', 'json');
  const headers: Record<string, string> = { 'ocs-apirequest': 'true', ...(o.user ? { authorization: basic(o.user) } : {}), ...o.headers };
  let body: Uint8Array = new Uint8Array();
  if (o.form) {
    headers['content-type'] = 'application/json';
    body = new TextEncoder().encode(JSON.stringify(o.form));
  } else if (typeof o.body === 'string') body = new TextEncoder().encode(o.body);
  else if (o.body) body = o.body;
  const req: MockRequest = { method, path: p!, query, headers, body, origin: ORIGIN };
  const res: MockResponse = await mock.handle(req);
  const text = bodyText(res.body);
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

export const errorOf = (c: Call): unknown => (c.json?.ocs.data as { error?: unknown } | undefined)?.error;

export const room = (mock: NextcloudTalkMock, token = ROOM): Room => mock.ctx.store.room(token)!;

/** Puts the room in a call (as if someone had joined it). */
export function startCall(mock: NextcloudTalkMock, token = ROOM): void {
  room(mock, token).activeSince = Math.floor(mock.clock.now() / 1000);
}

/** Advances the mock clock and delivers what became due. */
export async function advance(mock: NextcloudTalkMock, ms: number): Promise<void> {
  mock.clock.advance(ms);
  await mock.tick();
}

/** Headers a recording server signs a JSON callback with (random + exact body). */
export async function signBody(body: string | Uint8Array, random = RANDOM, secret = SECRET): Promise<Record<string, string>> {
  return { 'content-type': 'application/json', 'talk-recording-random': random, 'talk-recording-checksum': await checksum(secret, random, body) };
}

export async function backend(mock: NextcloudTalkMock, message: unknown, o: { random?: string; secret?: string; headers?: Record<string, string> } = {}): Promise<Call> {
  const body = typeof message === 'string' ? message : JSON.stringify(message);
  return call(mock, 'POST', `${API}/backend`, { body, headers: { ...(await signBody(body, o.random, o.secret)), ...o.headers } });
}

/** A multipart store upload, signed over random + room token. */
export async function store(mock: NextcloudTalkMock, token: string, o: { owner?: string; ownerAsFile?: boolean; fileName?: string; bytes?: Uint8Array; random?: string; signData?: string; noFile?: boolean; fileAsField?: boolean; headers?: Record<string, string> } = {}): Promise<Call> {
  const boundary = '----callrectest0123456789';
  const utf8 = new TextEncoder();
  const parts: Uint8Array[] = [];
  const ownerFile = o.ownerAsFile ? '; filename="owner.txt"' : '';
  if (o.owner !== undefined) parts.push(utf8.encode(`--${boundary}\r\nContent-Disposition: form-data; name="owner"${ownerFile}\r\n\r\n${o.owner}\r\n`));
  if (!o.noFile) {
    const filename = o.fileAsField ? '' : `; filename="${o.fileName ?? 'call.webm'}"`;
    parts.push(utf8.encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"${filename}\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(o.bytes ?? SAMPLE_WEBM);
    parts.push(utf8.encode('\r\n'));
  }
  parts.push(utf8.encode(`--${boundary}--\r\n`));
  const body = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    body.set(p, at);
    at += p.byteLength;
  }
  const random = o.random ?? RANDOM;
  const headers = { 'content-type': `multipart/form-data; boundary=${boundary}`, 'talk-recording-random': random, 'talk-recording-checksum': await checksum(SECRET, random, o.signData ?? token), ...o.headers };
  return call(mock, 'POST', `${API}/${token}/store`, { body, headers });
}
