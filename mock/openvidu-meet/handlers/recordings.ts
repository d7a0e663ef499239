// The recordings collection and its items: list, get, delete one, delete many (facts §5.3, §5.4).
import { json } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { authorize, authorizeWithSecret, reaches, refuse } from '../access.ts';
import { has } from '../context.ts';
import { present } from '../wire.ts';
import * as errors from '../errors.ts';
import { roomIdOf } from '../ids.ts';
import { cursorOf } from '../store.ts';
import { decodePageToken, encodePageToken, invalidTokenIssue, parseListQuery, parseRecordingId, parseRecordingIds, roomIdSanitiser } from '../input.ts';
import type { MeetContext } from '../context.ts';
import type { Cursor } from '../store.ts';
import type { Principal, Recording, MeetRecording } from '../types.ts';
import { isTerminal } from '../types.ts';

// GET /recordings — filtered, sorted, cursor-paginated listing (facts §5.3).
export async function listRecordings(ctx: MeetContext, req: MockRequest): Promise<MockResponse> {
  let principal: Principal = { kind: 'api-key' };
  // The `list-without-auth` fault lets a request that carries no credential header at all through.
  if (
    !(has(ctx, 'list-without-auth') && req.headers['x-api-key'] === undefined && req.headers['authorization'] === undefined && req.headers['x-room-member-token'] === undefined)
  ) {
    const auth = await authorize(ctx, req);
    if (!auth.ok) return auth.response;
    principal = auth.principal;
  }
  const refused = refuse(ctx, principal, 'retrieve');
  if (refused) return refused;
  const parsed = parseListQuery(req.query, roomIdSanitiser(ctx));
  if (!parsed.ok) return errors.validation(parsed.issues);
  const q = parsed.value;

  let after: Cursor | undefined;
  if (q.nextPageToken !== undefined) {
    // `page-token-lenient`: what is not base64url is skipped, as lenient base64 decoders do.
    after = decodePageToken(has(ctx, 'page-token-lenient') ? q.nextPageToken.replace(/[^A-Za-z0-9_-]/g, '') : q.nextPageToken);
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
  // `room-name-filter-undefined`: an absent roomName is tested as the text "undefined" next to a roomId.
  const given = roomName ?? (has(ctx, 'room-name-filter-undefined') && roomId !== undefined ? 'undefined' : undefined);
  const needle = given === undefined ? undefined : caseSensitive ? given : given.toLowerCase();
  const roomTest =
    roomId === undefined && needle === undefined
      ? undefined
      : (r: Recording) =>
          r.roomId === roomId ||
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

// GET /recordings/{recordingId} — validates before authenticating (facts §5.4).
export async function getRecording(ctx: MeetContext, req: MockRequest, rawId: string): Promise<MockResponse> {
  const id = parseRecordingId(rawId, 'params.recordingId', roomIdSanitiser(ctx));
  if (!id.ok) return has(ctx, 'bad-recording-id-404') ? errors.recordingNotFound(rawId) : errors.validation(id.issues);
  const auth = await authorizeWithSecret(ctx, req, id.value, false);
  if (!auth.ok) return auth.response;

  // Judged by the id's room before any lookup, as the platform's middleware does: another room is 403 even for an unknown id.
  const refused = refuse(ctx, auth.principal, 'retrieve', roomIdOf(id.value));
  if (refused) return refused;
  const r = ctx.store.get(id.value);
  if (!r) return errors.recordingNotFound(id.value);
  const wire: MeetRecording = present(ctx, r);
  if (has(ctx, 'status-regresses') && r.status === 'complete' && ctx.reads++ % 2 === 1) wire.status = 'ending';
  if (has(ctx, 'status-outside-enum')) (wire as { status: string }).status = 'recording';
  return json(200, wire);
}

// DELETE /recordings/{recordingId} — only stopped recordings can be deleted (facts §5.4).
export async function deleteRecording(ctx: MeetContext, req: MockRequest, rawId: string): Promise<MockResponse> {
  const auth = await authorize(ctx, req);
  if (!auth.ok) return auth.response;
  const id = parseRecordingId(rawId, 'recordingId', roomIdSanitiser(ctx));
  if (!id.ok) return has(ctx, 'bad-recording-id-404') ? errors.recordingNotFound(rawId) : errors.validation(id.issues);

  // Judged by the id's room before any lookup, as the platform's middleware does: another room is 403 even for an unknown id.
  const refused = refuse(ctx, auth.principal, 'delete', roomIdOf(id.value));
  if (refused) return refused;
  const r = ctx.store.get(id.value);
  if (!r) return errors.recordingNotFound(id.value);
  if (!isTerminal(r.status) && !has(ctx, 'delete-active-allowed')) return errors.notStopped(r.recordingId);
  if (has(ctx, 'only-complete-deletable') && r.status !== 'complete') return errors.notStopped(r.recordingId);
  ctx.store.delete(r.recordingId, { keepListed: has(ctx, 'deleted-still-listed') });
  return json(200, { message: `Recording '${r.recordingId}' deleted successfully` });
}

// DELETE /recordings?recordingIds=a,b — 200 only if every id was deleted, else 400 with the
// per-item failures (facts §5.4).
export async function bulkDeleteRecordings(ctx: MeetContext, req: MockRequest): Promise<MockResponse> {
  const auth = await authorize(ctx, req);
  if (!auth.ok) return auth.response;
  const ids = parseRecordingIds(req.query.get('recordingIds'), roomIdSanitiser(ctx));
  if (!ids.ok) return errors.validation(ids.issues);
  const refused = refuse(ctx, auth.principal, 'delete');
  if (refused) return refused;

  const deleted: string[] = [];
  const failed: { recordingId: string; error: string }[] = [];
  const keepListed = has(ctx, 'deleted-still-listed');
  for (const id of ids.value) {
    const r = ctx.store.get(id);
    const p = auth.principal;
    let error: string | undefined;
    if (!r) error = `Recording '${id}' not found`;
    else if (!reaches(ctx, p, r.roomId) && p.kind === 'room-member' && !has(ctx, 'bulk-delete-any-room')) error = errors.notInRoom(id, p.roomId);
    else if (!isTerminal(r.status) && !has(ctx, 'delete-active-allowed')) error = `Recording '${id}' is not stopped yet`;
    if (error) failed.push({ recordingId: id, error });
    else {
      ctx.store.delete(id, { keepListed });
      deleted.push(id);
    }
  }
  if (failed.length === 0) return json(200, { message: 'All recordings deleted successfully', deleted });
  const status = has(ctx, 'bulk-delete-partial-200') ? 200 : 400;
  return json(status, { message: `${failed.length} recording(s) could not be deleted`, deleted, failed });
}
