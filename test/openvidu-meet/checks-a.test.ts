// Pure helpers behind the pagination and property-based checks: the listing reference model and
// how a failing property comes back as a CheckFailure with its reproduction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CheckFailure } from '../../core/check.ts';
import type { CheckContext } from '../../core/check.ts';
import {
  compareValues,
  duplicates,
  expectedListing,
  firstInversion,
  firstValueInversion,
  matches,
  setDiff,
} from '../../suites/openvidu-meet/pagination-model.ts';
import type { ModelRecording } from '../../suites/openvidu-meet/pagination-model.ts';
import { checkProperty } from '../../suites/engine/property.ts';
import { MALFORMED_IDS } from '../../suites/openvidu-meet/checks/validation.ts';

const rec = (id: string, roomId: string, roomName: string, status: string, startDate?: number, duration?: number): ModelRecording => ({
  recordingId: id,
  roomId,
  roomName,
  status,
  ...(startDate !== undefined ? { startDate } : {}),
  ...(duration !== undefined ? { duration } : {}),
});

const DATA: ModelRecording[] = [
  rec('a1', 'room-a', 'Alpha Team', 'complete', 300, 5),
  rec('a2', 'room-a', 'Alpha Team', 'failed', 100),
  rec('b1', 'room-b', 'the ALPHABET club', 'complete', 200, 2),
  rec('b2', 'room-b', 'the ALPHABET club', 'starting'),
  rec('c1', 'room-ax', 'Gamma', 'complete', 200, 8),
];

test('filters: roomId is exact, roomName a case-insensitive substring, both together OR', () => {
  assert.deepEqual(DATA.filter((r) => matches(r, { roomId: 'room-a' })).map((r) => r.recordingId), ['a1', 'a2']);
  assert.deepEqual(DATA.filter((r) => matches(r, { roomName: 'aLpHa' })).map((r) => r.recordingId), ['a1', 'a2', 'b1', 'b2']);
  assert.deepEqual(DATA.filter((r) => matches(r, { roomId: 'room-ax', roomName: 'alphabet' })).map((r) => r.recordingId), ['b1', 'b2', 'c1']);
  assert.deepEqual(DATA.filter((r) => matches(r, { status: 'complete', roomName: 'team' })).map((r) => r.recordingId), ['a1']);
});

test('order: default startDate desc, unset last in desc and first in asc, ties by id in the same direction', () => {
  assert.deepEqual(expectedListing(DATA, {}), ['a1', 'c1', 'b1', 'a2', 'b2']);
  assert.deepEqual(expectedListing(DATA, { sortOrder: 'asc' }), ['b2', 'a2', 'b1', 'c1', 'a1']);
  assert.deepEqual(expectedListing(DATA, { sortField: 'duration', sortOrder: 'asc' }), ['a2', 'b2', 'b1', 'a1', 'c1']);
  assert.deepEqual(expectedListing(DATA, { sortField: 'roomName', sortOrder: 'desc', status: 'complete' }), ['b1', 'c1', 'a1']);
});

test('desc is exactly asc reversed, for any data and field', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), v: fc.option(fc.nat(3), { nil: undefined }) }), { maxLength: 20 }),
      fc.constantFrom('startDate' as const, 'duration' as const),
      (rows, field) => {
        const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
        const data = unique.map((r) => ({ ...rec(r.id, 'r', 'n', 'complete'), ...(r.v !== undefined ? { [field]: r.v } : {}) }));
        const asc = expectedListing(data, { sortField: field, sortOrder: 'asc' });
        assert.deepEqual(expectedListing(data, { sortField: field, sortOrder: 'desc' }), [...asc].reverse());
      },
    ),
    { seed: 7, numRuns: 100 },
  );
});

test('inversions, duplicates and set differences', () => {
  assert.equal(compareValues(undefined, 0), -1);
  const sorted = expectedListing(DATA, { sortField: 'startDate', sortOrder: 'asc' }).map((id) => DATA.find((r) => r.recordingId === id)!);
  assert.equal(firstInversion(sorted, 'startDate', 'asc'), -1);
  assert.equal(firstValueInversion([...sorted].reverse(), 'startDate', 'asc'), 1);
  // Ties in either id order are fine for the value-only check, not for the full order.
  const tie = [DATA[4]!, DATA[2]!];
  assert.equal(firstValueInversion(tie, 'startDate', 'asc'), -1);
  assert.equal(firstInversion(tie, 'startDate', 'asc'), 1);
  assert.deepEqual(duplicates(['a', 'b', 'a', 'c', 'b', 'a']), ['a', 'b']);
  assert.deepEqual(setDiff(['a', 'b', 'c'], ['b', 'd']), { missing: ['a', 'c'], extra: ['d'] });
});

test('malformed ids all break the documented format', () => {
  const FORMAT = /^(?:(?!--).)+--EG_(?:(?!--).)+--(?:(?!--).)+$/su;
  for (const { id, why } of MALFORMED_IDS) assert.equal(FORMAT.test(id), false, why);
  assert.equal(FORMAT.test('room-123--EG_XYZ--XX445'), true);
});

const fakeCtx = (seed: number): CheckContext =>
  ({
    seed,
    maxExamples: 25,
    fail: (f: ConstructorParameters<typeof CheckFailure>[0]) => {
      throw new CheckFailure(f);
    },
  }) as unknown as CheckContext;

test('checkProperty: a failing property comes back as the CheckFailure, with seed and counterexample', async () => {
  const ctx = fakeCtx(42);
  await assert.rejects(
    checkProperty(ctx, fc.integer({ min: 0, max: 1000 }), async (n) => {
      if (n >= 10) ctx.fail({ rule: 'small numbers only', expected: '< 10', actual: String(n) });
    }, { numRuns: 50 }),
    (e: unknown) => {
      assert.ok(e instanceof CheckFailure);
      assert.equal(e.failure.rule, 'small numbers only');
      assert.equal(e.failure.actual, '10'); // shrunk to the smallest counterexample
      assert.match(e.failure.repro ?? "", /fast-check seed 42 .*path ".+"/);
      assert.match(e.failure.repro ?? '', /counterexample: \[10\]/);
      return true;
    },
  );
});

test('checkProperty: passes quietly, and never runs more than maxExamples', async () => {
  const ctx = { ...fakeCtx(1), maxExamples: 3 } as CheckContext;
  let runs = 0;
  await checkProperty(ctx, fc.nat(), async () => void runs++, { numRuns: 100 });
  assert.equal(runs, 3);
});

test('every decision a check or a rule names is one the spec records in x-callrec-decisions', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  const { parse } = await import('yaml');
  const root = new URL('../../', import.meta.url);
  const spec = parse(readFileSync(new URL('specs/openvidu-meet/openapi.yaml', root), 'utf8')) as { 'x-callrec-decisions': { id: string }[] };
  const known = new Set(spec['x-callrec-decisions'].map((d) => d.id));
  const dir = new URL('suites/openvidu-meet/checks/', root);
  const named = readdirSync(dir).flatMap((f) => [...readFileSync(new URL(f, dir), 'utf8').matchAll(/decision: '([a-z0-9-]+)'/g)].map((m) => m[1]!));
  assert.ok(named.length >= 8, `found only ${named.length} decisions`);
  for (const id of named) assert.ok(known.has(id), `decision ${id} is not in x-callrec-decisions`);
});
