// Helpers for the recording checks: the suite plays the recording server. It signs backend
// callbacks (HMAC over random + exact body) and uploads (HMAC over random + room token) with the
// recording secret of the target config, and takes Nextcloud's start/stop requests on its receiver.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hmacSha256, toHex } from '../../core/hmac.ts';
import { repoPath } from '../../core/repo-root.ts';
import type { CheckContext, TargetResponse, WebhookReceiver } from '../../core/check.ts';
import { throttledAway } from './brute-force.ts';
import { asConfig } from './config.ts';
import { OP, REC, V1, cast, dataOf, expectStatus, getRoom, joinCall, ocs, type Cast, type Principal } from './support.ts';
import { createRoom } from './support.ts';

/** Recording status constants (docs/constants.md): 0 none … 5 failed. */
export type CallRecording = 0 | 1 | 2 | 3 | 4 | 5;

export const secretOf = (ctx: CheckContext): string => {
  const s = asConfig(ctx.config).recordingSecret;
  if (!s) ctx.notApplicable('no recording secret: set recordingSecret in the target config');
  return s;
};

/**
 * The secret, with the target set up to check callbacks against it. On the mock a simulated
 * recording server holding that secret is registered (it does nothing unless a start reaches it);
 * a real server must have it configured already.
 */
export async function secretReady(ctx: CheckContext): Promise<string> {
  const secret = secretOf(ctx);
  if (ctx.control) await ctx.control.call('recording-server', { simulated: true, secret });
  return secret;
}

export async function sign(secret: string, random: string, data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const msg = new Uint8Array(Buffer.byteLength(random) + bytes.byteLength);
  msg.set(new TextEncoder().encode(random), 0);
  msg.set(bytes, Buffer.byteLength(random));
  return toHex(await hmacSha256(secret, msg));
}

/** 64 hex characters: comfortably above the 32-character minimum. */
export const newRandom = () => randomBytes(32).toString('hex');

export interface SignedHeaders {
  random: string;
  checksum: string;
  /** Sends the headers under the docs' underscore names (TALK_RECORDING_RANDOM / _CHECKSUM). */
  underscore?: boolean;
}

/**
 * What a throttled endpoint's 429 means to the caller: 'not-applicable' (the default) ends the
 * rule as not applicable, since the throttle state is the target's and not the rule's verdict;
 * 'answer' hands the 429 back (only the throttling check provokes one on purpose).
 */
export interface ThrottleHandling {
  on429?: 'not-applicable' | 'answer';
}

/** POST /recording/backend with exactly `body` and the given signature headers. */
export async function backendCall(ctx: CheckContext, body: string | Uint8Array, sig: SignedHeaders, t: ThrottleHandling = {}): Promise<TargetResponse> {
  const res = await rawBackendCall(ctx, body, sig);
  if (t.on429 !== 'answer') throttledAway(ctx, res);
  return res;
}

function rawBackendCall(ctx: CheckContext, body: string | Uint8Array, sig: SignedHeaders): Promise<TargetResponse> {
  return ctx.target.request({
    method: 'POST',
    path: `${REC}/backend`,
    query: { format: 'json' },
    headers: {
      'content-type': 'application/json',
      'ocs-apirequest': 'true',
      ...(sig.underscore
        ? { TALK_RECORDING_RANDOM: sig.random, TALK_RECORDING_CHECKSUM: sig.checksum }
        : { 'talk-recording-random': sig.random, 'talk-recording-checksum': sig.checksum }),
    },
    body: typeof body === 'string' ? body : body,
    auth: {},
    operation: OP.recordingBackend,
  });
}

/** A correctly signed backend callback. */
export async function signedBackend(ctx: CheckContext, message: unknown, t: ThrottleHandling = {}): Promise<TargetResponse> {
  const body = typeof message === 'string' ? message : JSON.stringify(message);
  const random = newRandom();
  return backendCall(ctx, body, { random, checksum: await sign(secretOf(ctx), random, body) }, t);
}

export const started = (token: string, status: 1 | 2, actor = { type: 'users', id: 'callrec' }) => ({ type: 'started', started: { token, status, actor } });
export const stopped = (token: string) => ({ type: 'stopped', stopped: { token } });
export const failed = (token: string) => ({ type: 'failed', failed: { token } });

export interface Upload {
  owner?: string;
  /** Sends `owner` as a file part (with a filename): PHP files it under $_FILES, not the form fields. */
  ownerAsFile?: boolean;
  fileName?: string;
  bytes?: Uint8Array;
  contentType?: string;
  /** Sends `file` as a plain form field (no filename): PHP files it under $_POST, so no file was uploaded. */
  fileAsField?: boolean;
}

/** A multipart body with `owner` and `file`, as the recording server sends it. */
export function multipart(u: Upload): { body: Uint8Array; contentType: string } {
  const boundary = `----callrec${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  const ownerFile = u.ownerAsFile ? '; filename="owner.txt"\r\nContent-Type: text/plain' : '';
  if (u.owner !== undefined) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="owner"${ownerFile}\r\n\r\n${u.owner}\r\n`));
  if (u.bytes !== undefined) {
    const disposition = u.fileAsField ? 'form-data; name="file"' : `form-data; name="file"; filename="${u.fileName ?? 'recording.webm'}"`;
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${u.contentType ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(Buffer.from(u.bytes));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: new Uint8Array(Buffer.concat(parts)), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POST /recording/{token}/store signed over random + room token (or + the body, the wrong way, with signBody). */
export async function storeCall(ctx: CheckContext, token: string, u: Upload, o: { signBody?: boolean; random?: string; checksum?: string; contentType?: (sent: string) => string; underscore?: boolean } & ThrottleHandling = {}): Promise<TargetResponse> {
  const built = multipart(u);
  const body = built.body;
  const contentType = o.contentType ? o.contentType(built.contentType) : built.contentType;
  const random = o.random ?? newRandom();
  const checksum = o.checksum ?? (await sign(secretOf(ctx), random, o.signBody ? body : token));
  const res = await ctx.target.request({
    method: 'POST',
    path: `${REC}/${token}/store`,
    query: { format: 'json' },
    headers: {
      'content-type': contentType,
      'ocs-apirequest': 'true',
      ...(o.underscore ? { TALK_RECORDING_RANDOM: random, TALK_RECORDING_CHECKSUM: checksum } : { 'talk-recording-random': random, 'talk-recording-checksum': checksum }),
    },
    body,
    auth: {},
    operation: OP.storeRecording,
  });
  if (o.on429 !== 'answer') throttledAway(ctx, res);
  return res;
}

const media = (name: string) => new Uint8Array(readFileSync(repoPath(`fixtures/media/${name}`)));
let cache: Record<string, Uint8Array> | undefined;
/** Real recordings (fixtures/media): a WebM video, an Ogg audio, a PNG image. */
export function samples(): { webm: Uint8Array; ogg: Uint8Array; png: Uint8Array } {
  cache ??= {
    webm: media('sample.webm'),
    ogg: media('sample.ogg'),
    // The 8-byte PNG signature plus an IHDR chunk: any content sniffer calls this image/png.
    png: new Uint8Array(Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a00000000049454e44ae426082', 'hex')),
  };
  return cache as { webm: Uint8Array; ogg: Uint8Array; png: Uint8Array };
}

/**
 * Gets recording working on the target: the suite's receiver plays the recording server (so
 * nothing calls back unless the check does). On the mock the signaling mode is switched to
 * external too, since recording needs a signaling server (facts §2.2).
 */
export async function prepareRecording(ctx: CheckContext): Promise<WebhookReceiver> {
  secretOf(ctx);
  const receiver = await ctx.receiver();
  if (ctx.control) await ctx.control.call('config', { recordingEnabled: true, signaling: { mode: 'external', server: 'wss://signaling.callrec.invalid' } });
  return receiver;
}

/** Mock only: raises the brute-force limit so a check's deliberate failures do not throttle it. */
export async function relaxThrottle(ctx: CheckContext): Promise<void> {
  if (ctx.control) await ctx.control.call('recording-throttle', { limit: 1_000_000, clear: true });
}

export interface RecordingRoom {
  token: string;
  cast: Cast;
}

/** A fresh group room (owner + member + other) with a running call, ready to record. */
export async function roomWithCall(ctx: CheckContext): Promise<RecordingRoom> {
  const c = cast(ctx);
  const token = await createRoom(ctx, c.owner, 2, [c.member, c.other]);
  await joinCall(ctx, c.owner, token);
  return { token, cast: c };
}

export function startCall(ctx: CheckContext, who: Principal, token: string, status: unknown): Promise<TargetResponse> {
  return ocs(ctx, { method: 'POST', path: `${REC}/${token}`, as: who, body: { status }, operation: OP.startRecording });
}

export function stopCall(ctx: CheckContext, who: Principal, token: string): Promise<TargetResponse> {
  return ocs(ctx, { method: 'DELETE', path: `${REC}/${token}`, as: who, operation: OP.stopRecording });
}

/** The room's callRecording as its owner reads it. */
export async function recordingStatus(ctx: CheckContext, who: Principal, token: string): Promise<number | undefined> {
  const room = await getRoom(ctx, who, token);
  return typeof room.callRecording === 'number' ? room.callRecording : undefined;
}

export interface NotificationView {
  notification_id: number;
  object_type: string;
  object_id: string;
  subject: string;
  datetime: string;
  messageRichParameters?: Record<string, Record<string, string>> | unknown[];
  [k: string]: unknown;
}

export async function notifications(ctx: CheckContext, who: Principal): Promise<{ res: TargetResponse; list: NotificationView[] }> {
  const res = await ocs(ctx, { method: 'GET', path: '/apps/notifications/api/v2/notifications', as: who, operation: OP.getNotifications });
  const list = dataOf<NotificationView[]>(ctx, res, 200, 'the user lists their notifications');
  return { res, list: Array.isArray(list) ? list : [] };
}

/** The stored-recording notifications of a room (object type `recording`). */
export async function recordingNotifications(ctx: CheckContext, who: Principal, token: string): Promise<{ res: TargetResponse; list: NotificationView[] }> {
  const { res, list } = await notifications(ctx, who);
  return { res, list: list.filter((n) => n.object_type === 'recording' && n.object_id === token) };
}

/** The `file` rich parameter of a stored-recording notification. */
export function fileOf(n: NotificationView): { id: string; path: string; mimetype?: string } | undefined {
  const p = n.messageRichParameters;
  const f = p && !Array.isArray(p) ? (p as Record<string, Record<string, string>>).file : undefined;
  return f && typeof f.id === 'string' ? { id: f.id, path: String(f.path ?? ''), ...(f.mimetype ? { mimetype: f.mimetype } : {}) } : undefined;
}

export const secondsOf = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

export { V1 };
