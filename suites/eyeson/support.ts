// Shared helpers for the Eyeson checks: operation names, assertions that produce well-formed
// failures, and getting the data a check needs — over the documented API wherever it can (so the
// same code works against a real Eyeson), with the control API only for what time must do.
import { NotImplemented, type CheckContext, type TargetResponse } from '../../core/check.ts';
import { asConfig } from './config.ts';
import { excerpt, expectConforms, expectStatus, requireWrites as requireWritesFor } from '../engine/expect.ts';

export const OP = {
  createRoom: 'createRoom',
  listMeetings: 'listCurrentMeetings',
  getRoom: 'getRoom',
  shutdown: 'shutdownRoom',
  start: 'startRecording',
  stop: 'stopRecording',
  get: 'getRecording',
  delete: 'deleteRecording',
  list: 'listRoomRecordings',
  registerWebhook: 'registerWebhook',
  getWebhook: 'getWebhook',
  deleteWebhook: 'deleteWebhook',
  download: 'downloadRecordingFile',
} as const;
export type OperationId = (typeof OP)[keyof typeof OP];

/** The three states of a recording, told apart only by `duration` and `links.download` (seed 003). */
export type RecordingState = 'started' | 'stopped' | 'finished';

/** A recording as the suites read it. */
export interface EyesonRecording {
  id: string;
  created_at: number;
  duration: number | null;
  links: { self: string; download: string | null };
  user?: { id: string; name: string } | null;
  room: { id: string; name: string; started_at: string; shutdown: boolean };
}

export interface RoomResponse {
  access_key: string;
  room: { id: string; name: string; started_at: string; shutdown: boolean };
  user: { id: string; name: string };
  options: { recording_available: boolean };
  recording: EyesonRecording | null;
}

/** The state a (duration, download) pair shows, or undefined for the impossible pair (download without duration). */
export function stateOfFields(r: Pick<EyesonRecording, 'duration' | 'links'>): RecordingState | undefined {
  const hasDuration = r.duration !== null && r.duration !== undefined;
  const hasDownload = r.links?.download !== null && r.links?.download !== undefined;
  if (!hasDuration) return hasDownload ? undefined : 'started';
  return hasDownload ? 'finished' : 'stopped';
}

export const STATE_RANK: Record<RecordingState, number> = { started: 0, stopped: 1, finished: 2 };

/** Processing after a stop is the server's business (the mock takes 5 s): advance generously. */
export const SETTLE_MS = 30_000;





/** Parses a JSON body or fails with the response attached. */
export function jsonOf<T>(ctx: CheckContext, res: TargetResponse, rule: string): T {
  try {
    return JSON.parse(res.text()) as T;
  } catch {
    ctx.fail({ rule, expected: 'a JSON body', actual: excerpt(res), response: res, operation: res.exchange.operation });
  }
}

let counter = 0;
/** An id unique within this process, deterministic per seed. */
export function uniqueId(ctx: CheckContext, prefix = 'chk'): string {
  counter += 1;
  return `${prefix}-${ctx.seed.toString(36)}-${counter}`;
}

export const apiKeyOf = (ctx: CheckContext): string | undefined => asConfig(ctx.config).apiKey;


const enc = encodeURIComponent;

// ---- meetings (access-key operations send no Authorization, as the official clients do) ----

export interface Meeting {
  accessKey: string;
  roomId: string;
  startedAt: string;
}

export interface MeetingOptions {
  roomId?: string;
  recordingAvailable?: boolean;
  userName?: string;
}

/** POST /rooms with a JSON body (as eyeson-node sends it); answers the raw response. */
export function createRoomRequest(ctx: CheckContext, opts: MeetingOptions = {}): Promise<TargetResponse> {
  const body: Record<string, unknown> = { user: { name: opts.userName ?? 'callrec checker' } };
  if (opts.roomId) body.id = opts.roomId;
  if (opts.roomId) body.name = `callrec ${opts.roomId}`;
  if (opts.recordingAvailable !== undefined) body.options = { recording_available: opts.recordingAvailable };
  return ctx.target.request({ method: 'POST', path: '/rooms', body, operation: OP.createRoom });
}

/** A fresh running meeting of our own (mock, or a real target with writes). */
export async function freshMeeting(ctx: CheckContext, opts: MeetingOptions = {}): Promise<Meeting> {
  requireWrites(ctx);
  const res = await createRoomRequest(ctx, { roomId: opts.roomId ?? uniqueId(ctx, 'room'), ...opts });
  expectStatus(ctx, res, 201, 'POST /rooms with a user name starts a meeting (201)', OP.createRoom);
  const room = jsonOf<RoomResponse>(ctx, res, 'POST /rooms answers the room response');
  if (typeof room?.access_key !== 'string' || typeof room.room?.id !== 'string') {
    ctx.fail({ rule: 'POST /rooms answers an access key and a room id', expected: '{access_key, room: {id}}', actual: excerpt(res), response: res, operation: OP.createRoom });
  }
  return { accessKey: room.access_key, roomId: room.room.id, startedAt: room.room.started_at };
}

export const startRecording = (ctx: CheckContext, accessKey: string, extra: { headers?: Record<string, string>; body?: unknown } = {}) =>
  ctx.target.request({ method: 'POST', path: `/rooms/${enc(accessKey)}/recording`, auth: 'none', operation: OP.start, ...extra });

export const stopRecording = (ctx: CheckContext, accessKey: string) =>
  ctx.target.request({ method: 'DELETE', path: `/rooms/${enc(accessKey)}/recording`, auth: 'none', operation: OP.stop });

export const getRoom = (ctx: CheckContext, accessKey: string) =>
  ctx.target.request({ method: 'GET', path: `/rooms/${enc(accessKey)}`, auth: 'none', operation: OP.getRoom });

export const shutdownMeeting = (ctx: CheckContext, accessKey: string) =>
  ctx.target.request({ method: 'DELETE', path: `/rooms/${enc(accessKey)}`, auth: 'none', operation: OP.shutdown });

export const getRecording = (ctx: CheckContext, id: string, auth?: 'default' | 'none' | Record<string, string>) =>
  ctx.target.request({ method: 'GET', path: `/recordings/${enc(id)}`, operation: OP.get, ...(auth ? { auth } : {}) });

export const deleteRecording = (ctx: CheckContext, id: string) => ctx.target.request({ method: 'DELETE', path: `/recordings/${enc(id)}`, operation: OP.delete });

export type ListQuery = { page?: number | string; started_at?: string; since?: string; until?: string };

export const listRecordings = (ctx: CheckContext, roomId: string, query: ListQuery = {}, auth?: 'default' | 'none' | Record<string, string>) =>
  ctx.target.request({ method: 'GET', path: `/rooms/${enc(roomId)}/recordings`, query, operation: OP.list, ...(auth ? { auth } : {}) });

/** GET /recordings/{id} must answer 200 with a recording; answers it. */
export async function readRecording(ctx: CheckContext, id: string, rule = 'an existing recording is readable'): Promise<{ res: TargetResponse; rec: EyesonRecording }> {
  const res = await getRecording(ctx, id);
  expectStatus(ctx, res, 200, rule, OP.get);
  const rec = jsonOf<EyesonRecording>(ctx, res, rule);
  if (!rec || typeof rec !== 'object' || rec.id !== id) {
    ctx.fail({ rule: 'GET /recordings/{id} answers that recording', expected: `a recording with id ${id}`, actual: excerpt(res), response: res, operation: OP.get });
  }
  return { res, rec };
}

/** Starts a recording in `meeting` (201) and learns its id from the meeting's `recording`. */
export async function startAndIdentify(ctx: CheckContext, meeting: Meeting): Promise<string> {
  const res = await startRecording(ctx, meeting.accessKey);
  expectStatus(ctx, res, 201, 'start in a running meeting with recording available answers 201', OP.start);
  return runningRecordingId(ctx, meeting);
}

/** The id of the recording running in `meeting` (GET /rooms/{access_key} → recording.id). */
export async function runningRecordingId(ctx: CheckContext, meeting: Pick<Meeting, 'accessKey'>): Promise<string> {
  const res = await getRoom(ctx, meeting.accessKey);
  expectStatus(ctx, res, 200, 'a running meeting is readable by its access key', OP.getRoom);
  const room = jsonOf<RoomResponse>(ctx, res, 'GET /rooms/{access_key} answers the room response');
  const id = room?.recording?.id;
  if (typeof id !== 'string') {
    ctx.fail({ rule: 'a meeting that is recording shows its recording', expected: 'recording.id in GET /rooms/{access_key}', actual: excerpt(res), response: res, operation: OP.getRoom });
  }
  return id;
}

/** Without control, how long a stopped recording may take to be finished (wall time). */
const FINISH_TIMEOUT_MS = 120_000;

/**
 * Waits (mock: advances the clock) until the recording is finished. Real targets are polled, first
 * often (processing may take milliseconds) and then every 2 s, for up to 120 s.
 */
export async function waitFinished(ctx: CheckContext, id: string): Promise<EyesonRecording> {
  const deadline = Date.now() + FINISH_TIMEOUT_MS;
  for (let i = 0, pause = 100; ctx.control ? i < 120 : Date.now() < deadline; i++, pause = Math.min(pause * 2, 2_000)) {
    const { rec } = await readRecording(ctx, id, 'a stopped recording stays readable while it is processed');
    if (stateOfFields(rec) === 'finished') return rec;
    if (ctx.control) await ctx.control.advanceClock(SETTLE_MS);
    else await new Promise((r) => setTimeout(r, pause));
  }
  ctx.fail({ rule: 'a stopped recording gets finished', expected: 'duration and links.download set', actual: `still not finished after ${ctx.control ? '1 hour of mock time' : `${FINISH_TIMEOUT_MS / 1000} s`}`, operation: OP.get });
}

/** A recording recorded now from start to finished in a fresh meeting. */
export async function freshFinishedRecording(ctx: CheckContext): Promise<{ meeting: Meeting; id: string; rec: EyesonRecording }> {
  const meeting = await freshMeeting(ctx);
  const id = await startAndIdentify(ctx, meeting);
  if (ctx.control) await ctx.control.advanceClock(3_000); // a few seconds of content
  const stopped = await stopRecording(ctx, meeting.accessKey);
  expectStatus(ctx, stopped, 200, 'stop of a running recording answers 200', OP.stop);
  const rec = await waitFinished(ctx, id);
  return { meeting, id, rec };
}

/** A finished recording checks may read: mock → recorded now; real → `recordings.finished`, or recorded now with writes. */
export async function finishedRecording(ctx: CheckContext): Promise<EyesonRecording> {
  const configured = asConfig(ctx.config).recordings?.finished;
  if (!ctx.control && configured) {
    const { rec } = await readRecording(ctx, configured, 'the configured finished recording must exist');
    if (stateOfFields(rec) !== 'finished') ctx.notApplicable(`recordings.finished (${configured}) is not finished`);
    return rec;
  }
  if (!ctx.control && !asConfig(ctx.config).writes) ctx.notApplicable('no finished recording: set recordings.finished (or writes: true) in the target config');
  try {
    return (await freshFinishedRecording(ctx)).rec;
  } catch (e) {
    // A target that cannot start or stop recordings still serves the one the config lists.
    if (!(e instanceof NotImplemented) || !configured) throw e;
    const { rec } = await readRecording(ctx, configured, 'the configured finished recording must exist');
    if (stateOfFields(rec) !== 'finished') ctx.notApplicable(`recordings.finished (${configured}) is not finished`);
    return rec;
  }
}

/** The target's clock at a response, in Unix seconds, from its `Date` header (RFC 9110 §6.6.1). */
export function serverSeconds(res: TargetResponse): number | undefined {
  const date = res.headers['date'];
  if (!date) return undefined;
  const t = Date.parse(date);
  return Number.isNaN(t) ? undefined : t / 1000;
}

/** How long a check may wait on the target's clock (config maxWaitSeconds, default 60 s), in ms. */
export const waitBudgetMs = (ctx: CheckContext): number => (asConfig(ctx.config).maxWaitSeconds ?? 60) * 1000;

/** Fetches a download link the target issued (absolute URL, no credentials: the link is the credential). */
export const fetchLink = (ctx: CheckContext, url: string, range?: string) =>
  ctx.target.request({ method: 'GET', path: url, auth: 'none', operation: OP.download, ...(range !== undefined ? { headers: { range } } : {}) });

export interface Walk {
  pages: { page: number; res: TargetResponse; items: EyesonRecording[] }[];
  items: EyesonRecording[];
  /** An empty page was reached within the budget: `items` is the whole listing. */
  complete: boolean;
}

/** One page of a room listing; fails on anything but a 200 JSON array. */
export async function listPage(ctx: CheckContext, roomId: string, query: ListQuery): Promise<{ res: TargetResponse; items: EyesonRecording[] }> {
  const res = await listRecordings(ctx, roomId, query);
  expectStatus(ctx, res, 200, 'a room listing answers 200', OP.list);
  const items = jsonOf<EyesonRecording[]>(ctx, res, 'a room listing is JSON');
  if (!Array.isArray(items)) {
    ctx.fail({ rule: 'a room listing is a JSON array of recordings', expected: '[…]', actual: excerpt(res), response: res, operation: OP.list });
  }
  return { res, items };
}

/**
 * Walks pages 1, 2, … until an empty page, within a budget of `maxPages`. A walk that runs out of
 * budget is not a failure (the room may simply be large): it comes back incomplete, and rules that
 * need the whole listing say they could not be asserted.
 */
export async function walkPages(ctx: CheckContext, roomId: string, filters: Omit<ListQuery, 'page'>, maxPages: number): Promise<Walk> {
  const pages: Walk['pages'] = [];
  const seen = new Set<string>();
  for (let page = 1; page <= maxPages; page++) {
    const { res, items } = await listPage(ctx, roomId, { ...filters, page });
    pages.push({ page, res, items });
    if (items.length === 0) return { pages, items: pages.flatMap((p) => p.items), complete: true };
    // A page with nothing new repeats earlier ones: walking on would only repeat them again.
    const ids = items.map((r) => r?.id);
    if (ids.every((id) => seen.has(id))) break;
    for (const id of ids) seen.add(id);
  }
  return { pages, items: pages.flatMap((p) => p.items), complete: false };
}

/** Why a walk that ran out of budget cannot support a rule about the whole listing. */
export const incompleteWalk = (walk: Walk, roomId: string) =>
  `room ${roomId} has more than ${walk.pages.length} pages (${walk.items.length} recordings walked): the walk budget ended before an empty page`;

/**
 * Mock only: `count` finished recordings in a fresh meeting, `gapMs` of clock apart, recorded through
 * the documented API (start, stop) so nothing depends on the mock's seeding format.
 */
export async function recordMany(ctx: CheckContext, meeting: Meeting, count: number, gapMs: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    // The id comes from the meeting, not from a listing, so listing bugs cannot hide in it.
    ids.push(await startAndIdentify(ctx, meeting));
    const stopped = await stopRecording(ctx, meeting.accessKey);
    expectStatus(ctx, stopped, 200, 'stop of a running recording answers 200', OP.stop);
    if (gapMs > 0) await ctx.control?.advanceClock(gapMs);
  }
  await ctx.control?.advanceClock(SETTLE_MS);
  return ids;
}

export const setDiff = (want: string[], got: string[]) => {
  const g = new Set(got);
  const w = new Set(want);
  return { missing: want.filter((x) => !g.has(x)), extra: got.filter((x) => !w.has(x)) };
};

export const duplicates = (ids: string[]) => {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
};

/** A recording id no server issued. */
export const unknownRecordingId = (ctx: CheckContext) => `ffffffffffffffffffff${(ctx.seed % 0xffff).toString(16).padStart(4, '0')}`;

export const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean => a.byteLength === b.byteLength && a.every((x, i) => x === b[i]);

export { excerpt, expectConforms, expectStatus } from '../engine/expect.ts';

export function requireWrites(ctx: CheckContext): void {
  requireWritesFor(ctx, 'creates meetings and recordings');
}
