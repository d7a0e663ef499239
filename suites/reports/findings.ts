// What every report format shows the same way: the rules of a check, the failures numbered in
// run order, the deviations from callrec decisions, and the wording of a deviation. Kept in one
// place so console, JUnit, JSON and HTML cannot disagree about what failed.

import { runFailed } from '../engine/events.ts';
import type { CheckResult, FailureRecord, RuleResult, RunSummary } from '../engine/events.ts';

/**
 * The rules of a check. A check that ran always has them (the runner records at least one); a
 * result built without rules (a check that never started, or an older report) gets one rule named
 * by its title carrying the check's own status, so no format has to special-case it.
 */
export function rulesOf(r: CheckResult): RuleResult[] {
  if (r.rules.length > 0) return r.rules;
  switch (r.status) {
    case 'passed':
      return [{ rule: r.title, status: 'passed' }];
    case 'failed':
    case 'deviated':
      return r.failure ? [{ rule: r.failure.rule, status: r.status, ...(r.failure.decision ? { decision: r.failure.decision } : {}), failure: r.failure }] : [];
    case 'not-applicable':
    case 'not-run':
      return [{ rule: r.title, status: r.status, ...(r.reason ? { reason: r.reason } : {}) }];
    case 'errored':
      return [];
  }
}

/** One broken rule: a documented one (failed) or a decision-only one (deviated). */
export interface BrokenRule {
  check: CheckResult;
  rule: RuleResult;
  failure: FailureRecord;
}

/** A numbered entry of the failures list: a broken documented rule, or a check that errored. */
export type FailureEntry = { kind: 'rule'; n: number; broken: BrokenRule } | { kind: 'errored'; n: number; check: CheckResult };

export interface Findings {
  failures: FailureEntry[];
  /** Numbered after the failures, so every number in a report names one thing. */
  deviations: Array<BrokenRule & { n: number }>;
}

export function findings(results: readonly CheckResult[]): Findings {
  const failures: FailureEntry[] = [];
  const broken: BrokenRule[] = [];
  let n = 0;
  for (const check of results) {
    for (const rule of rulesOf(check)) {
      if (!rule.failure) continue;
      if (rule.status === 'failed') failures.push({ kind: 'rule', n: ++n, broken: { check, rule, failure: rule.failure } });
      else if (rule.status === 'deviated') broken.push({ check, rule, failure: rule.failure });
    }
    if (check.status === 'errored') failures.push({ kind: 'errored', n: ++n, check });
  }
  return { failures, deviations: broken.map((b) => ({ ...b, n: ++n })) };
}

/** The decision a deviated rule rests on. */
export const decisionOf = (b: Pick<BrokenRule, 'rule' | 'failure'>): string => b.failure.decision ?? b.rule.decision ?? '(unnamed decision)';

/** "deviates from callrec decision <id>: expected …, got …" — the one wording every format uses. */
export const deviationText = (b: Pick<BrokenRule, 'rule' | 'failure'>): string =>
  `deviates from callrec decision ${decisionOf(b)}: expected ${b.failure.expected}, got ${b.failure.actual}`;

/** How strict decisions are, in one sentence, for report headers. */
export const strictnessText = (strict: boolean): string =>
  strict
    ? 'strict — a deviation from a callrec decision fails the run (a callrec mock, or --strict-decisions)'
    : 'not strict — deviations from callrec decisions are reported and do not fail the run (--strict-decisions makes them)';

/** Why the run failed, or that it passed: "failed (2 checks failed, 1 operation not implemented)". */
export function verdictText(s: RunSummary): string {
  if (!runFailed(s)) return `passed${s.deviated ? ` (${s.deviated} deviated from callrec decisions, not strict)` : ''}`;
  const why = [
    s.failed ? `${s.failed} check(s) failed` : '',
    s.errored ? `${s.errored} errored` : '',
    s.strictDecisions && s.deviated ? `${s.deviated} deviated (strict decisions)` : '',
    s.notImplemented.some((o) => !o.acknowledged) ? `${s.notImplemented.filter((o) => !o.acknowledged).length} operation(s) not implemented` : '',
  ].filter(Boolean);
  return `FAILED (${why.join(', ')})`;
}
