// The self-check proves the suites can fail: on one in-process mock, every check must pass
// with no fault on (any failure is a false positive), and each named fault must make every
// check it declares fail. Seeded-fault recall = faults fully detected / faults declared.

import type { ApiModule } from '../../core/api.ts';
import type { SpecValidator } from '../../core/check.ts';
import { createControlClient } from './control-client.ts';
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
}

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
  /** Every declared check failed on every seed. */
  detected: boolean;
}

export interface SelfcheckResult {
  api: string;
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
  const server = await (opts.startServer ?? defaultServer(module))();
  try {
    const control = createControlClient(server.url);
    const run = (faults: string[], checks?: string[], seed = 1) =>
      runChecks({
        module,
        target: server.url,
        config: {},
        control,
        refreshConfig: () => module.mockTargetConfig(control),
        faults,
        seed,
        maxExamples: opts.maxExamples,
        ...(checks ? { checks } : {}),
        spec: opts.spec,
        decisions: opts.decisions ?? [],
        builtInMock: true,
        emit: () => {},
      });

    const falsePositives: CleanProblem[] = [];
    for (const seed of opts.seeds) {
      const { results, summary } = await run([], undefined, seed);
      log(`clean run, seed ${seed}: ${summary.passed}/${summary.total} passed`);
      for (const r of results) if (r.status !== 'passed') falsePositives.push({ seed, check: r.id, status: r.status, detail: detailOf(r) });
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
      for (const seed of opts.seeds) {
        if (trips.length === 0) break;
        const { results } = await run([fault.name], trips, seed);
        for (const r of results) if (r.id in checks) checks[r.id]!.push(r.status);
      }
      const detected = fault.trips.length > 0 && unknown.length === 0 && trips.every((id) => checks[id]!.length === opts.seeds.length && checks[id]!.every((s) => s === 'failed'));
      outcomes.push({ fault: fault.name, description: fault.description, trips: [...fault.trips], unknownChecks: unknown, checks, detected });
      log(`${detected ? '✔' : '✘'} ${fault.name}`);
    }

    const tripped = new Set(module.faults.flatMap((f) => f.trips));
    for (const c of module.checks) if (!tripped.has(c.id)) defects.push(`check ${c.id} is tripped by no fault (a check that cannot fail)`);

    const detected = outcomes.filter((o) => o.detected).length;
    return {
      api: module.name,
      seeds: opts.seeds,
      checksTotal: module.checks.length,
      falsePositives,
      faults: outcomes,
      defects,
      recall: { detected, total: module.faults.length },
      ok: falsePositives.length === 0 && defects.length === 0 && detected === module.faults.length,
      durationMs: performance.now() - started,
    };
  } finally {
    await server.close();
  }
}

function detailOf(r: CheckResult): string {
  if (r.failure) return `${r.failure.rule}: expected ${r.failure.expected}, got ${r.failure.actual}`;
  return r.reason ?? r.error?.message ?? r.status;
}

function defaultServer(module: ApiModule) {
  return async () => {
    const { startMockServer } = await import('../../mock/server.ts');
    return startMockServer({ api: module.name, clock: 'frozen', port: 0 });
  };
}
