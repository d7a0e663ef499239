// Shared set-up for the Horn mock tests: a frozen clock, in-memory MP4 "fixtures" with known
// bytes, the spec validator in strict mode, and a small request builder over MockRequest.
import { loadSpec } from '../../core/spec-load.ts';
import type { MockRequest } from '../../core/http.ts';
import { BytesMediaStore } from '../../mock/media-store.ts';
import { SEEDED_TOKENS, createHornMock } from '../../mock/horn/index.ts';
import type { HornMock, HornMockOptions } from '../../mock/horn/index.ts';
import { credentials, testMockOptions, type BaseCallOptions, controlJson, patternBytes as pattern, send, type Answer } from '../support/mock-client.ts';

export { EPOCH, type Answer } from '../support/mock-client.ts';
export const ORIGIN = 'http://horn.test';
export const BASE = '/api/v1_0';
export const MIN = 60_000;

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const OWNER = bearer(SEEDED_TOKENS.owner);
export const OPERATOR = bearer(SEEDED_TOKENS.operator);
export const STRANGER = bearer(SEEDED_TOKENS.stranger);
export const UNCONFIRMED_OWNER = bearer(SEEDED_TOKENS.unconfirmedOwner);

export const media = new BytesMediaStore([
  { name: 'a.mp4', contentType: 'video/mp4', duration: 2, bytes: pattern(1000, 1) },
  { name: 'b.mp4', contentType: 'video/mp4', duration: 5, bytes: pattern(2500, 2) },
  { name: 'x.webm', contentType: 'video/webm', duration: 4, bytes: pattern(10, 4) },
]);

export const spec = loadSpec('specs/horn/openapi.yaml').validator;

export function newMock(opts: Partial<HornMockOptions> = {}): HornMock {
  return createHornMock({ ...testMockOptions(media, spec), ...opts });
}

/** Credentials: the owner's Bearer token by default. */
export type CallOptions = BaseCallOptions;

export function request(method: string, path: string, o: CallOptions = {}): MockRequest {
  const auth = credentials(o, OWNER);
  const url = new URL(path.startsWith('http') ? path : `${ORIGIN}${path.startsWith('/api/') || path.startsWith('/__') ? path : `${BASE}${path}`}`);
  for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.set(k, v);
  return { method, path: url.pathname, query: url.searchParams, headers: { ...auth, ...o.headers }, body: new Uint8Array(0), origin: ORIGIN };
}

export async function call(mock: HornMock, method: string, path: string, o: CallOptions = {}): Promise<Answer> {
  return send(mock, request(method, path, o));
}

export const control = <T = any>(mock: HornMock, action: string, body: unknown = {}): Promise<T> => controlJson<T>(mock, action, body);

/** Advances the frozen clock and settles, as POST /__callrec/clock does. */
export function advance(mock: HornMock, ms: number): void {
  mock.clock.advance(ms);
  mock.tick();
}
