// The Horn mock's control actions (POST /__callrec/action/<name>, plus /__callrec/seed and
// /__callrec/provider-state which land here too). Bad input answers 400 {error, message}.
//
//   seed            {users?, channels?, recordings?, generate?, replace?}  load data (shapes below);
//                   answers what was created. `replace: true` empties recordings, channels and users first.
//                   users:      [{id: int, handle?, email?, emailConfirmed?: bool, token?: string}]
//                   channels:   [{id, name?, serviceMode?: 'panel'|'conference', owners?: [userId],
//                                 operators?: [userId], active?: bool}]   (owners are operators implicitly)
//                   recordings: [{channel, state?: 'recording'|'processing'|'ready' (default ready),
//                                 session?, startTime?, durationMs?, deleted?: bool}]
//                   generate:   {channel?, recordings: N ≤ 1,000,000, sessions?: k ≤ 1000, deletedShare?: 0..1}
//                               ready recordings in the past (default channel: the recordable one)
//   provider-state  {state, params?}  Pact provider states (PROVIDER_STATES), answers ids to inject
//   tick            settle every due transition now (processing → ready) and emit its events
//   token           {user: 'owner'|'operator'|'stranger'|'unconfirmedOwner'|<userId>} → {token, userId}
//                   mints another Bearer token; the seeded users also have fixed ones (SEEDED_TOKENS)
//   webhook         {url: string|null, secret?: string} → {url, secret}: the event receiver and the
//                   secret of this registration (default DEFAULT_WEBHOOK_SECRET)
//   webhook-flush   resolves once every emitted event was delivered or given up on
//   channel         one channel as in `seed`; active:false ends its running recording (as Horn
//                   does when a channel becomes inactive), active:true again opens a new session
//   user            one user as in `seed` (e.g. {id: 104, emailConfirmed: true})
//   delete-recording {recordingId} soft-deletes a recording (gone from reads, kept in the store)
import { json } from '../../core/http.ts';
import { BadInput, isObject, need } from '../core/control-input.ts';
import type { MockResponse } from '../../core/http.ts';
import { assetId } from './assets.ts';
import { CHANNELS, SEEDED_TOKENS, USERS, generateRecordings, uuid } from './datasets.ts';
import { DEFAULT_WEBHOOK_SECRET } from './webhooks.ts';
import { endRecording } from './handlers/record.ts';
import { signDownloadJwt } from './jwt.ts';
import { readyAt } from './lifecycle.ts';
import { present } from './wire.ts';
import { SERVICE_MODES } from './types.ts';
import type { HornContext } from './context.ts';
import type { SeededRole } from './datasets.ts';
import type { Channel, Recording, ServiceMode, User } from './types.ts';

/** Bad control input is answered in Horn's envelope. */
export const badControlInput = (message: string) => json(400, { error: 'BAD_REQUEST', message });
const isUserIdList = (v: unknown) => Array.isArray(v) && v.every((x) => Number.isSafeInteger(x));

export const MAX_GENERATED = 1_000_000;
const LIST_IDS_UP_TO = 1000;

export interface ControlHooks {
  /** Settles every due transition now (the core's tick). */
  tick(): number;
}

/** The actions of this API; `tick` and `webhook-flush` are the core's (mock/core/define-mock.ts). */
export async function runControl(ctx: HornContext, hooks: ControlHooks, action: string, b: Record<string, unknown>): Promise<MockResponse> {
  switch (action) {
    case 'seed':
      return json(200, seed(ctx, b));
    case 'provider-state':
      return json(200, await providerState(ctx, hooks, b));
    case 'token':
      return json(200, mintToken(ctx, b));
    case 'webhook': {
      need(b.url === null || (typeof b.url === 'string' && /^https?:\/\//.test(b.url)), 'url must be an http(s) URL or null');
      need(b.secret === undefined || typeof b.secret === 'string', 'secret must be a string');
      const secret = (b.secret as string | undefined) ?? DEFAULT_WEBHOOK_SECRET;
      ctx.events.registration = b.url === null ? undefined : { url: b.url as string, secret };
      return json(200, { url: ctx.events.registration?.url ?? null, secret: ctx.events.registration?.secret ?? null });
    }
    case 'channel':
      return json(200, upsertChannel(ctx, b));
    case 'user':
      return json(200, upsertUser(ctx, b));
    case 'delete-recording': {
      need(typeof b.recordingId === 'string', 'recordingId must be a string');
      const ok = ctx.store.remove(b.recordingId as string);
      return ok ? json(200, { deleted: true }) : json(404, { error: 'RECORDING_NOT_FOUND', message: `Recording ${String(b.recordingId)} does not exist` });
    }
    default:
      return json(404, { error: 'NOT_FOUND', message: `unknown horn control action '${action}'` });
  }
}

// ---- users and tokens ----

function upsertUser(ctx: HornContext, b: Record<string, unknown>): User & { token?: string } {
  need(Number.isSafeInteger(b.id) && (b.id as number) > 0, 'user id must be a positive integer');
  need(b.handle === undefined || typeof b.handle === 'string', 'handle must be a string');
  need(b.email === undefined || typeof b.email === 'string', 'email must be a string');
  need(b.emailConfirmed === undefined || typeof b.emailConfirmed === 'boolean', 'emailConfirmed must be a boolean');
  need(b.token === undefined || (typeof b.token === 'string' && /^\S+$/.test(b.token)), 'token must be a string without spaces');
  const id = b.id as number;
  const old = ctx.users.get(id);
  const user: User = {
    id,
    handle: (b.handle as string | undefined) ?? old?.handle ?? `user-${id}`,
    email: (b.email as string | undefined) ?? old?.email ?? `user-${id}@horn.test`,
    emailConfirmed: (b.emailConfirmed as boolean | undefined) ?? old?.emailConfirmed ?? true,
  };
  ctx.users.set(id, user);
  if (typeof b.token === 'string') ctx.tokens.set(b.token, id);
  return { ...user, ...(typeof b.token === 'string' ? { token: b.token } : {}) };
}

function mintToken(ctx: HornContext, b: Record<string, unknown>): { token: string; userId: number } {
  const roles = Object.keys(USERS) as SeededRole[];
  const userId = typeof b.user === 'string' && roles.includes(b.user as SeededRole) ? USERS[b.user as SeededRole].id : b.user;
  need(Number.isSafeInteger(userId) && ctx.users.has(userId as number), `user must be one of ${roles.join(', ')} or a known user id`);
  const token = `horn-${ctx.prng.id(24, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
  ctx.tokens.set(token, userId as number);
  return { token, userId: userId as number };
}

// ---- channels ----

function upsertChannel(ctx: HornContext, b: Record<string, unknown>): Channel {
  need(typeof b.id === 'string' && /^[A-Za-z0-9._~-]{1,100}$/.test(b.id) && b.id !== 'recording', 'channel id must be 1-100 URL-safe characters (not "recording")');
  need(b.name === undefined || typeof b.name === 'string', 'name must be a string');
  need(b.serviceMode === undefined || (SERVICE_MODES as readonly unknown[]).includes(b.serviceMode), `serviceMode must be one of ${SERVICE_MODES.join(', ')}`);
  need(b.owners === undefined || isUserIdList(b.owners), 'owners must be an array of user ids');
  need(b.operators === undefined || isUserIdList(b.operators), 'operators must be an array of user ids');
  need(b.active === undefined || typeof b.active === 'boolean', 'active must be a boolean');
  for (const id of [...((b.owners as number[]) ?? []), ...((b.operators as number[]) ?? [])]) if (!ctx.users.has(id)) upsertUser(ctx, { id });
  const id = b.id as string;
  const old = ctx.channels.get(id);
  const active = (b.active as boolean | undefined) ?? old?.active ?? true;
  const owners = (b.owners as number[] | undefined) ?? old?.owners ?? [USERS.owner.id];
  const channel: Channel = {
    id,
    name: (b.name as string | undefined) ?? old?.name ?? id,
    serviceMode: (b.serviceMode as ServiceMode | undefined) ?? old?.serviceMode ?? 'panel',
    owners,
    operators: ((b.operators as number[] | undefined) ?? old?.operators ?? []).filter((u) => !owners.includes(u)),
    session: old && (old.active || !active) ? old.session : uuid(ctx.prng),
    active,
  };
  ctx.channels.set(id, channel);
  if (old?.active && !active) {
    const running = ctx.store.running(id);
    if (running) endRecording(ctx, running);
  }
  return channel;
}

// ---- seed ----

interface SeedResult {
  users: User[];
  channels: Channel[];
  recordings: ReturnType<typeof present>[];
  generated?: { channel: string; recordings: number; recordingIds?: string[] };
}

function seed(ctx: HornContext, b: Record<string, unknown>): SeedResult {
  for (const k of ['users', 'channels', 'recordings'] as const) need(b[k] === undefined || Array.isArray(b[k]), `${k} must be an array`);
  if (b.replace === true) {
    ctx.store.clear();
    ctx.channels.clear();
    ctx.users.clear();
    ctx.tokens.clear();
  }
  const result: SeedResult = { users: [], channels: [], recordings: [] };
  for (const u of (b.users as unknown[] | undefined) ?? []) {
    need(isObject(u), 'each user must be an object');
    result.users.push(upsertUser(ctx, u as Record<string, unknown>));
  }
  for (const c of (b.channels as unknown[] | undefined) ?? []) {
    need(isObject(c), 'each channel must be an object');
    result.channels.push(upsertChannel(ctx, c as Record<string, unknown>));
  }
  for (const r of (b.recordings as unknown[] | undefined) ?? []) {
    need(isObject(r), 'each recording must be an object');
    const rec = seedRecording(ctx, r as Record<string, unknown>);
    ctx.store.insert(rec);
    if (!rec.deleted) result.recordings.push(present(ctx, rec));
  }
  if (b.generate !== undefined) result.generated = generate(ctx, b.generate);
  return result;
}

const STATES = ['recording', 'processing', 'ready'] as const;

function seedRecording(ctx: HornContext, r: Record<string, unknown>): Recording {
  need(typeof r.channel === 'string' && ctx.channels.has(r.channel), 'recording channel must be a known channel id');
  const state = (r.state ?? 'ready') as (typeof STATES)[number];
  need(STATES.includes(state), `state must be one of ${STATES.join(', ')}`);
  need(r.session === undefined || (typeof r.session === 'string' && r.session.length > 0), 'session must be a non-empty string');
  need(r.startTime === undefined || Number.isSafeInteger(r.startTime), 'startTime must be an integer (ms epoch)');
  need(r.durationMs === undefined || (Number.isSafeInteger(r.durationMs) && (r.durationMs as number) > 0), 'durationMs must be a positive integer');
  need(r.deleted === undefined || typeof r.deleted === 'boolean', 'deleted must be a boolean');
  const channel = ctx.channels.get(r.channel as string)!;
  const now = ctx.clock.now();
  const durationMs = (r.durationMs as number | undefined) ?? 10 * 60_000;
  if (state === 'recording') need(!ctx.store.running(channel.id), `channel ${channel.id} is already recording`);
  let id = uuid(ctx.prng);
  while (ctx.store.get(id)) id = uuid(ctx.prng);
  // Defaults put every state where it belongs on the clock: running now, ended now, ended an hour ago.
  const defaultStart = state === 'ready' ? now - 3600_000 - durationMs : now - durationMs;
  const rec: Recording = {
    id,
    channel: channel.id,
    session: (r.session as string | undefined) ?? (state === 'recording' ? channel.session : uuid(ctx.prng)),
    startTime: (r.startTime as number | undefined) ?? defaultStart,
  };
  if (state === 'recording') need(rec.startTime <= now, 'a running recording cannot start in the future');
  if (state !== 'recording') rec.endTime = rec.startTime + durationMs;
  if (state === 'processing') need(readyAt(rec as Recording & { endTime: number }) > now && rec.endTime! <= now, 'a processing recording must have ended, less than its processing time ago');
  if (state === 'ready') {
    rec.readyTime = readyAt(rec as Recording & { endTime: number });
    need(rec.readyTime <= now, 'a ready recording must have become ready in the past');
  }
  if (r.deleted === true) rec.deleted = true;
  return rec;
}

function generate(ctx: HornContext, g: unknown): NonNullable<SeedResult['generated']> {
  need(isObject(g), 'generate must be {channel?, recordings, sessions?, deletedShare?}');
  const { channel = CHANNELS.recordable, recordings = 0, sessions = 3, deletedShare = 0 } = g as Record<string, unknown>;
  need(typeof channel === 'string' && ctx.channels.has(channel), 'generate.channel must be a known channel id');
  need(Number.isInteger(recordings) && (recordings as number) >= 0 && (recordings as number) <= MAX_GENERATED, `generate.recordings must be an integer 0..${MAX_GENERATED}`);
  need(Number.isInteger(sessions) && (sessions as number) >= 1 && (sessions as number) <= 1000, 'generate.sessions must be an integer 1..1000');
  need(typeof deletedShare === 'number' && deletedShare >= 0 && deletedShare <= 1, 'generate.deletedShare must be within 0..1');
  const sessionIds = Array.from({ length: sessions as number }, () => uuid(ctx.prng));
  const recs = generateRecordings(
    ctx.prng,
    { channel: channel as string, count: recordings as number, sessions: sessionIds, now: ctx.clock.now(), deletedShare: deletedShare as number },
    (id) => ctx.store.get(id) !== undefined,
  );
  ctx.store.insertMany(recs);
  const out: NonNullable<SeedResult['generated']> = { channel: channel as string, recordings: recs.length };
  if (recs.length <= LIST_IDS_UP_TO) out.recordingIds = recs.filter((r) => !r.deleted).map((r) => r.id);
  return out;
}

// ---- Pact provider states ----

export const PROVIDER_STATES = [
  'a recordable channel',
  'a channel in conference mode',
  'a channel without a confirmed owner e-mail',
  'a channel that is recording',
  'a recording that is processing',
  'a ready recording exists',
  'download credentials for a ready recording',
  'no recordings exist',
] as const;

/** Sets the state up and answers the ids a contract can inject (`fromProviderState`). */
async function providerState(ctx: HornContext, hooks: ControlHooks, b: Record<string, unknown>): Promise<Record<string, unknown>> {
  need(typeof b.state === 'string', 'state must be a string');
  const state = b.state as string;
  const channelId = CHANNELS.recordable;
  const stopRunning = () => {
    const running = ctx.store.running(channelId);
    if (running) endRecording(ctx, running);
  };
  const tokens = { ownerToken: SEEDED_TOKENS.owner, operatorToken: SEEDED_TOKENS.operator, strangerToken: SEEDED_TOKENS.stranger };
  switch (state) {
    case 'a recordable channel':
      stopRunning();
      return { channelId, ...tokens };
    case 'a channel in conference mode':
      return { channelId: CHANNELS.conference, ...tokens };
    case 'a channel without a confirmed owner e-mail':
      return { channelId: CHANNELS.unconfirmed, ...tokens };
    case 'a channel that is recording': {
      const rec = ctx.store.running(channelId) ?? insert(ctx, seedRecording(ctx, { channel: channelId, state: 'recording', durationMs: 60_000 }));
      return { channelId, recordingId: rec.id, ...tokens };
    }
    case 'a recording that is processing': {
      const rec = insert(ctx, seedRecording(ctx, { channel: channelId, state: 'processing' }));
      return { channelId, recordingId: rec.id, ...tokens };
    }
    case 'a ready recording exists':
    case 'download credentials for a ready recording': {
      hooks.tick();
      const rec = insert(ctx, seedRecording(ctx, { channel: channelId, state: 'ready', durationMs: 45 * 60_000 }));
      const ids = { channelId, recordingId: rec.id, session: rec.session, assetId: assetId(rec.id, 1), ...tokens };
      if (state === 'a ready recording exists') return ids;
      return { ...ids, jwt: await signDownloadJwt(ctx, rec.id, channelId, 24 * 3600_000) };
    }
    case 'no recordings exist':
      ctx.store.clear();
      return { channelId, ...tokens };
    default:
      throw new BadInput(`unknown provider state '${state}'; known: ${PROVIDER_STATES.join(' | ')}`);
  }
}

function insert(ctx: HornContext, r: Recording): Recording {
  ctx.store.insert(r);
  return r;
}
