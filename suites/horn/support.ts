// Shared helpers for the Horn checks: operation ids, assertions that produce well-formed
// failures, Bearer tokens per role, and the data a check needs (fresh channels and recordings
// through the control API on the mock, the target config on a real server).
import { NotApplicable, NotImplemented } from '../../core/check.ts';
import type { CheckContext, RuleOptions, TargetRequest, TargetResponse } from '../../core/check.ts';
import { asConfig } from './config.ts';
import { excerpt, expectConforms, expectStatus, requireWrites as requireWritesFor } from '../engine/expect.ts';

export const OP = {
  possible: 'checkRecordingPossible',
  start: 'startRecording',
  stop: 'stopRecording',
  list: 'listRecordings',
  get: 'getRecording',
  assets: 'listRecordingAssets',
  asset: 'getRecordingAsset',
  downloadUrl: 'getRecordingDownloadUrl',
  credentials: 'getRecordingDownloadCredentials',
  assetsByJwt: 'listAssetsByJwt',
  assetByJwt: 'downloadAssetByJwt',
  archive: 'downloadRecordingArchive',
} as const;
export type OperationId = (typeof OP)[keyof typeof OP];

/** The Recording object as the suites read it (facts §1.5); times may be absent, never trusted. */
export interface HornRecording {
  id: string;
  channel: string;
  session: string;
  startTime: number;
  endTime?: number;
  readyTime?: number;
}

/** The RecordingAsset object (facts §1.5), the fields the checks read. */
export interface HornAsset {
  id: string;
  recordingId: string;
  format: string;
  kind: string;
  state: string;
  label: string;
  startTime: number;
  endTime?: number;
  size?: number;
  relativePath?: string;
  isIndividual: boolean;
  group?: string;
  streamUserId?: number;
}

export type Role = 'owner' | 'operator' | 'stranger';

// ---------------------------------------------------------------- assertions



/** A 4xx answer: the request was refused for a reason the client caused (never a 5xx, never a success). */
export function expectRefused(ctx: CheckContext, res: TargetResponse, rule: string, operation?: string): void {
  if (res.status < 400 || res.status >= 500) {
    ctx.fail({ rule, expected: 'a 4xx refusal', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: operation ?? res.exchange.operation });
  }
}

/** A 2xx answer (downloads may answer 200 or 206). */
export function expectSuccess(ctx: CheckContext, res: TargetResponse, rule: string, operation?: string): void {
  if (res.status < 200 || res.status >= 300) {
    ctx.fail({ rule, expected: 'a 2xx answer', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: operation ?? res.exchange.operation });
  }
}


export interface ErrorBody {
  error: string;
  message: string;
}

/** The JSON body, or undefined when it does not parse. */
export function jsonOf(res: TargetResponse): unknown {
  try {
    return JSON.parse(res.text());
  } catch {
    return undefined;
  }
}

/** Fails unless the answer has `status` and an error body with this code. */
export function expectError(ctx: CheckContext, res: TargetResponse, status: number | number[], code: string, rule: string, operation?: string): void {
  expectStatus(ctx, res, status, rule, operation);
  const body = jsonOf(res) as Partial<ErrorBody> | undefined;
  if (!body || body.error !== code) {
    ctx.fail({ rule, expected: `error code ${code}`, actual: excerpt(res), response: res, operation: operation ?? res.exchange.operation });
  }
  // Documented (errors.html): the envelope's message is human text.
  if (typeof body.message !== 'string' || body.message.trim() === '') {
    ctx.fail({ rule: `${rule}: the error body carries a human message`, expected: `{"error": "${code}", "message": "<text>"}`, actual: excerpt(res), response: res, operation: operation ?? res.exchange.operation });
  }
}

/** The message errors.html documents for ACCESS_FORBIDDEN. */
export const ACCESS_FORBIDDEN_MESSAGE = 'User role is insufficient for this operation';

// ---------------------------------------------------------------- credentials and ids

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Authorization headers of a role. Mock: the seeded users; real: `tokens.<role>`. */
export function roleAuth(ctx: CheckContext, role: Role): Record<string, string> {
  const token = asConfig(ctx.config).tokens?.[role];
  if (!token) ctx.notApplicable(`needs a Bearer token of a channel ${role}: set tokens.${role} in the target config`);
  return bearer(token);
}

/**
 * A role's Bearer token for calls that may fall back: the owner's falls back to the default
 * credentials (`token`), an operator's to the owner's (owners are operators). Undefined for the
 * stranger when none is configured: the caller leaves those calls out.
 */
export function roleAuthOr(ctx: CheckContext, role: Role): Record<string, string> | 'default' | undefined {
  const tokens = asConfig(ctx.config).tokens;
  const token = tokens?.[role] ?? (role === 'operator' ? tokens?.owner : undefined);
  if (token) return bearer(token);
  return role === 'stranger' ? undefined : 'default';
}

/** The channel the role tokens belong to: `channels.recordable`. */
export function recordableChannel(ctx: CheckContext): string {
  const id = asConfig(ctx.config).channels?.recordable;
  if (!id) ctx.notApplicable('needs a recordable channel: set channels.recordable in the target config');
  return id;
}


const enc = encodeURIComponent;
export const paths = {
  possible: (c: string) => `/channels/${enc(c)}/record/possible`,
  record: (c: string) => `/channels/${enc(c)}/record`,
  list: (c: string) => `/channels/${enc(c)}/recordings`,
  recording: (c: string, r: string, suffix = '') => `/channels/${enc(c)}/recordings/${enc(r)}${suffix}`,
  asset: (c: string, r: string, a: string) => `/channels/${enc(c)}/recordings/${enc(r)}/assets/${enc(a)}`,
  assetsByJwt: (jwt: string) => `/channels/recording/assets/${enc(jwt)}`,
  assetByJwt: (a: string, jwt: string) => `/channels/recording/assets/${enc(a)}/${enc(jwt)}`,
};

let counter = 0;
/** An id unique within this process, deterministic per seed. */
export function uniqueId(ctx: CheckContext, prefix: string): string {
  counter += 1;
  return `${prefix}-${ctx.seed.toString(36)}-${counter}`;
}

/** Seeded users of the mock (mock/horn/datasets.ts): owner 101, operator 102. */
export const MOCK_OWNER = 101;
export const MOCK_OPERATOR = 102;

/**
 * A channel a check may record on. Mock: a fresh panel channel (owner 101, operator 102), so
 * nothing else is recording there; real target: `channels.recordable` (writes must be allowed).
 */
export async function freshChannel(ctx: CheckContext, extra: Record<string, unknown> = {}): Promise<string> {
  if (!ctx.control) {
    requireWrites(ctx);
    const channel = recordableChannel(ctx);
    // A real server is never fresh: someone (or an earlier check) may be recording there now.
    const res = await get(ctx, paths.list(channel), OP.list, roleAuthOr(ctx, 'operator')!, { limit: 20 }).catch(() => undefined);
    const page = res?.status === 200 ? (jsonOf(res) as { results?: { id?: unknown; endTime?: unknown }[] } | undefined) : undefined;
    const running = page?.results?.find((r) => r && r.endTime === undefined);
    if (running) ctx.notApplicable(`channels.recordable (${channel}) is recording now (${String(running.id)}); the check needs it idle`);
    return channel;
  }
  const id = uniqueId(ctx, 'ch');
  await ctx.control.call('channel', { id, name: `Channel ${id}`, serviceMode: 'panel', owners: [MOCK_OWNER], operators: [MOCK_OPERATOR], ...extra });
  return id;
}

export type Auth = TargetRequest['auth'];

export const get = (ctx: CheckContext, path: string, operation: OperationId, auth?: Auth, query?: TargetRequest['query']) =>
  ctx.target.request({ method: 'GET', path, operation, ...(auth ? { auth } : {}), ...(query ? { query } : {}) });

export const startRecording = (ctx: CheckContext, channel: string, auth?: Auth) =>
  ctx.target.request({ method: 'POST', path: paths.record(channel), operation: OP.start, ...(auth ? { auth } : {}) });

export const stopRecording = (ctx: CheckContext, channel: string, auth?: Auth) =>
  ctx.target.request({ method: 'DELETE', path: paths.record(channel), operation: OP.stop, ...(auth ? { auth } : {}) });

export const getRecording = (ctx: CheckContext, channel: string, id: string, auth?: Auth) => get(ctx, paths.recording(channel, id), OP.get, auth);

/** Mock only: seeds recordings on a channel (state ready by default) and answers them. */
export async function seedRecordings(ctx: CheckContext, recordings: Record<string, unknown>[]): Promise<HornRecording[]> {
  if (!ctx.control) ctx.notApplicable('seeding data needs the control API');
  const out = (await ctx.control.seed({ recordings })) as { recordings?: HornRecording[] };
  return out.recordings ?? [];
}

/** The mock's clock now (the `tick` action answers it). */
export async function mockNow(ctx: CheckContext): Promise<number> {
  if (!ctx.control) throw new Error('mockNow needs the control API');
  return (await ctx.control.call<{ now: number }>('tick', {})).now;
}

/**
 * A ready recording of a channel the role tokens reach. Mock: seeded on the recordable channel
 * (`durationMs` long); real: `recordings.ready` (or `recordings.long` when `long` is asked for).
 */
export async function readyRecording(ctx: CheckContext, opts: { durationMs?: number; long?: boolean; idOnly?: boolean } = {}): Promise<{ channel: string; recording: HornRecording }> {
  const channel = recordableChannel(ctx);
  if (ctx.control) {
    const [recording] = await seedRecordings(ctx, [{ channel, state: 'ready', durationMs: opts.durationMs ?? 10 * 60_000 }]);
    if (!recording) throw new Error('the mock did not answer the seeded recording');
    return { channel, recording };
  }
  const key = opts.long ? 'long' : 'ready';
  const id = asConfig(ctx.config).recordings?.[key];
  if (!id) ctx.notApplicable(`needs a ready recording${opts.long ? ' longer than 30 minutes' : ''}: set recordings.${key} in the target config`);
  let res: TargetResponse;
  try {
    res = await getRecording(ctx, channel, id, ownerAuth(ctx));
  } catch (e) {
    // A check that only needs the id goes on without getRecording (no masking); others cannot.
    if (e instanceof NotImplemented && opts.idOnly) return { channel, recording: { id, channel, session: '', startTime: Number.NaN } };
    throw e;
  }
  expectStatus(ctx, res, 200, `the configured recordings.${key} must be readable`, OP.get);
  return { channel, recording: res.json<HornRecording>() };
}

/** Best-effort stop of whatever a check left running on a real target. */
export async function stopQuietly(ctx: CheckContext, channel: string): Promise<void> {
  if (ctx.control) return;
  await stopRecording(ctx, channel, ownerAuth(ctx)).catch(() => undefined);
}

export { excerpt, expectConforms, expectStatus } from '../engine/expect.ts';

export function requireWrites(ctx: CheckContext): void {
  requireWritesFor(ctx, 'starts and stops recordings');
}

// ---------------------------------------------------------------- rules that depend on a step

export type StepOutcome = 'passed' | 'failed' | 'not-applicable';

/** ctx.rule, telling a step that could not be asserted here (not applicable, not implemented) from one that failed. */
export async function step(ctx: CheckContext, name: string, body: () => Promise<void> | void, opts?: RuleOptions): Promise<StepOutcome> {
  let unassertable = false;
  const ok = await ctx.rule(
    name,
    async () => {
      try {
        await body();
      } catch (e) {
        if (e instanceof NotApplicable || e instanceof NotImplemented) unassertable = true;
        throw e;
      }
    },
    opts,
  );
  return ok ? 'passed' : unassertable ? 'not-applicable' : 'failed';
}

/** Records the rules that needed a step which did not pass: not run after a failure, else not applicable. */
export function dependents(ctx: CheckContext, outcome: StepOutcome, names: string[], what: string, opts?: RuleOptions): void {
  for (const name of names) {
    if (outcome === 'failed') ctx.notRun(name, `${what} failed`, opts);
    else ctx.skip(name, `needs ${what}, which could not be done on this target`, opts);
  }
}

/** The owner's Bearer token (`tokens.owner`), else the default credentials (`token`, an owner's by the config's contract). */
export const ownerAuth = (ctx: CheckContext): Record<string, string> | 'default' => roleAuthOr(ctx, 'owner') ?? 'default';
