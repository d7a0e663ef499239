// CPU pinning: the load generator (autocannon, in this process) on one CPU, the server under
// measurement on another. Unpinned on a 2-core VM, the scheduler sometimes puts both on one
// core and sometimes not, and the bare server's CPU per request swings between ~25 and ~50 µs
// from run to run (measured); pinned, it holds within a few percent. Mock and bare get the
// same treatment, so ratios stay fair. Every thread is pinned (`taskset -a`): node's file reads
// and GC run on helper threads, and a helper on the other CPU costs cross-CPU wake-ups that a
// small VM charges dearly. Uses util-linux `taskset` when present (Linux); else
// nothing is pinned and the report says so. BENCH_PIN=0 turns it off.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

const LOAD_CPU = 1;
const SERVER_CPU = 0;

function taskset(args: string[]): boolean {
  const r = spawnSync('taskset', args, { stdio: 'ignore' });
  return r.error === undefined && r.status === 0;
}

let pinning = false;

/** Pins this process (the load generator) when asked for, with at least two CPUs and taskset at hand. */
export function pinLoadGenerator(): boolean {
  pinning = process.env.BENCH_PIN !== '0' && availableParallelism() >= 2 && taskset(['-a', '-p', '-c', `${LOAD_CPU}`, String(process.pid)]);
  return pinning;
}

/** Undoes the load generator's pin (for parts that spawn whole CLI runs, which want every CPU). */
export function unpinLoadGenerator(): void {
  if (pinning) taskset(['-a', '-p', '-c', `0-${availableParallelism() - 1}`, String(process.pid)]);
}

/** Pins a server child to the server CPU (a no-op when pinning is off). */
export function pinServer(pid: number): void {
  if (pinning) taskset(['-a', '-p', '-c', `${SERVER_CPU}`, String(pid)]);
}

export const pinningNote = (): string =>
  pinning ? `load generator on CPU ${LOAD_CPU}, servers on CPU ${SERVER_CPU} (taskset)` : 'not pinned (taskset missing, one CPU, or BENCH_PIN=0)';
