// Request validation, mirroring the server's zod schemas (facts §5.3): each function returns the
// parsed value or the list of field issues that becomes a 422 `details` array.
import { decodeUtf8Strict } from '../../core/http.ts';
import { isRecordingId } from './ids.ts';
import { LAYOUTS, RECORDING_STATUSES, SORT_FIELDS } from './types.ts';
import type { FieldIssue } from './errors.ts';
import type { Cursor } from './store.ts';
import type { LayoutName, RecordingStatus, SortField, SortOrder } from './types.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (field: string, message: string): Parsed<never> => ({ ok: false, issues: [{ field, message }] });

const enumMessage = (allowed: readonly string[], got: string) =>
  `Invalid enum value. Expected ${allowed.map((a) => `'${a}'`).join(' | ')}, received '${got}'`;
const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

export const MAX_ROOM_ID_LENGTH = 100;

export interface StartBody {
  roomId: string;
  layout?: LayoutName;
}

/** `{roomId, config?: {layout?}}`; roomId is trimmed (the server's sanitisation). */
export function parseStartBody(body: unknown): Parsed<StartBody> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return fail('body', `Expected object, received ${typeName(body === undefined ? undefined : body)}`);
  const b = body as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  let roomId = '';
  if (b.roomId === undefined) issues.push({ field: 'roomId', message: 'Required' });
  else if (typeof b.roomId !== 'string') issues.push({ field: 'roomId', message: `Expected string, received ${typeName(b.roomId)}` });
  else {
    roomId = b.roomId.trim();
    if (roomId.length === 0) issues.push({ field: 'roomId', message: 'roomId cannot be empty after sanitization' });
    else if (roomId.length > MAX_ROOM_ID_LENGTH)
      issues.push({ field: 'roomId', message: `roomId cannot exceed ${MAX_ROOM_ID_LENGTH} characters` });
  }
  let layout: LayoutName | undefined;
  if (b.config !== undefined) {
    if (typeof b.config !== 'object' || b.config === null || Array.isArray(b.config))
      issues.push({ field: 'config', message: `Expected object, received ${typeName(b.config)}` });
    else {
      const l = (b.config as Record<string, unknown>).layout;
      if (l !== undefined) {
        if (typeof l === 'string' && (LAYOUTS as readonly string[]).includes(l)) layout = l as LayoutName;
        else issues.push({ field: 'config.layout', message: enumMessage(LAYOUTS, String(l)) });
      }
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return ok(layout ? { roomId, layout } : { roomId });
}

/** A path recordingId, trimmed; `field` is where the 422 points (it differs per route). */
export function parseRecordingId(raw: string, field: string): Parsed<string> {
  let id: string;
  try {
    id = decodeURIComponent(raw).trim();
  } catch {
    return fail(field, 'recordingId does not follow the expected format');
  }
  return isRecordingId(id) ? ok(id) : fail(field, 'recordingId does not follow the expected format');
}

/** `recordingIds=a,b,c`: trimmed, empties dropped, duplicates collapsed (facts §5.4). */
export function parseRecordingIds(raw: string | null): Parsed<string[]> {
  const ids = (raw ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (ids.length === 0) return fail('recordingIds', 'recordingIds must contain at least one item');
  const issues = ids.flatMap((id, i) =>
    isRecordingId(id) ? [] : [{ field: `recordingIds.${i}`, message: 'recordingId does not follow the expected format' }],
  );
  if (issues.length > 0) return { ok: false, issues };
  return ok([...new Set(ids)]);
}

export const DEFAULT_MAX_ITEMS = 10;
export const MAX_ITEMS_LIMIT = 100;

export interface ListQuery {
  maxItems: number;
  /** maxItems as asked (floored), before clamping; only the `max-items-not-clamped` fault uses it. */
  requestedMaxItems: number;
  sortField: SortField;
  sortOrder: SortOrder;
  status?: RecordingStatus;
  roomId?: string;
  roomName?: string;
  fields?: string[];
  /** Raw token; decoded separately so the caller can apply the `bad-token-restarts-listing` fault. */
  nextPageToken?: string;
}

export function parseListQuery(q: URLSearchParams): Parsed<ListQuery> {
  const issues: FieldIssue[] = [];
  let maxItems = DEFAULT_MAX_ITEMS;
  let requested = DEFAULT_MAX_ITEMS;
  const rawMax = q.get('maxItems');
  if (rawMax !== null) {
    // Decimal numerals only: the platform's Number() coercion would also take `0x10` or
    // `Infinity`, which the spec (type number) does not allow in a query string.
    const n = /^\s*[+-]?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(rawMax) ? Number(rawMax) : NaN;
    if (Number.isNaN(n)) issues.push({ field: 'maxItems', message: 'Expected number, received nan' });
    else if (n <= 0) issues.push({ field: 'maxItems', message: 'maxItems must be a positive number' });
    else {
      requested = Math.floor(n);
      // 0 < n < 1 floors to 0; the server would then return an empty page, we treat it as 1 item.
      requested = Math.max(1, requested);
      maxItems = Math.min(requested, MAX_ITEMS_LIMIT);
    }
  }
  const sortField = q.get('sortField') ?? 'startDate';
  if (!(SORT_FIELDS as readonly string[]).includes(sortField)) issues.push({ field: 'sortField', message: enumMessage(SORT_FIELDS, sortField) });
  const sortOrder = q.get('sortOrder') ?? 'desc';
  if (sortOrder !== 'asc' && sortOrder !== 'desc') issues.push({ field: 'sortOrder', message: enumMessage(['asc', 'desc'], sortOrder) });
  const status = q.get('status');
  if (status !== null && !(RECORDING_STATUSES as readonly string[]).includes(status))
    issues.push({ field: 'status', message: enumMessage(RECORDING_STATUSES, status) });
  if (issues.length > 0) return { ok: false, issues };

  const value: ListQuery = { maxItems, requestedMaxItems: requested, sortField: sortField as SortField, sortOrder: sortOrder as SortOrder };
  if (status !== null) value.status = status as RecordingStatus;
  const roomId = q.get('roomId');
  if (roomId) value.roomId = roomId;
  const roomName = q.get('roomName');
  if (roomName) value.roomName = roomName;
  const fields = q.get('fields');
  if (fields) value.fields = fields.split(',').map((f) => f.trim()).filter(Boolean);
  const token = q.get('nextPageToken');
  if (token) value.nextPageToken = token;
  return ok(value);
}

// ---- page tokens: opaque to clients, base64url of JSON {v: last sort value, id: last recordingId} ----

const toBase64Url = (s: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(s))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export function encodePageToken(c: Cursor): string {
  return toBase64Url(JSON.stringify({ v: c.v ?? null, id: c.id }));
}

export function decodePageToken(token: string): Cursor | undefined {
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
    const bin = atob(token.replace(/-/g, '+').replace(/_/g, '/'));
    const text = decodeUtf8Strict(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
    const o: unknown = JSON.parse(text);
    if (typeof o !== 'object' || o === null) return undefined;
    const { v, id } = o as { v?: unknown; id?: unknown };
    if (typeof id !== 'string') return undefined;
    if (v !== null && typeof v !== 'number' && typeof v !== 'string') return undefined;
    return { v: v ?? undefined, id };
  } catch {
    return undefined;
  }
}

export const invalidTokenIssue: FieldIssue = { field: 'nextPageToken', message: 'Invalid nextPageToken' };

/** The server's Range check: only `bytes=start-end` or `bytes=start-` (facts §5.3). */
// The platform's validator accepts `bytes=a-b` and `bytes=a-`; we also serve RFC 9110 suffix
// ranges `bytes=-n` (decision suffix-ranges in the spec): players and curl send them.
export const RANGE_FORMAT = /^bytes=(?:\d+-\d*|-\d+)$/;
export const rangeIssue: FieldIssue = { field: 'headers.range', message: 'Invalid range header format. Expected: bytes=start-end' };
