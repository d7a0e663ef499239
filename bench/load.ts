// Load runs with autocannon: a fixed number of keep-alive connections hammering one URL (or a path
// drawn per request) for a few seconds. Each run is charged with the server child's CPU time (see
// cpu.ts).
import autocannon, { type Request as AutocannonRequest } from 'autocannon';
import { charge } from './cpu.ts';
import type { ServerChild } from './servers.ts';

export interface LoadRun {
  server: string;
  reqPerSec: number;
  latencyMs: number; // mean
  requests: number;
  cpuMicrosPerRequest: number;
  errors: number; // transport errors + timeouts + non-2xx
}

export interface LoadOptions {
  path: string;
  /**
   * Chooses the path of each request instead of `path` (called once per request, shared by all
   * connections), so the server answers a varied stream rather than one URL its memos keep warm.
   */
  pick?: () => string;
  method?: string;
  headers?: Record<string, string>;
  /** Request body, sent as given on every request. */
  body?: string;
  seconds: number;
  connections?: number;
}

/**
 * How long each measured run lasts, how many interleaved rounds each comparison gets, and the
 * warm-up per configuration. One place for all sections: they add up to the bench's wall time
 * (about 6 minutes for four APIs on 2 cores). BENCH_SECONDS / BENCH_ROUNDS override for a
 * quicker or a steadier run.
 */
export const TIMING = {
  seconds: Number(process.env.BENCH_SECONDS ?? 1),
  rounds: Number(process.env.BENCH_ROUNDS ?? 4),
  warmup: 0.5,
};

export async function load(server: ServerChild, opts: LoadOptions): Promise<LoadRun> {
  const { result, cpuMicros } = await charge(server, () =>
    autocannon({
      url: server.url + opts.path,
      method: opts.method ?? 'GET',
      headers: opts.headers,
      ...(opts.body !== undefined ? { body: opts.body } : {}),
      ...(opts.pick ? { requests: [{ setupRequest: pickPath(opts.pick) }] } : {}),
      duration: opts.seconds,
      connections: opts.connections ?? 10,
    }),
  );
  const requests = result.requests.total;
  return {
    server: server.name,
    reqPerSec: requests / result.duration,
    // Little's law (in flight = throughput × latency), not autocannon's histogram: that one
    // keeps whole milliseconds, so sub-millisecond answers averaged as a count of slow outliers.
    latencyMs: requests ? ((opts.connections ?? 10) * result.duration * 1000) / requests : Number.NaN,
    requests,
    cpuMicrosPerRequest: requests ? cpuMicros / requests : Number.NaN,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** autocannon rebuilds a request that has a setupRequest before every send: here, with a new path. */
const pickPath = (pick: () => string) => (req: AutocannonRequest): AutocannonRequest => {
  req.path = pick(); // `req` is a fresh copy per build
  return req;
};

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Interleaves runs of several configurations after one warm-up run each, in ABBA order (a, b,
 * then b, a, …), so drift in machine load hits every configuration alike and neither always
 * runs first. Returns the runs per configuration, in round order.
 */
export async function interleave<K extends string, T>(
  configs: Record<K, () => Promise<T>>,
  rounds: number,
  warmup: Record<K, () => Promise<unknown>>,
): Promise<Record<K, T[]>> {
  const keys = Object.keys(configs) as K[];
  for (const k of keys) await warmup[k]();
  const out = Object.fromEntries(keys.map((k) => [k, [] as T[]])) as unknown as Record<K, T[]>;
  for (let i = 0; i < rounds; i++) for (const k of i % 2 === 0 ? keys : [...keys].reverse()) out[k].push(await configs[k]());
  return out;
}
