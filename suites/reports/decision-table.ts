// The README's table of decision-only rules, generated so it cannot drift: every decision of a
// spec (`x-callrec-decisions`) that some check asserts, what we decided, which checks assert it,
// and what the platform's sources say. A check asserts a decision when it is labelled with it
// (`Check.decision`, read at run time) or when a rule or failure in its source carries it
// (`decision: '<id>'` inside the check, or inside a helper the check calls: found by a plain scan
// of suites/<api>/, because those marks only exist while a check runs). The scan is deliberately
// simple (top-level declarations, names that mention each other) so edits to checks keep working.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiModule } from '../../core/suite.ts';
import { loadApiSpec } from '../engine/spec.ts';

export const TABLE_START = '<!-- decision-table:start (generated: node --import tsx scripts/decision-table.ts --write) -->';
export const TABLE_END = '<!-- decision-table:end -->';

/** How checks assert one decision: labelled with it, or with rules that rest only on it. */
interface Use {
  labelled: Set<string>;
  rules: Set<string>;
}

export function decisionTable(modules: readonly ApiModule[], root: string): string {
  const rows: string[] = [];
  const unused: string[] = [];
  for (const module of modules) {
    const decisions = loadApiSpec(module).decisions;
    const uses = scanDecisionUses(module, join(root, 'suites', module.name));
    let idle = 0;
    for (const d of decisions) {
      const u = uses.get(d.id) ?? setUse(uses, d.id);
      for (const c of module.checks) if (c.decision === d.id) u.labelled.add(c.id);
      if (u.labelled.size === 0 && u.rules.size === 0) {
        idle++;
        continue;
      }
      rows.push(`| \`${module.name}\` | \`${d.id}\` | ${cell(d.summary)} | ${checksCell(module.name, u)} | ${cell(d.source ?? '')} |`);
    }
    if (idle) unused.push(`${module.name} ${idle}`);
  }
  return [
    TABLE_START,
    '| API | decision | what we decided | checks that assert it | what the platform\'s sources say |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    `Checks marked *(rules)* report a broken rule resting on that decision as a deviation; a check only labelled with a decision still counts its failures as failures. The other decisions in the specs are readings no check asserts on its own (${unused.join(', ') || 'none'}).`,
    TABLE_END,
  ].join('\n');
}

function setUse(uses: Map<string, Use>, id: string): Use {
  const u = { labelled: new Set<string>(), rules: new Set<string>() };
  uses.set(id, u);
  return u;
}

const cell = (text: string) => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

function checksCell(api: string, u: Use): string {
  const short = (id: string) => `\`${id.startsWith(`${api}.`) ? id.slice(api.length + 1) : id}\``;
  const ids = [...new Set([...u.rules, ...u.labelled])].sort();
  return ids.map((id) => `${short(id)}${u.rules.has(id) ? ' *(rules)*' : ''}`).join(', ');
}

interface Declaration {
  name: string;
  text: string;
  /** `id: '<api>.…'` literals in it, with their offsets. */
  checks: Array<{ id: string; at: number }>;
}

const DECLARATION = /^(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:const|let|var|function\*?|class)\s+([A-Za-z_$][\w$]*)/gm;
const DECISION_LITERAL = /\bdecision\??\s*:\s*(?:(['"`])([\w.-]+)\1|([A-Z][A-Z0-9_]*)\b)/g;

/** Rule-level uses of each decision in the API's suite sources (labels excluded: they come from the modules). */
export function scanDecisionUses(module: Pick<ApiModule, 'name'>, dir: string): Map<string, Use> {
  const uses = new Map<string, Use>();
  const decls: Declaration[] = [];
  for (const file of tsFiles(dir)) decls.push(...declarations(readFileSync(file, 'utf8'), module.name));

  // Decisions carried by helpers (declarations that are not checks), by helper name.
  const carried = new Map<string, Set<string>>();
  const carry = (name: string, id: string) => {
    if (!carried.has(name)) carried.set(name, new Set());
    const had = carried.get(name)!.has(id);
    carried.get(name)!.add(id);
    return !had;
  };
  const ruleUse = (checkId: string, id: string) => (uses.get(id) ?? setUse(uses, id)).rules.add(checkId);

  for (const d of decls) {
    for (const { id, at } of decisionLiterals(d.text)) {
      if (d.checks.length === 0) {
        carry(d.name, id);
        continue;
      }
      const owner = ownerAt(d, at);
      // The check's own label sits before its `run`; only marks inside it are rule-level.
      const segment = d.text.slice(owner.at, at);
      if (/\brun\s*[(:]|\basync\s+run\b/.test(segment)) ruleUse(owner.id, id);
    }
  }

  // A helper's decisions reach every check (or helper) that mentions the helper by name.
  for (let changed = true, round = 0; changed && round < 10; round++) {
    changed = false;
    for (const [name, ids] of [...carried]) {
      const mention = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`, 'g');
      for (const d of decls) {
        if (d.name === name) continue;
        for (const m of d.text.matchAll(mention)) {
          for (const id of ids) {
            if (d.checks.length) ruleUse(ownerAt(d, m.index).id, id);
            else if (carry(d.name, id)) changed = true;
          }
        }
      }
    }
  }
  return uses;
}

function decisionLiterals(text: string): Array<{ id: string; at: number }> {
  const consts = new Map<string, string>();
  for (const m of text.matchAll(/\bconst\s+([A-Z][A-Z0-9_]*)\s*=\s*(['"`])([\w.-]+)\2/g)) consts.set(m[1]!, m[3]!);
  const out: Array<{ id: string; at: number }> = [];
  for (const m of text.matchAll(DECISION_LITERAL)) {
    const id = m[2] ?? consts.get(m[3] ?? '');
    if (id) out.push({ id, at: m.index });
  }
  return out;
}

/** The check a position of a declaration belongs to: the nearest `id:` before it (else the first). */
function ownerAt(d: Declaration, at: number): { id: string; at: number } {
  let owner = d.checks[0]!;
  for (const c of d.checks) if (c.at <= at) owner = c;
  return owner;
}

function declarations(source: string, api: string): Declaration[] {
  // Constants named in capitals are resolved across the whole file, so keep them visible to each part.
  const constLines = [...source.matchAll(/^(?:export\s+)?const\s+[A-Z][A-Z0-9_]*\s*=\s*(['"`])[\w.-]+\1.*$/gm)].map((m) => m[0]).join('\n');
  const starts = [...source.matchAll(DECLARATION)].map((m) => ({ name: m[1]!, at: m.index }));
  return starts.map((s, i) => {
    const body = source.slice(s.at, starts[i + 1]?.at ?? source.length);
    const text = `${body}\n${constLines}`;
    const checks = [...body.matchAll(new RegExp(`\\bid\\s*:\\s*(['"\`])(${api.replace(/[.-]/g, '\\$&')}\\.[\\w.-]+)\\1`, 'g'))].map((m) => ({ id: m[2]!, at: m.index }));
    return { name: s.name, text, checks };
  });
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    // Pact consumers describe interactions, not checks.
    if (e.isDirectory() && e.name !== 'contracts') out.push(...tsFiles(path));
    else if (e.isFile() && e.name.endsWith('.ts')) out.push(path);
  }
  return out.sort();
}

/** The README with its table replaced by `table` (throws when the markers are missing). */
export function withTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end === -1 || end < start) throw new Error('README.md has no decision-table markers');
  return readme.slice(0, start) + table + readme.slice(end + TABLE_END.length);
}

/** The table as it stands in the README, or undefined without the markers. */
export function tableIn(readme: string): string | undefined {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  return start === -1 || end === -1 ? undefined : readme.slice(start, end + TABLE_END.length);
}
