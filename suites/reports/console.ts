// The console report: a header, a live progress line on a terminal, then checks grouped by
// operation, numbered failures with "Reproduce with:" curl lines, the decisions those
// failures rest on, and a summary ending in one parseable line ("N passed, N failed, …").

import { API_KEY_VARIABLE, API_KEY_NOTE, shellQuote } from '../engine/curl.ts';
import { summaryLine } from '../engine/events.ts';
import type { CheckResult, Emit, RunFinished, RunStarted } from '../engine/events.ts';

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
    '',
    '',
  ].join('\n');
}

function body(started: RunStarted, finished: RunFinished, footer: string[]): string {
  const lines: string[] = [];
  const results = finished.results;

  // Checks grouped by the first operation they exercise, in run order.
  const groups = new Map<string, CheckResult[]>();
  for (const r of results) {
    const op = r.operations[0] ?? '(no operation)';
    if (!groups.has(op)) groups.set(op, []);
    groups.get(op)!.push(r);
  }
  for (const [op, rs] of groups) {
    const o = started.operations[op];
    lines.push(o ? `${op}  (${o.method} ${o.path})` : op);
    for (const r of rs) {
      const note = r.status === 'not-applicable' || r.status === 'not-run' ? `  — ${r.reason ?? r.status}` : '';
      lines.push(`  ${MARK[r.status]} ${r.id}  ${r.title}${note}`);
    }
  }

  const bad = results.filter((r) => r.status === 'failed' || r.status === 'errored');
  if (bad.length) {
    lines.push('', 'FAILURES', '');
    bad.forEach((r, i) => lines.push(...failureLines(i + 1, r, started), ''));
  }

  const decisionIds = new Set(bad.map((r) => r.decision).filter((d): d is string => Boolean(d)));
  if (decisionIds.size) {
    lines.push('DECISIONS the failing checks rest on (where the sources are silent)');
    for (const id of decisionIds) {
      const d = started.decisions.find((x) => x.id === id);
      lines.push(`  ${id}: ${d ? d.summary : '(not found in the spec)'}${d?.source ? `  [${d.source}]` : ''}`);
    }
    lines.push('');
  }

  if (bad.some((r) => r.failure?.curl?.includes(`$${API_KEY_VARIABLE}`))) lines.push(`Note: ${API_KEY_NOTE}`, '');

  if (footer.length) lines.push(...footer, '');
  const s = finished.summary;
  lines.push(
    'SUMMARY',
    `  ${s.passed} passed, ${s.failed} failed, ${s.notApplicable} not applicable${s.errored ? `, ${s.errored} errored` : ''}${s.notRun ? `, ${s.notRun} not run` : ''}`,
    `  seed ${started.seed} (re-run with --seed ${started.seed}) · ${(finished.durationMs / 1000).toFixed(2)} s`,
    summaryLine(s),
    '',
  );
  return `\n${lines.join('\n')}`;
}

function failureLines(n: number, r: CheckResult, started: RunStarted): string[] {
  const extra = (started.rerunFlags ?? []).map((f) => (f.startsWith('-') ? f : shellQuote(f))).join(' ');
  const rerun = `callrec run --api ${started.api}${started.builtInMock ? '' : ` --target ${shellQuote(started.target)}`}${extra ? ` ${extra}` : ''} --checks ${r.id} --seed ${started.seed}`;
  if (r.status === 'errored') {
    return [
      `${n}) ${r.id} — ${r.title}`,
      '   errored (a bug in the check or the harness, not a finding about the target):',
      ...(r.error?.stack ?? '').split('\n').map((l) => `     ${l}`),
      `   Re-run: ${rerun}`,
    ];
  }
  const f = r.failure!;
  return [
    `${n}) ${r.id} — ${r.title}`,
    `   Rule:      ${f.rule}`,
    `   Spec:      ${f.specLocation}`,
    ...(f.operation ? [`   Operation: ${f.operation}${opLabel(started, f.operation)}`] : []),
    `   Expected:  ${f.expected}`,
    `   Actual:    ${f.actual}`,
    ...(f.curl ? ['   Reproduce with:', `     ${f.curl}`] : []),
    ...(f.repro ? ['   Steps:', ...f.repro.split('\n').map((l) => `     ${l}`)] : []),
    ...(r.decision ? [`   Rests on decision: ${r.decision}`] : []),
    `   Re-run: ${rerun}`,
  ];
}

const opLabel = (started: RunStarted, op: string) => {
  const o = started.operations[op];
  return o ? ` (${o.method} ${o.path})` : '';
};
