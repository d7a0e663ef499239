// GET one recording: the mock (auth, routing, store lookup, JSON, self-validation) against a bare
// server replaying the very same response bytes. Goal: the mock keeps at least half the bare
// server's throughput and costs at most twice its CPU per request.
import { interleave, load, median } from './load.ts';
import { figure, info, type Figure } from './report.ts';
import { captureRoute, startBare, type ServerChild } from './servers.ts';
import { API, AUTH, biggestComplete } from './target.ts';

const SECONDS = 2;
const ROUNDS = 5;

export async function benchGetOne(mock: ServerChild): Promise<Figure[]> {
  const { recordingId } = await biggestComplete(mock);
  const path = `${API}/recordings/${encodeURIComponent(recordingId)}`;
  const route = await captureRoute(mock, path, AUTH);
  if (route.status !== 200) throw new Error(`GET ${path} answered ${route.status}`);
  const bare = await startBare([route]);
  try {
    const run = (s: ServerChild, seconds: number) => () => load(s, { path, headers: AUTH, seconds });
    const runs = await interleave({ mock: run(mock, SECONDS), bare: run(bare, SECONDS) }, ROUNDS, { mock: run(mock, 1), bare: run(bare, 1) });
    const errors = [...runs.mock, ...runs.bare].reduce((n, r) => n + r.errors, 0);
    if (errors) throw new Error(`GET one: ${errors} failed requests`);
    // Ratios per round (the two runs of a round saw the same machine), then the median.
    const rps = median(runs.mock.map((m, i) => m.reqPerSec / runs.bare[i]!.reqPerSec));
    const cpu = median(runs.mock.map((m, i) => runs.bare[i]!.cpuMicrosPerRequest / m.cpuMicrosPerRequest));
    return [
      figure('get-one: req/s ratio mock/bare', rps, 'x', '>=', 0.5),
      figure('get-one: CPU µs/req ratio bare/mock', cpu, 'x', '>=', 0.5),
      info('get-one: mock req/s (median)', median(runs.mock.map((r) => r.reqPerSec)), 'req/s'),
      info('get-one: bare req/s (median)', median(runs.bare.map((r) => r.reqPerSec)), 'req/s'),
      info('get-one: mock CPU per request', median(runs.mock.map((r) => r.cpuMicrosPerRequest)), 'µs'),
      info('get-one: bare CPU per request', median(runs.bare.map((r) => r.cpuMicrosPerRequest)), 'µs'),
    ];
  } finally {
    await bare.close();
  }
}
