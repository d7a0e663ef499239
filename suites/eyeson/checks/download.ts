// Download links of finished recordings (seed 003): "Direct URLs to downloads expire after one
// hour" — a link works for the whole hour after it was issued and not after (403, callrec
// decision download-link-ttl), and fetching the recording again gives a fresh working link.
// The link host serves single RFC 9110 byte ranges (callrec decision download-endpoint).
import fc from 'fast-check';
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { checkProperty } from '../../engine/property.ts';
import { OP, bytesEqual, excerpt, expectStatus, fetchLink, finishedRecording, readRecording, type EyesonRecording } from '../support.ts';

const LINK_SPEC = '#/components/schemas/RecordingLinks/properties/download';
const DOWNLOAD_SPEC = '#/paths/~1downloads~1{file}/get';
const HOUR_MS = 3_600_000;

function linkOf(ctx: CheckContext, rec: EyesonRecording, res?: TargetResponse): string {
  const link = rec.links?.download;
  if (typeof link !== 'string' || link === '') {
    ctx.fail({ rule: 'a finished recording has links.download', specRef: LINK_SPEC, expected: 'a URL', actual: JSON.stringify(link ?? null), ...(res ? { response: res } : {}), operation: OP.get });
  }
  return link;
}

async function expectServed(ctx: CheckContext, link: string, rule: string): Promise<TargetResponse> {
  const res = await fetchLink(ctx, link);
  expectStatus(ctx, res, 200, rule, OP.download);
  if (res.bytes.byteLength === 0) ctx.fail({ rule, expected: 'the recording\'s bytes', actual: 'an empty body', response: res, operation: OP.download });
  return res;
}

const linkExpiry: Check = {
  id: 'eyeson.download.link-expiry',
  title: 'a download link works for one hour after it is issued, then answers 403; a fresh read gives a working link',
  operations: [OP.get, OP.download],
  specRef: LINK_SPEC,
  needs: ['credentials'], // a finished recording: recordings.finished or writes (see finishedRecording)
  decision: 'download-link-ttl',
  async run(ctx: CheckContext) {
    const rec = await finishedRecording(ctx);
    const link = linkOf(ctx, rec);
    await expectServed(ctx, link, 'a download link just issued is served');
    if (!ctx.control) {
      const { res, rec: again } = await readRecording(ctx, rec.id);
      await expectServed(ctx, linkOf(ctx, again, res), 'a freshly issued download link is served');
      ctx.notApplicable('the link was served; its one-hour expiry cannot be observed without the control API (clock)');
    }
    await ctx.control.advanceClock(HOUR_MS - 60_000);
    await expectServed(ctx, link, 'a download link still works 59 minutes after it was issued');
    await ctx.control.advanceClock(120_000);
    const expired = await fetchLink(ctx, link);
    if (expired.status !== 403) {
      ctx.fail({ rule: 'a download link answers 403 once its hour is over', specRef: `${DOWNLOAD_SPEC}/responses/403`, expected: 'HTTP 403 61 minutes after issue', actual: `HTTP ${expired.status} ${expired.headers['content-type']?.startsWith('video/') ? `(${expired.bytes.byteLength} bytes of media)` : excerpt(expired)}`, response: expired, operation: OP.download });
    }
    const { res, rec: fresh } = await readRecording(ctx, rec.id, 'a finished recording stays readable after its link expired');
    await expectServed(ctx, linkOf(ctx, fresh, res), 'reading the recording again issues a fresh working link');
  },
};

// ---------------------------------------------------------------- ranges

/** What a single byte range over `size` bytes must give (RFC 9110 §14): an independent oracle. */
type Want = { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

export function wantRange(spec: RangeSpec, size: number): Want {
  if (spec.kind === 'suffix') return { kind: 'partial', start: Math.max(0, size - spec.length), end: size - 1 };
  if (spec.start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start: spec.start, end: spec.end === undefined ? size - 1 : Math.min(spec.end, size - 1) };
}

export type RangeSpec = { kind: 'int'; start: number; end?: number } | { kind: 'suffix'; length: number };
export const headerOf = (s: RangeSpec) => (s.kind === 'suffix' ? `bytes=-${s.length}` : `bytes=${s.start}-${s.end ?? ''}`);

function rangeArb(size: number): fc.Arbitrary<RangeSpec> {
  const pos = fc.oneof(fc.nat({ max: size - 1 }), fc.constantFrom(0, size - 1, size, size + 1000));
  return fc.oneof(
    fc.tuple(pos, fc.nat({ max: size + 10 })).map(([a, len]): RangeSpec => ({ kind: 'int', start: a, end: a + len })),
    pos.map((a): RangeSpec => ({ kind: 'int', start: a })),
    fc.integer({ min: 1, max: size + 100 }).map((length): RangeSpec => ({ kind: 'suffix', length })),
  );
}

async function checkRange(ctx: CheckContext, link: string, full: Uint8Array, spec: RangeSpec): Promise<void> {
  const header = headerOf(spec);
  const want = wantRange(spec, full.byteLength);
  const res = await fetchLink(ctx, link, header);
  const rule = `Range: ${header} on a ${full.byteLength}-byte file`;
  if (want.kind === 'unsatisfiable') {
    expectStatus(ctx, res, 416, `${rule} is unsatisfiable: 416`, OP.download);
    const cr = res.headers['content-range'];
    if (cr !== `bytes */${full.byteLength}`) {
      ctx.fail({ rule: 'a 416 names the file size in Content-Range', specRef: `${DOWNLOAD_SPEC}/responses/416`, expected: `Content-Range: bytes */${full.byteLength}`, actual: `Content-Range: ${cr ?? '(absent)'}`, response: res, operation: OP.download });
    }
    return;
  }
  expectStatus(ctx, res, 206, `${rule} answers 206 Partial Content`, OP.download);
  const cr = res.headers['content-range'];
  const wantCr = `bytes ${want.start}-${want.end}/${full.byteLength}`;
  if (cr !== wantCr) {
    ctx.fail({ rule: 'Content-Range names exactly the bytes sent', specRef: `${DOWNLOAD_SPEC}/responses/206`, expected: `Content-Range: ${wantCr}`, actual: `Content-Range: ${cr ?? '(absent)'}`, response: res, operation: OP.download });
  }
  if (!bytesEqual(res.bytes, full.subarray(want.start, want.end + 1))) {
    ctx.fail({ rule: 'a 206 body is exactly the requested bytes of the file', expected: `${want.end - want.start + 1} bytes from offset ${want.start}`, actual: `${res.bytes.byteLength} bytes that differ`, response: res, operation: OP.download });
  }
}

const ranges: Check = {
  id: 'eyeson.download.ranges',
  title: 'the download link serves single byte ranges: 206 with the exact bytes and Content-Range, 416 beyond the end',
  operations: [OP.download],
  specRef: DOWNLOAD_SPEC,
  needs: ['credentials'], // a finished recording: recordings.finished or writes (see finishedRecording)
  decision: 'download-endpoint',
  async run(ctx: CheckContext) {
    const rec = await finishedRecording(ctx);
    const link = linkOf(ctx, rec);
    const whole = await expectServed(ctx, link, 'a download link without Range serves the whole file');
    if ((whole.headers['accept-ranges'] ?? '').toLowerCase() !== 'bytes') {
      ctx.fail({ rule: 'the whole file is served with Accept-Ranges: bytes', specRef: `${DOWNLOAD_SPEC}/responses/200`, expected: 'Accept-Ranges: bytes', actual: `Accept-Ranges: ${whole.headers['accept-ranges'] ?? '(absent)'}`, response: whole, operation: OP.download });
    }
    const full = whole.bytes;
    const size = full.byteLength;
    const fixed: RangeSpec[] = [
      { kind: 'int', start: 0, end: 99 },
      { kind: 'int', start: 0, end: 0 },
      { kind: 'int', start: size - 1 },
      { kind: 'suffix', length: 10 },
      { kind: 'int', start: 100, end: size + 5000 },
      { kind: 'int', start: size },
    ];
    for (const spec of fixed) await checkRange(ctx, link, full, spec);
    await checkProperty(ctx, rangeArb(size), (spec) => checkRange(ctx, link, full, spec), { numRuns: 25 });
  },
};

export const downloadChecks: Check[] = [linkExpiry, ranges];
