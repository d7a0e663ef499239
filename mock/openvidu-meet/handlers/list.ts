// GET /recordings — filtered, sorted, cursor-paginated listing (facts §5.3).
import { json } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { authorize } from '../access.ts';
import { hasCredentials } from '../auth.ts';
import { has } from '../context.ts';
import { present } from '../wire.ts';
import * as errors from '../errors.ts';
import { cursorOf } from '../store.ts';
import { decodePageToken, encodePageToken, invalidTokenIssue, parseListQuery } from '../validation.ts';
import type { MeetContext } from '../context.ts';
import type { Cursor } from '../store.ts';
import type { Principal, Recording } from '../types.ts';

export async function listRecordings(ctx: MeetContext, req: MockRequest): Promise<MockResponse> {
  let principal: Principal = { kind: 'api-key' };
  if (hasCredentials(req) || !has(ctx, 'list-without-auth')) {
    const auth = await authorize(ctx, req);
    if (!auth.ok) return auth.response;
    principal = auth.principal;
  }
  const parsed = parseListQuery(req.query);
  if (!parsed.ok) return errors.validation(parsed.issues);
  const q = parsed.value;

  let after: Cursor | undefined;
  if (q.nextPageToken !== undefined) {
    after = decodePageToken(q.nextPageToken);
    if (!after && !has(ctx, 'bad-token-restarts-listing')) return errors.validation([invalidTokenIssue]);
  }

  // A room-member token sees its own room only; its roomId overrides any filter given.
  const scoped = principal.kind === 'room-member' && !has(ctx, 'room-token-sees-other-rooms') ? principal.roomId : undefined;
  const roomId = scoped ?? q.roomId;
  const roomName = scoped !== undefined ? undefined : q.roomName;
  const filter = buildFilter(ctx, roomId, roomName, q.status);

  const limit = has(ctx, 'max-items-not-clamped') ? q.requestedMaxItems : q.maxItems;
  const sortOrder = has(ctx, 'sort-order-ignored') ? 'desc' : q.sortOrder;
  const page = ctx.store.page({
    sortField: q.sortField,
    sortOrder,
    limit,
    ...(after ? { after } : {}),
    inclusive: has(ctx, 'page-repeats-boundary-item'),
    ...(filter ? { filter } : {}),
  });

  const truncated = page.truncated || (has(ctx, 'truncated-on-last-page') && page.items.length > 0);
  const last = page.items[page.items.length - 1];
  const pagination: { isTruncated: boolean; nextPageToken?: string; maxItems: number } = { isTruncated: truncated, maxItems: limit };
  if (truncated && last) pagination.nextPageToken = encodePageToken(cursorOf(last, q.sortField));

  const fields = has(ctx, 'fields-projection-ignored') ? undefined : q.fields;
  const recordings = page.items.map((r) => project(present(ctx, r), fields));
  return json(200, { recordings, pagination });
}

/** roomId exact, roomName case-insensitive literal substring; both given = either matches (the platform's quirk). */
function buildFilter(ctx: MeetContext, roomId: string | undefined, roomName: string | undefined, status: string | undefined) {
  const caseSensitive = has(ctx, 'room-name-filter-case-sensitive');
  const needle = roomName === undefined ? undefined : caseSensitive ? roomName : roomName.toLowerCase();
  const roomTest =
    roomId === undefined && needle === undefined
      ? undefined
      : (r: Recording) =>
          (roomId !== undefined && r.roomId === roomId) ||
          (needle !== undefined && (caseSensitive ? r.roomName : r.roomName.toLowerCase()).includes(needle));
  if (!roomTest && status === undefined) return undefined;
  return (r: Recording) => (status === undefined || r.status === status) && (!roomTest || roomTest(r));
}

function project(wire: Record<string, unknown> | object, fields: string[] | undefined): Record<string, unknown> {
  const all = wire as Record<string, unknown>;
  if (!fields || fields.length === 0) return all;
  const out: Record<string, unknown> = {};
  for (const f of fields) if (Object.hasOwn(all, f)) out[f] = all[f];
  return out;
}
