// JUnit XML: one <testsuite> per API, one <testcase> per check × rule (classname = check id,
// name = rule). Only a rule that was asserted and held is a green testcase: a broken rule is a
// <failure> on that rule alone; a rule that was not applicable, or did not run because an earlier
// step failed, is <skipped> with the reason; a check that stopped early gets a skipped
// "rest of the check (not run)" testcase; an errored check an <error> testcase. Operations the
// target does not implement are testcases of classname `<api>.not-implemented`.
//
// A deviation from a callrec decision (a rule resting only on our decision) is a <failure> when
// decisions are strict. When they are not, it is <skipped> with "deviates from callrec decision …":
// CI dashboards (Jenkins, GitLab, GitHub test reporters) count and show skipped testcases apart
// from passed ones without failing the build, whereas a <system-err> on a passing testcase is
// drawn green and only seen by whoever opens it — that would hide the deviation.

import type { CheckResult, CompletedRun, FailureRecord, NotImplementedRecord, RuleResult, RunStarted } from '../engine/events.ts';
import { deviationText, rulesOf, strictnessText } from './findings.ts';
import { xmlEscape as esc } from './xml.ts';

interface Case {
  classname: string;
  name: string;
  time: number;
  body: string;
  kind: 'passed' | 'failure' | 'error' | 'skipped';
}

/** The name of the testcase standing for whatever a check did not get to after it stopped. */
export const REST_OF_CHECK = 'rest of the check (not run)';
/** The same for a check an error stopped: the error is reported there, not on a rule that held. */
export const ERRORED_REST = 'rest of the check (errored)';

export function renderJunit(run: CompletedRun): string {
  const { started, finished } = run;
  const cases = [
    ...finished.results.flatMap((r) => casesOf(r, started.strictDecisions)),
    ...finished.summary.notImplemented.map((n) => notImplementedCase(n, started)),
  ];
  const count = (k: Case['kind']) => cases.filter((c) => c.kind === k).length;
  const attrs = `tests="${cases.length}" failures="${count('failure')}" errors="${count('error')}" skipped="${count('skipped')}" time="${secs(finished.durationMs)}"`;
  const properties = [
    ['seed', String(started.seed)],
    ['target', started.target],
    ['spec', started.specFile],
    ['toolVersion', started.toolVersion],
    ['strictDecisions', String(started.strictDecisions)],
    ['decisions', strictnessText(started.strictDecisions)],
  ]
    .map(([n, v]) => `      <property name="${esc(n!)}" value="${esc(v!)}"/>`)
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="callrec" ${attrs}>`,
    `  <testsuite name="${esc(started.api)}" ${attrs} timestamp="${esc(started.startedAt.replace(/Z$/, ''))}" hostname="callrec">`,
    '    <properties>',
    properties,
    '    </properties>',
    ...cases.map(renderCase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function casesOf(r: CheckResult, strict: boolean): Case[] {
  const rules = rulesOf(r);
  const extra = (r.status === 'errored' ? 1 : 0) + (r.stoppedEarly && r.status !== 'errored' ? 1 : 0);
  const time = r.durationMs / 1000 / Math.max(1, rules.length + extra);
  const base = (name: string) => ({ classname: r.id, name, time });
  // Dashboards merge testcases of the same name: a rule asserted twice keeps both, numbered.
  const seen = new Map<string, number>();
  const unique = (name: string) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} #${n}`;
  };
  const cases = rules.map((rule): Case => ruleCase(r, rule, base(unique(rule.rule)), strict));
  if (r.status === 'errored') {
    cases.push({
      ...base(rules.length ? ERRORED_REST : r.title),
      kind: 'error',
      body: `<error message="${esc(r.error?.message ?? 'error')}" type="error">${esc(r.error?.stack ?? '')}</error>${systemOut('errored: a bug in the check or the harness, not a finding about the target; whatever the check would have asserted next did not run')}`,
    });
  } else if (r.stoppedEarly) {
    cases.push({ ...base(REST_OF_CHECK), kind: 'skipped', body: skipped(r.stoppedEarly) });
  }
  return cases;
}

function ruleCase(r: CheckResult, rule: RuleResult, base: Pick<Case, 'classname' | 'name' | 'time'>, strict: boolean): Case {
  switch (rule.status) {
    case 'passed':
      return { ...base, kind: 'passed', body: '' };
    case 'failed':
      return { ...base, kind: 'failure', body: failureBody(r, rule.failure, `${rule.failure?.rule ?? rule.rule} (expected ${rule.failure?.expected}, got ${rule.failure?.actual})`) };
    case 'deviated': {
      const text = rule.failure ? deviationText({ rule, failure: rule.failure }) : `deviates from callrec decision ${rule.decision ?? '?'}`;
      if (strict) return { ...base, kind: 'failure', body: failureBody(r, rule.failure, text) };
      return { ...base, kind: 'skipped', body: `${skipped(`${text} (not strict: does not fail the run)`)}${rule.failure ? systemOut(details(r, rule.failure)) : ''}` };
    }
    case 'not-applicable':
      return { ...base, kind: 'skipped', body: skipped(`not applicable: ${rule.reason ?? 'no reason given'}`) };
    case 'not-run':
      return { ...base, kind: 'skipped', body: skipped(`not run: ${rule.reason ?? 'an earlier step failed'}`) };
  }
}

function notImplementedCase(n: NotImplementedRecord, started: RunStarted): Case {
  const o = started.operations[n.operation];
  const base = { classname: `${started.api}.not-implemented`, name: o ? `${n.operation} (${o.method} ${o.path})` : n.operation, time: 0 };
  if (n.acknowledged) return { ...base, kind: 'skipped', body: skipped(`not implemented by the target (acknowledged in the target config): ${n.evidence}`) };
  const message = `${n.operation} is documented but not implemented by the target`;
  return { ...base, kind: 'failure', body: `<failure message="${esc(message)}" type="not-implemented">${esc(`${message}\n${n.evidence}`)}</failure>` };
}

function failureBody(r: CheckResult, f: FailureRecord | undefined, message: string): string {
  if (!f) return `<failure message="${esc(message)}" type="${esc(r.id)}"/>`;
  const text = [`rule: ${f.rule}`, `spec: ${f.specLocation}`, ...(f.decision ? [`rests only on callrec decision: ${f.decision}`] : []), `expected: ${f.expected}`, `actual: ${f.actual}`].join('\n');
  return `<failure message="${esc(message)}" type="${esc(r.id)}">${esc(text)}</failure>${systemOut(details(r, f))}`;
}

const details = (r: CheckResult, f: FailureRecord) =>
  [f.curl ? `Reproduce with:\n${f.curl}` : '', f.repro ? `Steps:\n${f.repro}` : '', `check seed: ${r.seed}`].filter(Boolean).join('\n\n');

const skipped = (message: string) => `<skipped message="${esc(message)}"/>`;
const systemOut = (text: string) => `<system-out>${esc(text)}</system-out>`;

function renderCase(c: Case): string {
  const open = `    <testcase classname="${esc(c.classname)}" name="${esc(c.name)}" time="${c.time.toFixed(3)}"`;
  return c.body ? `${open}>${c.body}</testcase>` : `${open}/>`;
}

const secs = (ms: number) => (ms / 1000).toFixed(3);
