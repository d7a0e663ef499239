// Cost against data set size: the same kind of page read from a small and a large data set (two
// mock children seeded differently), interleaved. A store with sorted indexes answers a page in
// O(log n + page): goal, the large latency stays within 1.5x of the small one. A page that lists
// everything (`perItem`) is judged per item listed instead: the cost of one item must stay flat.
import { interleave, load, median, TIMING, type LoadRun } from './load.ts';
import { figure, info, type Figure } from './report.ts';
import type { ServerChild } from './servers.ts';

export interface ScaleSide {
  path: string;
  /** Size of the data set this page is read from (named in the figure, e.g. 100k). */
  size: number;
  /** Items the page lists, when the goal is per item (a listing that returns everything). */
  items?: number;
}

export interface ScalePage {
  /** e.g. 'first page' → 'list first page: latency 100k/1k'. */
  name: string;
  /** Short form for the info rows, e.g. 'first'. */
  short: string;
  small: ScaleSide;
  large: ScaleSide;
  /** Credentials for this page, when not the comparison's. */
  headers?: Record<string, string>;
  /**
   * Concurrent connections (default 10). A response of thousands of items wants 1: with 10, a
   * run ends while most of the slow requests are still in flight, and only the fast ones count.
   */
  connections?: number;
}

export interface ScaleComparison {
  label: string;
  headers: Record<string, string>;
  small: ServerChild;
  large: ServerChild;
  pages: ScalePage[];
}

export const k = (n: number) => `${n / 1000}k`;
const MAX_RATIO = 1.5;

export async function compareScale(c: ScaleComparison): Promise<Figure[]> {
  const configs: Record<string, () => Promise<LoadRun>> = {};
  const warm: Record<string, () => Promise<LoadRun>> = {};
  c.pages.forEach((p, i) => {
    const run = (server: ServerChild, side: ScaleSide, seconds: number) => () => load(server, { path: side.path, headers: p.headers ?? c.headers, seconds, connections: p.connections ?? 10 });
    configs[`${i}small`] = run(c.small, p.small, TIMING.seconds);
    configs[`${i}large`] = run(c.large, p.large, TIMING.seconds);
    warm[`${i}small`] = run(c.small, p.small, TIMING.warmup);
    warm[`${i}large`] = run(c.large, p.large, TIMING.warmup);
  });
  const runs = await interleave(configs, TIMING.rounds, warm);
  const errors = Object.values(runs).flat().reduce((n, r) => n + r.errors, 0);
  if (errors) throw new Error(`${c.label}: ${errors} failed requests`);

  const lat = (r: LoadRun) => r.latencyMs;
  const cpu = (r: LoadRun) => r.cpuMicrosPerRequest;
  const out: Figure[] = [];
  const infos: Figure[] = [];
  const cpuRatios: number[] = [];
  c.pages.forEach((p, i) => {
    const small = runs[`${i}small`]!;
    const large = runs[`${i}large`]!;
    // Per round, then the median (the runs of one round saw the same machine).
    const perItem = (side: ScaleSide) => side.items ?? 1;
    const ratio = (f: (r: LoadRun) => number) => median(large.map((r, j) => f(r) / perItem(p.large) / (f(small[j]!) / perItem(p.small))));
    const sizes = `${k(p.large.size)}/${k(p.small.size)}`;
    const what = p.large.items === undefined ? 'latency' : 'latency per item listed';
    out.push(figure(`${c.label} ${p.name}: ${what} ${sizes}`, ratio(lat), 'x', '<=', MAX_RATIO, p.large.items === undefined ? undefined : `${p.small.items} vs ${p.large.items} items per response`));
    cpuRatios.push(ratio(cpu));
    for (const [side, rs] of [[p.small, small], [p.large, large]] as const) {
      infos.push(info(`${c.label} ${k(side.size)} ${p.short}: mean latency (${p.connections ?? 10} conns)`, median(rs.map(lat)), 'ms'));
      infos.push(info(`${c.label} ${k(side.size)} ${p.short}: CPU per request`, median(rs.map(cpu)), 'µs', side.items ? `${(median(rs.map(cpu)) / side.items).toFixed(1)} µs per item` : undefined));
    }
  });
  const sizes = [...new Set(c.pages.map((p) => `${k(p.large.size)}/${k(p.small.size)}`))].join(', ');
  infos.push(info(`${c.label} CPU/req ratio ${sizes} (${c.pages.map((p) => p.short).join(', ')})`, Math.max(...cpuRatios), 'x', c.pages.length === 2 ? 'worse of the two' : 'worst of them'));
  return [...out, ...infos];
}
