// The console report: a header (seed, whether decisions are strict), a live progress line on a
// terminal, then checks grouped by operation with every rule that did not pass under its check,
// numbered failures (one per broken documented rule) with "Reproduce with:" curl lines, the
// deviations from callrec decisions in their own section, the operations the target does not
// implement, the decisions involved, and a summary ending in one parseable line ("N passed, …").

import { API_KEY_VARIABLE, API_KEY_NOTE, shellQuote } from '../engine/curl.ts';
import { summaryLine } from '../engine/events.ts';
import type { CheckResult, Emit, RuleResult, RunFinished, RunStarted } from '../engine/events.ts';
import { decisionOf, deviationText, findings, rulesOf, strictnessText, verdictText } from './findings.ts';
import type { BrokenRule } from './findings.ts';

export interface ConsoleOptions {
  write?: (text: string) => void;
  /** Show a progress line that rewrites itself (stdout is a terminal). */
  tty?: boolean;
  /** Extra lines printed just before the summary (e.g. the report files written). */
  footer?: () => string[];
}

const MARK: Record<CheckResult['status'], string> = {
  passed: '✔',
  failed: '✘',
  deviated: '≠',
  errored: '!',
  'not-applicable': '–',
  'not-run': '·',
};

export function consoleReport(opts: ConsoleOptions = {}): Emit {
  const write = opts.write ?? ((t: string) => void process.stdout.write(t));
  const tty = opts.tty ?? Boolean(process.stdout.isTTY);
  let started: RunStarted | undefined;
  const clearProgress = () => tty && write('\r\x1b[2K');

  return (event) => {
    switch (event.type) {
      case 'run-started':
        started = event;
        write(header(event));
        break;
      case 'check-started':
        if (tty) {
          clearProgress();
          write(`[${event.index + 1}/${event.total}] ${event.check.id}`);
        }
        break;
      case 'check-finished':
        break;
      case 'run-finished':
        clearProgress();
        if (started) write(body(started, event, opts.footer?.() ?? []));
        break;
    }
  };
}

function header(e: RunStarted): string {
  return [
    `callrec ${e.toolVersion} — ${e.apiTitle} (${e.api})`,
    `Target:  ${e.target}${e.builtInMock ? '  (built-in mock)' : ''}`,
    `Spec:    ${e.specFile}`,
    `Seed:    ${e.seed}`,
    `Checks:  ${e.checks.length} selected`,
    `Decisions: ${strictnessText(e.strictDecisions)}`,
    '',
    '',
  ].join('\n');
}

function body(started: RunStarted, finished: RunFinished, footer: string[]): string {
  const lines: string[] = [];
  // A section starts after exactly one blank line.
  const section = (title: string) => lines.push(...(lines.at(-1) === '' ? [] : ['']), title, '');
  const results = finished.results;
  const found = findings(results);
  // Where each broken rule is detailed, so the check list can point at it.
  const numberOf = new Map<RuleResult, number>();
  for (const f of found.failures) if (f.kind === 'rule') numberOf.set(f.broken.rule, f.n);
  for (const d of found.deviations) numberOf.set(d.rule, d.n);
  const erroredNumber = new Map<CheckResult, number>();
  for (const f of found.failures) if (f.kind === 'errored') erroredNumber.set(f.check, f.n);

  // Checks grouped by the first operation they exercise, in run order; under each, every rule
  // that did not pass (passed ones are counted), so nothing not asserted hides behind a ✔.
  const groups = new Map<string, CheckResult[]>();
  for (const r of results) {
    const op = r.operations[0] ?? '(no operation)';
    if (!groups.has(op)) groups.set(op, []);
    groups.get(op)!.push(r);
  }
  for (const [op, rs] of groups) {
    const o = started.operations[op];
    lines.push(o ? `${op}  (${o.method} ${o.path})` : op);
    for (const r of rs) lines.push(...checkLines(r, numberOf, erroredNumber.get(r)));
  }

  if (found.failures.length) {
    section('FAILURES');
    for (const f of found.failures) lines.push(...(f.kind === 'rule' ? failureLines(f.n, f.broken, started) : erroredLines(f.n, f.check, started)), '');
  }

  if (found.deviations.length) {
    const how = started.strictDecisions ? 'strict: they fail this run' : 'not strict: they do not fail this run (--strict-decisions to make them)';
    section(`DEVIATIONS from callrec decisions (rules that rest only on a decision we took where the platform's sources are silent; ${how})`);
    // What the decision says is listed once, under DECISIONS below.
    for (const d of found.deviations) lines.push(...failureLines(d.n, d, started, `   ${deviationText(d)}`), '');
  }

  const missing = finished.summary.notImplemented;
  if (missing.length) {
    section('NOT IMPLEMENTED BY THE TARGET (documented operations it does not have; rules that need them were not applicable)');
    for (const m of missing) {
      const mark = m.acknowledged ? '–' : '✘';
      const ack = m.acknowledged ? ' (acknowledged in the target config: does not fail the run)' : '';
      lines.push(`  ${mark} ${m.operation}${opLabel(started, m.operation)}${ack}`, `      ${m.evidence}`);
    }
    lines.push('');
  }

  const broken = [...found.failures.flatMap((f) => (f.kind === 'rule' ? [f.broken] : [])), ...found.deviations];
  // Only the decisions deviations rest on: a failure is a documented rule, whatever its check's label.
  const decisionIds = new Set(found.deviations.map(decisionOf));
  if (decisionIds.size) {
    lines.push('DECISIONS the deviations rest on (taken where the platform\'s sources are silent)');
    for (const id of decisionIds) {
      const d = started.decisions.find((x) => x.id === id);
      lines.push(`  ${id}: ${d ? d.summary : '(not found in the spec)'}${d?.source ? `  [${d.source}]` : ''}`);
    }
    lines.push('');
  }

  // `$CALLREC_API_KEY` or `${CALLREC_API_KEY}`: either way the reader must export it first.
  if (broken.some((b) => b.failure.curl?.includes(API_KEY_VARIABLE))) lines.push(`Note: ${API_KEY_NOTE}`, '');

  if (footer.length) lines.push(...footer, '');
  const s = finished.summary;
  lines.push(
    'SUMMARY',
    `  run ${verdictText(s)}`,
    `  decisions ${s.strictDecisions ? 'strict' : 'not strict'} · seed ${started.seed} (re-run with --seed ${started.seed}) · ${(finished.durationMs / 1000).toFixed(2)} s`,
    summaryLine(s),
    '',
  );
  return `\n${lines.join('\n')}`;
}

/** A check's line, then one line per rule that did not pass and the "stopped early" note. */
function checkLines(r: CheckResult, numberOf: Map<RuleResult, number>, erroredAt?: number): string[] {
  const rules = rulesOf(r);
  const passed = rules.filter((x) => x.status === 'passed').length;
  // A check that is one rule named by its title says everything on its own line.
  const single = rules.length === 1 && rules[0]!.rule === r.title;
  const note =
    (r.status === 'not-applicable' || r.status === 'not-run') && (single || rules.length === 0) ? `  — ${r.reason ?? rules[0]?.reason ?? r.status}` : '';
  const count = rules.length > 1 ? `  [${passed}/${rules.length} rules passed]` : '';
  const out = [`  ${MARK[r.status]} ${r.id}  ${r.title}${note}${count}${erroredAt ? ` (see ${erroredAt})` : ''}`];
  if (!single) {
    for (const x of rules) {
      if (x.status === 'passed') continue;
      const ref = numberOf.has(x) ? ` (see ${numberOf.get(x)})` : '';
      const why =
        x.status === 'failed'
          ? ''
          : x.status === 'deviated'
            ? `  — deviates from callrec decision ${x.failure?.decision ?? x.decision ?? '?'}`
            : `  — ${x.status === 'not-run' ? 'not run' : 'not applicable'}: ${x.reason ?? 'no reason given'}`;
      out.push(`      ${RULE_MARK[x.status]} ${x.rule}${why}${ref}`);
    }
  } else if (numberOf.has(rules[0]!)) {
    out[0] += ` (see ${numberOf.get(rules[0]!)})`;
  }
  if (r.stoppedEarly) out.push(`      · ${r.stoppedEarly}`);
  return out;
}

const RULE_MARK: Record<RuleResult['status'], string> = { passed: '✔', failed: '✘', deviated: '≠', 'not-applicable': '–', 'not-run': '·' };

function rerunLine(r: CheckResult, started: RunStarted): string {
  const extra = (started.rerunFlags ?? []).map((f) => (f.startsWith('-') ? f : shellQuote(f))).join(' ');
  return `callrec run --api ${started.api}${started.builtInMock ? '' : ` --target ${shellQuote(started.target)}`}${extra ? ` ${extra}` : ''} --checks ${r.id} --seed ${started.seed}`;
}

function erroredLines(n: number, r: CheckResult, started: RunStarted): string[] {
  return [
    `${n}) ${r.id} — ${r.title}`,
    '   errored (a bug in the check or the harness, not a finding about the target):',
    ...(r.error?.stack ?? '').split('\n').map((l) => `     ${l}`),
    `   Re-run: ${rerunLine(r, started)}`,
  ];
}

/** A broken rule; a deviation leads with "deviates from callrec decision …", which says what came back. */
function failureLines(n: number, b: BrokenRule, started: RunStarted, deviation?: string): string[] {
  const { check: r, failure: f } = b;
  return [
    `${n}) ${r.id} — ${r.title}`,
    ...(deviation ? [deviation] : []),
    `   Rule:      ${f.rule}`,
    `   Spec:      ${f.specLocation}`,
    ...(f.operation ? [`   Operation: ${f.operation}${opLabel(started, f.operation)}`] : []),
    ...(deviation ? [] : [`   Expected:  ${f.expected}`, `   Actual:    ${f.actual}`]),
    ...(f.curl ? ['   Reproduce with:', `     ${f.curl}`] : []),
    ...(f.repro ? ['   Steps:', ...f.repro.split('\n').map((l) => `     ${l}`)] : []),
    `   Re-run: ${rerunLine(r, started)}`,
  ];
}

const opLabel = (started: RunStarted, op: string) => {
  const o = started.operations[op];
  return o ? ` (${o.method} ${o.path})` : '';
};
