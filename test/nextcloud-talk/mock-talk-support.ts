// Shared helpers of the Talk mock tests: a mock over a frozen clock with strict spec validation,
// and a small request function speaking OCS (Basic auth + OCS-APIRequest, JSON by default).
import type { MockRequest } from '../../core/http.ts';
import { loadSpec } from '../../core/spec-load.ts';
import { DEFAULT_USERS } from '../../mock/nextcloud-talk/datasets.ts';
import { createNextcloudTalkMock, type NextcloudTalkMock } from '../../mock/nextcloud-talk/index.ts';
import { bodyText, encodeBody, frozenClock } from '../support/mock-client.ts';

export const SPEC = 'specs/nextcloud-talk/openapi.yaml';
export const V1 = '/ocs/v2.php/apps/spreed/api/v1';
export const START = Date.UTC(2024, 0, 15, 9, 0, 0);

export function makeMock(seed = 1, o: { faults?: string[]; strict?: boolean } = {}): NextcloudTalkMock {
  return createNextcloudTalkMock({
    seed,
    clock: frozenClock(START),
    faults: o.faults ?? [],
    spec: loadSpec(SPEC).validator,
    strictSpec: o.strict ?? true,
  });
}

export const passwordOf = (user: string) => DEFAULT_USERS.find((u) => u.id === user)?.password ?? `${user}-password`;
export const basic = (user: string, password = passwordOf(user)) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export interface CallOptions {
  /** User to authenticate as with Basic auth (default alice); null sends no Authorization. */
  as?: string | null;
  password?: string;
  query?: Record<string, string | number>;
  /** JSON body (objects) or raw string. */
  body?: unknown;
  headers?: Record<string, string>;
  /** 'json' adds format=json (default), 'xml' adds nothing, 'accept' sends Accept: application/json. */
  format?: 'json' | 'xml' | 'accept';
  /** Send OCS-APIRequest: true (default true). */
  ocs?: boolean;
}

export interface CallResult {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: any;
}

export function request(method: string, path: string, o: CallOptions = {}): MockRequest {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(o.query ?? {})) query.set(k, String(v));
  if ((o.format ?? 'json') === 'json') query.set('format', 'json');
  const headers: Record<string, string> = {};
  const as = o.as === undefined ? 'alice' : o.as;
  if (as !== null) headers.authorization = basic(as, o.password);
  if (o.ocs ?? true) headers['ocs-apirequest'] = 'true';
  if (o.format === 'accept') headers.accept = 'application/json';
  let body: Uint8Array = new Uint8Array(0);
  if (o.body !== undefined) {
    body = encodeBody(o.body);
    headers['content-type'] = typeof o.body === 'string' ? 'application/x-www-form-urlencoded' : 'application/json';
  }
  for (const [k, v] of Object.entries(o.headers ?? {})) headers[k.toLowerCase()] = v;
  return { method, path, query, headers, body, origin: 'http://127.0.0.1:4010' };
}

export async function call(mock: NextcloudTalkMock, method: string, path: string, o: CallOptions = {}): Promise<CallResult> {
  const res = await mock.handle(request(method, path, o));
  const text = bodyText(res.body);
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Joins `token` as `as` (a session) and answers the session id. */
export async function join(mock: NextcloudTalkMock, token: string, as = 'alice', password?: string): Promise<string> {
  const r = await call(mock, 'POST', `${V1}/room/${token}/participants/active`, { as, ...(password ? { body: { password } } : {}) });
  if (r.status !== 200) throw new Error(`join ${token} as ${as}: ${r.status} ${r.text}`);
  return r.json.ocs.data.sessionId as string;
}

/** A guest browser: a session cookie + request token minted through the control API. */
export async function guestBrowser(mock: NextcloudTalkMock): Promise<{ cookie: string; requesttoken: string }> {
  const res = await mock.control('token', { kind: 'session' });
  return JSON.parse(res.body as string);
}
