// Download throughput: full and ranged downloads from the mock against a bare server sending the
// same bytes (a file streamed with stream.pipeline, or the captured body when the mock builds the
// download in memory). Each loop downloads again and again on one keep-alive connection, so a
// small file measures per-request cost and a big one streaming. Goal: at least 0.8x bare.
import { readdirSync, statSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { charge } from './cpu.ts';
import { interleave, median, TIMING } from './load.ts';
import { figure, info, type Figure } from './report.ts';
import { captureRoute, startBare, type ServerChild } from './servers.ts';

export const MiB = 1024 * 1024;
const FIXTURES = fileURLToPath(new URL('../fixtures/media/', import.meta.url));

/** Downloads `url` once and returns the byte count (the body is counted, never kept). */
function download(agent: Agent, url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers, agent }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => (res.statusCode === 200 || res.statusCode === 206 ? resolve(bytes) : reject(new Error(`${url} → ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export interface Throughput {
  mibPerSec: number;
  mib: number;
}

/** Repeats the download for `seconds` on one keep-alive connection. */
export async function throughput(agent: Agent, url: string, headers: Record<string, string>, seconds: number): Promise<Throughput> {
  const t0 = performance.now();
  let bytes = 0;
  while (performance.now() - t0 < seconds * 1000) bytes += await download(agent, url, headers);
  return { mibPerSec: bytes / MiB / ((performance.now() - t0) / 1000), mib: bytes / MiB };
}

/** A throughput run charged with the server's CPU time: µs of server CPU per MiB sent. */
async function measured(server: ServerChild, agent: Agent, url: string, headers: Record<string, string>, seconds: number) {
  const { result, cpuMicros } = await charge(server, () => throughput(agent, url, headers, seconds));
  return { ...result, cpuPerMiB: cpuMicros / result.mib };
}

/** The committed media fixture with exactly `size` bytes (what the mock streams from disk). */
export function fixtureOfSize(size: number): string {
  const name = readdirSync(FIXTURES).find((f) => statSync(FIXTURES + f).size === size);
  if (!name) throw new Error(`no fixture in fixtures/media has ${size} bytes`);
  return FIXTURES + name;
}

export const sizeText = (bytes: number) => (bytes >= MiB ? `${(bytes / MiB).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`);

/** The middle half of a download, as the ranged request (for downloads of any size). */
export function middleHalf(size: number): { start: number; end: number; label: string } {
  const start = Math.floor(size / 4);
  const end = Math.floor((3 * size) / 4) - 1;
  return { start, end, label: sizeText(end - start + 1) };
}

export interface DownloadTarget {
  /** Figure prefix, e.g. 'media' or 'eyeson download'. */
  label: string;
  path: string;
  headers: Record<string, string>;
  /** How the bare server sends the bytes: the fixture file the mock streams, or the captured body. */
  bare: 'fixture-file' | 'captured-bytes';
  /** The ranged request: an inclusive byte span and how the figure names it. */
  range: (size: number) => { start: number; end: number; label: string };
}

export async function compareDownload(mock: ServerChild, t: DownloadTarget): Promise<Figure[]> {
  const captured = await captureRoute(mock, t.path, { headers: t.headers });
  if (captured.status !== 200) throw new Error(`GET ${t.path} answered ${captured.status}`);
  const size = Number(captured.headers['content-length']);
  const { body, ...route } = captured;
  const bare = await startBare([t.bare === 'fixture-file' ? { ...route, file: fixtureOfSize(size) } : { ...route, body, ranged: true }]);
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  try {
    const r = t.range(size);
    const ranged = { ...t.headers, range: `bytes=${r.start}-${r.end}` };
    const full = (s: ServerChild, sec: number) => () => measured(s, agent, s.url + t.path, t.headers, sec);
    const part = (s: ServerChild, sec: number) => () => measured(s, agent, s.url + t.path, ranged, sec);
    const { seconds, warmup } = TIMING;
    const runs = await interleave(
      { mockFull: full(mock, seconds), bareFull: full(bare, seconds), mockRange: part(mock, seconds), bareRange: part(bare, seconds) },
      TIMING.rounds,
      { mockFull: full(mock, warmup), bareFull: full(bare, warmup), mockRange: part(mock, warmup), bareRange: part(bare, warmup) },
    );
    type Run = (typeof runs.mockFull)[number];
    const ratio = (a: Run[], b: Run[], f: (r: Run) => number) => median(a.map((x, i) => f(x) / f(b[i]!)));
    const mibps = (x: Run) => x.mibPerSec;
    const cpu = (x: Run) => x.cpuPerMiB;
    const rl = `${t.label} ${r.label} range`;
    return [
      figure(`${t.label} full download (${sizeText(size)}): throughput mock/bare`, ratio(runs.mockFull, runs.bareFull, mibps), 'x', '>=', 0.8),
      figure(`${rl}: throughput mock/bare`, ratio(runs.mockRange, runs.bareRange, mibps), 'x', '>=', 0.8),
      info(`${t.label} full: mock throughput`, median(runs.mockFull.map(mibps)), 'MiB/s'),
      info(`${t.label} full: bare throughput`, median(runs.bareFull.map(mibps)), 'MiB/s'),
      info(`${rl}: mock throughput`, median(runs.mockRange.map(mibps)), 'MiB/s'),
      info(`${rl}: bare throughput`, median(runs.bareRange.map(mibps)), 'MiB/s'),
      info(`${t.label} full: server CPU per MiB bare/mock`, ratio(runs.bareFull, runs.mockFull, cpu), 'x', `mock ${median(runs.mockFull.map(cpu)).toFixed(0)} µs/MiB`),
      info(`${rl}: server CPU per MiB bare/mock`, ratio(runs.bareRange, runs.mockRange, cpu), 'x', `mock ${median(runs.mockRange.map(cpu)).toFixed(0)} µs/MiB`),
    ];
  } finally {
    agent.destroy();
    await bare.close();
  }
}
