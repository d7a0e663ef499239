// Shared helpers for OpenVidu Meet checks: operation names, assertions that produce
// well-formed failures, and getting the data a check needs (via the control API on the
// mock, via the target config on a real server).
import type { CheckContext, TargetResponse } from '../../core/check.ts';
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
  return room;
}

export async function startRecording(ctx: CheckContext, roomId: string, auth?: 'default' | 'none' | Record<string, string>): Promise<TargetResponse> {
  return ctx.target.request({ method: 'POST', path: '/recordings', body: { roomId }, auth, operation: OP.start });
}

export async function getRecording(ctx: CheckContext, id: string): Promise<TargetResponse> {
  return ctx.target.request({ method: 'GET', path: `/recordings/${encodeURIComponent(id)}`, operation: OP.get });
}

/** Waits (mock: advances the clock) until the recording leaves `ending`. Real targets: polls for up to 60 s. */
export async function settle(ctx: CheckContext, id: string): Promise<MeetRecording> {
  for (let i = 0; i < 60; i++) {
    const res = await getRecording(ctx, id);
    expectStatus(ctx, res, 200, 'a recording just stopped must be readable', OP.get);
    const rec = res.json<MeetRecording>();
    if (rec.status !== 'ending' && rec.status !== 'active' && rec.status !== 'starting') return rec;
    if (ctx.control) await ctx.control.advanceClock(SETTLE_MS);
    else await new Promise((r) => setTimeout(r, 1000));
  }
  ctx.fail({ rule: 'a stopped recording must finish', expected: 'status complete within 60 s', actual: 'still ending', operation: OP.get });
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
  const stopped = await ctx.target.request({ method: 'POST', path: `/recordings/${encodeURIComponent(id)}/stop`, operation: OP.stop });
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
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export interface SeedRoom {
  roomId: string;
  roomName?: string;
  participants?: number;
  recordingEnabled?: boolean;
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
