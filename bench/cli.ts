// The CLI as a user meets it: a whole conformance run against the built-in mock, and how fast
// `callrec mock` is listening. Both spawn `node cli/bin.mjs` exactly as the bin entry runs.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './load.ts';
import { figure, notMeasured, type Figure } from './report.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(REPO, 'cli', 'bin.mjs');
const RUN_TIMEOUT_MS = 60_000;
const URL_RE = /https?:\/\/[^\s]+:\d+/;

interface Spawned {
  code: number | null;
  ms: number;
  output: string;
}

function runToEnd(args: string[], timeoutMs: number): Promise<Spawned> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c));
  child.stderr.on('data', (c: Buffer) => (output += c));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, ms: performance.now() - t0, output });
    }),
  );
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

export async function benchCli(): Promise<Figure[]> {
  const runName = 'callrec run --api openvidu-meet (built-in mock): wall time';
  const startName = 'callrec mock: start to listening';
  if (!existsSync(BIN)) {
    const why = 'cli/bin.mjs is missing';
    return [notMeasured(runName, 's', '<', 20, why), notMeasured(startName, 's', '<', 0.5, why)];
  }
  const out: Figure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'callrec-bench-'));
  try {
    const run = await runToEnd(['run', '--api', 'openvidu-meet', '--seed', '1', '--report', 'json', '--report-dir', dir], RUN_TIMEOUT_MS);
    // Exit 1 = some check failed: still a complete run, so its time counts. Other codes are usage/internal errors.
    if (run.code === 0 || run.code === 1) {
      out.push(figure(runName, run.ms / 1000, 's', '<', 20, run.code === 1 ? 'run finished with failing checks (exit 1)' : undefined));
    } else {
      out.push(notMeasured(runName, 's', '<', 20, `exit ${run.code}: ${run.output.trim().split('\n').slice(-2).join(' | ').slice(0, 200)}`));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  try {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) times.push(await timeToUrl(['mock', '--api', 'openvidu-meet', '--port', '0']));
    out.push(figure(startName, median(times) / 1000, 's', '<', 0.5, `median of 3, includes node + tsx start-up`));
  } catch (e) {
    out.push(notMeasured(startName, 's', '<', 0.5, (e as Error).message.slice(0, 200)));
  }
  return out;
}
