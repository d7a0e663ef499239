// Shared set-up for the openvidu-meet mock tests: a frozen clock, in-memory media with known
// bytes, the spec validator in strict mode, and a tiny request builder over MockRequest.
import { createClock } from '../../core/clock.ts';
import { loadSpec } from '../../core/spec-load.ts';
import { isFileBody } from '../../core/http.ts';
import type { Body, MockRequest, MockResponse } from '../../core/http.ts';
import { BytesMediaStore } from '../../mock/media-store.ts';
import { createOpenViduMeetMock, DEFAULT_API_KEY } from '../../mock/openvidu-meet/index.ts';
import type { OpenViduMeetMock, OpenViduMeetMockOptions } from '../../mock/openvidu-meet/index.ts';

export const EPOCH = Date.UTC(2026, 0, 1);
export const ORIGIN = 'http://mock.test';
export const BASE = '/api/v1';
export const KEY = { 'x-api-key': DEFAULT_API_KEY };

/** Deterministic bytes: byte i of file `seed` is (i * 31 + seed) & 255. */
function pattern(size: number, seed: number): Uint8Array {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + seed) & 255;
  return b;
}

export const LARGE_SIZE = 6 * 1024 * 1024 + 123;
export function testMedia(): BytesMediaStore {
  return new BytesMediaStore([
    { name: 'a.mp4', contentType: 'video/mp4', duration: 2, bytes: pattern(1000, 1) },
    { name: 'b.mp4', contentType: 'video/mp4', duration: 5.5, bytes: pattern(2500, 2) },
    { name: 'big.mp4', contentType: 'video/mp4', duration: 3, bytes: pattern(LARGE_SIZE, 3) },
    { name: 'x.webm', contentType: 'video/webm', duration: 4, bytes: pattern(10, 4) },
  ]);
}

const media = testMedia();
const spec = loadSpec('specs/openvidu-meet/openapi.yaml').validator;

export function newMock(opts: Partial<OpenViduMeetMockOptions> = {}): OpenViduMeetMock {
  return createOpenViduMeetMock({
    seed: 1,
    clock: createClock({ start: EPOCH, frozen: true }),
    media,
    spec,
    strictSpec: true,
    fetch: async () => new Response('ok'),
    ...opts,
  });
}

export interface CallOptions {
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and bytes as they are. */
  body?: unknown;
  /** Credentials: KEY by default; 'none' for none. */
  auth?: Record<string, string> | 'none';
}

export function request(method: string, path: string, o: CallOptions = {}): MockRequest {
  const auth = o.auth === 'none' ? {} : (o.auth ?? KEY);
  const body =
    o.body === undefined ? new Uint8Array(0)
    : o.body instanceof Uint8Array ? o.body
    : new TextEncoder().encode(typeof o.body === 'string' ? o.body : JSON.stringify(o.body));
  return {
    method,
    path: path.startsWith('/api/') || path.startsWith('/__') ? path : `${BASE}${path}`,
    query: new URLSearchParams(o.query ?? {}),
    headers: { ...auth, ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}), ...o.headers },
    body,
    origin: ORIGIN,
  };
}

export interface Answer extends MockResponse {
  json<T = any>(): T;
  bytes(): Uint8Array;
}

export function bodyBytes(body: Body): Uint8Array {
  if (body === undefined) return new Uint8Array(0);
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (isFileBody(body)) throw new Error('tests use in-memory media');
  return body;
}

export async function call(mock: OpenViduMeetMock, method: string, path: string, o: CallOptions = {}): Promise<Answer> {
  const res = await mock.handle(request(method, path, o));
  return {
    ...res,
    json: () => JSON.parse(typeof res.body === 'string' ? res.body : new TextDecoder().decode(bodyBytes(res.body))),
    bytes: () => bodyBytes(res.body),
  };
}

export async function control<T = any>(mock: OpenViduMeetMock, action: string, body: unknown = {}): Promise<T> {
  const res = await mock.control(action, body);
  if (res.status !== 200) throw new Error(`control ${action} → ${res.status} ${String(res.body)}`);
  return JSON.parse(res.body as string) as T;
}

export const mediaBytes = (name: string) => media.bytes(name);
