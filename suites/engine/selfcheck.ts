// The self-check proves the suites can fail: on one in-process mock, every check must pass
// with no fault on (any failure is a false positive), and each named fault must make every
// check it declares fail. Seeded-fault recall = faults fully detected / faults declared.
//
// `withoutControl` meets the mock as a real server is met: the suites get a proxy that hides
// `/__callrec/`, with no control client, a running clock and no reset between checks; the
// control API is used only out of band, to seed what the target config lists and to switch the
// fault. There a check may be not applicable (a need only the control API meets), but a clean
// run must not fail (a false failure), and recall must reach WITHOUT_CONTROL_RECALL_GOAL.

import { createServer } from 'node:net';
import type { ApiModule, TargetConfig } from '../../core/suite.ts';
import type { SpecValidator } from '../../core/check.ts';
import { createControlClient } from './control-client.ts';
import type { MockControlClient } from './control-client.ts';
import { hideControlApi } from './proxy.ts';
import type { CheckResult, CheckStatus, DecisionNote } from './events.ts';
import { runChecks } from './runner.ts';

export interface SelfcheckOptions {
  module: ApiModule;
  seeds: number[];
  maxExamples: number;
  spec: SpecValidator;
  decisions?: DecisionNote[];
  /** Starts the mock; defaults to the built-in server with a frozen clock on a free port. */
  startServer?: () => Promise<{ url: string; close(): Promise<void> }>;
  /** Progress lines ("clean run, seed 1: 40 passed"). */
  log?: (line: string) => void;
  /** Meet the mock as a real server would be met (see the top of this file). */
  withoutControl?: boolean;
  /** Without control: how much faster than wall time the mock's clock runs (default 1). */
  clockRate?: number;
}

/** Without control, the share of faults that must be detected. */
export const WITHOUT_CONTROL_RECALL_GOAL = 0.95;

export interface CleanProblem {
  seed: number;
  check: string;
  status: CheckStatus;
  detail: string;
}

export interface FaultOutcome {
  fault: string;
  description: string;
  trips: string[];
  /** Declared checks the API does not have (a defect). */
  unknownChecks: string[];
  /** Per declared check: the status it ended with, once per seed. */
  checks: Record<string, CheckStatus[]>;
  /** Per declared check: whether it saw the fault (failed, deviated or found an operation missing), once per seed. */
  seen: Record<string, boolean[]>;
  /** Every declared check saw the fault on every seed. */
  detected: boolean;
}

/** A fault counts as seen by a check that failed, deviated from a decision, or found an operation missing. */
const tripped = (r: CheckResult) => r.status === 'failed' || r.status === 'deviated' || (r.notImplemented?.length ?? 0) > 0;

export interface SelfcheckResult {
  api: string;
  /** Run as a real server is met: no control API for the suites. */
  withoutControl: boolean;
  /** Without control: clean-run checks that could not be asserted, with the reason. */
  notApplicable: CleanProblem[];
  seeds: number[];
  checksTotal: number;
  falsePositives: CleanProblem[];
  faults: FaultOutcome[];
  defects: string[];
  recall: { detected: number; total: number };
  ok: boolean;
  durationMs: number;
}

export async function runSelfcheck(opts: SelfcheckOptions): Promise<SelfcheckResult> {
  const { module } = opts;
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const withoutControl = opts.withoutControl ?? false;
  const server = await (opts.startServer ?? defaultServer(module, withoutControl, opts.clockRate ?? 1))();
  const hidden = withoutControl ? await hideControlApi(server.url) : undefined;
  try {
    const control = createControlClient(server.url);
    const run = async (faults: string[], checks?: string[], seed = 1) => {
      const common = {
        module,
        seed,
        maxExamples: opts.maxExamples,
        ...(checks ? { checks } : {}),
        spec: opts.spec,
        decisions: opts.decisions ?? [],
        strictDecisions: true, // callrec's own mock follows every decision
        emit: () => {},
      };
      if (!hidden) {
        return runChecks({ ...common, target: server.url, config: {}, control, refreshConfig: () => module.mockTargetConfig(control), faults, builtInMock: true });
      }
      // As a fresh server would be: seeded once, the fault switched, then the suites alone.
      const config = await outOfBand(module, control, seed, faults);
      return runChecks({ ...common, target: hidden.url, config });
    };

    const falsePositives: CleanProblem[] = [];
    const notApplicable: CleanProblem[] = [];
    for (const seed of opts.seeds) {
      const { results, summary } = await run([], undefined, seed);
      log(`clean run${withoutControl ? ' without control' : ''}, seed ${seed}: ${summary.passed}/${summary.total} passed, ${summary.notApplicable} not applicable`);
      for (const r of results) {
        const problem = { seed, check: r.id, status: r.status, detail: detailOf(r) };
        if (withoutControl && r.status === 'not-applicable') notApplicable.push(problem);
        else if (r.status !== 'passed' || (r.notImplemented?.length ?? 0) > 0) falsePositives.push(problem);
      }
    }

    const known = new Set(module.checks.map((c) => c.id));
    const defects: string[] = [];
    const outcomes: FaultOutcome[] = [];
    for (const fault of module.faults) {
      const unknown = fault.trips.filter((id) => !known.has(id));
      for (const id of unknown) defects.push(`fault ${fault.name} declares unknown check ${id}`);
      if (fault.trips.length === 0) defects.push(`fault ${fault.name} declares no check`);
      const trips = fault.trips.filter((id) => known.has(id));
      const checks: Record<string, CheckStatus[]> = Object.fromEntries(fault.trips.map((id) => [id, []]));
      const seen: Record<string, boolean[]> = Object.fromEntries(fault.trips.map((id) => [id, []]));
      for (const seed of opts.seeds) {
        if (trips.length === 0) break;
        const { results } = await run([fault.name], trips, seed);
        for (const r of results) {
          if (!(r.id in checks)) continue;
          checks[r.id]!.push(r.status);
          seen[r.id]!.push(tripped(r));
        }
      }
      const detected = fault.trips.length > 0 && unknown.length === 0 && trips.every((id) => seen[id]!.length === opts.seeds.length && seen[id]!.every(Boolean));
      outcomes.push({ fault: fault.name, description: fault.description, trips: [...fault.trips], unknownChecks: unknown, checks, seen, detected });
      log(`${detected ? '✔' : '✘'} ${fault.name}`);
    }

    const trippedBy = new Set(module.faults.flatMap((f) => f.trips));
    for (const c of module.checks) if (!trippedBy.has(c.id)) defects.push(`check ${c.id} is tripped by no fault (a check that cannot fail)`);

    const detected = outcomes.filter((o) => o.detected).length;
    const total = module.faults.length;
    const recallOk = withoutControl ? detected >= Math.ceil(total * WITHOUT_CONTROL_RECALL_GOAL) : detected === total;
    return {
      api: module.name,
      withoutControl,
      seeds: opts.seeds,
      checksTotal: module.checks.length,
      falsePositives,
      notApplicable,
      faults: outcomes,
      defects,
      recall: { detected, total },
      ok: falsePositives.length === 0 && defects.length === 0 && recallOk,
      durationMs: performance.now() - started,
    };
  } finally {
    await hidden?.close();
    await server.close();
  }
}

/**
 * Prepares the mock out of band as an implementer prepares a real server: back to the seed, the
 * fault on, the data the config lists, and a webhook receiver registered at a fixed address.
 */
async function outOfBand(module: ApiModule, control: MockControlClient, seed: number, faults: string[]): Promise<TargetConfig> {
  await control.reset(seed);
  await control.setFaults(faults);
  const { control: _marker, ...config } = await module.mockTargetConfig(control);
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}/callrec-webhook`;
  const withReceiver: TargetConfig = { ...config, receiver: { port, host: '127.0.0.1', publicUrl } };
  await module.registerReceiver(publicUrl, control, withReceiver);
  return withReceiver;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function detailOf(r: CheckResult): string {
  if (r.failure) return `${r.failure.rule}: expected ${r.failure.expected}, got ${r.failure.actual}`;
  return r.reason ?? r.error?.message ?? r.status;
}

function defaultServer(module: ApiModule, withoutControl: boolean, clockRate: number) {
  return async () => {
    const { startMockServer } = await import('../../mock/server.ts');
    return withoutControl
      ? startMockServer({ api: module.name, clock: 'real', clockRate, port: 0 })
      : startMockServer({ api: module.name, clock: 'frozen', port: 0 });
  };
}
