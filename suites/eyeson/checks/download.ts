// Download links of finished recordings (seed 003): "Direct URLs to downloads expire after one
// hour. Better use the recording identifier and fetch a valid resource link on demand." So a link
// works for the hour after it was issued and not after, and reading the recording again gives a
// fresh working link — documented. That an expired link answers exactly 403 is callrec decision
// download-link-ttl; the link host's byte ranges are callrec decision download-endpoint (the
// real link host is not part of the documented API): those rules are decision-only.
//
// Without the control API the hour is waited out on the target's own clock, read from the `Date`
// header of its answers: the link is fetched at points spread over its hour and just after it,
// each judged by the target's time since the link was issued. When the hour does not fit in the
// wait budget (config maxWaitSeconds), the expiry rules are not applicable, with the reason.
import fc from 'fast-check';
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { checkProperty } from '../../engine/property.ts';
import { OP, bytesEqual, excerpt, expectStatus, fetchLink, finishedRecording, readRecording, serverSeconds, waitBudgetMs, type EyesonRecording } from '../support.ts';

const LINK_SPEC = '#/components/schemas/RecordingLinks/properties/download';
const DOWNLOAD_SPEC = '#/paths/~1downloads~1{file}/get';
const HOUR_MS = 3_600_000;
const HOUR_S = 3_600;
/** Seconds of the target's clock either side of the hour where no verdict is taken (Date has 1 s resolution). */
const SLACK_S = 60;
/** Points of a link's life (target seconds after issue) where it must still be served. */
const INSIDE_S = [600, 1_800, 3_000, HOUR_S - 2 * SLACK_S];
/** Just after the hour, where it must not be. */
const AFTER_S = HOUR_S + 2 * SLACK_S;

function linkOf(ctx: CheckContext, rec: EyesonRecording, res?: TargetResponse): string {
  const link = rec.links?.download;
  if (typeof link !== 'string' || link === '') {
    ctx.fail({ rule: 'a finished recording has links.download', specRef: LINK_SPEC, expected: 'a URL', actual: JSON.stringify(link ?? null), ...(res ? { response: res } : {}), operation: OP.get });
  }
  return link;
}

const served = (res: TargetResponse) => (res.status === 200 || res.status === 206) && res.bytes.byteLength > 0;

async function expectServed(ctx: CheckContext, link: string, rule: string): Promise<TargetResponse> {
  const res = await fetchLink(ctx, link);
  expectStatus(ctx, res, 200, rule, OP.download);
  if (res.bytes.byteLength === 0) ctx.fail({ rule, expected: 'the recording\'s bytes', actual: 'an empty body', response: res, operation: OP.download });
  return res;
}

const EXPIRED_403 = 'an expired link answers 403';
const WORKS_HOUR = 'a download link works for the whole hour after it is issued';
const EXPIRES = 'a download link is not served once its hour is over';
const FRESH = 'reading the recording again issues a fresh working link';

/** The expired answer's status: anything but 403 deviates from decision download-link-ttl. */
function expect403(ctx: CheckContext, res: TargetResponse, when: string): void {
  let said: unknown;
  try {
    said = (JSON.parse(res.text()) as { error?: unknown }).error;
  } catch {
    said = undefined;
  }
  if (res.status !== 403 || typeof said !== 'string' || !/expired/i.test(said)) {
    ctx.fail({ rule: EXPIRED_403, decision: 'download-link-ttl', specRef: `${DOWNLOAD_SPEC}/responses/403`, expected: `HTTP 403 ${when}, {"error": "… expired …"}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.download });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * Without control: follows one link through its hour on the target's clock. Records the rules
 * WORKS_HOUR, EXPIRES and EXPIRED_403 (not applicable when the hour does not fit the budget).
 */
async function followLinkOnTargetClock(ctx: CheckContext, recordingId: string): Promise<void> {
  const { res: read, rec } = await readRecording(ctx, recordingId, 'a finished recording stays readable');
  const link = linkOf(ctx, rec, read);
  const issued = serverSeconds(read);
  const wallIssued = Date.now();
  if (issued === undefined) {
    for (const rule of [WORKS_HOUR, EXPIRES, EXPIRED_403]) ctx.skip(rule, 'the target sends no Date header: the age of a link on its clock cannot be told');
    return;
  }
  const budgetEnd = wallIssued + waitBudgetMs(ctx);
  // The target's clock rate against ours, from two readings at least 1.5 s apart (a real server: 1).
  await sleep(1_500);
  let last = await fetchLink(ctx, link, 'bytes=0-0');
  let lastAge = (serverSeconds(last) ?? issued) - issued;
  const rate = () => Math.max(lastAge - 1, 0.5) / Math.max((Date.now() - wallIssued) / 1000, 0.001);
  const needWallMs = () => ((AFTER_S - lastAge) / rate()) * 1000;
  // The target made the link while the read was in flight, up to the read's round trip (in the
  // target's seconds) before the read's Date; and it judged a fetch when the fetch arrived, after
  // the Date of the answer before it. A refusal fails "works" only if even the oldest the link
  // can have been is inside the hour; a served link fails "expires" only if even the youngest is past it.
  const issueSpan = () => (read.exchange.durationMs / 1000) * rate() + 1;
  const surelyInsideHour = (age: number) => age + issueSpan() <= HOUR_S - SLACK_S;
  if (Date.now() + needWallMs() > budgetEnd) {
    const reason = `the link's hour (${HOUR_S} s on the target's clock, about ${Math.round(needWallMs() / 1000)} s from now) does not fit the wait budget of ${waitBudgetMs(ctx) / 1000} s: set maxWaitSeconds to observe it`;
    await ctx.rule(`${WORKS_HOUR} (as far as the budget reaches)`, () => {
      if (!served(last) && surelyInsideHour(lastAge)) {
        ctx.fail({ rule: WORKS_HOUR, specRef: LINK_SPEC, expected: `the link served ${lastAge} s after issue`, actual: `HTTP ${last.status} ${excerpt(last)}`, response: last, operation: OP.download });
      }
    });
    for (const rule of [WORKS_HOUR, EXPIRES, EXPIRED_403]) ctx.skip(rule, reason);
    return;
  }

  let expiredAnswer: TargetResponse | undefined;
  await ctx.rule(WORKS_HOUR, async () => {
    for (const target of INSIDE_S) {
      if (lastAge < target) {
        await sleep(((target - lastAge) / rate()) * 1000);
        last = await fetchLink(ctx, link, 'bytes=0-0');
        lastAge = (serverSeconds(last) ?? issued) - issued;
      }
      if (!served(last)) {
        if (!surelyInsideHour(lastAge)) break; // possibly past the hour: the next rule judges it
        ctx.fail({ rule: WORKS_HOUR, specRef: LINK_SPEC, expected: `the link served ${Math.round(lastAge)} s after issue (on the target's clock)`, actual: `HTTP ${last.status} ${excerpt(last)}`, response: last, operation: OP.download });
      }
    }
  });
  await ctx.rule(EXPIRES, async () => {
    // The target's age of the link when the last fetch went out: it judged that fetch no earlier.
    let sentAge = -Infinity;
    while (sentAge < AFTER_S) {
      if (Date.now() > budgetEnd) ctx.notApplicable(`the target's clock did not pass the link's hour within the wait budget (${Math.round(lastAge)} s seen)`);
      if (lastAge < AFTER_S) await sleep(Math.min(((AFTER_S - lastAge) / rate()) * 1000 + 50, 5_000));
      sentAge = lastAge;
      last = await fetchLink(ctx, link, 'bytes=0-0');
      lastAge = (serverSeconds(last) ?? issued) - issued;
    }
    if (served(last)) {
      ctx.fail({ rule: EXPIRES, specRef: LINK_SPEC, expected: `no media ${Math.round(lastAge)} s after issue (the hour is over)`, actual: `HTTP ${last.status} (${last.bytes.byteLength} bytes of media)`, response: last, operation: OP.download });
    }
    expiredAnswer = last;
  });
  if (expiredAnswer) {
    const answer = expiredAnswer;
    await ctx.rule(EXPIRED_403, () => expect403(ctx, answer, `${Math.round(lastAge)} s after issue`), { decision: 'download-link-ttl' });
  } else ctx.notRun(EXPIRED_403, 'no expired answer was seen');
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
    await ctx.rule('a download link just issued is served', async () => void (await expectServed(ctx, link, 'a download link just issued is served')), { specRef: LINK_SPEC });
    if (!ctx.control) {
      await followLinkOnTargetClock(ctx, rec.id);
    } else {
      await ctx.rule(WORKS_HOUR, async () => {
        await ctx.control!.advanceClock(HOUR_MS - 60_000);
        await expectServed(ctx, link, 'a download link still works 59 minutes after it was issued');
      }, { specRef: LINK_SPEC });
      await ctx.control.advanceClock(120_000);
      const expired = await fetchLink(ctx, link);
      await ctx.rule(EXPIRES, () => {
        if (served(expired)) {
          ctx.fail({ rule: EXPIRES, specRef: LINK_SPEC, expected: 'no media 61 minutes after issue', actual: `HTTP ${expired.status} (${expired.bytes.byteLength} bytes of media)`, response: expired, operation: OP.download });
        }
      }, { specRef: LINK_SPEC });
      await ctx.rule(EXPIRED_403, () => expect403(ctx, expired, '61 minutes after issue'), { decision: 'download-link-ttl' });
    }
    await ctx.rule(FRESH, async () => {
      const { res, rec: fresh } = await readRecording(ctx, rec.id, 'a finished recording stays readable after its link expired');
      await expectServed(ctx, linkOf(ctx, fresh, res), FRESH);
    }, { specRef: LINK_SPEC });
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

/**
 * A recording's download link that is read again before it gets old on the target's clock, as
 * the reference advises ("fetch a valid resource link on demand"): many range requests may
 * outlast one link's hour on a slow machine or a fast-running mock clock.
 */
class FreshLink {
  private issued: number | undefined;
  private age = 0;
  constructor(
    private readonly ctx: CheckContext,
    private readonly recordingId: string,
    public link: string,
  ) {}

  async fetch(range?: string): Promise<TargetResponse> {
    if (this.issued !== undefined && this.age > HOUR_S / 2) {
      const { res, rec } = await readRecording(this.ctx, this.recordingId, 'a finished recording stays readable');
      this.link = linkOf(this.ctx, rec, res);
      this.issued = serverSeconds(res);
      this.age = 0;
    }
    const res = await fetchLink(this.ctx, this.link, range);
    const now = serverSeconds(res);
    if (now !== undefined) {
      this.issued ??= now;
      this.age = now - this.issued;
      // Refused because the link's hour is over (a long pause between two requests): ask again.
      if (res.status === 403 && this.age >= HOUR_S - SLACK_S) return this.fetch(range);
    }
    return res;
  }
}

async function checkRange(ctx: CheckContext, link: FreshLink, full: Uint8Array, spec: RangeSpec): Promise<void> {
  const header = headerOf(spec);
  const want = wantRange(spec, full.byteLength);
  const res = await link.fetch(header);
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
    const link = new FreshLink(ctx, rec.id, linkOf(ctx, rec));
    const whole = await link.fetch();
    expectStatus(ctx, whole, 200, 'a download link without Range serves the whole file', OP.download);
    if (whole.bytes.byteLength === 0) ctx.fail({ rule: 'a download link without Range serves the whole file', expected: 'the recording\'s bytes', actual: 'an empty body', response: whole, operation: OP.download });
    const decided = { decision: 'download-endpoint' };
    await ctx.rule('the whole file is served with Accept-Ranges: bytes', () => {
      if ((whole.headers['accept-ranges'] ?? '').toLowerCase() !== 'bytes') {
        ctx.fail({ rule: 'the whole file is served with Accept-Ranges: bytes', specRef: `${DOWNLOAD_SPEC}/responses/200`, expected: 'Accept-Ranges: bytes', actual: `Accept-Ranges: ${whole.headers['accept-ranges'] ?? '(absent)'}`, response: whole, operation: OP.download });
      }
    }, decided);
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
    const arb = rangeArb(size); // built before the next request
    await ctx.rule('fixed ranges (first bytes, one byte, last byte, suffix, clamped end, past the end)', async () => {
      for (const spec of fixed) await checkRange(ctx, link, full, spec);
    }, decided);
    await ctx.rule('generated single ranges get 206 with the exact bytes, or 416', () => checkProperty(ctx, arb, (spec) => checkRange(ctx, link, full, spec), { numRuns: 25 }), decided);
  },
};

export const downloadChecks: Check[] = [linkExpiry, ranges];
