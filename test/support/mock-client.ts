// What every API's mock tests share when they talk to a mock in process (through handle() and
// control(), no port): a frozen clock, media bytes with a known pattern, request bodies, and
// answers with their body as bytes, text or JSON. Each API's helpers add only its own parts
// (credentials, base path, fixtures).
import { createClock, type Clock } from '../../core/clock.ts';
import { isFileBody } from '../../core/http.ts';
import type { Body, MockRequest, MockResponse } from '../../core/http.ts';

export const EPOCH = Date.UTC(2026, 0, 1);

/** A frozen clock at `start` (EPOCH by default). */
export const frozenClock = (start = EPOCH): Clock => createClock({ start, frozen: true });

/** Deterministic bytes: byte i of file `seed` is (i * 31 + seed) & 255. */
export function patternBytes(size: number, seed: number): Uint8Array {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + seed) & 255;
  return b;
}

/** A request body: none (undefined), bytes as they are, a string as UTF-8, anything else as JSON. */
export function encodeBody(body: unknown): Uint8Array {
  if (body === undefined) return new Uint8Array(0);
  if (body instanceof Uint8Array) return body;
  return new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
}

/** A response body as bytes (tests use in-memory media, so never a file range). */
export function bodyBytes(body: Body): Uint8Array {
  if (body === undefined) return new Uint8Array(0);
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (isFileBody(body)) throw new Error('tests use in-memory media');
  return body;
}

export const bodyText = (body: Body): string => new TextDecoder().decode(bodyBytes(body));

export interface Answer extends MockResponse {
  json<T = any>(): T;
  bytes(): Uint8Array;
}

/** What the tests drive: an API's mock, in process. */
export interface InProcessMock {
  handle(req: MockRequest): Promise<MockResponse>;
  control(action: string, body: unknown): Promise<MockResponse>;
}

/** Sends `req` to the mock; the answer reads its body as bytes or JSON. */
export async function send(mock: InProcessMock, req: MockRequest): Promise<Answer> {
  const res = await mock.handle(req);
  return { ...res, json: () => JSON.parse(bodyText(res.body)), bytes: () => bodyBytes(res.body) };
}

/** Runs a control action; its JSON answer, or an error naming the action for any status but 200. */
export async function controlJson<T = any>(mock: InProcessMock, action: string, body: unknown = {}): Promise<T> {
  const res = await mock.control(action, body);
  const text = bodyText(res.body);
  if (res.status !== 200) throw new Error(`control ${action}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** What a test may say about a request; an API's helpers add a body where its requests have one. */
export interface BaseCallOptions {
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Credentials: the API's default ones (`fallback` of credentials()) unless given; 'none' for none. */
  auth?: Record<string, string> | 'none';
}

export const credentials = (o: BaseCallOptions, fallback: Record<string, string>): Record<string, string> => (o.auth === 'none' ? {} : (o.auth ?? fallback));

/** The options every API's test mock starts from: seed 1, a frozen clock, strict spec checks, webhooks answered 'ok'. */
export const testMockOptions = <Media, Spec>(media: Media, spec: Spec) => ({
  seed: 1,
  clock: frozenClock(),
  media,
  spec,
  strictSpec: true,
  fetch: async () => new Response('ok'),
});
