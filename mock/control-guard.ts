// Who may use the control API (/__callrec/: faults, clock, state, the dashboard) of a mock on a
// real port. It can switch every fault and read every secret, so:
//   - a page from another origin never gets in: a request whose Origin is not the mock's own is
//     refused (a cross-site page could otherwise POST a "simple" request that needs no preflight),
//     and cors.ts never adds CORS headers to these paths;
//   - with a token (required when the server listens on anything but loopback), every request
//     must carry it (`x-callrec-token` header, or `?token=` for the dashboard's page);
//   - without one (a loopback-only mock), the Host must be a loopback name: a DNS-rebinding page
//     (evil.test resolving to 127.0.0.1) reaches the port but names its own host.
// Platform-neutral: the decision is a pure function of the request, tested on its own.
import { json, type MockRequest, type MockResponse } from '../core/http.ts';
import { isControlPath } from './control.ts';

type Dispatch = (req: MockRequest) => Promise<MockResponse>;

export const TOKEN_HEADER = 'x-callrec-token';

export type ControlVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

/** A loopback host name or address, with or without a port: localhost, *.localhost, 127.0.0.0/8, [::1]. */
export function isLoopbackHost(hostHeader: string): boolean {
  const host = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.replace(/:\d+$/, '');
  const name = host.toLowerCase();
  return name === 'localhost' || name.endsWith('.localhost') || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/** A loopback address as node reports a bound socket's (`127.0.0.1`, `::1`, `::ffff:127.0.0.1`). */
export const isLoopbackAddress = (address: string): boolean => /^(::ffff:)?127\./.test(address) || address === '::1';

/** Constant-time string comparison (no node:crypto here: the module stays browser-safe). */
function sameToken(given: string, expected: string): boolean {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (given.charCodeAt(i) || 0) ^ expected.charCodeAt(i);
  return diff === 0;
}

/** May this /__callrec/ request go through? `token` undefined: the mock listens on loopback only. */
export function judgeControlRequest(req: MockRequest, token: string | undefined): ControlVerdict {
  const host = req.headers.host ?? '';
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    return { ok: false, status: 403, reason: `the control API answers only pages of its own origin (http://${host}), not ${origin}` };
  }
  if (token !== undefined) {
    const given = req.headers[TOKEN_HEADER] ?? req.query.get('token') ?? '';
    return sameToken(given, token) ? { ok: true } : { ok: false, status: 401, reason: `the control API needs the token printed at start-up (header ${TOKEN_HEADER}, or ?token= for the dashboard)` };
  }
  if (!isLoopbackHost(host)) return { ok: false, status: 403, reason: `the control API of a loopback-only mock answers loopback host names only, not "${host}"` };
  return { ok: true };
}

/** Wraps a dispatch: /__callrec/ requests are judged first (`token()`: the current token), everything else passes untouched. */
export function guardControl(dispatch: Dispatch, token: () => string | undefined): Dispatch {
  return (req) => {
    if (!isControlPath(req.path)) return dispatch(req);
    const verdict = judgeControlRequest(req, token());
    if (verdict.ok) return dispatch(req);
    const error = verdict.status === 401 ? 'Unauthorized' : 'Forbidden';
    return Promise.resolve(json(verdict.status, { error, message: verdict.reason }, verdict.status === 401 ? { 'www-authenticate': `Token header="${TOKEN_HEADER}"` } : {}));
  };
}
