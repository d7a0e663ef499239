// Shared set-up for the Eyeson mock tests: a frozen clock, the real .webm fixture in memory,
// the spec validator in strict mode, captured webhook deliveries, and a tiny request builder.
import { readFileSync } from 'node:fs';
import { createClock } from '../../core/clock.ts';
import { isFileBody } from '../../core/http.ts';
import { repoPath } from '../../core/repo-root.ts';
import { loadSpec } from '../../core/spec-load.ts';
import type { Body, MockRequest, MockResponse } from '../../core/http.ts';
import { BytesMediaStore } from '../../mock/media-store.ts';
import { createEyesonMock, DEV_API_KEY } from '../../mock/eyeson/index.ts';
import type { EyesonMock, EyesonMockOptions } from '../../mock/eyeson/index.ts';

export const EPOCH = Date.UTC(2026, 0, 1);
export const ORIGIN = 'http://eyeson.test';
export const KEY = { authorization: DEV_API_KEY };
export const WEBM = new Uint8Array(readFileSync(repoPath('fixtures/media/sample.webm')));
const media = new BytesMediaStore([{ name: 'sample.webm', contentType: 'video/webm', duration: 4.003, bytes: WEBM }]);
export const spec = loadSpec('specs/eyeson/openapi.yaml').validator;

export interface Delivery {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export function newMock(opts: Partial<EyesonMockOptions> = {}): { mock: EyesonMock; deliveries: Delivery[] } {
  const deliveries: Delivery[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    deliveries.push({ url: String(url), headers: init.headers as Record<string, string>, body: new TextDecoder().decode(init.body as Uint8Array) });
    return new Response('ok');
  }) as typeof globalThis.fetch;
  const mock = createEyesonMock({ seed: 1, clock: createClock({ start: EPOCH, frozen: true }), media, spec, strictSpec: true, fetch, ...opts });
  return { mock, deliveries };
}

export interface CallOptions {
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as form-urlencoded unless a content-type header says otherwise. */
  body?: unknown;
  /** Credentials: KEY by default; 'none' for none. */
  auth?: Record<string, string> | 'none';
}

export function request(method: string, path: string, o: CallOptions = {}): MockRequest {
  const auth: Record<string, string> = o.auth === 'none' ? {} : (o.auth ?? KEY);
  const isText = typeof o.body === 'string';
  const body =
    o.body === undefined ? new Uint8Array(0)
    : o.body instanceof Uint8Array ? o.body
    : new TextEncoder().encode(isText ? (o.body as string) : JSON.stringify(o.body));
  const type: Record<string, string> = o.body === undefined || o.body instanceof Uint8Array ? {} : { 'content-type': isText ? 'application/x-www-form-urlencoded' : 'application/json' };
  const [p, q] = path.split('?');
  return {
    method,
    path: p!,
    query: new URLSearchParams(q ?? o.query ?? {}),
    headers: { ...auth, ...type, ...o.headers },
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
  if (isFileBody(body)) throw new Error('file bodies are not used with a bytes media store');
  return body;
}

export async function call(mock: EyesonMock, method: string, path: string, o: CallOptions = {}): Promise<Answer> {
  const res = await mock.handle(request(method, path, o));
  return { ...res, json: () => JSON.parse(new TextDecoder().decode(bodyBytes(res.body))), bytes: () => bodyBytes(res.body) };
}

export async function control<T = any>(mock: EyesonMock, action: string, body: unknown = {}): Promise<T> {
  const res = await mock.control(action, body);
  const value = JSON.parse(new TextDecoder().decode(bodyBytes(res.body)));
  if (res.status !== 200) throw new Error(`control ${action}: ${res.status} ${JSON.stringify(value)}`);
  return value as T;
}

/** A fresh meeting for the dev team: its access key and room id. */
export const meeting = (mock: EyesonMock, body: Record<string, unknown> = {}) => control<{ accessKey: string; roomId: string; startedAt: string }>(mock, 'room', body);

/** A link's path + query relative to the mock, for call(). */
export const local = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};
