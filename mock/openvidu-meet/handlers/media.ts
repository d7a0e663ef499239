// GET|HEAD /recordings/{recordingId}/media — the file of a complete recording, with single byte
// ranges (facts §5.3 Range, §5.4). The body is the media store's (a FileBody the node adapter streams).
import type { Headers, MockRequest, MockResponse } from '../../../core/http.ts';
import { contentRange, resolveRange } from '../../../core/range.ts';
import { authorizeWithSecret, refuse } from '../access.ts';
import { has } from '../context.ts';
import * as errors from '../errors.ts';
import { roomIdOf } from '../ids.ts';
import { RANGE_FORMAT, parseRecordingId, rangeIssue, roomIdSanitiser } from '../input.ts';
import type { MeetContext } from '../context.ts';

/** Longest slice an open-ended `bytes=N-` returns. */
export const OPEN_ENDED_CAP = 5 * 1024 * 1024;

/** The `range-prefix-junk-ignored` fault: the format regex without its start anchor. */
const UNANCHORED_RANGE_FORMAT = /bytes=(?:\d+-\d*|-\d+)$/;

export async function getRecordingMedia(ctx: MeetContext, req: MockRequest, rawId: string): Promise<MockResponse> {
  // This route validates (id, then Range) before it authenticates.
  const id = parseRecordingId(rawId, 'params.recordingId', roomIdSanitiser(ctx));
  if (!id.ok) return has(ctx, 'bad-recording-id-404') ? errors.recordingNotFound(rawId) : errors.validation(id.issues);
  let range = req.headers['range'];
  const format = has(ctx, 'range-prefix-junk-ignored') ? UNANCHORED_RANGE_FORMAT : RANGE_FORMAT;
  if (range !== undefined && !format.test(range)) {
    if (!has(ctx, 'malformed-range-ignored')) return errors.validation([rangeIssue]);
    range = undefined;
  }
  const auth = await authorizeWithSecret(ctx, req, id.value, true);
  if (!auth.ok) return auth.response;

  // Judged by the id's room before any lookup, as the platform's middleware does: another room is 403 even for an unknown id.
  const refused = refuse(ctx, auth.principal, 'retrieve', roomIdOf(id.value));
  if (refused) return refused;
  const r = ctx.store.get(id.value);
  if (!r) return errors.recordingNotFound(id.value);
  if (r.status !== 'complete' && !has(ctx, 'media-of-active-200')) return errors.notStopped(r.recordingId);

  const size = ctx.media.facts(r.media).size;
  const base: Headers = { 'accept-ranges': 'bytes', 'content-type': 'video/mp4', 'cache-control': has(ctx, 'media-not-cacheable') ? 'no-store' : 'public, max-age=3600' };
  const whole = (): MockResponse => ({
    status: 200,
    headers: { ...base, 'content-length': String(size) },
    body: size > 0 ? ctx.mediaStore.body(r.media, 0, size - 1) : new Uint8Array(0),
  });

  const cap = has(ctx, 'open-ended-range-uncapped') ? undefined : OPEN_ENDED_CAP;
  const outcome = resolveRange(range, size, cap === undefined ? {} : { openEndedCap: cap });
  switch (outcome.kind) {
    case 'none':
      return whole();
    case 'malformed': // passes the format regex but is not a valid range (e.g. bytes=9-3)
      return has(ctx, 'malformed-range-ignored') ? whole() : errors.validation([rangeIssue]);
    case 'unsatisfiable':
      return has(ctx, 'unsatisfiable-range-200') ? whole() : errors.rangeNotSatisfiable(r.recordingId, size);
    case 'partial': {
      if (has(ctx, 'range-ignored-200')) return whole();
      let { start, end } = outcome;
      if (has(ctx, 'suffix-range-first-bytes') && /^bytes=-/.test(range ?? '')) [start, end] = [0, end - start];
      const shownEnd = has(ctx, 'content-range-end-off-by-one') ? end + 1 : end;
      return {
        status: 206,
        headers: { ...base, 'content-length': String(end - start + 1), 'content-range': contentRange(start, shownEnd, size) },
        body: ctx.mediaStore.body(r.media, start, end),
      };
    }
  }
}
