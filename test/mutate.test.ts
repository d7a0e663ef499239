// The fault-switch ignorer of `npm run mutate` (scripts/mutate/plugins.mjs): run through Stryker's
// own instrumenter on a small source, it must leave fault lookups and fault-only code unmutated
// and mutate everything the clean mock runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Instrumenter } from '@stryker-mutator/instrumenter';
import { faultSwitchReason } from '../scripts/mutate/plugins.mjs';
import { loadEquivalents, matchEquivalent, sourceText } from '../scripts/mutate/equivalents.mjs';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = `
declare function has(ctx: unknown, fault: string): boolean;
export function f(ctx: { users: Set<number>; o: { has(f: string): boolean } }, a: number, b: number, id: number) {
  if (has(ctx, 'x')) return a + 1;
  const y = has(ctx, 'y') ? a - 2 : b * 3;
  if (!has(ctx, 'z')) { b = b + 4; } else { b = b - 5; }
  if (a > 6 && !has(ctx, 'w')) return 7;
  const sig = ctx.o.has('event-signature-hex') ? a % 8 : a / 9;
  const t = ctx.o.has('store-mimetype-from-name') ? a - 11 : a + 12;
  if (ctx.users.has(id)) return 10;
  return y + b + sig + t;
}
`;

test('fault-switch ignorer: lookups and fault-only branches are left alone, clean code is mutated', async () => {
  const quiet = { debug() {}, info() {}, warn() {}, isDebugEnabled: () => false };
  const instrumenter = new Instrumenter(quiet as never);
  const { mutants } = await instrumenter.instrument([{ name: 'f.ts', mutate: true, content: SOURCE }], {
    plugins: null,
    excludedMutations: [],
    ignorers: [{ shouldIgnore: faultSwitchReason as never }],
  });
  const mutated = (replacement: string) => mutants.some((m) => m.replacement === replacement && m.status !== 'Ignored');
  const ignored = (replacement: string) => mutants.some((m) => m.replacement === replacement && m.status === 'Ignored');
  // Only a fault runs these.
  // (store-mimetype-from-name is a fault of Talk's faults-recording.ts, a catalogue split out of faults.ts.)
  for (const r of ['a - 1', 'a + 2', 'b + 5', 'a * 8', 'a + 11']) assert.ok(ignored(r), `${r} should be ignored`);
  // The lookups themselves: no "fault always on/off" mutants.
  assert.ok(mutants.some((m) => m.status === 'Ignored' && m.location.start.line === 3 && m.mutatorName === 'ConditionalExpression'));
  assert.ok(ignored("has(ctx, 'z')"));
  assert.ok(!mutants.some((m) => m.mutatorName === 'StringLiteral' && m.status !== 'Ignored'), 'fault names are never mutated');
  // What the clean mock runs.
  for (const r of ['b / 3', 'b - 4', 'a >= 6', 'a * 9', 'a - 12']) assert.ok(mutated(r), `${r} should be mutated`);
  // A Set lookup that names no fault is domain code.
  assert.ok(mutants.some((m) => m.status !== 'Ignored' && m.replacement === 'true' && m.location.start.line === 9));
});

test('equivalent mutants: a survivor matches an entry by file, mutator, replacement and the source text at its location', () => {
  const root = '/project';
  const source = 'const a = 1;\nlog(`settled ${n}`);\nexport const b = a + 2;\n';
  const read = (file: string) => {
    assert.equal(file, 'mock/x/store.ts');
    return source;
  };
  const entry = { file: 'mock/x/store.ts', mutator: 'StringLiteral', original: '`settled ${n}`', replacement: '``', reason: 'log text' };
  // Report locations: 1-based lines and columns, end exclusive.
  const at = { start: { line: 2, column: 5 }, end: { line: 2, column: 19 } };
  assert.equal(sourceText(source, at), '`settled ${n}`');
  const mutant = { fileName: '/project/mock/x/store.ts', mutatorName: 'StringLiteral', replacement: '``', location: at };
  assert.equal(matchEquivalent([entry], mutant, root, read), entry);
  assert.equal(matchEquivalent([entry], { ...mutant, fileName: 'mock/x/store.ts' }, root, read), entry, 'a report-relative file name matches too');
  // Any one difference is no match: another mutator, another replacement, or the code moved under the entry.
  assert.equal(matchEquivalent([entry], { ...mutant, mutatorName: 'ConditionalExpression' }, root, read), undefined);
  assert.equal(matchEquivalent([entry], { ...mutant, replacement: '"Stryker was here!"' }, root, read), undefined);
  assert.equal(matchEquivalent([entry], { ...mutant, location: { start: { line: 3, column: 18 }, end: { line: 3, column: 23 } } }, root, read), undefined);
  assert.equal(matchEquivalent([{ ...entry, file: 'mock/y/store.ts' }], mutant, root, read), undefined);
  // A node over several lines.
  assert.equal(sourceText(source, { start: { line: 1, column: 11 }, end: { line: 2, column: 4 } }), '1;\nlog');
});

test('equivalent mutants: every committed list is well formed and names code that exists', () => {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const dir = join(root, 'scripts/mutate/equivalents');
  const lists = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  for (const name of lists) {
    const api = name.replace(/\.json$/, '');
    const entries = loadEquivalents(root, api);
    for (const e of entries) {
      assert.ok(e.file.startsWith(`mock/${api}/`), `${name}: ${e.file} is not in mock/${api}/`);
      assert.ok(readFileSync(join(root, e.file), 'utf8').includes(e.original), `${name}: ${e.file} no longer contains ${JSON.stringify(e.original)} (stale entry)`);
      assert.ok(e.reason.length >= 10, `${name}: give a reason for ${e.file} ${e.original}`);
    }
  }
  assert.deepEqual(loadEquivalents(root, 'no-such-api'), [], 'an API without a list has no equivalents');
});
