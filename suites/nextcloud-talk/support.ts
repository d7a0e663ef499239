// Shared helpers for the Nextcloud Talk checks: operation names, who calls (Basic users, guest
// browsers, nobody), OCS requests and envelopes, assertions that produce well-formed failures,
// and fresh rooms made through the API itself (so the same code works on a real server).
import type { CheckContext, TargetResponse } from '../../core/check.ts';
import { asConfig, type TalkUserCredentials } from './config.ts';
import { excerpt, expectConforms, expectStatus, requireWrites as requireWritesFor } from '../engine/expect.ts';

export const V1 = '/apps/spreed/api/v1';
export const REC = `${V1}/recording`;

export const OP = {
  getRooms: 'getRooms',
  createRoom: 'createRoom',
  getRoom: 'getRoom',
  renameRoom: 'renameRoom',
  deleteRoom: 'deleteRoom',
  makePublic: 'makePublic',
  makePrivate: 'makePrivate',
  setPassword: 'setPassword',
  addFavorite: 'addFavorite',
  removeFavorite: 'removeFavorite',
  setNotificationLevel: 'setNotificationLevel',
  setReadOnly: 'setReadOnly',
  setLobby: 'setLobby',
  getParticipants: 'getParticipants',
  addParticipant: 'addParticipant',
  removeParticipant: 'removeParticipant',
  removeGuest: 'removeGuest',
  removeSelf: 'removeSelf',
  joinRoom: 'joinRoom',
  leaveRoom: 'leaveRoom',
  promoteModerator: 'promoteModerator',
  demoteModerator: 'demoteModerator',
  getPeers: 'getPeers',
  joinCall: 'joinCall',
  leaveCall: 'leaveCall',
  receiveMessages: 'receiveMessages',
  sendMessage: 'sendMessage',
  getMentionSuggestions: 'getMentionSuggestions',
  setGuestName: 'setGuestName',
  getSignalingSettings: 'getSignalingSettings',
  pullSignalingMessages: 'pullSignalingMessages',
  sendSignalingMessages: 'sendSignalingMessages',
  recordingBackend: 'recordingBackend',
  startRecording: 'startRecording',
  stopRecording: 'stopRecording',
  storeRecording: 'storeRecording',
  dismissStoreNotification: 'dismissStoreNotification',
  shareRecordingToChat: 'shareRecordingToChat',
  getNotifications: 'getNotifications',
} as const;
export type OperationId = (typeof OP)[keyof typeof OP];

/** Who sends a request: a user with Basic auth, a guest browser (its cookie), or nobody. */
export type Principal =
  | { kind: 'user'; user: string; password: string }
  | { kind: 'guest'; cookie: string }
  | { kind: 'anonymous' };

export const userPrincipal = (c: TalkUserCredentials): Principal => ({ kind: 'user', user: c.user, password: c.password });
export const ANONYMOUS: Principal = { kind: 'anonymous' };

export const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

/** The headers an API client sends: credentials and `OCS-APIRequest: true` (facts §2.4). */
export function headersFor(p: Principal): Record<string, string> {
  const h: Record<string, string> = { 'ocs-apirequest': 'true' };
  if (p.kind === 'user') h.authorization = basicAuth(p.user, p.password);
  if (p.kind === 'guest') h.cookie = p.cookie;
  return h;
}

export interface OcsCall {
  method: string;
  path: string;
  as: Principal;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  operation?: OperationId;
  /** 'json' (default) adds format=json; 'none' leaves negotiation to the headers given. */
  format?: 'json' | 'none';
}

/** One OCS request, by default asking for JSON with `format=json`. */
export function ocs(ctx: CheckContext, c: OcsCall): Promise<TargetResponse> {
  const query = { ...(c.format === 'none' ? {} : { format: 'json' }), ...(c.query ?? {}) };
  return ctx.target.request({
    method: c.method,
    path: c.path,
    query,
    body: c.body,
    auth: { ...headersFor(c.as), ...(c.headers ?? {}) },
    ...(c.operation ? { operation: c.operation } : {}),
  });
}

export interface Envelope<T = unknown> {
  meta: { status: string; statuscode: number; message: string; totalitems?: unknown; itemsperpage?: unknown };
  data: T;
}


/** The parsed OCS envelope; fails unless the body is `{ocs:{meta,data}}` with the meta fields typed. */
export function envelope<T = unknown>(ctx: CheckContext, res: TargetResponse, rule = 'answers are OCS envelopes {ocs:{meta,data}}'): Envelope<T> {
  let body: unknown;
  try {
    body = JSON.parse(res.text());
  } catch {
    body = undefined;
  }
  const ocsPart = (body as { ocs?: unknown } | undefined)?.ocs as Partial<Envelope<T>> | undefined;
  const meta = ocsPart?.meta;
  const good =
    typeof ocsPart === 'object' && ocsPart !== null && 'data' in ocsPart &&
    typeof meta === 'object' && meta !== null && typeof meta.status === 'string' && typeof meta.statuscode === 'number' && typeof meta.message === 'string';
  if (!good) {
    ctx.fail({ rule, specRef: '#/components/schemas/OcsMeta', expected: '{"ocs":{"meta":{"status","statuscode","message"},"data":…}}', actual: excerpt(res), response: res, operation: res.exchange.operation });
  }
  return ocsPart as Envelope<T>;
}

/** The envelope's data, after checking the HTTP status. */
export function dataOf<T = unknown>(ctx: CheckContext, res: TargetResponse, expected: number | number[], rule: string): T {
  expectStatus(ctx, res, expected, rule);
  return envelope<T>(ctx, res).data;
}



/** `data.error` of a recording error answer ({error: code}), or undefined. */
export function errorCode(res: TargetResponse): string | undefined {
  try {
    const data = (JSON.parse(res.text()) as { ocs?: { data?: { error?: unknown } } }).ocs?.data;
    const e = data?.error;
    if (typeof e === 'string') return e;
    if (typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string') return (e as { code: string }).code;
  } catch {
    /* not JSON */
  }
  return undefined;
}

/** Fails unless the answer has `status` and the error code `code` (either error shape). */
export function expectError(ctx: CheckContext, res: TargetResponse, status: number, code: string, rule: string): void {
  expectStatus(ctx, res, status, rule);
  const got = errorCode(res);
  if (got !== code) ctx.fail({ rule, expected: `HTTP ${status} with error "${code}"`, actual: `HTTP ${res.status} with error ${JSON.stringify(got ?? null)}: ${excerpt(res)}`, response: res, operation: res.exchange.operation });
}

// ---------------------------------------------------------------- who takes part

export interface Cast {
  /** Owns the rooms the checks create. */
  owner: Principal & { kind: 'user' };
  /** A plain user the checks add to their rooms. */
  member: Principal & { kind: 'user' };
  /** A second plain user. */
  other: Principal & { kind: 'user' };
  /** A user in none of the checks' rooms. */
  outsider?: Principal & { kind: 'user' };
}

const asUser = (c: TalkUserCredentials) => ({ kind: 'user' as const, user: c.user, password: c.password });

/** The users the target config names; not applicable without the owner and two plain users. */
export function cast(ctx: CheckContext): Cast {
  const c = asConfig(ctx.config);
  if (!c.user || c.password === undefined) ctx.notApplicable('no user: set user and password in the target config');
  const member = c.users?.member;
  const other = c.users?.other;
  if (!member || !other) ctx.notApplicable('checks need two more users: set users.member and users.other in the target config');
  return { owner: asUser({ user: c.user, password: c.password }), member: asUser(member), other: asUser(other), ...(c.users?.outsider ? { outsider: asUser(c.users.outsider) } : {}) };
}


let roomCounter = 0;
export const uniqueName = (ctx: CheckContext, prefix = 'callrec') => `${prefix} ${ctx.seed.toString(36)}-${++roomCounter}`;

/** Creates a room through the API: `type` 2 (group) or 3 (public), owned by `owner`, with `members` added as plain users. */
export async function createRoom(ctx: CheckContext, owner: Principal, type: 2 | 3, members: Principal[] = []): Promise<string> {
  const res = await ocs(ctx, { method: 'POST', path: `${V1}/room`, as: owner, body: { roomType: type, roomName: uniqueName(ctx) }, operation: OP.createRoom });
  const data = dataOf<{ token?: unknown }>(ctx, res, 201, 'creating a room must answer 201');
  if (typeof data?.token !== 'string') ctx.fail({ rule: 'a created room has a token', expected: 'data.token string', actual: excerpt(res), response: res });
  for (const m of members) {
    if (m.kind !== 'user') continue;
    const add = await ocs(ctx, { method: 'POST', path: `${V1}/room/${data.token}/participants`, as: owner, body: { newParticipant: m.user }, operation: OP.addParticipant });
    expectStatus(ctx, add, 200, 'the owner adds a user to the room');
  }
  return data.token;
}

/** Joins the room (a session), answering the session id; a guest keeps the cookie the server set. */
export async function joinRoom(ctx: CheckContext, who: Principal, token: string, password?: string): Promise<{ res: TargetResponse; sessionId: string; who: Principal }> {
  const res = await ocs(ctx, { method: 'POST', path: `${V1}/room/${token}/participants/active`, as: who, body: password === undefined ? {} : { password }, operation: OP.joinRoom });
  let sessionId = '';
  let next = who;
  if (res.status === 200) {
    sessionId = String(envelope<{ sessionId?: unknown }>(ctx, res).data?.sessionId ?? '');
    const cookie = cookieOf(res);
    if (who.kind === 'anonymous' && cookie) next = { kind: 'guest', cookie };
    else if (who.kind === 'guest' && cookie) next = { kind: 'guest', cookie: mergeCookies(who.cookie, cookie) };
  }
  return { res, sessionId, who: next };
}

/** `name=value` pairs of every Set-Cookie of a response, joined for a Cookie header. */
export function cookieOf(res: TargetResponse): string | undefined {
  const raw = res.headers['set-cookie'];
  if (!raw) return undefined;
  // Several cookies arrive comma-joined; attributes like Expires contain commas too, so split on ", name=".
  const parts = raw.split(/,\s*(?=[^;,=\s]+=)/).map((c) => c.split(';')[0]!.trim()).filter((c) => c.includes('='));
  return parts.length ? parts.join('; ') : undefined;
}

function mergeCookies(a: string, b: string): string {
  const map = new Map<string, string>();
  for (const c of `${a}; ${b}`.split(';')) {
    const eq = c.indexOf('=');
    if (eq > 0) map.set(c.slice(0, eq).trim(), c.slice(eq + 1).trim());
  }
  return [...map].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** Joins the room session and then the call (flags default to the server's). */
export async function joinCall(ctx: CheckContext, who: Principal, token: string, flags?: number): Promise<void> {
  const joined = await joinRoom(ctx, who, token);
  expectStatus(ctx, joined.res, 200, 'a participant joins the room');
  const res = await ocs(ctx, { method: 'POST', path: `${V1}/call/${token}`, as: joined.who, body: flags === undefined ? {} : { flags }, operation: OP.joinCall });
  expectStatus(ctx, res, 200, 'a participant joins the call');
}

export async function leaveCall(ctx: CheckContext, who: Principal, token: string): Promise<TargetResponse> {
  return ocs(ctx, { method: 'DELETE', path: `${V1}/call/${token}`, as: who, operation: OP.leaveCall });
}

export interface RoomView {
  token: string;
  type: number;
  participantType: number;
  readOnly?: number;
  lobbyState?: number;
  hasCall?: boolean;
  callRecording?: number;
  [k: string]: unknown;
}

export async function getRoom(ctx: CheckContext, who: Principal, token: string): Promise<RoomView> {
  const res = await ocs(ctx, { method: 'GET', path: `${V1}/room/${token}`, as: who, operation: OP.getRoom });
  return dataOf<RoomView>(ctx, res, 200, 'a participant reads the room');
}

export interface ParticipantView {
  userId: string;
  displayName: string;
  participantType: number;
  sessionId: string;
  inCall?: number;
  actorId?: string;
  actorType?: string;
  [k: string]: unknown;
}

export async function participants(ctx: CheckContext, who: Principal, token: string): Promise<{ res: TargetResponse; list: ParticipantView[] }> {
  const res = await ocs(ctx, { method: 'GET', path: `${V1}/room/${token}/participants`, as: who, operation: OP.getParticipants });
  const list = dataOf<ParticipantView[]>(ctx, res, 200, 'a participant lists the participants');
  if (!Array.isArray(list)) ctx.fail({ rule: 'participants are a list', expected: 'data: [...]', actual: excerpt(res), response: res });
  return { res, list };
}

export interface ChatMessageView {
  id: number;
  actorType: string;
  actorId: string;
  actorDisplayName: string;
  message: string;
  systemMessage: string;
  messageType?: string;
  messageParameters: unknown;
  [k: string]: unknown;
}

export async function postMessage(ctx: CheckContext, who: Principal, token: string, message: string, extra: Record<string, unknown> = {}): Promise<TargetResponse> {
  return ocs(ctx, { method: 'POST', path: `${V1}/chat/${token}`, as: who, body: { message, ...extra }, operation: OP.sendMessage });
}

export async function readChat(ctx: CheckContext, who: Principal, token: string, query: Record<string, string | number | undefined>): Promise<TargetResponse> {
  return ocs(ctx, { method: 'GET', path: `${V1}/chat/${token}`, as: who, query, operation: OP.receiveMessages });
}

/** Mock only: waits (a few real ms at a time) until `n` chat long-polls are pending in the mock. */
export async function waitForPendingPolls(ctx: CheckContext, n: number, poll?: Promise<unknown>): Promise<boolean> {
  if (!ctx.control) {
    await new Promise((r) => setTimeout(r, 500));
    return true;
  }
  // A poll that has already answered will never be pending: stop looking at once.
  let answered = false;
  void poll?.then(() => (answered = true), () => (answered = true));
  for (let i = 0; i < 200 && !answered; i++) {
    if ((await pendingPolls(ctx)) >= n) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}

/** How many long-polls the mock holds open right now (control API only; 0 elsewhere). */
export async function pendingPolls(ctx: CheckContext): Promise<number> {
  return ctx.control ? ((await ctx.control.state<{ pendingLongPolls?: number }>()).pendingLongPolls ?? 0) : 0;
}

/** Resolves to the value, or to `undefined` after `ms` real milliseconds. */
export function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export { excerpt, expectConforms, expectStatus } from '../engine/expect.ts';

export function requireWrites(ctx: CheckContext): void {
  requireWritesFor(ctx, 'creates rooms and changes them');
}
