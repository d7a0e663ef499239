// What the runner tells the world. The engine emits these events and knows nothing about
// report formats; every writer in suites/reports/ is a consumer of this stream.

import type { ApiName } from '../../core/api.ts';
import type { Exchange, Need, RuleStatus } from '../../core/check.ts';

/** An `x-callrec-*` decision note from the spec (a choice we took where the sources are silent). */
export interface DecisionNote {
  id: string;
  summary: string;
  appliesTo?: string[] | string;
  source?: string;
}

export interface CheckMeta {
  id: string;
  title: string;
  operations: string[];
  specRef: string;
  needs: Need[];
  decision?: string;
}

/**
 * A check's verdict, derived from its rules: 'failed' when a documented rule failed, 'deviated'
 * when only decision-only rules failed, 'passed' when at least one rule passed and none failed,
 * 'not-applicable' when no rule could be asserted. 'not-run': never started because the run
 * stopped early (--max-failures). Never shown as passed or skipped-by-choice.
 */
export type CheckStatus = 'passed' | 'failed' | 'deviated' | 'not-applicable' | 'errored' | 'not-run';

/** One rule a check asserted (or could not), as every report shows it. */
export interface RuleResult {
  rule: string;
  status: RuleStatus;
  specRef?: string;
  /** The callrec decision the rule rests on, when it rests on nothing documented. */
  decision?: string;
  operation?: string;
  /** Why it was not applicable or not run. */
  reason?: string;
  /** Set when failed or deviated. */
  failure?: FailureRecord;
}

/** A documented operation the target does not have (reported once per run). */
export interface NotImplementedRecord {
  operation: string;
  evidence: string;
  /** Listed under `notImplemented` in the target config: reported, does not fail the run. */
  acknowledged: boolean;
}

export interface FailureRecord {
  rule: string;
  specRef: string;
  /** `specs/<api>/openapi.yaml#/paths/...`: where to read the rule. */
  specLocation: string;
  expected: string;
  actual: string;
  curl?: string;
  repro?: string;
  operation?: string;
  exchange?: Exchange;
  /** The callrec decision the broken rule rests on (the failure is then a deviation). */
  decision?: string;
}

export interface CheckResult extends CheckMeta {
  status: CheckStatus;
  /** The seed this check's generators ran with (run seed + hash of the id). */
  seed: number;
  durationMs: number;
  /** The first failure (documented before decision-only); every one is in `rules`. */
  failure?: FailureRecord;
  /** Every rule the check asserted or could not assert, in order. */
  rules: RuleResult[];
  /** The check stopped at a failure or an error: whatever it would have asserted after it did not run. */
  stoppedEarly?: string;
  /** Operations the check found not implemented by the target. */
  notImplemented?: NotImplementedRecord[];
  /** Why it did not apply or did not run. */
  reason?: string;
  /** Unexpected exception: message and the first lines of the stack. */
  error?: { message: string; stack: string };
  /** Requests sent per operation, and the statuses seen. */
  calls: Record<string, number>;
  statuses: Record<string, number[]>;
  logs: string[];
}

export interface RunSummary {
  total: number;
  passed: number;
  failed: number;
  deviated: number;
  errored: number;
  notApplicable: number;
  notRun: number;
  /** Operations of the spec the target does not implement (each once). */
  notImplemented: NotImplementedRecord[];
  /** Deviations from callrec decisions fail the run (--strict-decisions, or callrec's own mock). */
  strictDecisions: boolean;
}

export type RunEvent =
  | {
      type: 'run-started';
      api: ApiName;
      apiTitle: string;
      target: string;
      specFile: string;
      seed: number;
      checks: CheckMeta[];
      decisions: DecisionNote[];
      startedAt: string; // ISO 8601
      toolVersion: string;
      /** True when the target is the mock this process started (its URL is not worth repeating). */
      builtInMock: boolean;
      /** Flags a re-run of one check needs besides api, target, checks and seed (e.g. --config FILE). */
      rerunFlags?: string[];
      /** Deviations from callrec decisions fail the run (--strict-decisions, or callrec's own mock). */
      strictDecisions: boolean;
      /** Method and path template of every operation the selected checks name, for reports. */
      operations: Record<string, { method: string; path: string }>;
    }
  | { type: 'check-started'; check: CheckMeta; index: number; total: number }
  | { type: 'check-finished'; result: CheckResult; index: number; total: number }
  | { type: 'run-finished'; summary: RunSummary; results: CheckResult[]; durationMs: number };

export type Emit = (event: RunEvent) => void;
export type RunStarted = Extract<RunEvent, { type: 'run-started' }>;
export type RunFinished = Extract<RunEvent, { type: 'run-finished' }>;

/** What every file report renders: the run's header and its end. */
export interface CompletedRun {
  started: RunStarted;
  finished: RunFinished;
}

/** `#/paths/~1recordings~1{recordingId}/get` → GET /recordings/{recordingId}. */
export function operationFromPointer(pointer: string): { method: string; path: string } | undefined {
  const m = /^#\/paths\/([^/]+)\/([a-z]+)/.exec(pointer);
  if (!m) return undefined;
  return { method: m[2]!.toUpperCase(), path: m[1]!.replace(/~1/g, '/').replace(/~0/g, '~') };
}

export const checkMeta = (c: CheckMeta): CheckMeta => ({
  id: c.id,
  title: c.title,
  operations: [...c.operations],
  specRef: c.specRef,
  needs: [...c.needs],
  ...(c.decision ? { decision: c.decision } : {}),
});

export function summarize(results: CheckResult[], strictDecisions = false): RunSummary {
  const count = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  const notImplemented = new Map<string, NotImplementedRecord>();
  for (const r of results) for (const n of r.notImplemented ?? []) if (!notImplemented.has(n.operation)) notImplemented.set(n.operation, n);
  return {
    total: results.length,
    passed: count('passed'),
    failed: count('failed'),
    deviated: count('deviated'),
    errored: count('errored'),
    notApplicable: count('not-applicable'),
    notRun: count('not-run'),
    notImplemented: [...notImplemented.values()],
    strictDecisions,
  };
}

/** Whether the run as a whole failed: what `callrec run` turns into exit code 1. */
export function runFailed(s: RunSummary): boolean {
  return s.failed > 0 || s.errored > 0 || (s.strictDecisions && s.deviated > 0) || s.notImplemented.some((n) => !n.acknowledged);
}

/** The one line CI log readers parse; the console report ends with it. */
export const summaryLine = (s: RunSummary) =>
  `${s.passed} passed, ${s.failed} failed, ${s.deviated} deviated, ${s.errored} errored, ${s.notApplicable} not applicable, ${s.notRun} not run` +
  (s.notImplemented.length ? `, ${s.notImplemented.length} operation(s) not implemented` : '');
