// Media streaming: full and ranged download throughput of the mock against a bare server that
// streams the same file with stream.pipeline; RSS while four downloads run in parallel; and file
// descriptors left behind by aborted downloads.
import { readdirSync, statSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { charge } from './cpu.ts';
import { countFds, fdsSupported } from './fds.ts';
import { interleave, median } from './load.ts';
import { figure, info, type Figure } from './report.ts';
import { captureRoute, startBare, type ServerChild } from './servers.ts';
import { API, AUTH, biggestComplete } from './target.ts';

const MiB = 1024 * 1024;
const SECONDS = 1.5;
const ROUNDS = 5;
const FIXTURES = fileURLToPath(new URL('../fixtures/media/', import.meta.url));

/** Downloads `path` once and returns the byte count (the body is counted, never kept). */
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

interface Throughput {
  mibPerSec: number;
  mib: number;
}

/** Repeats the download for `seconds` on one keep-alive connection. */
async function throughput(agent: Agent, url: string, headers: Record<string, string>, seconds: number): Promise<Throughput> {
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

/** Starts a download and destroys it as soon as the first bytes arrive (a client giving up). */
function abortedDownload(url: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { headers, agent: false }, (res) => {
      res.once('data', () => req.destroy());
    });
    req.on('close', () => resolve());
    req.on('error', () => {}); // the abort itself
    req.end();
  });
}

const fixtureOfSize = (size: number): string => {
  const name = readdirSync(FIXTURES).find((f) => statSync(FIXTURES + f).size === size);
  if (!name) throw new Error(`no fixture in fixtures/media has ${size} bytes`);
  return FIXTURES + name;
};

export async function benchMedia(mock: ServerChild): Promise<Figure[]> {
  const { recordingId, size } = await biggestComplete(mock);
  if (size <= 6 * MiB) throw new Error(`the biggest complete recording has only ${size} bytes; expected the >6 MiB fixture`);
  const path = `${API}/recordings/${encodeURIComponent(recordingId)}/media`;
  const captured = await captureRoute(mock, path, AUTH);
  if (captured.status !== 200) throw new Error(`GET ${path} answered ${captured.status}`);
  const { body: _bytes, ...route } = captured;
  const bare = await startBare([{ ...route, file: fixtureOfSize(size) }]);
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const figures: Figure[] = [];
  try {
    const range = { ...AUTH, range: `bytes=${MiB}-${2 * MiB - 1}` }; // 1 MiB from the 2nd MiB on
    const full = (s: ServerChild, sec: number) => () => measured(s, agent, s.url + path, AUTH, sec);
    const ranged = (s: ServerChild, sec: number) => () => measured(s, agent, s.url + path, range, sec);
    const runs = await interleave(
      { mockFull: full(mock, SECONDS), bareFull: full(bare, SECONDS), mockRange: ranged(mock, SECONDS), bareRange: ranged(bare, SECONDS) },
      ROUNDS,
      { mockFull: full(mock, 0.5), bareFull: full(bare, 0.5), mockRange: ranged(mock, 0.5), bareRange: ranged(bare, 0.5) },
    );
    type Run = (typeof runs.mockFull)[number];
    const ratio = (a: Run[], b: Run[], f: (r: Run) => number) => median(a.map((x, i) => f(x) / f(b[i]!)));
    const mibps = (r: Run) => r.mibPerSec;
    const cpu = (r: Run) => r.cpuPerMiB;
    figures.push(
      figure(`media full download (${(size / MiB).toFixed(1)} MiB): throughput mock/bare`, ratio(runs.mockFull, runs.bareFull, mibps), 'x', '>=', 0.8),
      figure('media 1 MiB range: throughput mock/bare', ratio(runs.mockRange, runs.bareRange, mibps), 'x', '>=', 0.8),
      info('media full: mock throughput', median(runs.mockFull.map(mibps)), 'MiB/s'),
      info('media full: bare throughput', median(runs.bareFull.map(mibps)), 'MiB/s'),
      info('media 1 MiB range: mock throughput', median(runs.mockRange.map(mibps)), 'MiB/s'),
      info('media 1 MiB range: bare throughput', median(runs.bareRange.map(mibps)), 'MiB/s'),
      info('media full: server CPU per MiB bare/mock', ratio(runs.bareFull, runs.mockFull, cpu), 'x', `mock ${median(runs.mockFull.map(cpu)).toFixed(0)} µs/MiB`),
      info('media 1 MiB range: server CPU per MiB bare/mock', ratio(runs.bareRange, runs.mockRange, cpu), 'x', `mock ${median(runs.mockRange.map(cpu)).toFixed(0)} µs/MiB`),
    );

    // Memory: four parallel download loops; RSS sampled every 50 ms.
    const before = (await mock.usage()).rss;
    let peak = before;
    const sampler = setInterval(() => void mock.usage().then((u) => (peak = Math.max(peak, u.rss))), 50);
    await Promise.all(Array.from({ length: 4 }, () => throughput(agent, mock.url + path, AUTH, 3)));
    clearInterval(sampler);
    const after = (await mock.usage()).rss;
    peak = Math.max(peak, after);
    figures.push(
      figure('media 4 parallel downloads: mock RSS growth (peak - before)', (peak - before) / MiB, 'MiB', '<', 50, `before ${(before / MiB).toFixed(0)} MiB, peak ${(peak / MiB).toFixed(0)}, after ${(after / MiB).toFixed(0)}`),
    );
  } finally {
    agent.destroy();
    await bare.close();
  }

  // Aborted downloads: no connection of ours stays open, so every fd the mock holds afterwards
  // beyond its idle count is a leak. Sockets take a moment to close after an abort: poll briefly.
  if (!fdsSupported()) return [...figures, info('media 20 aborted downloads: leaked fds', Number.NaN, 'fds', 'needs /proc (Linux)')];
  await new Promise((r) => setTimeout(r, 200));
  const idle = countFds(mock.pid);
  for (let i = 0; i < 20; i++) await abortedDownload(mock.url + path, AUTH);
  let now = countFds(mock.pid);
  for (let waited = 0; waited < 3000 && now.total > idle.total; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    now = countFds(mock.pid);
  }
  figures.push(
    figure('media 20 aborted downloads: fds left open', Math.max(0, now.total - idle.total), 'fds', '<=', 0, `file fds ${idle.files} → ${now.files}`),
  );
  return figures;
}
