// The self-check proves the suites can fail: on one in-process mock, every check must pass
// with no fault on (any failure is a false positive), and each named fault must make every
// check it declares fail. Seeded-fault recall = faults fully detected / faults declared.
//
// `withoutControl` meets the mock as a real server is met: the suites get a proxy that hides
// `/__callrec/`, with no control client, a running clock and no reset between checks; the
// control API is used only out of band, to seed what the target config lists and to switch the
// fault. There a check may be not applicable (a need only the control API meets), but a clean
// run must not fail (a false failure), and recall must reach WITHOUT_CONTROL_RECALL_GOAL over the
// faults a real server could reveal: a missed fault whose every check answered not applicable, or
// that the suite declares control-only (with why), is listed apart, never counted as caught, and
// such faults may not be half of all.
//
// `matrix` also runs every fault against every check (on the first seed), not only the checks
// it declares: which checks trip which faults, so a fault that only one check catches is visible
// and overlapping coverage is measured rather than assumed (issue 13). The verdicts on the
// declared checks come from the same run, so the matrix costs only the undeclared checks.

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
  /** Also run every fault against every check (first seed) and build the cross-check matrix. */
  matrix?: boolean;
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

/** One fault of the cross-check matrix: every check that tripped it, declared or not. */
export interface CrossCheckRow {
  fault: string;
  /** Checks that saw the fault (failed, deviated or found an operation missing), in check order. */
  trippedBy: string[];
  /** Of those, the checks the fault does not declare (coverage nobody wrote down). */
  undeclared: string[];
}

export interface CrossCheckMatrix {
  /** The seed every fault × check run used. */
  seed: number;
  rows: CrossCheckRow[];
  /** Per check: how many faults it tripped (every check listed, 0 included). */
  faultsPerCheck: Record<string, number>;
  /** Faults tripped by exactly one check: one weak rule away from going unnoticed. */
  caughtByOne: number;
  /** Faults tripped by two checks or more. */
  caughtByMany: number;
  /** Faults no check tripped on this seed. */
  caughtByNone: number;
}

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
  /**
   * Faults detected / faults declared. Without control, `untestable` names the faults missed there
   * whose declared checks all answered not applicable (they said they cannot run there, with the
   * reason) or that the suite declares control-only (SuiteModule.controlOnly, with why): they
   * leave the goal's denominator but stay listed, never counted as caught; a fault
   * whose check ran and passed is a miss.
   */
  recall: { detected: number; total: number; untestable?: string[] };
  /** With `matrix`: every fault against every check. */
  matrix?: CrossCheckMatrix;
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
    const rows: CrossCheckRow[] = [];
    const checkOrder = module.checks.map((c) => c.id);
    for (const fault of module.faults) {
      const unknown = fault.trips.filter((id) => !known.has(id));
      for (const id of unknown) defects.push(`fault ${fault.name} declares unknown check ${id}`);
      if (fault.trips.length === 0) defects.push(`fault ${fault.name} declares no check`);
      const trips = fault.trips.filter((id) => known.has(id));
      const checks: Record<string, CheckStatus[]> = Object.fromEntries(fault.trips.map((id) => [id, []]));
      const seen: Record<string, boolean[]> = Object.fromEntries(fault.trips.map((id) => [id, []]));
      for (const [i, seed] of opts.seeds.entries()) {
        const wholeMatrix = opts.matrix === true && i === 0;
        if (trips.length === 0 && !wholeMatrix) break;
        // The matrix's seed runs every check; the others only the declared ones.
        const { results } = await run([fault.name], wholeMatrix ? checkOrder : trips, seed);
        if (wholeMatrix) {
          const trippedBy = results.filter(tripped).map((r) => r.id);
          rows.push({ fault: fault.name, trippedBy, undeclared: trippedBy.filter((id) => !fault.trips.includes(id)) });
        }
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
    const matrix = opts.matrix ? crossCheckMatrix(opts.seeds[0]!, rows, checkOrder) : undefined;
    const controlOnly = new Set(module.faults.filter((f) => f.controlOnly !== undefined).map((f) => f.name));
    const untestable = withoutControl
      ? outcomes
          .filter((o) => !o.detected && o.trips.length > 0)
          .filter((o) => controlOnly.has(o.fault) || o.trips.every((id) => (o.checks[id] ?? []).length > 0 && o.checks[id]!.every((s) => s === 'not-applicable')))
          .map((o) => o.fault)
      : [];
    // Left-out faults may not carry the goal: at most half of all may be left out.
    const recallOk = withoutControl
      ? untestable.length < total / 2 && detected >= Math.ceil((total - untestable.length) * WITHOUT_CONTROL_RECALL_GOAL)
      : detected === total;
    return {
      api: module.name,
      withoutControl,
      seeds: opts.seeds,
      checksTotal: module.checks.length,
      falsePositives,
      notApplicable,
      faults: outcomes,
      defects,
      recall: withoutControl ? { detected, total, untestable } : { detected, total },
      ...(matrix ? { matrix } : {}),
      ok: falsePositives.length === 0 && defects.length === 0 && recallOk,
      durationMs: performance.now() - started,
    };
  } finally {
    await hidden?.close();
    await server.close();
  }
}

export function crossCheckMatrix(seed: number, rows: CrossCheckRow[], checks: string[]): CrossCheckMatrix {
  const faultsPerCheck: Record<string, number> = Object.fromEntries(checks.map((id) => [id, 0]));
  for (const row of rows) for (const id of row.trippedBy) faultsPerCheck[id] = (faultsPerCheck[id] ?? 0) + 1;
  const count = (pred: (n: number) => boolean) => rows.filter((r) => pred(r.trippedBy.length)).length;
  return { seed, rows, faultsPerCheck, caughtByOne: count((n) => n === 1), caughtByMany: count((n) => n > 1), caughtByNone: count((n) => n === 0) };
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
