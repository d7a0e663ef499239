// Mock against bare: the mock (auth, routing, store lookup, JSON, self-validation) against a bare
// server replaying the very same response bytes, for one request sent again and again, or for
// paths drawn at random from many (cold memos). Goal: the mock keeps at least half the bare
// server's throughput and costs at most twice its CPU per request.
import { createPrng } from '../core/prng.ts';
import type { BareRoute } from './child-bare.ts';
import { interleave, load, median, TIMING, type LoadRun } from './load.ts';
import { figure, info, type Figure } from './report.ts';
import { captureRoute, startBare, type ServerChild } from './servers.ts';

export interface SameRequest {
  /** Figure prefix, e.g. 'get-one' or 'eyeson get-one'. */
  label: string;
  path: string;
  method?: string;
  headers: Record<string, string>;
  /** Sent as given on every request (it may be signed). */
  body?: string;
  /**
   * Why the ratios carry no goal, when they do not: the ≥ 0.5x goal is the issues' for simple
   * reads; a request that must do the platform's own work (a signed write) is shown for reference.
   */
  noGoal?: string;
}

export async function compareWithBare(mock: ServerChild, t: SameRequest): Promise<Figure[]> {
  const method = t.method ?? 'GET';
  const route = await captureRoute(mock, t.path, { method, headers: t.headers, ...(t.body !== undefined ? { rawBody: t.body } : {}) });
  if (route.status !== 200) throw new Error(`${method} ${t.path} answered ${route.status}: ${Buffer.from(route.body ?? '', 'base64').toString().slice(0, 200)}`);
  const bare = await startBare([route]);
  try {
    return await versus(mock, bare, t.label, (s, seconds) => load(s, { path: t.path, method, headers: t.headers, ...(t.body !== undefined ? { body: t.body } : {}), seconds }), t.noGoal);
  } finally {
    await bare.close();
  }
}

export interface VariedReads {
  /** Figure prefix, e.g. 'get-random' or 'horn list-varied'. */
  label: string;
  /** The GET paths to draw from (each answered 200 by the mock); duplicates are dropped. */
  paths: readonly string[];
  headers: Record<string, string>;
  /** Seeds the draw: run n of the mock and run n of the bare request the same sequence of paths. */
  seed: number;
}

/**
 * Many GETs, mock against bare: every request draws its path at random from `paths`, so the
 * mock's bounded memos (operation lookup, response verdicts, signatures) mostly miss, as they
 * would for clients reading many different recordings. The bare server replays the mock's exact
 * bytes for each path, captured first, so both send equally varied answers of the same sizes.
 * Same goal as one request.
 */
export async function compareVariedWithBare(mock: ServerChild, v: VariedReads): Promise<Figure[]> {
  const paths = [...new Set(v.paths)];
  const routes = await captureAll(mock, paths, v.headers);
  const bad = routes.find((r) => r.status !== 200);
  if (bad) throw new Error(`GET ${bad.url} answered ${bad.status}: ${Buffer.from(bad.body ?? '', 'base64').toString().slice(0, 200)}`);
  const bytes = routes.map((r) => Buffer.byteLength(r.body ?? '', 'base64'));
  const bare = await startBare(routes, `bare (${paths.length} answers)`);
  const runsOf = new Map<ServerChild, number>();
  const draw = (s: ServerChild) => {
    const n = runsOf.get(s) ?? 0;
    runsOf.set(s, n + 1);
    const prng = createPrng(v.seed + n);
    return () => paths[Math.floor(prng.next() * paths.length)]!;
  };
  try {
    return [
      ...(await versus(mock, bare, v.label, (s, seconds) => load(s, { path: paths[0]!, pick: draw(s), headers: v.headers, seconds }))),
      info(`${v.label}: distinct answers drawn from`, paths.length, '', `seed ${v.seed}; each request draws one at random`),
      info(`${v.label}: answer size (median, max)`, median(bytes), 'bytes', `max ${Math.max(...bytes)} bytes`),
    ];
  } finally {
    await bare.close();
  }
}

/** Captures the mock's answer to every path, a few requests at a time. */
async function captureAll(mock: ServerChild, paths: readonly string[], headers: Record<string, string>): Promise<BareRoute[]> {
  const out: BareRoute[] = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < paths.length; i = next++) out[i] = await captureRoute(mock, paths[i]!, { headers });
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return out;
}

/** Mock and bare under the same load, interleaved, and the ratios judged against the ≥ 0.5x goal. */
async function versus(
  mock: ServerChild,
  bare: ServerChild,
  label: string,
  run: (s: ServerChild, seconds: number) => Promise<LoadRun>,
  noGoal?: string,
): Promise<Figure[]> {
  const of = (s: ServerChild, seconds: number) => () => run(s, seconds);
  const runs = await interleave(
    { mock: of(mock, TIMING.seconds), bare: of(bare, TIMING.seconds) },
    TIMING.rounds,
    { mock: of(mock, TIMING.warmup), bare: of(bare, TIMING.warmup) },
  );
  const errors = [...runs.mock, ...runs.bare].reduce((n, r) => n + r.errors, 0);
  if (errors) throw new Error(`${label}: ${errors} failed requests`);
  // Ratios per round (the two runs of a round saw the same machine), then the median.
  const rps = median(runs.mock.map((m, i) => m.reqPerSec / runs.bare[i]!.reqPerSec));
  const cpu = median(runs.mock.map((m, i) => runs.bare[i]!.cpuMicrosPerRequest / m.cpuMicrosPerRequest));
  const judged = (name: string, value: number) => (noGoal ? info(name, value, 'x', noGoal) : figure(name, value, 'x', '>=', 0.5));
  return [
    judged(`${label}: req/s ratio mock/bare`, rps),
    judged(`${label}: CPU µs/req ratio bare/mock`, cpu),
    info(`${label}: mock req/s (median)`, median(runs.mock.map((r) => r.reqPerSec)), 'req/s'),
    info(`${label}: bare req/s (median)`, median(runs.bare.map((r) => r.reqPerSec)), 'req/s'),
    info(`${label}: mock CPU per request`, median(runs.mock.map((r) => r.cpuMicrosPerRequest)), 'µs'),
    info(`${label}: bare CPU per request`, median(runs.bare.map((r) => r.cpuMicrosPerRequest)), 'µs'),
  ];
}
