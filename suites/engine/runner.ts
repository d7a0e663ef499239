// Runs a selection of checks against one target and emits events; it never prints or writes.
// Each check runs with its own derived seed, on a freshly reset mock when the control API is
// there (so a check behaves the same alone or in a full run, and failures cannot cascade).

import type { ApiModule, TargetConfig } from '../../core/suite.ts';
import { CheckFailure, NotApplicable, NotImplemented } from '../../core/check.ts';
import type { Check, ControlClient, SpecValidator } from '../../core/check.ts';
import type { Headers } from '../../core/http.ts';
import { createCheckContext } from './context.ts';
import { checkMeta, operationFromPointer, summarize } from './events.ts';
import type { CheckResult, DecisionNote, Emit, RunSummary } from './events.ts';
import { firstFailure, notApplicableReason, RuleLog, verdict } from './rules.ts';
import { unmetNeed } from './needs.ts';
import { deriveSeed, selectChecks } from './select.ts';
import type { Shard } from './select.ts';
import { createTargetClient } from './target-client.ts';
import { TOOL_VERSION } from './version.ts';

export const DEFAULT_CHECK_TIMEOUT_MS = 120_000;

export interface RunOptions {
  module: ApiModule;
  /** Origin (or origin + base path) of the target. */
  target: string;
  config: TargetConfig;
  control?: ControlClient;
  /** Called after each reset of the mock to rebuild the config (mockTargetConfig under the user's config). */
  refreshConfig?: () => Promise<TargetConfig>;
  /** Faults to re-apply after each reset; undefined leaves the target's faults alone. */
  faults?: string[];
  seed: number;
  maxExamples: number;
  checks?: readonly string[] | 'all';
  excludeChecks?: readonly string[];
  /** Stop after this many failed (or errored) checks; the rest are reported as not run. */
  maxFailures?: number;
  shard?: Shard;
  spec: SpecValidator;
  decisions?: DecisionNote[];
  /** `-H` headers sent with default auth. */
  headers?: Headers;
  /** Write the user's API key as $CALLREC_API_KEY in curl lines. */
  maskApiKey?: boolean;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** A check that takes longer is reported as errored. */
  checkTimeoutMs?: number;
  /** The target is the mock this process started. */
  builtInMock?: boolean;
  /** Flags a console re-run line must repeat (see RunStarted.rerunFlags). */
  rerunFlags?: string[];
  /**
   * Deviations from callrec decisions fail the run. Defaults to true with the control API (callrec's
   * own mock follows every decision) and false on other targets (--strict-decisions turns it on).
   */
  strictDecisions?: boolean;
  emit: Emit;
}

export interface RunOutcome {
  summary: RunSummary;
  results: CheckResult[];
  durationMs: number;
}

/** Throws UnknownCheckError (before emitting anything) when --checks/--exclude-checks name no check. */
export async function runChecks(opts: RunOptions): Promise<RunOutcome> {
  const { module, emit } = opts;
  const selected = selectChecks(module.name, module.checks, {
    ...(opts.checks ? { checks: opts.checks } : {}),
    ...(opts.excludeChecks ? { excludeChecks: opts.excludeChecks } : {}),
    ...(opts.shard ? { shard: opts.shard } : {}),
  });
  const started = performance.now();
  const strictDecisions = opts.strictDecisions ?? Boolean(opts.control);
  emit({
    type: 'run-started',
    api: module.name,
    apiTitle: module.title,
    target: opts.target,
    specFile: module.specPath,
    seed: opts.seed,
    checks: selected.map(checkMeta),
    decisions: opts.decisions ?? [],
    startedAt: new Date().toISOString(),
    toolVersion: TOOL_VERSION,
    builtInMock: opts.builtInMock ?? false,
    strictDecisions,
    ...(opts.rerunFlags?.length ? { rerunFlags: opts.rerunFlags } : {}),
    operations: operationTable(selected, opts.spec),
  });

  const results: CheckResult[] = [];
  let failures = 0;
  // Operations seen answering as implemented, across checks (see TargetClientOptions.implemented).
  const implemented = new Set<string>();
  for (const [index, check] of selected.entries()) {
    const total = selected.length;
    let result: CheckResult;
    if (opts.maxFailures !== undefined && failures >= opts.maxFailures) {
      result = blank(check, opts.seed, 'not-run', `not run: the run stopped after ${failures} failed check(s) (--max-failures ${opts.maxFailures})`);
    } else {
      emit({ type: 'check-started', check: checkMeta(check), index, total });
      result = await runOne(check, opts, implemented);
      if (result.status === 'failed' || result.status === 'errored' || (strictDecisions && result.status === 'deviated')) failures++;
    }
    results.push(result);
    emit({ type: 'check-finished', result, index, total });
  }

  const outcome = { summary: summarize(results, strictDecisions), results, durationMs: performance.now() - started };
  emit({ type: 'run-finished', ...outcome });
  return outcome;
}

async function runOne(check: Check, opts: RunOptions, implemented: Set<string>): Promise<CheckResult> {
  const seed = deriveSeed(opts.seed, check.id);
  const started = performance.now();
  const finish = (partial: Partial<CheckResult> & Pick<CheckResult, 'status'>): CheckResult => ({
    ...blank(check, seed, partial.status),
    ...partial,
    durationMs: performance.now() - started,
  });

  let config = opts.config;
  try {
    if (opts.control) {
      await opts.control.reset(opts.seed);
      if (opts.faults) await opts.control.setFaults(opts.faults);
      if (opts.refreshConfig) config = await opts.refreshConfig();
    }
  } catch (e) {
    return finish({ status: 'errored', error: errorInfo(e, 'resetting the mock failed') });
  }

  const blocked = unmetNeed(check.needs, config, opts.control, opts.module.needKeys);
  if (blocked) return finish({ status: 'not-applicable', reason: blocked });

  const stop = new AbortController();
  const target = createTargetClient({
    module: opts.module,
    target: opts.target,
    config,
    spec: opts.spec,
    ...(opts.headers ? { headers: opts.headers } : {}),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.maskApiKey ? { maskApiKey: true } : {}),
    // Curl lines against a callrec mock say the state they ran on (the reset just above).
    ...(opts.control ? { resetSeed: opts.seed } : {}),
    implemented,
    signal: stop.signal,
  });
  const rules = new RuleLog(check, opts.module.specPath);
  const built = createCheckContext({
    module: opts.module,
    check,
    target,
    ...(opts.control ? { control: opts.control } : {}),
    config,
    seed,
    maxExamples: opts.maxExamples,
    spec: opts.spec,
    rules,
  });

  let error: CheckResult['error'];
  let stoppedEarly: string | undefined;
  try {
    await withTimeout(check.run(built.ctx), opts.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS, stop);
    // A check that asserted no named rule and ended normally asserted its title.
    if (rules.rules.length === 0) rules.record(check.title, 'passed');
  } catch (e) {
    // A verdict thrown outside ctx.rule ends the check: it is recorded as a rule, and whatever
    // the check would have asserted after it did not run.
    if (e instanceof CheckFailure) {
      rules.recordFailure(e.failure.rule, e);
      stoppedEarly = `stopped at the first broken rule (${e.failure.rule}): later steps did not run`;
    } else if (e instanceof NotApplicable) {
      rules.record(rules.rules.length ? 'the rest of this check' : check.title, 'not-applicable', { reason: e.reason });
    } else if (e instanceof NotImplemented) {
      rules.recordNotImplemented(rules.rules.length ? 'the rest of this check' : check.title, e);
    } else {
      error = errorInfo(e);
      stoppedEarly = 'stopped by an error: later steps did not run';
    }
  } finally {
    await built.dispose();
  }

  const status = error ? 'errored' : verdict(rules.rules);
  const failure = firstFailure(rules.rules);
  const reason = status === 'not-applicable' ? notApplicableReason(rules.rules) : undefined;
  const calls = Object.fromEntries(target.calls);
  const statuses = Object.fromEntries([...target.statuses].map(([op, s]) => [op, [...s].sort((a, b) => a - b)]));
  return finish({
    status,
    // A copy: a check cut off by its timeout may still record rules after its result is out.
    rules: [...rules.rules],
    ...(failure ? { failure } : {}),
    ...(reason ? { reason } : {}),
    ...(error ? { error } : {}),
    ...(stoppedEarly ? { stoppedEarly } : {}),
    ...(rules.notImplemented.size ? { notImplemented: [...rules.notImplemented.values()] } : {}),
    calls,
    statuses,
    logs: built.logs,
  });
}

function blank(check: Check, seed: number, status: CheckResult['status'], reason?: string): CheckResult {
  return {
    ...checkMeta(check),
    status,
    seed,
    durationMs: 0,
    rules: [],
    calls: {},
    statuses: {},
    logs: [],
    ...(reason ? { reason } : {}),
  };
}

function errorInfo(e: unknown, context?: string) {
  const err = e instanceof Error ? e : new Error(String(e));
  const message = context ? `${context}: ${err.message}` : err.message;
  return { message, stack: (err.stack ?? message).split('\n').slice(0, 6).join('\n') };
}

class CheckTimeout extends Error {
  override name = 'CheckTimeout';
}

/** Races the check against its time limit; when time is up, `stop` cuts the check off the target. */
async function withTimeout<T>(p: Promise<T>, ms: number, stop: AbortController): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stop.abort();
      reject(new CheckTimeout(`the check did not finish within ${ms / 1000} s`));
    }, ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function operationTable(checks: Check[], spec: SpecValidator): Record<string, { method: string; path: string }> {
  const table: Record<string, { method: string; path: string }> = {};
  for (const op of new Set(checks.flatMap((c) => c.operations))) {
    try {
      const found = operationFromPointer(spec.pointer(op));
      if (found) table[op] = found;
    } catch {
      // An operation the spec does not know: reports fall back to its id.
    }
  }
  return table;
}
