// Owner-only ways to hand a ready recording out (facts §1.4): a time-limited download URL
// (GET …/download → {url}) and download credentials (GET …/credentials → {jwt}). Both take
// `ttl` (default 5 minutes). Decision `download-needs-ready`: a recording still recording or
// processing answers RECORDING_NOT_READY.
import { json } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { assetsOf, toAvailable } from '../assets.ts';
import { channelAccess } from '../auth.ts';
import { has } from '../context.ts';
import * as errors from '../errors.ts';
import { signDownloadJwt } from '../jwt.ts';
import { BASE_PATH } from '../paths.ts';
import { DOWNLOAD_PATH, signUrl } from '../signed-url.ts';
import { DEFAULT_TTL_MS, parseTtl } from '../ttl.ts';
import { recordingOf } from './recordings.ts';
import type { HornContext } from '../context.ts';
import type { AvailableAsset } from '../types.ts';

type Params = Record<string, string>;

export const DOWNLOAD_KINDS: readonly AvailableAsset['kind'][] = ['archive', 'combined_video', 'captions', 'other'];
export const DEFAULT_DOWNLOAD_KIND: AvailableAsset['kind'] = 'combined_video';

/** The ttl as the (possibly faulty) mock reads it. */
function ttlOf(ctx: HornContext, raw: string | null, kind: 'url' | 'jwt'): { ok: true; ms: number } | { ok: false; response: MockResponse } {
  const t = parseTtl(raw);
  if (!t.ok) return { ok: false, response: has(ctx, 'bad-ttl-500') ? errors.internal(`cannot parse duration '${raw}'`) : errors.badRequest(t.message) };
  if (has(ctx, 'ttl-ignored')) return { ok: true, ms: DEFAULT_TTL_MS };
  if (raw === null && kind === 'url' && has(ctx, 'default-ttl-one-minute')) return { ok: true, ms: 60_000 };
  return t;
}

/** Owners only (decision roles-per-operation); judged before the parameters (decision auth-order). */
const ownerAccess = (ctx: HornContext, req: MockRequest, p: Params) => channelAccess(ctx, req, p.channelId!, 'owner', 'other');

/** The recording, once the parameters passed (decision auth-order): 404 before the 400 of a recording not ready. */
function readyRecording(ctx: HornContext, channelId: string, recordingId: string) {
  const found = recordingOf(ctx, channelId, recordingId);
  if (!found.ok) return found;
  if (found.recording.readyTime === undefined) return { ok: false as const, response: errors.notReady(found.recording.id) };
  return found;
}

export async function downloadUrl(ctx: HornContext, req: MockRequest, p: Params): Promise<MockResponse> {
  const access = ownerAccess(ctx, req, p);
  if (!access.ok) return access.response;
  const ttl = ttlOf(ctx, req.query.get('ttl'), 'url');
  if (!ttl.ok) return ttl.response;
  const kind = (req.query.get('kind') ?? DEFAULT_DOWNLOAD_KIND) as AvailableAsset['kind'];
  if (!DOWNLOAD_KINDS.includes(kind)) return errors.badRequest(`kind must be one of ${DOWNLOAD_KINDS.join(', ')}`);
  const found = readyRecording(ctx, access.channel.id, p.recordingId!);
  if (!found.ok) return found.response;
  const r = found.recording;
  if (!assetsOf(ctx, r).map(toAvailable).some((a) => a.kind === kind)) return errors.assetNotFound(`${r.id} (kind ${kind})`);
  const expires = ctx.clock.now() + ttl.ms;
  const signature = await signUrl(ctx.signingKey, r.id, kind, expires);
  const query = new URLSearchParams({ kind, expires: String(expires), signature });
  return json(200, { url: `${req.origin}${BASE_PATH}${DOWNLOAD_PATH}/${encodeURIComponent(r.id)}?${query}` });
}

export async function downloadCredentials(ctx: HornContext, req: MockRequest, p: Params): Promise<MockResponse> {
  const access = ownerAccess(ctx, req, p);
  if (!access.ok) return access.response;
  const ttl = ttlOf(ctx, req.query.get('ttl'), 'jwt');
  if (!ttl.ok) return ttl.response;
  const found = readyRecording(ctx, access.channel.id, p.recordingId!);
  if (!found.ok) return found.response;
  return json(200, { jwt: await signDownloadJwt(ctx, found.recording.id, found.recording.channel, ttl.ms) });
}
