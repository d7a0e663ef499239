// The documented routes (core/router.ts matches them): literal segments beat parameters
// (`/channels/recording/assets/…` is not a channel).
import type { MockRequest, MockResponse } from '../../core/http.ts';
import { compileRouter, type RouteDef } from '../../core/router.ts';
import { downloadArchive } from './handlers/archive.ts';
import { listAssets, getAsset } from './handlers/assets.ts';
import { downloadAssetByJwt, listAssetsByJwt } from './handlers/by-jwt.ts';
import { downloadCredentials, downloadUrl } from './handlers/download.ts';
import { recordPossible, startRecording, stopRecording } from './handlers/record.ts';
import { getRecording, listRecordings } from './handlers/recordings.ts';
import { BASE_PATH } from './paths.ts';
import type { HornContext } from './context.ts';

export { BASE_PATH };

export type Handler = (ctx: HornContext, req: MockRequest, params: Record<string, string>) => Promise<MockResponse>;

/** A handler with the spec's operationId (the mock validates its own responses by it). */
export interface Operation {
  id: string;
  run: Handler;
}

const op = (id: string, run: Handler): Operation => ({ id, run });
const R = 'channels/{channelId}/recordings/{recordingId}';

const ROUTES: readonly RouteDef<Operation>[] = [
  { path: 'channels/{uuid}/record/possible', methods: { GET: op('checkRecordingPossible', recordPossible) } },
  { path: 'channels/{uuid}/record', methods: { POST: op('startRecording', startRecording), DELETE: op('stopRecording', stopRecording) } },
  { path: 'channels/{channelId}/recordings', methods: { GET: op('listRecordings', listRecordings) } },
  { path: R, methods: { GET: op('getRecording', getRecording) } },
  { path: `${R}/assets`, methods: { GET: op('listRecordingAssets', listAssets) } },
  { path: `${R}/assets/{assetId}`, methods: { GET: op('getRecordingAsset', getAsset) } },
  { path: `${R}/download`, methods: { GET: op('getRecordingDownloadUrl', downloadUrl) } },
  { path: `${R}/credentials`, methods: { GET: op('getRecordingDownloadCredentials', downloadCredentials) } },
  { path: 'channels/recording/assets/{jwtToken}', methods: { GET: op('listAssetsByJwt', listAssetsByJwt) } },
  { path: 'channels/recording/assets/{assetId}/{jwtToken}', methods: { GET: op('downloadAssetByJwt', downloadAssetByJwt) } },
  { path: 'channels/recording/downloads/{recordingId}', methods: { GET: op('downloadRecordingArchive', downloadArchive) } },
];

/** Parameters come raw; the mock decodes them once route and method match (core/router.ts decodeParams). */
export const matchRoute = compileRouter(ROUTES, { basePath: BASE_PATH, decodeParams: false });
