// Helpers for the media, range, deletion, ZIP and webhook checks: fetching media, an
// independent range oracle (deliberately not core/range.ts, so a check never shares the mock's
// logic), fresh recordings in known states, and listing scans.
import type { CheckContext, TargetResponse } from '../../core/check.ts';
import { asConfig } from './config.ts';
import {
  OP,
  expectStatus,
  getRecording,
  meetRequest,
  recordableRoom,
  requireWrites,
  settle,
  startRecording,
  uniqueRoomId,
  type MeetRecording,
} from './support.ts';

export const MEDIA_SPEC = '#/paths/~1recordings~1{recordingId}~1media/get';
export const MIB = 1024 * 1024;
/** The built-in mock's media fixture larger than the open-ended cap (fixtures/media/manifest.json). */
export const LARGE_MOCK_FIXTURE = 'large-6mib.mp4';
/** Longest slice the platform returns for an open-ended `bytes=N-` (facts §5.4, code behaviour). */
export const OPEN_ENDED_CAP = 5 * MIB;
/** The platform's Range syntax (facts §5.3): anything else is a 422 on `headers.range`. */
export const PLATFORM_RANGE = /^bytes=\d+-\d*$/;

const enc = (id: string) => encodeURIComponent(id);

export function getMedia(ctx: CheckContext, id: string, opts: { range?: string; method?: 'GET' | 'HEAD' } = {}): Promise<TargetResponse> {
  return ctx.target.request({
    method: opts.method ?? 'GET',
    path: `/recordings/${enc(id)}/media`,
    ...(opts.range !== undefined ? { headers: { range: opts.range } } : {}),
    operation: OP.media,
  });
}

/** POST /recordings/{id}/stop; `expectMiss` where the API must answer 404 (see support's getRecording). */
export function stopRecording(ctx: CheckContext, id: string, opts: { expectMiss?: boolean } = {}): Promise<TargetResponse> {
  return meetRequest(ctx, { method: 'POST', path: `/recordings/${enc(id)}/stop`, operation: OP.stop, ...(opts.expectMiss ? { expectMiss: true } : {}) });
}

export function deleteRecording(ctx: CheckContext, id: string): Promise<TargetResponse> {
  return ctx.target.request({ method: 'DELETE', path: `/recordings/${enc(id)}`, operation: OP.delete });
}

export function bulkDelete(ctx: CheckContext, ids: string[]): Promise<TargetResponse> {
  return ctx.target.request({ method: 'DELETE', path: '/recordings', query: { recordingIds: ids.join(',') }, operation: OP.bulkDelete });
}

/** A well-formed id (room--EG_…--uid) that no server will have issued. */
export function unknownRecordingId(roomId: string): string {
  return `${roomId}--EG_callrecNoSuchEgress--ZZ404`;
}

/** The whole media of a complete recording, as served without a Range header. */
export async function fullMedia(ctx: CheckContext, rec: MeetRecording): Promise<Uint8Array> {
  const res = await getMedia(ctx, rec.recordingId);
  expectStatus(ctx, res, 200, 'media of a complete recording without Range must answer 200', OP.media);
  return res.bytes;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b); // native, not a JS loop over megabytes
}

/** Index of the first differing byte (or the shorter length), for failure messages. */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.byteLength, b.byteLength);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

/** An MP4 file opens with a box whose type (bytes 4..7) is `ftyp`. */
export function startsWithFtyp(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 8 && String.fromCharCode(...bytes.subarray(4, 8)) === 'ftyp';
}

// ---- range oracle ----

/** A Range request the platform accepts: `bytes=first-last` or `bytes=first-`. */
export type PlatformRange = { first: number; last?: number };

export const rangeHeader = (r: PlatformRange): string => `bytes=${r.first}-${r.last ?? ''}`;

/**
 * The slice the platform must serve for a satisfiable range over `size` bytes (facts §5.4):
 * `last` clamped to size−1; an open-ended range served up to `cap` bytes. `undefined` when the
 * first position is at or past the end (416).
 */
export function expectedSlice(r: PlatformRange, size: number, cap: number = OPEN_ENDED_CAP): { start: number; end: number } | undefined {
  if (r.first >= size) return undefined;
  const end = r.last === undefined ? Math.min(size - 1, r.first + cap - 1) : Math.min(size - 1, r.last);
  return { start: r.first, end };
}

/** Parses `bytes s-e/size`; undefined when the value has another shape. */
export function parseContentRange(value: string | undefined): { start: number; end: number; size: number } | undefined {
  const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec((value ?? '').trim());
  if (!m) return undefined;
  return { start: Number(m[1]), end: Number(m[2]), size: Number(m[3]) };
}

// ---- recordings in known states ----

/** Starts a recording in a fresh room (mock) or the configured recordable room (real target, writes). */
export async function activeRecording(ctx: CheckContext, roomId?: string): Promise<MeetRecording> {
  requireWrites(ctx);
  const room = roomId ?? (await recordableRoom(ctx));
  const res = await startRecording(ctx, room);
  expectStatus(ctx, res, 201, 'start in a recordable room must answer 201', OP.start);
  return res.json<MeetRecording>();
}

/** Records a new complete recording (start, stop, settle). Unlike support's completeRecording it never reuses configured data, so it may be deleted. */
export async function freshCompleteRecording(ctx: CheckContext, roomId?: string): Promise<MeetRecording> {
  const rec = await activeRecording(ctx, roomId);
  const stopped = await stopRecording(ctx, rec.recordingId);
  expectStatus(ctx, stopped, 202, 'stop of an active recording must answer 202', OP.stop);
  const done = await settle(ctx, rec.recordingId);
  if (done.status !== 'complete') {
    ctx.fail({ rule: 'a stopped recording must complete', expected: 'status complete', actual: `status ${done.status}`, operation: OP.get });
  }
  return done;
}

/** Best-effort cleanup on a real target: stop a recording we started, so the room is free again. */
export async function stopQuietly(ctx: CheckContext, id: string): Promise<void> {
  try {
    await stopRecording(ctx, id);
  } catch {
    /* cleanup only */
  }
}

// ---- listings ----

interface ListPage {
  recordings: MeetRecording[];
  pagination: { isTruncated: boolean; nextPageToken?: string | null };
}

/** Every recording matching `query`, following nextPageToken (bounded, so a looping server cannot hang a check). */
export async function listAll(ctx: CheckContext, query: Record<string, string | number>, maxPages = 50): Promise<{ items: MeetRecording[]; last: TargetResponse }> {
  const items: MeetRecording[] = [];
  let token: string | undefined;
  let last: TargetResponse | undefined;
  for (let page = 0; page < maxPages; page++) {
    const res = await ctx.target.request({
      method: 'GET',
      path: '/recordings',
      query: { maxItems: 100, ...query, ...(token ? { nextPageToken: token } : {}) },
      operation: OP.list,
    });
    expectStatus(ctx, res, 200, 'listing recordings must answer 200', OP.list);
    last = res;
    const body = res.json<ListPage>();
    items.push(...(body.recordings ?? []));
    token = body.pagination?.isTruncated ? (body.pagination.nextPageToken ?? undefined) : undefined;
    if (!token) break;
  }
  return { items, last: last! };
}

/** A complete recording whose media is larger than `minBytes`. Mock: seeded on the large fixture; real target: recordings.large, else the largest listed. */
export async function largeCompleteRecording(ctx: CheckContext, minBytes: number): Promise<MeetRecording | undefined> {
  let id: string | undefined;
  if (ctx.control) {
    // The mock binds recordings to its media fixtures; one of them (large-6mib.mp4) is over 5 MiB.
    const roomId = uniqueRoomId(ctx, 'big');
    const seeded = await ctx.control.seed({
      rooms: [{ roomId, roomName: `Room ${roomId}`, participants: 1, recordingEnabled: true }],
      recordings: [{ roomId, status: 'complete', media: LARGE_MOCK_FIXTURE }],
    });
    id = (seeded as { recordings?: MeetRecording[] }).recordings?.[0]?.recordingId;
  } else if (asConfig(ctx.config).recordings?.large) {
    id = asConfig(ctx.config).recordings?.large;
  } else {
    const res = await ctx.target.request({
      method: 'GET',
      path: '/recordings',
      query: { status: 'complete', sortField: 'size', sortOrder: 'desc', maxItems: 5 },
      operation: OP.list,
    });
    expectStatus(ctx, res, 200, 'listing recordings must answer 200', OP.list);
    id = (res.json<ListPage>().recordings ?? []).find((r) => r.status === 'complete' && typeof r.size === 'number' && r.size > minBytes)?.recordingId;
  }
  if (!id) return undefined;
  // Read it back: the listing may be a projection, the single GET is the full record.
  const one = await getRecording(ctx, id);
  expectStatus(ctx, one, 200, 'a listed recording must be readable', OP.get);
  const rec = one.json<MeetRecording>();
  return rec.status === 'complete' && typeof rec.size === 'number' && rec.size > minBytes ? rec : undefined;
}

/** The signing key for webhooks is the API key (facts §5.5). */
export const apiKeyOf = (ctx: CheckContext): string | undefined => asConfig(ctx.config).apiKey;
