// The self-check matrix: each fault against the checks it must trip (✔ tripped, ✘ missed),
// then false positives and defects, ending in the one line CI reads: `fault recall: D/I`.

import type { SelfcheckResult } from '../engine/selfcheck.ts';

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
  lines.push('', `${(r.durationMs / 1000).toFixed(1)} s`);
  if (r.withoutControl) lines.push(`fault recall without control: ${r.recall.detected}/${r.recall.total}`, `false failures: ${r.falsePositives.length}`, '');
  else lines.push(`fault recall: ${r.recall.detected}/${r.recall.total}`, '');
  return lines.join('\n');
}
