// The servers under measurement, each in its own child process so its CPU time and RSS are its
// own: a callrec mock, and a bare node:http server that replays the mock's bytes.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ApiName } from '../core/api.ts';
import { freshBundle } from '../cli/bundle.mjs';
import { pinServer } from './affinity.ts';
import type { BareRoute } from './child-bare.ts';
import { request, requestJson, type RequestOptions } from './http.ts';
import type { Usage, UsageReply } from './probe.ts';

export interface ServerChild {
  name: string;
  url: string;
  pid: number;
  usage(): Promise<Usage>;
  close(): Promise<void>;
}

/**
 * The children run bundled, as `callrec mock` runs for a user (cli/bundle.mjs): under tsx every
 * closure a handler creates also pays for esbuild's name-keeping helper, a cost no user sees.
 */
const childBundle = (file: string) =>
  freshBundle({ entry: `bench/${file}`, name: `bench-${file.replace(/\.ts$/, '.mjs')}`, sources: ['apis.ts', 'cli', 'core', 'mock', 'suites', 'bench'] });

/**
 * Extra node flags for the server children, to find hot spots: BENCH_CPU_PROF=<dir> writes a
 * CPU profile per child when it exits; BENCH_NODE_FLAGS adds any others (e.g. --trace-gc).
 */
function diagnosticFlags(): string[] {
  const prof = process.env.BENCH_CPU_PROF;
  const extra = process.env.BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? [];
  return [...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []), ...extra];
}

async function forkChild(name: string, file: string, env: Record<string, string> = {}, first?: unknown): Promise<ServerChild> {
  const child: ChildProcess = fork(fileURLToPath(await childBundle(file)), [], {
    execArgv: diagnosticFlags(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  if (child.pid !== undefined) pinServer(child.pid);
  let nextId = 1;
  const waiting = new Map<number, (u: Usage) => void>();
  child.on('message', (m: UsageReply) => {
    if (m?.type === 'usage') waiting.get(m.id)?.(m.usage), waiting.delete(m.id);
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${name} exited early (code ${code})`)));
    child.on('message', function onReady(m: { type?: string; url?: string }) {
      if (m?.type !== 'ready') return;
      child.off('message', onReady);
      resolve({
        name,
        url: m.url!,
        pid: child.pid!,
        usage: () =>
          new Promise((res) => {
            const id = nextId++;
            waiting.set(id, res);
            child.send({ type: 'usage', id });
          }),
        close: () =>
          new Promise((res) => {
            if (child.exitCode !== null) return res();
            child.removeAllListeners('exit');
            child.once('exit', () => res());
            child.disconnect();
            setTimeout(() => child.kill('SIGKILL'), 3000).unref();
          }),
      });
    });
    if (first !== undefined) child.send(first as object);
  });
}

/** One API's mock (frozen clock) in a child process. */
export const startMock = (api: ApiName, name: string = api, seed = 1) =>
  forkChild(name, 'child-mock.ts', { BENCH_API: api, BENCH_SEED: String(seed) });

/** Runs a control action (`seed` or /__callrec/action/<name>) on a mock; throws unless 2xx. */
export function control<T>(mock: ServerChild, action: string, body: unknown = {}): Promise<T> {
  const path = action === 'seed' ? 'seed' : `action/${action}`;
  return requestJson<T>(`${mock.url}/__callrec/${path}`, { method: 'POST', body });
}

export const startBare = (routes: BareRoute[], name = 'bare') => forkChild(name, 'child-bare.ts', {}, { type: 'routes', routes });

/** Headers node:http adds by itself on every response; the bare server must not repeat them. */
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** Captures the mock's answer to `path` as a route the bare server can replay byte for byte. */
export async function captureRoute(mock: ServerChild, path: string, opts: RequestOptions = {}): Promise<BareRoute> {
  const r = await request(mock.url + path, opts);
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) if (v !== undefined && !TRANSPORT_HEADERS.has(k)) kept[k] = Array.isArray(v) ? v.join(', ') : v;
  return { url: path, status: r.status, headers: kept, body: r.body.toString('base64') };
}
