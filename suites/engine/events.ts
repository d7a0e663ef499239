// What the runner tells the world. The engine emits these events and knows nothing about
// report formats; every writer in suites/reports/ is a consumer of this stream.

import type { ApiName } from '../../core/api.ts';
import type { Exchange, Need } from '../../core/check.ts';

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

/** 'not-run': never started because the run stopped early (--max-failures). Never shown as passed or skipped-by-choice. */
export type CheckStatus = 'passed' | 'failed' | 'not-applicable' | 'errored' | 'not-run';

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
}

export interface CheckResult extends CheckMeta {
  status: CheckStatus;
  /** The seed this check's generators ran with (run seed + hash of the id). */
  seed: number;
  durationMs: number;
  failure?: FailureRecord;
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
  errored: number;
  notApplicable: number;
  notRun: number;
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

export function summarize(results: CheckResult[]): RunSummary {
  const count = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  return {
    total: results.length,
    passed: count('passed'),
    failed: count('failed'),
    errored: count('errored'),
    notApplicable: count('not-applicable'),
    notRun: count('not-run'),
  };
}

/** The one line CI log readers parse; the console report ends with it. */
export const summaryLine = (s: RunSummary) =>
  `${s.passed} passed, ${s.failed} failed, ${s.errored} errored, ${s.notApplicable} not applicable, ${s.notRun} not run`;
