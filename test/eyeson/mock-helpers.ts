// Shared set-up for the Eyeson mock tests: a frozen clock, the real .webm fixture in memory,
// the spec validator in strict mode, captured webhook deliveries, and a tiny request builder.
import { readFileSync } from 'node:fs';
import { repoPath } from '../../core/repo-root.ts';
import { loadSpec } from '../../core/spec-load.ts';
import type { MockRequest } from '../../core/http.ts';
import { BytesMediaStore } from '../../mock/media-store.ts';
import { createEyesonMock, DEV_API_KEY } from '../../mock/eyeson/index.ts';
import type { EyesonMock, EyesonMockOptions } from '../../mock/eyeson/index.ts';
import { credentials, testMockOptions, type BaseCallOptions, controlJson, encodeBody, send, type Answer } from '../support/mock-client.ts';

export { EPOCH, bodyBytes, type Answer } from '../support/mock-client.ts';
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
  const mock = createEyesonMock({ ...testMockOptions(media, spec), fetch, ...opts });
  return { mock, deliveries };
}

/** Credentials: KEY by default. */
export interface CallOptions extends BaseCallOptions {
  /** Objects are sent as JSON; strings as form-urlencoded unless a content-type header says otherwise. */
  body?: unknown;
}

export function request(method: string, path: string, o: CallOptions = {}): MockRequest {
  const auth = credentials(o, KEY);
  const isText = typeof o.body === 'string';
  const body = encodeBody(o.body);
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

export async function call(mock: EyesonMock, method: string, path: string, o: CallOptions = {}): Promise<Answer> {
  return send(mock, request(method, path, o));
}

export const control = <T = any>(mock: EyesonMock, action: string, body: unknown = {}): Promise<T> => controlJson<T>(mock, action, body);

/** A fresh meeting for the dev team: its access key and room id. */
export const meeting = (mock: EyesonMock, body: Record<string, unknown> = {}) => control<{ accessKey: string; roomId: string; startedAt: string }>(mock, 'room', body);

/** A link's path + query relative to the mock, for call(). */
export const local = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};
