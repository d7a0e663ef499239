// Shared helpers for OpenVidu Meet checks: operation names, assertions that produce
// well-formed failures, and getting the data a check needs (via the control API on the
// mock, via the target config on a real server).
import type { CheckContext, TargetRequest, TargetResponse } from '../../core/check.ts';
import { NotImplemented } from '../../core/check.ts';
import { asConfig } from './config.ts';
import { excerpt, expectConforms, expectStatus, requireWrites as requireWritesFor } from '../engine/expect.ts';

export const OP = {
  start: 'startRecording',
  list: 'getRecordings',
  bulkDelete: 'bulkDeleteRecordings',
  zip: 'downloadRecordings',
  get: 'getRecording',
  delete: 'deleteRecording',
  media: 'getRecordingMedia',
  stop: 'stopRecording',
  url: 'getRecordingUrl',
} as const;
export type OperationId = (typeof OP)[keyof typeof OP];

export type RecordingStatus = 'starting' | 'active' | 'ending' | 'complete' | 'failed' | 'aborted' | 'limit_reached';
export const FINISHED: readonly RecordingStatus[] = ['complete', 'failed', 'aborted', 'limit_reached'];

/** The recording body as the suites read it (fields may be omitted by the server). */
export interface MeetRecording {
  recordingId: string;
  roomId: string;
  roomName: string;
  status: RecordingStatus;
  layout?: string;
  filename?: string;
  startDate?: number | null;
  endDate?: number | null;
  duration?: number | null;
  size?: number | null;
  details?: string | null;
}

/** How long the mock takes from stop to complete is its business: advance generously. */
export const SETTLE_MS = 60_000;





let counter = 0;
/** A room id unique within this process, deterministic per seed. */
export function uniqueRoomId(ctx: CheckContext, prefix = 'chk'): string {
  counter += 1;
  return `${prefix}-${ctx.seed.toString(36)}-${counter}`;
}

/** A room where a recording can start now. Mock: a fresh seeded room; real target: `rooms.recordable`. */
export async function recordableRoom(ctx: CheckContext, opts: { participants?: number; recordingEnabled?: boolean } = {}): Promise<string> {
  if (ctx.control) {
    const roomId = uniqueRoomId(ctx);
    await ctx.control.seed({ rooms: [{ roomId, roomName: `Room ${roomId}`, participants: opts.participants ?? 2, recordingEnabled: opts.recordingEnabled ?? true }] });
    return roomId;
  }
  const room = asConfig(ctx.config).rooms?.recordable;
  if (!room) ctx.notApplicable('no recordable room: set rooms.recordable in the target config');
  await awaitFreeRoom(ctx, room);
  return room;
}

/** The first recording in progress (starting, active or ending) listed in `roomId`, if any. */
export async function unfinishedIn(ctx: CheckContext, roomId: string): Promise<Partial<MeetRecording> | undefined> {
  for (const status of ['starting', 'active', 'ending'] as const) {
    const { page } = await listPage(ctx, { roomId, status, maxItems: 1 });
    if (page.recordings[0]) return page.recordings[0];
  }
  return undefined;
}

/**
 * A start answers 201 only in a room that is not recording. On a real server the configured room
 * may still be finishing a recording (ours, just stopped: waited for) or be recording for someone
 * else (the rule cannot be asserted now: not applicable, never a false failure).
 */
async function awaitFreeRoom(ctx: CheckContext, roomId: string): Promise<void> {
  const deadline = Date.now() + SETTLE_WAIT_MS;
  for (let i = 0; ; i++) {
    const busy = await unfinishedIn(ctx, roomId);
    if (!busy) return;
    if (busy.status !== 'ending' || Date.now() > deadline) {
      ctx.notApplicable(`rooms.recordable (${roomId}) is recording now (${String(busy.recordingId)}, ${String(busy.status)}): starting needs it free`);
    }
    await sleep(Math.min(POLL_MS.max, POLL_MS.first * 1.5 ** i));
  }
}

/**
 * The platform's catch-all route answers a path it does not serve with 404 {error: "Path Not Found",
 * message: "API path not implemented"} (OpenVidu/openvidu-meet meet-ce/backend/src/server.ts). That
 * body has the Error shape, so only its name tells a missing operation from the API's own 404.
 */
export const ROUTE_MISS_ERROR = 'Path Not Found';

/**
 * ctx.target.request, plus the platform's catch-all 404 taken for what it is: the documented
 * operation is not there (NotImplemented: the rule needing it is not applicable, and the target is
 * reported once as lacking it). Used where a 404 would otherwise be judged as the API's own answer.
 */
export async function meetRequest(ctx: CheckContext, req: TargetRequest): Promise<TargetResponse> {
  const res = await ctx.target.request(req);
  // Also where the check expects the API's own 404 (expectMiss): that one never says "Path Not Found".
  if (res.status === 404 && req.operation) {
    let name: unknown;
    try {
      name = (JSON.parse(res.text()) as { error?: unknown }).error;
    } catch {
      name = undefined;
    }
    if (name === ROUTE_MISS_ERROR) throw new NotImplemented(req.operation, `HTTP 404 {"error":"${ROUTE_MISS_ERROR}"} (the platform's catch-all route) — ${res.curl}`, false);
  }
  return res;
}

export async function startRecording(ctx: CheckContext, roomId: string, auth?: 'default' | 'none' | Record<string, string>): Promise<TargetResponse> {
  return meetRequest(ctx, { method: 'POST', path: '/recordings', body: { roomId }, auth, operation: OP.start });
}

/**
 * GET /recordings/{id}. `expectMiss` where the API must answer 404 (unknown or deleted id): a 404
 * without a proper Error body is then the failure it is, not taken for a route the target lacks.
 */
export async function getRecording(ctx: CheckContext, id: string, opts: { expectMiss?: boolean } = {}): Promise<TargetResponse> {
  return meetRequest(ctx, { method: 'GET', path: `/recordings/${encodeURIComponent(id)}`, operation: OP.get, ...(opts.expectMiss ? { expectMiss: true } : {}) });
}

/** Without the control API: how long a stopped recording may take to finish, and the poll intervals (growing). */
export const SETTLE_WAIT_MS = 60_000;
const POLL_MS = { first: 200, max: 1_000 };

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Waits until the recording leaves starting/active/ending. Mock with control: advances its clock;
 * otherwise polls (from every 200 ms up to every second, for up to 60 s of wall time), as a client
 * of a real server must.
 */
export async function settle(ctx: CheckContext, id: string): Promise<MeetRecording> {
  const deadline = Date.now() + SETTLE_WAIT_MS;
  for (let i = 0; ; i++) {
    const res = await getRecording(ctx, id);
    expectStatus(ctx, res, 200, 'a recording just stopped must be readable', OP.get);
    const rec = res.json<MeetRecording>();
    if (rec.status !== 'ending' && rec.status !== 'active' && rec.status !== 'starting') return rec;
    if (ctx.control) {
      if (i >= 60) break;
      await ctx.control.advanceClock(SETTLE_MS);
    } else {
      if (Date.now() > deadline) break;
      await sleep(Math.min(POLL_MS.max, POLL_MS.first * 1.5 ** i));
    }
  }
  ctx.fail({ rule: 'a stopped recording must finish', expected: `a finished status within ${SETTLE_WAIT_MS / 1000} s`, actual: 'still not finished', operation: OP.get });
}

/** A complete recording with media. Mock: recorded now (start, stop, settle); real: `recordings.complete`. */
export async function completeRecording(ctx: CheckContext): Promise<MeetRecording> {
  if (!ctx.control) {
    const id = asConfig(ctx.config).recordings?.complete;
    if (!id) ctx.notApplicable('no complete recording: set recordings.complete in the target config');
    const res = await getRecording(ctx, id);
    expectStatus(ctx, res, 200, 'the configured complete recording must exist', OP.get);
    return res.json<MeetRecording>();
  }
  const roomId = await recordableRoom(ctx);
  const started = await startRecording(ctx, roomId);
  expectStatus(ctx, started, 201, 'start in a room with participants must answer 201', OP.start);
  const id = started.json<MeetRecording>().recordingId;
  const stopped = await meetRequest(ctx, { method: 'POST', path: `/recordings/${encodeURIComponent(id)}/stop`, operation: OP.stop });
  expectStatus(ctx, stopped, 202, 'stop of an active recording must answer 202', OP.stop);
  const rec = await settle(ctx, id);
  if (rec.status !== 'complete') ctx.fail({ rule: 'a stopped recording must complete', expected: 'complete', actual: rec.status, operation: OP.get });
  return rec;
}


// ---- credentials, error bodies, listings (added for the schema/start/validation/pagination/auth checks) ----

/** Header sets for each credential kind (facts §5.1: JWTs travel as `Bearer <jwt>`). */
const bearer = (token: string) => (token.startsWith('Bearer ') ? token : `Bearer ${token}`);
export const rawToken = (token: string) => token.replace(/^Bearer\s+/, '');
export const roomMemberAuth = (token: string): Record<string, string> => ({ 'x-room-member-token': bearer(token) });
export const accessTokenAuth = (token: string): Record<string, string> => ({ authorization: bearer(token) });
export const apiKeyAuth = (key: string): Record<string, string> => ({ 'x-api-key': key });

/** A room-member token for `roomId`. Mock: minted through the control API; real: `roomMemberTokens[roomId]`. */
export async function roomMemberToken(ctx: CheckContext, roomId: string): Promise<string> {
  if (ctx.control) return (await ctx.control.call<{ token: string }>('token', { kind: 'room-member', roomId })).token;
  const token = asConfig(ctx.config).roomMemberTokens?.[roomId];
  if (!token) ctx.notApplicable(`no room-member token for room ${roomId}: set roomMemberTokens.${roomId} in the target config`);
  return token;
}

/** An admin access token. Mock: minted through the control API; real: `accessToken`. */
export async function accessToken(ctx: CheckContext): Promise<string> {
  if (ctx.control) return (await ctx.control.call<{ token: string }>('token', { kind: 'access' })).token;
  const token = asConfig(ctx.config).accessToken;
  if (!token) ctx.notApplicable('no admin access token: set accessToken in the target config');
  return token;
}

/** A recordingId that follows the format but names nothing (the room part makes it unique). */
export const unknownRecordingId = (ctx: CheckContext) => `${uniqueRoomId(ctx, 'nope')}--EG_callrecUnknown--ZZ9`;

export interface ErrorBody {
  error: string;
  message: string;
  details?: { field: string; message: string }[];
}

/** Fails unless the body is the documented Error shape: string `error` and `message`. */
export function expectErrorBody(ctx: CheckContext, res: TargetResponse, rule: string, operation?: string): ErrorBody {
  let body: unknown;
  try {
    body = JSON.parse(res.text());
  } catch {
    body = undefined;
  }
  const b = body as Partial<ErrorBody> | undefined;
  if (!b || typeof b !== 'object' || typeof b.error !== 'string' || typeof b.message !== 'string') {
    ctx.fail({ rule, expected: 'an Error body with string `error` and `message`', actual: excerpt(res), response: res, operation: operation ?? res.exchange.operation });
  }
  return b as ErrorBody;
}

/** Fails unless the response is a 422 whose `details` name a field accepted by `field`. */
export function expectValidationError(
  ctx: CheckContext,
  res: TargetResponse,
  field: string | RegExp,
  rule: string,
  operation?: string,
): ErrorBody {
  expectStatus(ctx, res, 422, rule, operation);
  const body = expectErrorBody(ctx, res, rule, operation);
  const matches = (f: unknown) => typeof f === 'string' && (typeof field === 'string' ? f === field : field.test(f));
  if (!Array.isArray(body.details) || !body.details.some((d) => matches(d?.field))) {
    ctx.fail({
      rule,
      expected: `422 details naming the field ${String(field)}`,
      actual: `details ${JSON.stringify(body.details ?? null).slice(0, 200)}`,
      response: res,
      operation: operation ?? res.exchange.operation,
    });
  }
  return body;
}

export interface ListPage {
  recordings: Partial<MeetRecording>[];
  pagination: { isTruncated: boolean; nextPageToken?: string | null; maxItems: number };
}

export type ListQuery = Record<string, string | number | boolean | undefined>;

/** One page of GET /recordings; fails on anything but a 200 list body. */
export async function listPage(ctx: CheckContext, query: ListQuery, auth?: TargetRequestAuth): Promise<{ res: TargetResponse; page: ListPage }> {
  const res = await ctx.target.request({ method: 'GET', path: '/recordings', query, auth, operation: OP.list });
  expectStatus(ctx, res, 200, 'a valid listing must answer 200', OP.list);
  const page = res.json<ListPage>();
  if (!page || !Array.isArray(page.recordings) || typeof page.pagination !== 'object' || page.pagination === null) {
    ctx.fail({ rule: 'a listing must have recordings and pagination', expected: '{recordings: [...], pagination: {...}}', actual: excerpt(res), response: res, operation: OP.list });
  }
  return { res, page };
}

export interface Walk {
  pages: { res: TargetResponse; page: ListPage }[];
  items: Partial<MeetRecording>[];
}

/**
 * Follows nextPageToken until a page is not truncated (at most `maxPages` pages, so a server that
 * never ends cannot hang a check). Fails when the limit is hit.
 */
export async function walkListing(ctx: CheckContext, query: ListQuery, maxPages: number, auth?: TargetRequestAuth): Promise<Walk> {
  const pages: Walk['pages'] = [];
  let token: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const got = await listPage(ctx, token ? { ...query, nextPageToken: token } : query, auth);
    pages.push(got);
    const { isTruncated, nextPageToken } = got.page.pagination;
    if (!isTruncated || typeof nextPageToken !== 'string' || nextPageToken === '') {
      return { pages, items: pages.flatMap((p) => p.page.recordings) };
    }
    token = nextPageToken;
  }
  const last = pages[pages.length - 1]!;
  ctx.fail({
    rule: 'following nextPageToken must reach a last page',
    expected: `the listing to end within ${maxPages} pages`,
    actual: `page ${maxPages} is still truncated`,
    response: last.res,
    operation: OP.list,
  });
}

type TargetRequestAuth = 'default' | 'none' | Record<string, string>;

/** Best-effort clean-up of a recording a check created: stop it; on a real target also settle and delete. */
export async function discardRecording(ctx: CheckContext, id: string): Promise<void> {
  const path = `/recordings/${encodeURIComponent(id)}`;
  await ctx.target.request({ method: 'POST', path: `${path}/stop`, operation: OP.stop });
  if (ctx.control) return;
  for (let i = 0; i < 30; i++) {
    const res = await ctx.target.request({ method: 'DELETE', path, operation: OP.delete });
    if (res.status !== 409) return;
    await sleep(1000);
  }
}

export interface SeedRoom {
  roomId: string;
  roomName?: string;
  participants?: number;
  recordingEnabled?: boolean;
  recordingAccess?: 'admin' | 'admin_moderator' | 'admin_moderator_speaker';
}

/** A recording to seed on the mock: status defaults to complete; start/duration in ms. */
export interface SeedRecording {
  roomId: string;
  status?: RecordingStatus;
  startDate?: number;
  durationMs?: number;
}

/** Mock only: loads rooms and recordings (optionally replacing all data) and answers the recordings created. */
export async function seedData(ctx: CheckContext, data: { rooms?: SeedRoom[]; recordings?: SeedRecording[]; replace?: boolean }): Promise<MeetRecording[]> {
  if (!ctx.control) ctx.notApplicable('seeding data needs the control API');
  const out = (await ctx.control.seed(data)) as { recordings?: MeetRecording[] } | undefined;
  return out?.recordings ?? [];
}

/**
 * A complete recording with media that checks may read but should not change.
 * Mock: seeded in a fresh room (no clock needed); real target: `recordings.complete`.
 */
export async function existingCompleteRecording(ctx: CheckContext): Promise<MeetRecording> {
  if (!ctx.control) return completeRecording(ctx);
  const roomId = uniqueRoomId(ctx, 'done');
  const [rec] = await seedData(ctx, { rooms: [{ roomId, roomName: `Room ${roomId}`, participants: 1 }], recordings: [{ roomId, status: 'complete' }] });
  if (!rec) throw new Error('the mock did not answer the seeded recording');
  return rec;
}

export { excerpt, expectConforms, expectStatus } from '../engine/expect.ts';

export function requireWrites(ctx: CheckContext): void {
  requireWritesFor(ctx, 'creates and deletes recordings');
}

// ---- configured data, for targets that cannot create their own (no control API, or an operation missing) ----

/** The configured recording in progress (`recordings.active`), read back; not applicable when unset or not active. */
export async function configuredActiveRecording(ctx: CheckContext): Promise<MeetRecording> {
  const id = asConfig(ctx.config).recordings?.active;
  if (!id) ctx.notApplicable('no recording in progress of the suite\'s own, and none configured: set recordings.active in the target config');
  const res = await getRecording(ctx, id);
  expectStatus(ctx, res, 200, 'the configured active recording (recordings.active) must exist', OP.get);
  const rec = res.json<MeetRecording>();
  if (rec.status !== 'active') ctx.notApplicable(`the configured recordings.active ${id} is ${String(rec.status)}, not active: start a new one before the run`);
  return rec;
}

/**
 * Takes `n` of the configured deletable recordings (`recordings.deletable`) that still exist and are
 * complete (a check that deletes one uses it up for the checks after it). Not applicable when fewer are left.
 */
export async function takeDeletable(ctx: CheckContext, n: number): Promise<MeetRecording[]> {
  const ids = asConfig(ctx.config).recordings?.deletable ?? [];
  const out: MeetRecording[] = [];
  for (const id of ids) {
    if (out.length === n) break;
    const res = await getRecording(ctx, id);
    if (res.status !== 200) continue;
    const rec = res.json<MeetRecording>();
    if (rec.status !== 'complete') continue;
    out.push(rec);
  }
  if (out.length < n) {
    ctx.notApplicable(`needs ${n} complete recording(s) it may delete and cannot record them: list ${n} more in recordings.deletable (${out.length} usable left)`);
  }
  return out;
}

/**
 * Makes a recording of the check's own as one rule (`rule`); when that is impossible (the target
 * lacks start or stop, or it failed, which the rule reports) answers `fallback()` instead, so the
 * rules that only need *a* recording still run on configured data. Undefined when neither works
 * (the reason is recorded under `fallbackRule`).
 */
export async function ownOrConfigured<T>(
  ctx: CheckContext,
  rule: string,
  create: () => Promise<T>,
  fallbackRule: string,
  fallback: () => Promise<T>,
): Promise<{ value: T; own: boolean } | undefined> {
  let made: T | undefined;
  let missing = false;
  const ok = await ctx.rule(rule, async () => {
    try {
      made = await create();
    } catch (e) {
      if (e instanceof NotImplemented) missing = true;
      throw e;
    }
  });
  if (ok) return { value: made as T, own: true };
  let got: T | undefined;
  const fell = await ctx.rule(`${fallbackRule} (configured data${missing ? ': the target cannot create it' : ''})`, async () => {
    got = await fallback();
  });
  return fell ? { value: got as T, own: false } : undefined;
}
