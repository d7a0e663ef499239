// The fault-switch ignorer of `npm run mutate` (scripts/mutate/plugins.mjs): run through Stryker's
// own instrumenter on a small source, it must leave fault lookups and fault-only code unmutated
// and mutate everything the clean mock runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Instrumenter } from '@stryker-mutator/instrumenter';
import { faultSwitchReason } from '../scripts/mutate/plugins.mjs';

const SOURCE = `
declare function has(ctx: unknown, fault: string): boolean;
export function f(ctx: { users: Set<number>; o: { has(f: string): boolean } }, a: number, b: number, id: number) {
  if (has(ctx, 'x')) return a + 1;
  const y = has(ctx, 'y') ? a - 2 : b * 3;
  if (!has(ctx, 'z')) { b = b + 4; } else { b = b - 5; }
  if (a > 6 && !has(ctx, 'w')) return 7;
  const sig = ctx.o.has('event-signature-hex') ? a % 8 : a / 9;
  if (ctx.users.has(id)) return 10;
  return y + b + sig;
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
  for (const r of ['a - 1', 'a + 2', 'b + 5', 'a * 8']) assert.ok(ignored(r), `${r} should be ignored`);
  // The lookups themselves: no "fault always on/off" mutants.
  assert.ok(mutants.some((m) => m.status === 'Ignored' && m.location.start.line === 3 && m.mutatorName === 'ConditionalExpression'));
  assert.ok(ignored("has(ctx, 'z')"));
  assert.ok(!mutants.some((m) => m.mutatorName === 'StringLiteral' && m.status !== 'Ignored'), 'fault names are never mutated');
  // What the clean mock runs.
  for (const r of ['b / 3', 'b - 4', 'a >= 6', 'a * 9']) assert.ok(mutated(r), `${r} should be mutated`);
  // A Set lookup that names no fault is domain code.
  assert.ok(mutants.some((m) => m.status !== 'Ignored' && m.replacement === 'true' && m.location.start.line === 8));
});
