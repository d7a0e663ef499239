// Listing cost against data set size: first page and a deep page (reached by a real
// nextPageToken) with 1k and 100k recordings. The store keeps sorted indexes, so a page should
// cost O(log n + page): goal, the 100k latency stays within 1.5x of the 1k latency.
import { interleave, load, median, type LoadRun } from './load.ts';
import { figure, info, type Figure } from './report.ts';
import type { ServerChild } from './servers.ts';
import { AUTH, listPath, tokenAfter } from './target.ts';

const SECONDS = 1.5;
const ROUNDS = 5;
const WALK_PAGE = 100; // page size used to walk to the deep token (fewer requests)
const query = { maxItems: '10' }; // the documented default page size, for the timed requests

export interface ListTarget {
  mock: ServerChild;
  size: number; // recordings seeded
}

export async function benchList(small: ListTarget, large: ListTarget): Promise<Figure[]> {
  const deep = async (t: ListTarget) => listPath({ ...query, nextPageToken: await tokenAfter(t.mock, Math.round(t.size * 0.9), WALK_PAGE) });
  const paths = {
    smallFirst: listPath(query),
    smallDeep: await deep(small),
    largeFirst: listPath(query),
    largeDeep: await deep(large),
  };
  const run = (t: ListTarget, path: string, seconds: number) => () => load(t.mock, { path, headers: AUTH, seconds });
  const configs = {
    smallFirst: run(small, paths.smallFirst, SECONDS),
    largeFirst: run(large, paths.largeFirst, SECONDS),
    smallDeep: run(small, paths.smallDeep, SECONDS),
    largeDeep: run(large, paths.largeDeep, SECONDS),
  };
  const warm = { smallFirst: run(small, paths.smallFirst, 1), largeFirst: run(large, paths.largeFirst, 1), smallDeep: run(small, paths.smallDeep, 1), largeDeep: run(large, paths.largeDeep, 1) };
  const runs = await interleave(configs, ROUNDS, warm);
  const errors = Object.values<LoadRun[]>(runs).flat().reduce((n, r) => n + r.errors, 0);
  if (errors) throw new Error(`list: ${errors} failed requests`);

  const ratio = (a: LoadRun[], b: LoadRun[], f: (r: LoadRun) => number) => median(a.map((r, i) => f(r) / f(b[i]!)));
  const lat = (r: LoadRun) => r.latencyMs;
  const cpu = (r: LoadRun) => r.cpuMicrosPerRequest;
  const k = (n: number) => `${n / 1000}k`;
  const out: Figure[] = [
    figure(`list first page: latency ${k(large.size)}/${k(small.size)}`, ratio(runs.largeFirst, runs.smallFirst, lat), 'x', '<=', 1.5),
    figure(`list deep page (after 90%): latency ${k(large.size)}/${k(small.size)}`, ratio(runs.largeDeep, runs.smallDeep, lat), 'x', '<=', 1.5),
  ];
  for (const [key, label] of [['smallFirst', `${k(small.size)} first`], ['largeFirst', `${k(large.size)} first`], ['smallDeep', `${k(small.size)} deep`], ['largeDeep', `${k(large.size)} deep`]] as const) {
    out.push(info(`list ${label}: mean latency (10 conns)`, median(runs[key].map(lat)), 'ms'));
    out.push(info(`list ${label}: CPU per request`, median(runs[key].map(cpu)), 'µs'));
  }
  out.push(info(`list CPU/req ratio ${k(large.size)}/${k(small.size)} (first, deep)`, Math.max(ratio(runs.largeFirst, runs.smallFirst, cpu), ratio(runs.largeDeep, runs.smallDeep, cpu)), 'x', 'worse of the two'));
  return out;
}
