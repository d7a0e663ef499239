// The rules one check asserts, recorded as they end. A check's verdict is derived from them
// (see `verdict`), so a part that did not run can never be counted as passed, and a broken
// decision-only rule is told apart from a broken documented one.

import { CheckFailure, NotApplicable, NotImplemented } from '../../core/check.ts';
import type { Check, RuleOptions, RuleStatus } from '../../core/check.ts';
import type { CheckStatus, FailureRecord, NotImplementedRecord, RuleResult } from './events.ts';

export class RuleLog {
  readonly rules: RuleResult[] = [];
  readonly notImplemented = new Map<string, NotImplementedRecord>();

  constructor(
    private readonly check: Check,
    private readonly specFile: string,
  ) {}

  record(name: string, status: RuleStatus, opts: RuleOptions & { reason?: string; failure?: FailureRecord } = {}): void {
    this.rules.push({
      rule: name,
      status,
      ...(opts.specRef ? { specRef: opts.specRef } : {}),
      ...(opts.decision ? { decision: opts.decision } : {}),
      ...(opts.operation ? { operation: opts.operation } : {}),
      ...(opts.reason ? { reason: opts.reason } : {}),
      ...(opts.failure ? { failure: opts.failure } : {}),
    });
  }

  /** A failure thrown by ctx.fail: 'deviated' when the rule rests only on a decision. */
  recordFailure(name: string, e: CheckFailure, opts: RuleOptions = {}): void {
    const failure = this.failureRecord(e, opts);
    this.record(name, failure.decision ? 'deviated' : 'failed', { ...opts, specRef: failure.specRef, ...(failure.decision ? { decision: failure.decision } : {}), failure });
  }

  recordNotImplemented(name: string, e: NotImplemented, opts: RuleOptions = {}): void {
    if (!this.notImplemented.has(e.operation)) {
      this.notImplemented.set(e.operation, { operation: e.operation, evidence: e.evidence, acknowledged: e.acknowledged });
    }
    this.record(name, 'not-applicable', { ...opts, operation: e.operation, reason: `needs ${e.operation}, which the target does not implement` });
  }

  /** Runs one rule body; true when it passed. Errors that are not verdicts propagate (the check errored). */
  async run(name: string, body: () => Promise<void> | void, opts: RuleOptions = {}): Promise<boolean> {
    try {
      await body();
    } catch (e) {
      if (e instanceof CheckFailure) this.recordFailure(name, e, opts);
      else if (e instanceof NotApplicable) this.record(name, 'not-applicable', { ...opts, reason: e.reason });
      else if (e instanceof NotImplemented) this.recordNotImplemented(name, e, opts);
      else throw e;
      return false;
    }
    this.record(name, 'passed', opts);
    return true;
  }

  failureRecord(e: CheckFailure, opts: RuleOptions = {}): FailureRecord {
    const f = e.failure;
    const specRef = f.specRef ?? opts.specRef ?? this.check.specRef;
    const operation = f.operation ?? opts.operation ?? f.response?.exchange.operation;
    const decision = f.decision ?? opts.decision;
    return {
      rule: f.rule,
      specRef,
      specLocation: `${this.specFile}${specRef.startsWith('#') ? '' : '#'}${specRef}`,
      expected: f.expected,
      actual: f.actual,
      ...(f.response ? { curl: f.response.curl, exchange: f.response.exchange } : {}),
      ...(f.repro ? { repro: f.repro } : {}),
      ...(operation ? { operation } : {}),
      ...(decision ? { decision } : {}),
    };
  }
}

/** The check's verdict from its rules (see CheckStatus). */
export function verdict(rules: readonly RuleResult[]): CheckStatus {
  if (rules.some((r) => r.status === 'failed')) return 'failed';
  if (rules.some((r) => r.status === 'deviated')) return 'deviated';
  if (rules.some((r) => r.status === 'passed')) return 'passed';
  return 'not-applicable';
}

/** The first failure to show for a check: a documented one before a deviation. */
export function firstFailure(rules: readonly RuleResult[]): FailureRecord | undefined {
  return (rules.find((r) => r.status === 'failed') ?? rules.find((r) => r.status === 'deviated'))?.failure;
}

/** The reasons a check with no passed rule could not be asserted, in one line. */
export function notApplicableReason(rules: readonly RuleResult[]): string | undefined {
  const reasons = [...new Set(rules.filter((r) => r.status === 'not-applicable' && r.reason).map((r) => r.reason!))];
  return reasons.length ? reasons.join('; ') : undefined;
}
