// The bench's output: one row per figure, printed as a table and written to reports/bench.json
// as [{name, value, unit, goal, met}] so CI can diff or gate on it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Figure {
  name: string;
  /** null when the figure could not be measured (see `note`). */
  value: number | null;
  unit: string;
  /** Human-readable goal, e.g. ">= 0.5". */
  goal: string;
  /** null when there is no value to judge. */
  met: boolean | null;
  note?: string;
}

export type Comparison = '>=' | '<=' | '<' | '>';

/** A measured figure judged against a numeric goal. */
export function figure(name: string, value: number, unit: string, cmp: Comparison, target: number, note?: string): Figure {
  const met = cmp === '>=' ? value >= target : cmp === '<=' ? value <= target : cmp === '<' ? value < target : value > target;
  return { name, value: round(value), unit, goal: `${cmp} ${target}`, met, ...(note ? { note } : {}) };
}

/** A figure that carries information only (no goal of its own). */
export const info = (name: string, value: number, unit: string, note?: string): Figure => ({
  name, value: round(value), unit, goal: '-', met: null, ...(note ? { note } : {}),
});

export const notMeasured = (name: string, unit: string, cmp: Comparison, target: number, note: string): Figure => ({
  name, value: null, unit, goal: `${cmp} ${target}`, met: null, note,
});

const round = (v: number) => (Math.abs(v) >= 100 ? Math.round(v * 10) / 10 : Math.round(v * 1000) / 1000);

export function printTable(figures: readonly Figure[]): void {
  const rows = figures.map((f) => [
    f.name,
    f.value === null ? 'n/a' : String(f.value),
    f.unit,
    f.goal,
    f.met === null ? '' : f.met ? 'yes' : 'NO',
    f.note ?? '',
  ]);
  const head = ['figure', 'value', 'unit', 'goal', 'met', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

const REPO = fileURLToPath(new URL('..', import.meta.url));

/** Writes reports/<name>. */
export function writeJson(figures: readonly Figure[], name = 'bench.json'): string {
  const file = `${REPO}reports/${name}`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  return relative(process.cwd(), file) || file;
}
