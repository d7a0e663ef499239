// One request, mock against bare: the mock (auth, routing, store lookup, JSON, self-validation)
// against a bare server replaying the very same response bytes. Goal: the mock keeps at least
// half the bare server's throughput and costs at most twice its CPU per request.
import { interleave, load, median, TIMING } from './load.ts';
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
    const run = (s: ServerChild, seconds: number) => () => load(s, { path: t.path, method, headers: t.headers, ...(t.body !== undefined ? { body: t.body } : {}), seconds });
    const runs = await interleave(
      { mock: run(mock, TIMING.seconds), bare: run(bare, TIMING.seconds) },
      TIMING.rounds,
      { mock: run(mock, TIMING.warmup), bare: run(bare, TIMING.warmup) },
    );
    const errors = [...runs.mock, ...runs.bare].reduce((n, r) => n + r.errors, 0);
    if (errors) throw new Error(`${t.label}: ${errors} failed requests`);
    // Ratios per round (the two runs of a round saw the same machine), then the median.
    const rps = median(runs.mock.map((m, i) => m.reqPerSec / runs.bare[i]!.reqPerSec));
    const cpu = median(runs.mock.map((m, i) => runs.bare[i]!.cpuMicrosPerRequest / m.cpuMicrosPerRequest));
    const judged = (name: string, value: number) => (t.noGoal ? info(name, value, 'x', t.noGoal) : figure(name, value, 'x', '>=', 0.5));
    return [
      judged(`${t.label}: req/s ratio mock/bare`, rps),
      judged(`${t.label}: CPU µs/req ratio bare/mock`, cpu),
      info(`${t.label}: mock req/s (median)`, median(runs.mock.map((r) => r.reqPerSec)), 'req/s'),
      info(`${t.label}: bare req/s (median)`, median(runs.bare.map((r) => r.reqPerSec)), 'req/s'),
      info(`${t.label}: mock CPU per request`, median(runs.mock.map((r) => r.cpuMicrosPerRequest)), 'µs'),
      info(`${t.label}: bare CPU per request`, median(runs.bare.map((r) => r.cpuMicrosPerRequest)), 'µs'),
    ];
  } finally {
    await bare.close();
  }
}
