// Shared set-up for the openvidu-meet mock tests: a frozen clock, in-memory media with known
// bytes, the spec validator in strict mode, and a tiny request builder over MockRequest.
import { loadSpec } from '../../core/spec-load.ts';
import type { MockRequest } from '../../core/http.ts';
import { BytesMediaStore } from '../../mock/media-store.ts';
import { createOpenViduMeetMock, DEFAULT_API_KEY } from '../../mock/openvidu-meet/index.ts';
import type { OpenViduMeetMock, OpenViduMeetMockOptions } from '../../mock/openvidu-meet/index.ts';
import { credentials, testMockOptions, type BaseCallOptions, controlJson, encodeBody, patternBytes as pattern, send, type Answer } from '../support/mock-client.ts';

export { EPOCH, bodyBytes, type Answer } from '../support/mock-client.ts';
export const ORIGIN = 'http://mock.test';
export const BASE = '/api/v1';
export const KEY = { 'x-api-key': DEFAULT_API_KEY };

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
  return createOpenViduMeetMock({ ...testMockOptions(media, spec), ...opts });
}

/** Credentials: KEY by default. */
export interface CallOptions extends BaseCallOptions {
  /** Objects are sent as JSON; strings and bytes as they are. */
  body?: unknown;
}

export function request(method: string, path: string, o: CallOptions = {}): MockRequest {
  const auth = credentials(o, KEY);
  const body = encodeBody(o.body);
  return {
    method,
    path: path.startsWith('/api/') || path.startsWith('/__') ? path : `${BASE}${path}`,
    query: new URLSearchParams(o.query ?? {}),
    headers: { ...auth, ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}), ...o.headers },
    body,
    origin: ORIGIN,
  };
}

export async function call(mock: OpenViduMeetMock, method: string, path: string, o: CallOptions = {}): Promise<Answer> {
  return send(mock, request(method, path, o));
}

export const control = <T = any>(mock: OpenViduMeetMock, action: string, body: unknown = {}): Promise<T> => controlJson<T>(mock, action, body);

export const mediaBytes = (name: string) => media.bytes(name);
