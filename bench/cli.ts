// The CLI as a user meets it: a whole conformance run of every API against its built-in mock
// (timed per API from the output stream), and how fast `callrec mock` is listening.
// Both spawn `node cli/bin.mjs` exactly as the bin entry runs.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './load.ts';
import { figure, info, notMeasured, type Figure } from './report.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(REPO, 'cli', 'bin.mjs');
const RUN_TIMEOUT_MS = 180_000;
const URL_RE = /https?:\/\/[^\s]+:\d+/;

interface Spawned {
  code: number | null;
  ms: number;
  output: string;
  /** Every output line with the ms since spawn at which it arrived. */
  lines: { at: number; text: string }[];
}

function runToEnd(args: string[], timeoutMs: number): Promise<Spawned> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const lines: Spawned['lines'] = [];
  let partial = '';
  child.stdout.on('data', (c: Buffer) => {
    output += c;
    const parts = (partial + c).split('\n');
    partial = parts.pop()!;
    for (const text of parts) lines.push({ at: performance.now() - t0, text });
  });
  child.stderr.on('data', (c: Buffer) => (output += c));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, ms: performance.now() - t0, output, lines });
    }),
  );
}

/** Each API's report starts with `callrec <version> — <title> (<api>)`. */
const API_HEADER = /^callrec \S+ — .* \(([a-z0-9-]+)\)\s*$/;

/** Per API: ms from its header line to the next one (or the end of the run). */
function segments(run: Spawned): { api: string; ms: number }[] {
  const heads = run.lines.flatMap((l) => {
    const m = API_HEADER.exec(l.text);
    return m ? [{ api: m[1]!, at: l.at }] : [];
  });
  return heads.map((h, i) => ({ api: h.api, ms: (heads[i + 1]?.at ?? run.ms) - h.at }));
}

/** Milliseconds from spawn until the process prints a URL; the process is then stopped. */
function timeToUrl(args: string[], timeoutMs = 10_000): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no URL printed within ${timeoutMs} ms: ${output.slice(0, 300)}`)), timeoutMs);
    const finish = (result: number | Error) => {
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      child.kill('SIGTERM');
      child.once('close', () => (typeof result === 'number' ? resolve(result) : reject(result)));
    };
    const onData = (c: Buffer) => {
      output += c;
      if (URL_RE.test(output)) finish(performance.now() - t0);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      if (!URL_RE.test(output)) finish(new Error(`exited with ${code} before printing a URL: ${output.slice(0, 300)}`));
    });
  });
}

const PER_API_GOAL_S = 20;

/** `callrec run` without --api: every API against its built-in mock, one after another. */
async function runAll(): Promise<Figure[]> {
  const name = 'callrec run (all APIs, built-in mocks): total wall time';
  const dir = mkdtempSync(join(tmpdir(), 'callrec-bench-'));
  try {
    const run = await runToEnd(['run', '--seed', '1', '--report', 'json', '--report-dir', dir], RUN_TIMEOUT_MS);
    // Exit 1 = some check failed: still a complete run, so its time counts. Other codes are usage/internal errors.
    if (run.code !== 0 && run.code !== 1) {
      return [notMeasured(name, 's', '<', PER_API_GOAL_S, `exit ${run.code}: ${run.output.trim().split('\n').slice(-2).join(' | ').slice(0, 200)}`)];
    }
    const parts = segments(run);
    const failing = run.code === 1 ? 'run finished with failing checks (exit 1)' : undefined;
    return [
      ...parts.map((p) => figure(`callrec run: ${p.api} wall time`, p.ms / 1000, 's', '<', PER_API_GOAL_S, 'from its report header to the next API\'s')),
      info('callrec run: start-up (spawn to first report header)', (run.lines.find((l) => API_HEADER.test(l.text))?.at ?? Number.NaN) / 1000, 's', 'node + tsx + bundle load'),
      figure(name, run.ms / 1000, 's', '<', PER_API_GOAL_S * parts.length, [`${PER_API_GOAL_S} s per API`, failing].filter(Boolean).join('; ')),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchCli(): Promise<Figure[]> {
  const startName = 'callrec mock: start to listening';
  if (!existsSync(BIN)) {
    const why = 'cli/bin.mjs is missing';
    return [notMeasured('callrec run (all APIs, built-in mocks): total wall time', 's', '<', PER_API_GOAL_S, why), notMeasured(startName, 's', '<', 0.5, why)];
  }
  const out = await runAll();
  try {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) times.push(await timeToUrl(['mock', '--api', 'openvidu-meet', '--port', '0']));
    out.push(figure(startName, median(times) / 1000, 's', '<', 0.5, `median of 3, includes node start-up and loading the bundle`));
  } catch (e) {
    out.push(notMeasured(startName, 's', '<', 0.5, (e as Error).message.slice(0, 200)));
  }
  return out;
}
