// Assets reached with download credentials in the path, no Bearer token (facts §1.4):
// GET /channels/recording/assets/{jwt} lists them, GET …/assets/{assetId}/{jwt} serves one.
// A token reaches the assets of its own recording (`sub`) only.
import { json } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { assetsOf, findAsset, parseAssetId, toAvailable } from '../assets.ts';
import { has } from '../context.ts';
import * as errors from '../errors.ts';
import { verifyDownloadJwt } from '../jwt.ts';
import { serveBytes } from '../serve.ts';
import type { HornContext } from '../context.ts';

type Params = Record<string, string>;

export async function listAssetsByJwt(ctx: HornContext, _req: MockRequest, p: Params): Promise<MockResponse> {
  const token = await verifyDownloadJwt(ctx, p.jwtToken!);
  if (!token.ok) return token.response;
  const r = ctx.store.get(token.recordingId);
  if (!r || r.channel !== token.channel) return errors.recordingNotFound(token.recordingId);
  return json(200, assetsOf(ctx, r).map(toAvailable));
}

export async function downloadAssetByJwt(ctx: HornContext, req: MockRequest, p: Params): Promise<MockResponse> {
  const token = await verifyDownloadJwt(ctx, p.jwtToken!);
  if (!token.ok) return token.response;
  const parsed = parseAssetId(p.assetId!);
  if (!parsed) return errors.assetNotFound(p.assetId!);
  if (parsed.recordingId !== token.recordingId && !has(ctx, 'jwt-recording-unbound')) return errors.tokenForOtherRecording();
  const r = ctx.store.get(parsed.recordingId);
  const asset = r && findAsset(ctx, r, p.assetId!);
  if (!r || !asset) return errors.assetNotFound(p.assetId!);
  if (r.readyTime === undefined) return errors.notReady(r.id);
  const media = ctx.media.of(r.id, parsed.n);
  return serveBytes(req, media.size, { 'content-type': 'video/mp4' }, (start, end) => ctx.mediaStore.body(media.name, start, end));
}
