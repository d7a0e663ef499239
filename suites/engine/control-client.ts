// Client for callrec's control API (/__callrec/ on the built-in mock): reset, seed data,
// move the clock, switch faults. Targets without it simply have no ControlClient.

import http from 'node:http';
import https from 'node:https';
import type { ControlClient } from '../../core/check.ts';

/** The header a guarded mock reads its control token from (mock/control-guard.ts). */
const TOKEN_HEADER = 'x-callrec-token';

export interface FaultInfo {
  name: string;
  description: string;
}

export interface MockControlClient extends ControlClient {
  readonly origin: string;
  faults(): Promise<{ api?: string; enabled: string[]; available: FaultInfo[] }>;
  freezeClock(): Promise<void>;
  providerState(state: string, params?: Record<string, unknown>): Promise<unknown>;
}

export interface ControlClientOptions {
  /** The token a `callrec mock` on a non-loopback address (or started with --control-token) requires; default $CALLREC_CONTROL_TOKEN. */
  token?: string | undefined;
}

/** The token to send: the given one, else $CALLREC_CONTROL_TOKEN (so `callrec verify` and friends reach a guarded mock too). */
const tokenOf = (opts: ControlClientOptions | undefined): string | undefined => opts?.token ?? (process.env.CALLREC_CONTROL_TOKEN || undefined);

/** `origin` is the server's origin, e.g. http://127.0.0.1:4010 (a path, if any, is ignored). */
export function createControlClient(origin: string, opts?: ControlClientOptions): MockControlClient {
  const root = new URL(origin).origin;
  const token = tokenOf(opts);

  async function send<T>(method: string, route: string, body?: unknown): Promise<T> {
    const { status, text } = await exchange(method, `${root}/__callrec/${route}`, body === undefined ? undefined : JSON.stringify(body), token);
    if (status < 200 || status > 299) throw new Error(`control API ${method} /__callrec/${route} answered ${status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    origin: root,
    reset: async (seed) => void (await send('POST', 'reset', seed === undefined ? {} : { seed })),
    seed: (data) => send('POST', 'seed', data),
    advanceClock: async (ms) => void (await send('POST', 'clock', { advanceMs: ms })),
    freezeClock: async () => void (await send('POST', 'clock', { freeze: true })),
    setFaults: async (names) => void (await send('PUT', 'faults', { faults: names })),
    faults: () => send('GET', 'faults'),
    state: <T>() => send<T>('GET', 'state'),
    call: <T>(action: string, body?: unknown) => send<T>('POST', `action/${encodeURIComponent(action)}`, body ?? {}),
    providerState: (state, params) => send('POST', 'provider-state', { state, params: params ?? {} }),
  };
}

/** Thrown when a callrec mock's control API refuses the token (none given, or a wrong one). */
export class ControlTokenError extends Error {}

/**
 * True when `origin` speaks the control API (used to detect an external `callrec mock`). A mock
 * that wants a token it was not given throws ControlTokenError: running without its control API
 * would silently give other verdicts.
 */
export async function hasControlApi(origin: string, opts?: ControlClientOptions): Promise<boolean> {
  try {
    const token = tokenOf(opts);
    const res = await fetch(`${new URL(origin).origin}/__callrec/faults`, { signal: AbortSignal.timeout(3000), headers: token ? { [TOKEN_HEADER]: token } : {} });
    if (res.status === 401 && /control token|token printed/.test(await res.text())) {
      throw new ControlTokenError(`${origin} is a callrec mock whose control API needs ${token ? 'another' : 'a'} token: pass the one it printed (--control-token or CALLREC_CONTROL_TOKEN)`);
    }
    if (!res.ok) return false;
    const body = (await res.json()) as { enabled?: unknown };
    return Array.isArray(body.enabled);
  } catch (e) {
    if (e instanceof ControlTokenError) throw e;
    return false;
  }
}

/** Which API a callrec mock serves, as its GET /__callrec/faults says. Undefined when it does not say. */
export async function mockApiName(origin: string, opts?: ControlClientOptions): Promise<string | undefined> {
  try {
    const { api } = await createControlClient(origin, opts).faults();
    return typeof api === 'string' ? api : undefined;
  } catch {
    return undefined;
  }
}

// Control calls go over node:http with their own keep-alive pool, not fetch: a self-check makes
// thousands of them (a reset before every check), and fetch's streams cost several times the CPU.
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
const CONTROL_TIMEOUT_MS = 30_000;

function exchange(method: string, url: string, body: string | undefined, token: string | undefined): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    if (token) headers[TOKEN_HEADER] = token;
    const secure = url.startsWith('https:');
    const req = (secure ? https : http).request(url, { method, headers, agent: secure ? agents.https : agents.http, timeout: CONTROL_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`control API ${method} ${url}: no answer within ${CONTROL_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
