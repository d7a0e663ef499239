// The target of a signed download URL: a store-only ZIP of the recording's assets of the URL's
// kind, with byte ranges. The URL is the credential (no Bearer); a wrong signature answers
// INVALID_SIGNATURE, a URL at or past `expires` DOWNLOAD_URL_EXPIRED (both 403).
import { buildZip } from '../../../core/zip.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { archiveName, assetsOf, toAvailable } from '../assets.ts';
import { has } from '../context.ts';
import * as errors from '../errors.ts';
import { serveBytes } from '../serve.ts';
import { signatureMatches } from '../signed-url.ts';
import type { HornContext } from '../context.ts';
import { remember } from '../../../core/remember.ts';

type Params = Record<string, string>;

/**
 * Recently built archives, per media store, by content: an archive is a pure function of its
 * entries' names and media files, and zipping (CRC-32 over every byte) costs more than sending
 * it. Ranged downloads fetch the same archive piece by piece, so a handful is plenty.
 */
const recentByStore = new WeakMap<HornContext['mediaStore'], Map<string, Uint8Array>>();
const RECENT_MAX = 8;

async function archiveOf(ctx: HornContext, parts: { name: string; media: string }[]): Promise<Uint8Array> {
  let recent = recentByStore.get(ctx.mediaStore);
  if (!recent) recentByStore.set(ctx.mediaStore, (recent = new Map()));
  const key = parts.map((p) => `${p.name}\u0000${p.media}`).join('\u0001');
  let zip = recent.get(key);
  if (!zip) {
    zip = remember(recent, key, buildZip(await Promise.all(parts.map(async (p) => ({ name: p.name, bytes: await ctx.mediaStore.bytes(p.media) })))), RECENT_MAX);
  }
  return zip;
}

export async function downloadArchive(ctx: HornContext, req: MockRequest, p: Params): Promise<MockResponse> {
  const recordingId = p.recordingId!;
  const kind = req.query.get('kind') ?? '';
  const expiresRaw = req.query.get('expires') ?? '';
  const signature = req.query.get('signature') ?? '';
  const expires = /^[0-9]{1,16}$/.test(expiresRaw) ? Number(expiresRaw) : NaN;
  if (!Number.isFinite(expires) || !(await signatureMatches(ctx.signingKey, recordingId, kind, expires, signature))) return errors.urlInvalid();
  if (ctx.clock.now() >= expires && !has(ctx, 'download-url-never-expires')) return errors.urlExpired();
  const r = has(ctx, 'deleted-archive-served') ? [...ctx.store.all()].find((x) => x.id === recordingId) : ctx.store.get(recordingId);
  if (!r || r.readyTime === undefined) return errors.recordingNotFound(recordingId);
  const assets = assetsOf(ctx, r).filter((a) => toAvailable(a).kind === kind);
  if (has(ctx, 'archive-misses-last-segment')) assets.pop();
  const parts = assets.map((a) => ({ name: archiveName(a), media: ctx.media.of(r.id, Number(a.id.slice(a.id.lastIndexOf('-s') + 2))).name }));
  const zip = await archiveOf(ctx, parts);
  return serveBytes(
    req,
    zip.byteLength,
    { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${r.id}.zip"` },
    (start, end) => zip.subarray(start, end + 1),
  );
}
