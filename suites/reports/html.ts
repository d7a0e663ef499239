// One static, self-contained HTML file: counts first (deviated included), then failures (one per
// broken documented rule) with their curl lines, the deviations from callrec decisions, the
// operations the target does not implement, every check with its rules, then the decisions.

import type { CheckResult, CompletedRun, NotImplementedRecord, RuleResult } from '../engine/events.ts';
import { decisionOf, deviationText, findings, rulesOf, strictnessText, verdictText } from './findings.ts';
import type { BrokenRule } from './findings.ts';
import { htmlEscape as esc } from './xml.ts';

const STATUS_LABEL: Record<CheckResult['status'], string> = {
  passed: 'passed',
  failed: 'failed',
  deviated: 'deviates from a callrec decision',
  errored: 'errored',
  'not-applicable': 'not applicable',
  'not-run': 'not run',
};

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2329}
h1{font-size:1.5rem;margin-bottom:.2rem} .meta{color:#5a6570}
.counts{display:flex;gap:1rem;margin:1rem 0} .count{padding:.6rem 1rem;border-radius:6px;background:#eef1f4}
.count b{display:block;font-size:1.6rem} .passed b{color:#1a7f37} .failed b,.errored b{color:#cf222e}
.failure{border-left:4px solid #cf222e;padding:.4rem 1rem;margin:1rem 0;background:#fff6f6}
.deviation{border-left:4px solid #9a6700;padding:.4rem 1rem;margin:1rem 0;background:#fff8e5} .deviated b{color:#9a6700}
ul.rules{margin:.3rem 0 0;padding-left:1.2rem;font-size:13px}
pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;padding:.5rem;border-radius:4px}
table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e1e4e8;vertical-align:top}
.st-passed{color:#1a7f37}.st-failed,.st-errored{color:#cf222e;font-weight:600}.st-deviated{color:#9a6700;font-weight:600}.st-not-applicable,.st-not-run{color:#6e7781}
code{font-size:12px}`;

export function renderHtml({ started, finished }: CompletedRun): string {
  const s = finished.summary;
  const found = findings(finished.results);
  const counts: Array<[string, number]> = [
    ['passed', s.passed],
    ['failed', s.failed],
    ['deviated', s.deviated],
    ['errored', s.errored],
    ['not applicable', s.notApplicable],
    ['not run', s.notRun],
    ...(s.notImplemented.length ? ([['not implemented', s.notImplemented.length]] as Array<[string, number]>) : []),
  ];
  const how = started.strictDecisions ? 'Decisions are strict: these fail the run.' : 'Decisions are not strict: these are reported and do not fail the run (<code>--strict-decisions</code> makes them).';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>callrec — ${esc(started.apiTitle)}</title>
<style>${STYLE}</style></head><body>
<h1>callrec conformance report — ${esc(started.apiTitle)}</h1>
<p class="meta">API <code>${esc(started.api)}</code> · target <code>${esc(started.target)}</code> · spec <code>${esc(started.specFile)}</code><br>
seed <b id="seed">${started.seed}</b> · started ${esc(started.startedAt)} · ${(finished.durationMs / 1000).toFixed(2)} s · callrec ${esc(started.toolVersion)}<br>
decisions <b id="strict-decisions" data-strict="${started.strictDecisions}">${esc(strictnessText(started.strictDecisions))}</b> · run <b id="verdict">${esc(verdictText(s))}</b></p>
<div class="counts">${counts.map(([label, n]) => `<div class="count ${label.replace(' ', '-')}"><b>${n}</b>${label}</div>`).join('')}</div>
${found.failures.length ? `<h2 id="failures">Failures</h2>\n${found.failures.map((f) => (f.kind === 'rule' ? brokenBlock(f.n, f.broken, 'failure') : erroredBlock(f.n, f.check))).join('\n')}` : '<p>No failures.</p>'}
${
  found.deviations.length
    ? `<h2 id="deviations">Deviations from callrec decisions</h2>
<p>Rules that rest only on a decision we took where the platform's sources are silent. ${how}</p>
${found.deviations.map((d) => brokenBlock(d.n, d, 'deviation', started.decisions.find((x) => x.id === decisionOf(d))?.summary)).join('\n')}`
    : ''
}
${s.notImplemented.length ? notImplementedSection(started, s.notImplemented) : ''}
<h2>All checks</h2>
<table><thead><tr><th>Status</th><th>Check and its rules</th><th>Operations</th><th>Spec location</th><th>Decision</th></tr></thead><tbody>
${finished.results.map((r) => checkRow(r, started.specFile)).join('\n')}
</tbody></table>
<h2>Decisions (x-callrec notes)</h2>
${
  started.decisions.length
    ? `<ul>${started.decisions.map((d) => `<li id="decision-${esc(d.id)}"><code>${esc(d.id)}</code> — ${esc(d.summary)}${d.source ? ` <span class="meta">(${esc(d.source)})</span>` : ''}</li>`).join('')}</ul>`
    : '<p>The spec records no decisions.</p>'
}
</body></html>
`;
}

function erroredBlock(n: number, r: CheckResult): string {
  return `<div class="failure" id="finding-${n}"><h3>${n}) ${esc(r.id)} — ${esc(r.title)}</h3><p>Errored (a bug in the check or the harness, not a finding):</p><pre>${esc(r.error?.stack ?? '')}</pre></div>`;
}

function brokenBlock(n: number, b: BrokenRule, kind: 'failure' | 'deviation', decisionSummary?: string): string {
  const { check: r, failure: f } = b;
  const lead = kind === 'deviation' ? `<p class="dev-text">${esc(deviationText(b))}${decisionSummary ? `<br><span class="meta">decision: ${esc(decisionSummary)}</span>` : ''}</p>` : '';
  // A failure is a documented rule whatever its check's label; only a deviation names a decision.
  const label = kind === 'deviation' ? decisionOf(b) : undefined;
  return `<div class="${kind}" id="finding-${n}"><h3>${n}) ${esc(r.id)} — ${esc(r.title)}</h3>${lead}
<p><b>${esc(f.rule)}</b><br>spec: <code>${esc(f.specLocation)}</code>${f.operation ? ` · operation <code>${esc(f.operation)}</code>` : ''}</p>
<p>expected: ${esc(f.expected)}<br>actual: ${esc(f.actual)}</p>
${f.curl ? `<p>Reproduce with:</p><pre>${esc(f.curl)}</pre>` : ''}${f.repro ? `<p>Steps:</p><pre>${esc(f.repro)}</pre>` : ''}
<p class="meta">check seed ${r.seed}${label ? ` · rests only on decision <a href="#decision-${esc(label)}">${esc(label)}</a>` : ''}</p></div>`;
}

function notImplementedSection(started: CompletedRun['started'], list: NotImplementedRecord[]): string {
  const item = (n: NotImplementedRecord) => {
    const o = started.operations[n.operation];
    return `<li class="${n.acknowledged ? 'st-not-applicable' : 'st-failed'}"><code>${esc(n.operation)}</code>${o ? ` (${esc(o.method)} <code>${esc(o.path)}</code>)` : ''}${n.acknowledged ? ' — acknowledged in the target config, does not fail the run' : ''}<br><span class="meta">${esc(n.evidence)}</span></li>`;
  };
  return `<h2 id="not-implemented">Not implemented by the target</h2>
<p>Documented operations the target does not have; every rule that needs one was not applicable, every other rule still ran.</p>
<ul>${list.map(item).join('')}</ul>`;
}

const RULE_LABEL: Record<RuleResult['status'], string> = {
  passed: 'passed',
  failed: 'failed',
  deviated: 'deviates',
  'not-applicable': 'not applicable',
  'not-run': 'not run',
};

function checkRow(r: CheckResult, specFile: string): string {
  const note = r.reason ? `<br><span class="meta">${esc(r.reason)}</span>` : '';
  const rules = rulesOf(r);
  const ruleItems = rules.map((x) => {
    const why =
      x.status === 'deviated' && x.failure
        ? ` — ${esc(deviationText({ rule: x, failure: x.failure }))}`
        : x.status === 'failed' && x.failure
          ? ` — expected ${esc(x.failure.expected)}, got ${esc(x.failure.actual)}`
          : x.reason
            ? ` — ${esc(x.reason)}`
            : '';
    return `<li><span class="st-${x.status}">${RULE_LABEL[x.status]}</span> ${esc(x.rule)}${why}</li>`;
  });
  if (r.stoppedEarly) ruleItems.push(`<li><span class="st-not-run">not run</span> rest of the check — ${esc(r.stoppedEarly)}</li>`);
  if (r.status === 'errored') ruleItems.push(`<li><span class="st-errored">errored</span> ${esc(r.error?.message ?? 'error')}</li>`);
  const list = ruleItems.length ? `<ul class="rules">${ruleItems.join('')}</ul>` : '';
  return `<tr><td class="st-${r.status}">${STATUS_LABEL[r.status]}</td><td><code>${esc(r.id)}</code><br>${esc(r.title)}${note}${list}</td><td>${r.operations.map((o) => `<code>${esc(o)}</code>`).join(' ')}</td><td><code>${esc(specFile + r.specRef)}</code></td><td>${r.decision ? `<code>${esc(r.decision)}</code>` : ''}</td></tr>`;
}
