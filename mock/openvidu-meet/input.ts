// Request validation, mirroring the server's zod schemas (facts §5.3): each function returns the
// parsed value or the list of field issues that becomes a 422 `details` array.
import { decodeUtf8Strict } from '../../core/http.ts';
import { has } from './context.ts';
import { isRecordingId } from './ids.ts';
import type { MeetContext } from './context.ts';
import { DEFAULT_RECORDING_ACCESS, LAYOUTS, RECORDING_ACCESS, RECORDING_STATUSES, SORT_FIELDS } from './types.ts';
import type { FieldIssue } from './errors.ts';
import type { Cursor } from './store.ts';
import type { LayoutName, RecordingAccess, RecordingStatus, SortField, SortOrder } from './types.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (field: string, message: string): Parsed<never> => ({ ok: false, issues: [{ field, message }] });

const enumMessage = (allowed: readonly string[], got: string) =>
  `Invalid enum value. Expected ${allowed.map((a) => `'${a}'`).join(' | ')}, received '${got}'`;
const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

export const MAX_ROOM_ID_LENGTH = 100;

/** How a room id from a request is cleaned before use. */
export type RoomIdSanitiser = (raw: string) => string;
/**
 * The platform's sanitiser (3.5 room helper `sanitizeRoomId`): every character outside
 * `[A-Za-z0-9_-]` is removed (spaces too), so `room-a!` names `room-a`. Applied to the start body's
 * roomId, the listing's roomId filter, the room part of every recordingId and the rooms API's path.
 */
export const sanitizeRoomId: RoomIdSanitiser = (raw) => raw.replace(/[^A-Za-z0-9_-]/g, '');
/** The `room-id-only-trimmed` fault: surrounding whitespace removed, nothing else. */
export const trimRoomId: RoomIdSanitiser = (raw) => raw.trim();
/** The sanitiser this mock applies now (with its faults). */
export const roomIdSanitiser = (ctx: MeetContext): RoomIdSanitiser => (has(ctx, 'room-id-only-trimmed') ? trimRoomId : sanitizeRoomId);

/**
 * The platform's roomId rule (zod `nonEmptySanitizedRoomId`): a string of 1..100 characters as
 * sent, then sanitised, and not empty after that.
 */
export function parseRoomId(raw: unknown, field: string, sanitise: RoomIdSanitiser): Parsed<string> {
  if (typeof raw !== 'string') return fail(field, raw === undefined ? 'Required' : `Expected string, received ${typeName(raw)}`);
  if (raw.length === 0) return fail(field, `${field} is required and cannot be empty`);
  if (raw.length > MAX_ROOM_ID_LENGTH) return fail(field, `${field} cannot exceed ${MAX_ROOM_ID_LENGTH} characters`);
  const clean = sanitise(raw);
  return clean.length === 0 ? fail(field, `${field} cannot be empty after sanitization`) : ok(clean);
}

/** A recordingId as the platform reads it: trimmed, and its room part sanitised when it has three parts. */
function cleanRecordingId(id: string, sanitise: RoomIdSanitiser): string {
  const trimmed = id.trim();
  const parts = trimmed.split('--');
  if (parts.length !== 3) return trimmed;
  const room = parseRoomId(parts[0], 'roomId', sanitise);
  return room.ok ? `${room.value}--${parts[1]}--${parts[2]}` : trimmed;
}

export interface StartBody {
  roomId: string;
  layout?: LayoutName;
}

/** `{roomId, config?: {layout?}}`; roomId is sanitised as the platform does (parseRoomId). */
export function parseStartBody(body: unknown, sanitise: RoomIdSanitiser = sanitizeRoomId): Parsed<StartBody> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return fail('body', `Expected object, received ${typeName(body === undefined ? undefined : body)}`);
  const b = body as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  let roomId = '';
  const room = parseRoomId(b.roomId, 'roomId', sanitise);
  if (room.ok) roomId = room.value;
  else issues.push(...room.issues);
  let layout: LayoutName | undefined;
  if (b.config !== undefined) {
    if (typeof b.config !== 'object' || b.config === null || Array.isArray(b.config))
      issues.push({ field: 'config', message: `Expected object, received ${typeName(b.config)}` });
    else {
      const l = (b.config as Record<string, unknown>).layout;
      if (l !== undefined) {
        if ((LAYOUTS as readonly unknown[]).includes(l)) layout = l as LayoutName;
        else issues.push({ field: 'config.layout', message: enumMessage(LAYOUTS, String(l)) });
      }
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return ok(layout ? { roomId, layout } : { roomId });
}

/** A path recordingId, trimmed (room part sanitised); `field` is where the 422 points (it differs per route). */
export function parseRecordingId(raw: string, field: string, sanitise: RoomIdSanitiser = sanitizeRoomId): Parsed<string> {
  let id: string;
  try {
    id = cleanRecordingId(decodeURIComponent(raw), sanitise);
  } catch {
    return fail(field, 'recordingId does not follow the expected format');
  }
  return isRecordingId(id) ? ok(id) : fail(field, 'recordingId does not follow the expected format');
}

/** `recordingIds=a,b,c`: trimmed, empties dropped, duplicates collapsed (facts §5.4). */
export function parseRecordingIds(raw: string | null, sanitise: RoomIdSanitiser = sanitizeRoomId): Parsed<string[]> {
  const ids = (raw ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0).map((s) => cleanRecordingId(s, sanitise));
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

export function parseListQuery(q: URLSearchParams, sanitise: RoomIdSanitiser = sanitizeRoomId): Parsed<ListQuery> {
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
  const rawRoomId = q.get('roomId');
  const room = rawRoomId === null ? undefined : parseRoomId(rawRoomId, 'roomId', sanitise);
  if (room && !room.ok) issues.push(...room.issues);
  if (issues.length > 0) return { ok: false, issues };

  const value: ListQuery = { maxItems, requestedMaxItems: requested, sortField: sortField as SortField, sortOrder: sortOrder as SortOrder };
  if (status !== null) value.status = status as RecordingStatus;
  if (room?.ok) value.roomId = room.value;
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
    // Not an object: a number or string has no id, and null throws here (caught below).
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

// ---- rooms ----

export const MAX_ROOM_NAME_LENGTH = 50;
/** autoDeletionDate must be at least this far ahead (the platform's MIN_FUTURE_TIME_FOR_ROOM_AUTODELETION_DATE, 1 h). */
export const MIN_AUTO_DELETION_AHEAD_MS = 3600_000;

export interface CreateRoomBody {
  roomName: string;
  autoDeletionDate?: number;
  recordingEnabled: boolean;
  recordingAccess: RecordingAccess;
  layout: LayoutName;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `{roomName?, autoDeletionDate?, config?: {recording?: {enabled, allowAccessTo?, layout?}, chat?, virtualBackground?}}`
 * as the 3.5 validator reads it: roomName at most 50 characters, trimmed with inner runs of spaces
 * collapsed, default `Room`; recording enabled needs allowAccessTo; the default config records, open to all roles.
 */
export function parseCreateRoomBody(body: unknown, now: number): Parsed<CreateRoomBody> {
  if (!isPlainObject(body)) return fail('body', `Expected object, received ${typeName(body)}`);
  const issues: FieldIssue[] = [];
  let roomName = 'Room';
  if (body.roomName !== undefined) {
    if (typeof body.roomName !== 'string') issues.push({ field: 'roomName', message: `Expected string, received ${typeName(body.roomName)}` });
    else if (body.roomName.length > MAX_ROOM_NAME_LENGTH) issues.push({ field: 'roomName', message: `roomName cannot exceed ${MAX_ROOM_NAME_LENGTH} characters` });
    else roomName = body.roomName.trim().replace(/\s+/g, ' ') || 'Room';
  }
  let autoDeletionDate: number | undefined;
  if (body.autoDeletionDate !== undefined) {
    const d = body.autoDeletionDate;
    if (typeof d !== 'number' || !Number.isFinite(d)) issues.push({ field: 'autoDeletionDate', message: `Expected number, received ${typeName(d)}` });
    else if (d < now + MIN_AUTO_DELETION_AHEAD_MS) issues.push({ field: 'autoDeletionDate', message: 'autoDeletionDate must be at least 1h in the future' });
    else autoDeletionDate = d;
  }
  let recordingEnabled = true;
  let recordingAccess: RecordingAccess = DEFAULT_RECORDING_ACCESS;
  let layout: LayoutName = 'grid';
  if (body.config !== undefined) {
    if (!isPlainObject(body.config)) issues.push({ field: 'config', message: `Expected object, received ${typeName(body.config)}` });
    else {
      for (const key of ['chat', 'virtualBackground', 'e2ee'] as const) {
        const c = body.config[key];
        if (c !== undefined && !(isPlainObject(c) && typeof c.enabled === 'boolean')) issues.push({ field: `config.${key}.enabled`, message: 'Expected boolean' });
      }
      const rec = body.config.recording;
      if (rec !== undefined) {
        if (!isPlainObject(rec) || typeof rec.enabled !== 'boolean') issues.push({ field: 'config.recording.enabled', message: 'Expected boolean' });
        else {
          recordingEnabled = rec.enabled;
          if (rec.allowAccessTo === undefined) {
            if (rec.enabled) issues.push({ field: 'config.recording.allowAccessTo', message: 'allowAccessTo is required when recording is enabled' });
          } else if ((RECORDING_ACCESS as readonly unknown[]).includes(rec.allowAccessTo)) recordingAccess = rec.allowAccessTo as RecordingAccess;
          else issues.push({ field: 'config.recording.allowAccessTo', message: enumMessage(RECORDING_ACCESS, String(rec.allowAccessTo)) });
          if (rec.layout !== undefined) {
            if ((LAYOUTS as readonly unknown[]).includes(rec.layout)) layout = rec.layout as LayoutName;
            else issues.push({ field: 'config.recording.layout', message: enumMessage(LAYOUTS, String(rec.layout)) });
          }
        }
      }
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return ok({ roomName, recordingEnabled, recordingAccess, layout, autoDeletionDate });
}

export interface RoomListQuery {
  maxItems: number;
  roomName?: string;
  nextPageToken?: string;
}

/** GET /rooms: maxItems as for recordings (default 10, floored, clamped to 100), roomName, nextPageToken. */
export function parseRoomListQuery(q: URLSearchParams): Parsed<RoomListQuery> {
  const base = parseListQuery(new URLSearchParams(q.has('maxItems') ? { maxItems: q.get('maxItems')! } : {}));
  if (!base.ok) return base;
  const value: RoomListQuery = { maxItems: base.value.maxItems };
  const roomName = q.get('roomName');
  if (roomName) value.roomName = roomName;
  const token = q.get('nextPageToken');
  if (token) value.nextPageToken = token;
  return ok(value);
}
