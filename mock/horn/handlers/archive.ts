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

type Params = Record<string, string>;

export async function downloadArchive(ctx: HornContext, req: MockRequest, p: Params): Promise<MockResponse> {
  const recordingId = p.recordingId!;
  const kind = req.query.get('kind') ?? '';
  const expiresRaw = req.query.get('expires') ?? '';
  const signature = req.query.get('signature') ?? '';
  const expires = /^[0-9]{1,16}$/.test(expiresRaw) ? Number(expiresRaw) : NaN;
  if (!Number.isFinite(expires) || !(await signatureMatches(ctx.signingKey, recordingId, kind, expires, signature))) return errors.urlInvalid();
  if (ctx.clock.now() >= expires && !has(ctx, 'download-url-never-expires')) return errors.urlExpired();
  const r = ctx.store.get(recordingId);
  if (!r || r.readyTime === undefined) return errors.recordingNotFound(recordingId);
  const assets = assetsOf(ctx, r).filter((a) => toAvailable(a).kind === kind);
  const entries = await Promise.all(
    assets.map(async (a) => {
      const n = Number(a.id.slice(a.id.lastIndexOf('-s') + 2));
      return { name: archiveName(a), bytes: await ctx.mediaStore.bytes(ctx.media.of(r.id, n).name) };
    }),
  );
  const zip = buildZip(entries);
  return serveBytes(
    req,
    zip.byteLength,
    { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${r.id}.zip"` },
    (start, end) => zip.subarray(start, end + 1),
  );
}
