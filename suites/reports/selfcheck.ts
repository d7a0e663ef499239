// The self-check matrix: each fault against the checks it must trip (✔ tripped, ✘ missed),
// then false positives and defects, ending in the one line CI reads: `fault recall: D/I`.
// With --matrix, the cross-check matrix comes before that line: each fault → every check that
// tripped it (`+` marks a check the fault does not declare), and how many faults one check alone
// catches.

import type { CrossCheckMatrix, SelfcheckResult } from '../engine/selfcheck.ts';

export function renderSelfcheck(r: SelfcheckResult): string {
  const mode = r.withoutControl ? ' without control (the suites see no /__callrec/)' : '';
  const lines: string[] = [`callrec selfcheck${mode} — ${r.api}, seeds ${r.seeds.join(',')}, ${r.checksTotal} checks, ${r.faults.length} faults`, ''];
  const width = Math.max(...r.faults.map((f) => f.fault.length), 5);
  lines.push(`${'fault'.padEnd(width)}  checks it must trip (✔ tripped on every seed / ✘ missed)`);
  for (const f of r.faults) {
    const cells = f.trips.map((id) => {
      const statuses = f.checks[id] ?? [];
      const seen = f.seen[id] ?? [];
      const ok = seen.length === r.seeds.length && seen.every(Boolean);
      const why = ok ? '' : ` (${f.unknownChecks.includes(id) ? 'unknown check' : statuses.join('/') || 'not run'})`;
      return `${ok ? '✔' : '✘'} ${id}${why}`;
    });
    lines.push(`${f.detected ? '✔' : '✘'} ${f.fault.padEnd(width)}  ${cells.join(', ') || '(declares no check)'}`);
  }
  if (r.falsePositives.length) {
    lines.push('', `FALSE ${r.withoutControl ? 'FAILURES' : 'POSITIVES'} on the clean mock (${r.falsePositives.length}):`);
    for (const p of r.falsePositives) lines.push(`  seed ${p.seed}: ${p.check} ${p.status} — ${p.detail}`);
  }
  if (r.notApplicable.length) {
    lines.push('', `Not applicable without the control API (${r.notApplicable.length}):`);
    for (const p of r.notApplicable) lines.push(`  seed ${p.seed}: ${p.check} — ${p.detail}`);
  }
  if (r.defects.length) {
    lines.push('', `DEFECTS (${r.defects.length}):`);
    for (const d of r.defects) lines.push(`  ${d}`);
  }
  if (r.matrix) lines.push('', ...renderMatrix(r.api, r.matrix));
  lines.push('', `${(r.durationMs / 1000).toFixed(1)} s`);
  if (r.withoutControl) {
    const untestable = r.recall.untestable ?? [];
    if (untestable.length) lines.push(`not testable without control (their checks answered not applicable, or the suite declares them control-only; reasons above): ${untestable.join(', ')}`);
    const of = untestable.length ? ` (of ${r.recall.total} faults; ${untestable.length} not testable without control)` : '';
    lines.push(`fault recall without control: ${r.recall.detected}/${r.recall.total - untestable.length}${of}`, `false failures: ${r.falsePositives.length}`, '');
  }
  else lines.push(`fault recall: ${r.recall.detected}/${r.recall.total}`, '');
  return lines.join('\n');
}

/** Check ids without the API's prefix: the table stays one line per fault. */
const short = (api: string, id: string) => (id.startsWith(`${api}.`) ? id.slice(api.length + 1) : id);

export function renderMatrix(api: string, m: CrossCheckMatrix): string[] {
  const width = Math.max(...m.rows.map((row) => row.fault.length), 5);
  const lines = [`cross-check matrix (seed ${m.seed}): every fault against every check; + = tripped, not declared by the fault`];
  lines.push(`${'fault'.padEnd(width)}   n  checks that tripped`);
  for (const row of m.rows) {
    const cells = row.trippedBy.map((id) => `${row.undeclared.includes(id) ? '+' : ''}${short(api, id)}`);
    lines.push(`${row.fault.padEnd(width)}  ${String(row.trippedBy.length).padStart(2)}  ${cells.join(', ') || '(none)'}`);
  }
  const perCheck = Object.entries(m.faultsPerCheck)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([id, n]) => `${short(api, id)} ${n}`);
  lines.push('', `faults tripped per check: ${perCheck.join(', ')}`);
  lines.push(`caught by exactly one check: ${m.caughtByOne}/${m.rows.length} · by two or more: ${m.caughtByMany} · by none: ${m.caughtByNone}`);
  return lines;
}
