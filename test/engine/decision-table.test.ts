import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { apis } from '../../apis.ts';
import type { ApiModule } from '../../core/suite.ts';
import { decisionTable, scanDecisionUses, tableIn, withTable } from '../../suites/reports/decision-table.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

test("the README's table of decision-only rules is the one the specs and checks generate", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const current = tableIn(readme);
  assert.ok(current, 'README.md has no decision-table markers');
  const generated = decisionTable(Object.values(apis) as ApiModule[], root);
  assert.equal(current, generated, 'README.md decision table is stale: run node --import tsx scripts/decision-table.ts --write');
});

test('every decision the table names is one of its spec, and every check id one of its API', () => {
  const table = decisionTable(Object.values(apis) as ApiModule[], root);
  for (const line of table.split('\n').filter((l) => /^\| `/.test(l))) {
    const [, api, decision, , checks] = line.split(/ \| |^\| /);
    const module = apis[api!.replace(/`/g, '') as keyof typeof apis]!;
    assert.ok(module, line);
    const ids = new Set(module.checks.map((c) => c.id));
    for (const m of checks!.matchAll(/`([^`]+)`/g)) assert.ok(ids.has(`${module.name}.${m[1]}`), `${m[1]} is no check of ${module.name} (${decision})`);
  }
});

test('the scan finds decisions on rules, on failures, through helpers and constants; labels are not rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'callrec-decisions-'));
  mkdirSync(join(dir, 'checks'));
  writeFileSync(
    join(dir, 'support.ts'),
    `export function expectRefused(ctx, res) {\n  ctx.fail({ rule: 'r', expected: '422', actual: 'x', decision: 'from-helper' });\n}\n`,
  );
  writeFileSync(
    join(dir, 'checks', 'a.ts'),
    [
      `const LIMIT_DECISION = 'from-constant';`,
      `const cases = [{ size: 1, decision: 'from-table' }];`,
      `const one: Check = {`,
      `  id: 'openvidu-meet.a.one',`,
      `  decision: 'label-only',`,
      `  async run(ctx) {`,
      `    await ctx.rule('x', async () => {}, { decision: 'on-rule' });`,
      `    for (const c of cases) {}`,
      `  },`,
      `};`,
      `const two: Check = {`,
      `  id: 'openvidu-meet.a.two',`,
      `  decision: LIMIT_DECISION,`,
      `  async run(ctx) {`,
      `    expectRefused(ctx, res);`,
      `    ctx.fail({ rule: 'y', decision: LIMIT_DECISION });`,
      `  },`,
      `};`,
      `export const aChecks = [one, two];`,
    ].join('\n'),
  );
  const uses = scanDecisionUses({ name: 'openvidu-meet' }, dir);
  const rules = (id: string) => [...(uses.get(id)?.rules ?? [])];
  assert.deepEqual(rules('on-rule'), ['openvidu-meet.a.one']);
  assert.deepEqual(rules('from-table'), ['openvidu-meet.a.one']);
  assert.deepEqual(rules('from-helper'), ['openvidu-meet.a.two']);
  assert.deepEqual(rules('from-constant'), ['openvidu-meet.a.two']);
  assert.deepEqual(rules('label-only'), []);
});

test('withTable replaces only what lies between the markers', () => {
  const table = decisionTable([], root);
  const readme = `# x\n\n${table.replace(/\| API[\s\S]*?(?=<!--)/, 'old\n')}\nafter\n`;
  assert.equal(withTable(readme, table), `# x\n\n${table}\nafter\n`);
});
