// Client for callrec's control API (/__callrec/ on the built-in mock): reset, seed data,
// move the clock, switch faults. Targets without it simply have no ControlClient.

import http from 'node:http';
import https from 'node:https';
import type { ControlClient } from '../../core/check.ts';

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

/** `origin` is the server's origin, e.g. http://127.0.0.1:4010 (a path, if any, is ignored). */
export function createControlClient(origin: string): MockControlClient {
  const root = new URL(origin).origin;

  async function send<T>(method: string, route: string, body?: unknown): Promise<T> {
    const { status, text } = await exchange(method, `${root}/__callrec/${route}`, body === undefined ? undefined : JSON.stringify(body));
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

/** True when `origin` speaks the control API (used to detect an external `callrec mock`). */
export async function hasControlApi(origin: string): Promise<boolean> {
  try {
    const res = await fetch(`${new URL(origin).origin}/__callrec/faults`, { signal: AbortSignal.timeout(3000) });
    if (!res.ok) return false;
    const body = (await res.json()) as { enabled?: unknown };
    return Array.isArray(body.enabled);
  } catch {
    return false;
  }
}

/** Which API a callrec mock serves, as its GET /__callrec/faults says. Undefined when it does not say. */
export async function mockApiName(origin: string): Promise<string | undefined> {
  try {
    const { api } = await createControlClient(origin).faults();
    return typeof api === 'string' ? api : undefined;
  } catch {
    return undefined;
  }
}

// Control calls go over node:http with their own keep-alive pool, not fetch: a self-check makes
// thousands of them (a reset before every check), and fetch's streams cost several times the CPU.
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
const CONTROL_TIMEOUT_MS = 30_000;

function exchange(method: string, url: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
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
