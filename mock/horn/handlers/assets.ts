// A recording's assets (its 30-minute upload segments): they exist once the recording has
// ended; before that the answer is RECORDING_NOT_ENDED (decision `assets-after-end`).
import { json } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { assetsOf, findAsset } from '../assets.ts';
import { channelAccess } from '../auth.ts';
import { has } from '../context.ts';
import * as errors from '../errors.ts';
import { recordingOf } from './recordings.ts';
import type { HornContext } from '../context.ts';

type Params = Record<string, string>;

function endedRecording(ctx: HornContext, req: MockRequest, p: Params) {
  const access = channelAccess(ctx, req, p.channelId!, 'operator', 'read');
  if (!access.ok) return access;
  const found = recordingOf(ctx, access.channel.id, p.recordingId!);
  if (!found.ok) return found;
  if (found.recording.endTime === undefined && !has(ctx, 'assets-of-active-recording'))
    return { ok: false as const, response: errors.notEnded(found.recording.id) };
  return found;
}

export async function listAssets(ctx: HornContext, req: MockRequest, p: Params): Promise<MockResponse> {
  const found = endedRecording(ctx, req, p);
  if (!found.ok) return found.response;
  return json(200, assetsOf(ctx, found.recording));
}

export async function getAsset(ctx: HornContext, req: MockRequest, p: Params): Promise<MockResponse> {
  const found = endedRecording(ctx, req, p);
  if (!found.ok) return found.response;
  const asset = findAsset(ctx, found.recording, p.assetId!);
  if (!asset && has(ctx, 'unknown-asset-500')) return errors.internal(`Cannot read properties of undefined (reading 'id')`);
  return asset ? json(200, asset) : errors.assetNotFound(p.assetId!);
}
