// Reading recordings: the paged list (GET /channels/{channelId}/recordings) and one recording.
import { json } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { channelAccess } from '../auth.ts';
import { has } from '../context.ts';
import * as errors from '../errors.ts';
import { parseListQuery } from '../input.ts';
import { present } from '../wire.ts';
import type { HornContext } from '../context.ts';
import type { Recording } from '../types.ts';

type Params = Record<string, string>;

export async function listRecordings(ctx: HornContext, req: MockRequest, p: Params): Promise<MockResponse> {
  const access = channelAccess(ctx, req, p.channelId!, 'operator', 'read');
  if (!access.ok) return access.response;
  const parsed = parseListQuery(req.query);
  if (!parsed.ok) {
    const limit = req.query.get('limit');
    if (has(ctx, 'bad-limit-500') && limit !== null && !/^[0-9]+$/.test(limit)) return errors.internal(`NumberFormatException: For input string: "${limit}"`);
    return has(ctx, 'bad-request-message-bare') ? errors.error(400, 'BAD_REQUEST', parsed.message) : errors.badRequest(parsed.message);
  }
  const q = parsed.value;
  const sort = q.sort === 'ended' && has(ctx, 'sort-ended-ignored') ? 'started' : q.sort;
  const order = q.order === 'asc' && has(ctx, 'order-ignored') ? 'desc' : q.order;
  // `page-repeats-boundary-item`: every page after the first starts one item early.
  const offset = q.offset > 0 && has(ctx, 'page-repeats-boundary-item') ? q.offset - 1 : q.offset;
  const page = ctx.store.page({ channel: access.channel.id, ...(q.session !== undefined ? { session: q.session } : {}), sort, order, offset, limit: q.limit });
  if (has(ctx, 'offset-past-end-400') && page.total > 0 && q.offset >= page.total) return errors.badRequest(`offset ${q.offset} is out of range`);
  const total = page.total + (has(ctx, 'total-counts-deleted') ? page.deleted : 0);
  return json(200, { total, results: page.items.map((r) => present(ctx, r)) });
}

/** The recording `recordingId` of the channel, or the 404 to answer. */
export function recordingOf(ctx: HornContext, channelId: string, recordingId: string): { ok: true; recording: Recording } | { ok: false; response: MockResponse } {
  const r = ctx.store.get(recordingId);
  if (!r || (r.channel !== channelId && !has(ctx, 'foreign-recording-readable'))) return { ok: false, response: errors.recordingNotFound(recordingId) };
  return { ok: true, recording: r };
}

export async function getRecording(ctx: HornContext, req: MockRequest, p: Params): Promise<MockResponse> {
  const access = channelAccess(ctx, req, p.channelId!, 'operator', 'read');
  if (!access.ok) return access.response;
  const found = recordingOf(ctx, access.channel.id, p.recordingId!);
  if (!found.ok) return found.response;
  return json(200, present(ctx, found.recording));
}
