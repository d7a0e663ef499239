// Range requests on recording media (facts §5.3, §5.4). The expected slice comes from the small
// oracle in support-media.ts, written from the facts, not from the mock's range code.
import fc from 'fast-check';
import { checkProperty } from '../../engine/property.ts';
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { OP, completeRecording, expectStatus, type MeetRecording } from '../support.ts';
import {
  MEDIA_SPEC,
  MIB,
  OPEN_ENDED_CAP,
  PLATFORM_RANGE,
  bytesEqual,
  expectedSlice,
  firstDifference,
  fullMedia,
  getMedia,
  largeCompleteRecording,
  parseContentRange,
  rangeHeader,
  type PlatformRange,
} from '../support-media.ts';

const RANGE_DECISION = 'open-ended-range-cap';

/** The size the target serves: the recording's `size`, cross-checked by media.full-download. */
async function sizedRecording(ctx: CheckContext): Promise<MeetRecording & { size: number }> {
  const rec = await completeRecording(ctx);
  if (typeof rec.size !== 'number' || rec.size < 2) ctx.notApplicable('the complete recording reports no usable size');
  return rec as MeetRecording & { size: number };
}

/** Ranges the platform accepts over `size` bytes, biased to the edges where off-by-ones live. */
function satisfiableRange(size: number): fc.Arbitrary<PlatformRange> {
  const position = fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: size - 1 }) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, size - 2, size - 1) },
  );
  const closed = fc
    .tuple(position, fc.integer({ min: 0, max: size + 1000 }))
    .map(([first, len]) => ({ first, last: first + Math.min(len, size * 2) }))
    .map((r) => (r.last < r.first ? { first: r.first, last: r.first } : r));
  const openEnded = position.map((first) => ({ first }));
  return fc.oneof(closed, openEnded);
}

function expectPartial(ctx: CheckContext, res: TargetResponse, header: string, rule: string): void {
  if (res.status !== 206) {
    ctx.fail({
      rule,
      expected: `HTTP 206 for Range: ${header}`,
      actual: `HTTP ${res.status}${res.status === 200 ? ' (the Range was ignored)' : ''}`,
      response: res,
      operation: OP.media,
    });
  }
}

/** Compares one 206 with the oracle: Content-Range, Content-Length and the exact bytes. */
function expectSlice(ctx: CheckContext, res: TargetResponse, header: string, full: Uint8Array, want: { start: number; end: number }, alsoEnd?: number): void {
  const size = full.byteLength;
  expectPartial(ctx, res, header, 'a satisfiable Range must be answered 206');
  const cr = parseContentRange(res.headers['content-range']);
  const endOk = cr !== undefined && (cr.end === want.end || cr.end === alsoEnd);
  if (!cr || cr.start !== want.start || !endOk || cr.size !== size) {
    ctx.fail({
      rule: 'Content-Range must name the bytes sent and the full size',
      expected: `Content-Range: bytes ${want.start}-${want.end}/${size}`,
      actual: `Content-Range: ${res.headers['content-range'] ?? '(absent)'} for Range: ${header}`,
      response: res,
      operation: OP.media,
    });
  }
  const end = cr.end;
  const expected = full.subarray(want.start, end + 1);
  const length = res.headers['content-length'];
  if (length !== undefined && Number(length) !== expected.byteLength) {
    ctx.fail({ rule: 'Content-Length of a 206 must be the slice length', expected: `Content-Length: ${expected.byteLength}`, actual: `Content-Length: ${length}`, response: res, operation: OP.media });
  }
  if (!bytesEqual(res.bytes, expected)) {
    ctx.fail({
      rule: 'a 206 body must be exactly the requested slice of the media',
      expected: `${expected.byteLength} bytes equal to bytes ${want.start}-${end} of the full download`,
      actual: `${res.bytes.byteLength} bytes, first difference at offset ${firstDifference(res.bytes, expected)}`,
      response: res,
      operation: OP.media,
    });
  }
}

const partialContent: Check = {
  id: 'openvidu-meet.ranges.partial-content',
  title: 'a satisfiable Range is answered 206, never 200',
  operations: [OP.media],
  specRef: MEDIA_SPEC,
  needs: ['credentials', 'recording'],
  async run(ctx: CheckContext) {
    const rec = await sizedRecording(ctx);
    await checkProperty(ctx, satisfiableRange(rec.size), async (r) => {
      const header = rangeHeader(r);
      const res = await getMedia(ctx, rec.recordingId, { range: header });
      expectPartial(ctx, res, header, 'a satisfiable Range must be answered 206');
    }, { numRuns: 20 });
  },
};

const exactBytes: Check = {
  id: 'openvidu-meet.ranges.exact-bytes',
  title: 'a 206 carries exactly the requested bytes, with matching Content-Range and Content-Length',
  operations: [OP.media],
  specRef: MEDIA_SPEC,
  needs: ['credentials', 'recording'],
  async run(ctx: CheckContext) {
    const rec = await sizedRecording(ctx);
    const full = await fullMedia(ctx, rec);
    const size = full.byteLength;
    const one = async (r: PlatformRange) => {
      const header = rangeHeader(r);
      const want = expectedSlice(r, size)!;
      // Whether an open-ended range is capped rests on a decision (ranges.open-ended-cap checks it);
      // here either the capped end or the end of the file is accepted.
      const alsoEnd = r.last === undefined ? size - 1 : undefined;
      expectSlice(ctx, await getMedia(ctx, rec.recordingId, { range: header }), header, full, want, alsoEnd);
    };
    // The boundaries first: first byte, last byte, an end past the file (clamped), a whole-file range.
    for (const r of [{ first: 0, last: 0 }, { first: size - 1, last: size - 1 }, { first: 0, last: size + 1000 }, { first: size - 1 }, { first: 0, last: size - 1 }]) await one(r);
    await checkProperty(ctx, satisfiableRange(size), one, { numRuns: 20 });
  },
};

interface ErrorBody {
  error?: unknown;
  message?: unknown;
  details?: Array<{ field?: unknown; message?: unknown }>;
}

const unsatisfiable: Check = {
  id: 'openvidu-meet.ranges.unsatisfiable',
  title: 'a Range starting at or past the end is answered 416 naming the file size',
  operations: [OP.media],
  specRef: MEDIA_SPEC,
  needs: ['credentials', 'recording'],
  async run(ctx: CheckContext) {
    const rec = await sizedRecording(ctx);
    const size = rec.size;
    const starts = fc.oneof(fc.constant(size), fc.integer({ min: size, max: size * 4 }));
    const ranges = fc.tuple(starts, fc.option(fc.nat({ max: 10_000 }), { nil: undefined })).map(([first, extra]) =>
      extra === undefined ? { first } : { first, last: first + extra },
    );
    await checkProperty(ctx, ranges, async (r) => {
      const header = rangeHeader(r);
      const res = await getMedia(ctx, rec.recordingId, { range: header });
      expectStatus(ctx, res, 416, `Range: ${header} starts past the end of a ${size}-byte file and must answer 416`, OP.media);
      const body = res.json<ErrorBody>();
      if (typeof body.error !== 'string' || typeof body.message !== 'string') {
        ctx.fail({ rule: 'a 416 must carry the documented error body', expected: '{error, message}', actual: res.text().slice(0, 200), response: res, operation: OP.media });
      }
      // The spec does not list Content-Range on 416; RFC 9110 §15.5.17 says it SHOULD be there, so
      // only a present but wrong one is a failure.
      const cr = res.headers['content-range'];
      if (cr !== undefined && cr.trim() !== `bytes */${size}`) {
        ctx.fail({ rule: 'a 416 Content-Range must be bytes */size', expected: `Content-Range: bytes */${size}`, actual: `Content-Range: ${cr}`, response: res, operation: OP.media });
      }
      // Last (a deviation ends the property): the platform's message names the size, but message texts rest on decision code-error-messages.
      if (!body.message.includes(String(size))) {
        ctx.fail({
          rule: 'the 416 message names the file size',
          expected: `a message containing ${size}`,
          actual: body.message.slice(0, 200),
          response: res,
          operation: OP.media,
          decision: 'code-error-messages',
        });
      }
    }, { numRuns: 10 });
  },
};

/**
 * Range values outside the documented syntax, which the spec answers with 422 (multiple ranges
 * included: valid in RFC 9110, but not in this API). Suffix ranges `bytes=-n` are left out (the
 * suffix-ranges decision: ranges.suffix checks them), and so are reversed ranges such as
 * `bytes=5-2`: they match the syntax and the spec does not say what they get.
 */
const MALFORMED_FIXED = ['bytes=abc', 'xbytes=0-1', 'bytes=0-1x', 'items=0-1', 'bytes=', 'bytes=-', 'bytes 0-1', 'bytes=0-1,3-4', 'bytes=1.5-2', 'bytes=x-', 'bytes=0-y', 'bytes0-1', 'bits=0-'];
const SUFFIX = /^bytes=-\d+$/;

function malformedRange(): fc.Arbitrary<string> {
  const digits = fc.nat({ max: 100_000 }).map(String);
  const unit = fc.constantFrom('bytes', 'items', 'byte', 'octets', '');
  const sep = fc.constantFrom('=', ':', '==');
  const spec = fc.oneof(
    fc.tuple(digits, digits).map(([a, b]) => `${a}-${b}`),
    fc.tuple(digits, digits, digits).map(([a, b, c]) => `${a}-${b},${c}-`),
    digits.map((n) => `-${n}`),
    digits,
    fc.constantFrom('abc', '-', '--1', 'a-b', '0x10-0x20', ''),
  );
  // The platform's regex is anchored at both ends: junk before the unit or after the range is malformed too
  // (no whitespace: HTTP strips it from header values before any server sees them).
  const junk = fc.constantFrom('', '', '', 'x', ';', 'a,', '0');
  return fc.tuple(junk, unit, sep, spec, junk).map(([j, u, s, p, k]) => `${j}${u}${s}${p}${k}`).filter((h) => !PLATFORM_RANGE.test(h) && !SUFFIX.test(h));
}

const malformedRejected: Check = {
  id: 'openvidu-meet.ranges.malformed-rejected',
  title: 'a Range header outside bytes=start-end / bytes=start- is rejected with 422 on headers.range',
  operations: [OP.media],
  specRef: MEDIA_SPEC,
  needs: ['credentials', 'recording'],
  async run(ctx: CheckContext) {
    const rec = await completeRecording(ctx);
    const one = async (header: string) => {
      const res = await getMedia(ctx, rec.recordingId, { range: header });
      expectStatus(ctx, res, 422, `Range: ${header} is not bytes=start-end and must answer 422`, OP.media);
      const details = res.json<ErrorBody>().details;
      if (!Array.isArray(details) || !details.some((d) => d?.field === 'headers.range')) {
        ctx.fail({ rule: 'a malformed Range must be reported on headers.range', expected: 'details[] with field "headers.range"', actual: res.text().slice(0, 200), response: res, operation: OP.media });
      }
    };
    for (const h of MALFORMED_FIXED.slice(0, Math.max(3, Math.min(MALFORMED_FIXED.length, ctx.maxExamples)))) await one(h);
    await checkProperty(ctx, malformedRange(), one, { numRuns: 10 });
  },
};

const suffix: Check = {
  id: 'openvidu-meet.ranges.suffix',
  title: 'a suffix Range bytes=-n is either served as the last n bytes (206) or rejected with 422',
  operations: [OP.media],
  specRef: MEDIA_SPEC,
  decision: 'suffix-ranges',
  needs: ['credentials', 'recording'],
  async run(ctx: CheckContext) {
    const rec = await sizedRecording(ctx);
    const full = await fullMedia(ctx, rec);
    const size = full.byteLength;
    const one = async (n: number) => {
      const header = `bytes=-${n}`;
      const res = await getMedia(ctx, rec.recordingId, { range: header });
      if (res.status === 422) return; // the platform's validator rejects the suffix form: allowed
      const start = Math.max(0, size - n);
      expectSlice(ctx, res, header, full, { start, end: size - 1 });
    };
    // The edges first: one byte, all but one, exactly the file, longer than the file (whole file).
    for (const n of [1, size - 1, size, size + 1000]) await one(n);
    await checkProperty(ctx, fc.integer({ min: 1, max: size * 2 }), one, { numRuns: 10 });
  },
};

const openEndedCap: Check = {
  id: 'openvidu-meet.ranges.open-ended-cap',
  title: 'an open-ended bytes=N- returns at most 5 MiB',
  operations: [OP.media],
  specRef: MEDIA_SPEC,
  decision: RANGE_DECISION,
  needs: ['credentials', 'recording'],
  async run(ctx: CheckContext) {
    const rec = await largeCompleteRecording(ctx, OPEN_ENDED_CAP);
    if (!rec || typeof rec.size !== 'number') ctx.notApplicable('no complete recording larger than 5 MiB is listed on the target');
    const size = rec.size;
    const full = await fullMedia(ctx, rec);
    // From the start (capped at 5 MiB) and near the end (clamped to the last byte, not capped).
    const firsts = [0, Math.max(0, size - 100)];
    for (const first of firsts) {
      const header = `bytes=${first}-`;
      const want = expectedSlice({ first }, size)!;
      const res = await getMedia(ctx, rec.recordingId, { range: header });
      expectSlice(ctx, res, header, full, want);
    }
    ctx.log(`cap checked on a ${(size / MIB).toFixed(2)} MiB recording`);
  },
};

export const rangeChecks: Check[] = [partialContent, exactBytes, unsatisfiable, malformedRejected, suffix, openEndedCap];
