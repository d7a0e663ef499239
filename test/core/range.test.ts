import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { contentRange, resolveRange, unsatisfiedRange, type RangeOutcome } from '../../core/range.ts';

const MiB = 1024 * 1024;

// --- An independent oracle: RFC 9110 §14 applied to a range we *built*, not parsed. ---

type Spec =
  | { form: 'closed'; first: number; last: number }
  | { form: 'open'; first: number }
  | { form: 'suffix'; length: number };

const render = (s: Spec): string =>
  s.form === 'closed' ? `${s.first}-${s.last}` : s.form === 'open' ? `${s.first}-` : `-${s.length}`;

/** What RFC 9110 prescribes for one range-spec; slice bounds are [from, to) like Array.slice. */
type Expected = { kind: 'whole' } | { kind: 'slice'; from: number; to: number } | { kind: 'unsatisfiable' } | { kind: 'malformed' };

function oracle(spec: Spec, size: number, cap?: number): Expected {
  switch (spec.form) {
    case 'closed':
      if (spec.last < spec.first) return { kind: 'malformed' }; // §14.1.1: invalid range-spec
      if (spec.first >= size) return { kind: 'unsatisfiable' };
      return { kind: 'slice', from: spec.first, to: Math.min(spec.last + 1, size) };
    case 'open': {
      if (spec.first >= size) return { kind: 'unsatisfiable' };
      const to = cap === undefined ? size : Math.min(size, spec.first + cap);
      return { kind: 'slice', from: spec.first, to };
    }
    case 'suffix':
      if (spec.length === 0) return { kind: 'unsatisfiable' }; // §14.1.1: zero suffix never satisfiable
      if (size === 0) return { kind: 'whole' }; // nothing a 206 could describe
      return { kind: 'slice', from: Math.max(0, size - spec.length), to: size };
  }
}

/** Applies an outcome to real bytes, the way a handler would. */
function apply(outcome: RangeOutcome, data: Uint8Array): Expected {
  switch (outcome.kind) {
    case 'none':
      return { kind: 'whole' };
    case 'partial':
      assert.ok(outcome.start >= 0 && outcome.start <= outcome.end && outcome.end < data.length, 'bounds inside the file');
      return { kind: 'slice', from: outcome.start, to: outcome.end + 1 };
    default:
      return { kind: outcome.kind };
  }
}

const pattern = (size: number): Uint8Array => Uint8Array.from({ length: size }, (_, i) => (i * 31 + 7) & 0xff);

const specArb = (size: number): fc.Arbitrary<Spec> => {
  const pos = fc.integer({ min: 0, max: size + 40 });
  return fc.oneof(
    fc.record({ form: fc.constant('closed' as const), first: pos, last: pos }),
    fc.record({ form: fc.constant('open' as const), first: pos }),
    fc.record({ form: fc.constant('suffix' as const), length: pos }),
  );
};

test('single ranges: the served bytes are exactly what RFC 9110 prescribes', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 600 }).chain((size) =>
        fc.tuple(fc.constant(size), specArb(size), fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }), fc.constantFrom('bytes', 'BYTES', 'Bytes')),
      ),
      ([size, spec, cap, unit]) => {
        const data = pattern(size);
        const outcome = resolveRange(`${unit}=${render(spec)}`, size, cap === undefined ? {} : { openEndedCap: cap });
        const got = apply(outcome, data);
        const want = oracle(spec, size, cap);
        assert.deepEqual(got, want);
        if (got.kind === 'slice' && want.kind === 'slice') {
          assert.deepEqual(data.slice(got.from, got.to), data.slice(want.from, want.to));
        }
      },
    ),
    { seed: 9110, numRuns: 2000 },
  );
});

test('multiple well-formed ranges are ignored (whole representation)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 500 }).chain((size) => fc.tuple(fc.constant(size), fc.array(specArb(size), { minLength: 2, maxLength: 4 }))),
      ([size, specs]) => {
        // Even a list holding a descending (invalid) range is ignored rather than rejected:
        // the server never looks inside a multi-range request.
        assert.deepEqual(resolveRange(`bytes=${specs.map(render).join(', ')}`, size), { kind: 'none' });
      },
    ),
    { seed: 42, numRuns: 300 },
  );
});

test('syntax errors are malformed; unknown units and absent headers are ignored', () => {
  for (const h of ['bytes=', 'bytes=abc', 'bytes=-', 'bytes=1-2-3', 'bytes=x-5', 'bytes=5-y', '0-5', 'bytes=0-5,', '=0-5', 'by tes=0-5', 'bytes=-5-', 'bytes=0x1-2']) {
    assert.deepEqual(resolveRange(h, 1000), { kind: 'malformed' }, h);
  }
  for (const h of [undefined, '', '   ', 'items=0-5', 'seconds=1-2']) {
    assert.deepEqual(resolveRange(h, 1000), { kind: 'none' }, String(h));
  }
});

test('the cases the OpenVidu Meet integration tests exercise', () => {
  const size = 6 * MiB + 12345;
  const cap = { openEndedCap: 5 * MiB };
  assert.deepEqual(resolveRange('bytes=0-9999', size, cap), { kind: 'partial', start: 0, end: 9999 });
  assert.deepEqual(resolveRange('bytes=1000-1999', size, cap), { kind: 'partial', start: 1000, end: 1999 });
  assert.deepEqual(resolveRange('bytes=0-', size, cap), { kind: 'partial', start: 0, end: 5 * MiB - 1 });
  assert.deepEqual(resolveRange(`bytes=${size - 100}-`, size, cap), { kind: 'partial', start: size - 100, end: size - 1 });
  assert.deepEqual(resolveRange(`bytes=10-${size * 2}`, size, cap), { kind: 'partial', start: 10, end: size - 1 }); // closed: never capped
  assert.deepEqual(resolveRange('bytes=0-0', size, cap), { kind: 'partial', start: 0, end: 0 });
  assert.deepEqual(resolveRange(`bytes=${size - 1}-${size - 1}`, size, cap), { kind: 'partial', start: size - 1, end: size - 1 });
  assert.deepEqual(resolveRange(`bytes=${size}-`, size, cap), { kind: 'unsatisfiable' });
  assert.deepEqual(resolveRange(`bytes=${size + 5}-${size + 10}`, size, cap), { kind: 'unsatisfiable' });
  assert.deepEqual(resolveRange('bytes=-500', size, cap), { kind: 'partial', start: size - 500, end: size - 1 });
});

test('Content-Range values', () => {
  assert.equal(contentRange(0, 9999, 123456), 'bytes 0-9999/123456');
  assert.equal(unsatisfiedRange(123456), 'bytes */123456');
});
