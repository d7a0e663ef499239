// One static, self-contained HTML file: counts first, then failures with their curl lines,
// then every check with its status, spec location and decision label, then the decisions.

import type { CheckResult, CompletedRun } from '../engine/events.ts';
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
pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;padding:.5rem;border-radius:4px}
table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e1e4e8;vertical-align:top}
.st-passed{color:#1a7f37}.st-failed,.st-errored{color:#cf222e;font-weight:600}.st-not-applicable,.st-not-run{color:#6e7781}
code{font-size:12px}`;

export function renderHtml({ started, finished }: CompletedRun): string {
  const s = finished.summary;
  const bad = finished.results.filter((r) => r.status === 'failed' || r.status === 'errored');
  const counts: Array<[string, number]> = [
    ['passed', s.passed],
    ['failed', s.failed],
    ['errored', s.errored],
    ['not applicable', s.notApplicable],
    ['not run', s.notRun],
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>callrec — ${esc(started.apiTitle)}</title>
<style>${STYLE}</style></head><body>
<h1>callrec conformance report — ${esc(started.apiTitle)}</h1>
<p class="meta">API <code>${esc(started.api)}</code> · target <code>${esc(started.target)}</code> · spec <code>${esc(started.specFile)}</code><br>
seed <b id="seed">${started.seed}</b> · started ${esc(started.startedAt)} · ${(finished.durationMs / 1000).toFixed(2)} s · callrec ${esc(started.toolVersion)}</p>
<div class="counts">${counts.map(([label, n]) => `<div class="count ${label.replace(' ', '-')}"><b>${n}</b>${label}</div>`).join('')}</div>
${bad.length ? `<h2>Failures</h2>\n${bad.map(failureBlock).join('\n')}` : '<p>No failures.</p>'}
<h2>All checks</h2>
<table><thead><tr><th>Status</th><th>Check</th><th>Operations</th><th>Spec location</th><th>Decision</th></tr></thead><tbody>
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

function failureBlock(r: CheckResult): string {
  if (r.status === 'errored') {
    return `<div class="failure"><h3>${esc(r.id)} — ${esc(r.title)}</h3><p>Errored (a bug in the check or the harness, not a finding):</p><pre>${esc(r.error?.stack ?? '')}</pre></div>`;
  }
  const f = r.failure!;
  return `<div class="failure"><h3>${esc(r.id)} — ${esc(r.title)}</h3>
<p><b>${esc(f.rule)}</b><br>spec: <code>${esc(f.specLocation)}</code>${f.operation ? ` · operation <code>${esc(f.operation)}</code>` : ''}</p>
<p>expected: ${esc(f.expected)}<br>actual: ${esc(f.actual)}</p>
${f.curl ? `<p>Reproduce with:</p><pre>${esc(f.curl)}</pre>` : ''}${f.repro ? `<p>Steps:</p><pre>${esc(f.repro)}</pre>` : ''}
<p class="meta">check seed ${r.seed}${r.decision ? ` · rests on decision <a href="#decision-${esc(r.decision)}">${esc(r.decision)}</a>` : ''}</p></div>`;
}

function checkRow(r: CheckResult, specFile: string): string {
  const note = r.reason ? `<br><span class="meta">${esc(r.reason)}</span>` : '';
  return `<tr><td class="st-${r.status}">${STATUS_LABEL[r.status]}</td><td><code>${esc(r.id)}</code><br>${esc(r.title)}${note}</td><td>${r.operations.map((o) => `<code>${esc(o)}</code>`).join(' ')}</td><td><code>${esc(specFile + r.specRef)}</code></td><td>${r.decision ? `<code>${esc(r.decision)}</code>` : ''}</td></tr>`;
}
