// The documented routes, compiled once into a table keyed by segment count. Literal segments
// beat parameters (`/channels/recording/assets/…` is not a channel), a known path with another
// method answers 405 with Allow, and path parameters are percent-decoded here.
import type { MockRequest, MockResponse } from '../../core/http.ts';
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

interface Route {
  segments: readonly string[]; // ':name' marks a parameter
  methods: Readonly<Record<string, Operation>>;
}

const op = (id: string, run: Handler): Operation => ({ id, run });
const R = 'channels/:channelId/recordings/:recordingId';

const ROUTES: readonly Route[] = [
  { segments: 'channels/:uuid/record/possible'.split('/'), methods: { GET: op('checkRecordingPossible', recordPossible) } },
  { segments: 'channels/:uuid/record'.split('/'), methods: { POST: op('startRecording', startRecording), DELETE: op('stopRecording', stopRecording) } },
  { segments: 'channels/:channelId/recordings'.split('/'), methods: { GET: op('listRecordings', listRecordings) } },
  { segments: R.split('/'), methods: { GET: op('getRecording', getRecording) } },
  { segments: `${R}/assets`.split('/'), methods: { GET: op('listRecordingAssets', listAssets) } },
  { segments: `${R}/assets/:assetId`.split('/'), methods: { GET: op('getRecordingAsset', getAsset) } },
  { segments: `${R}/download`.split('/'), methods: { GET: op('getRecordingDownloadUrl', downloadUrl) } },
  { segments: `${R}/credentials`.split('/'), methods: { GET: op('getRecordingDownloadCredentials', downloadCredentials) } },
  { segments: 'channels/recording/assets/:jwtToken'.split('/'), methods: { GET: op('listAssetsByJwt', listAssetsByJwt) } },
  { segments: 'channels/recording/assets/:assetId/:jwtToken'.split('/'), methods: { GET: op('downloadAssetByJwt', downloadAssetByJwt) } },
  { segments: 'channels/recording/downloads/:recordingId'.split('/'), methods: { GET: op('downloadRecordingArchive', downloadArchive) } },
];

const literals = (r: Route) => r.segments.filter((s) => !s.startsWith(':')).length;
const BY_LENGTH = new Map<number, Route[]>();
for (const r of [...ROUTES].sort((a, b) => literals(b) - literals(a))) {
  BY_LENGTH.set(r.segments.length, [...(BY_LENGTH.get(r.segments.length) ?? []), r]);
}

export type RouteMatch =
  | { kind: 'found'; operation: Operation; params: Record<string, string>; head: boolean }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'bad-path' }
  | { kind: 'not-found' };

const allowOf = (route: Route) => {
  const m = Object.keys(route.methods);
  return m.includes('GET') ? [...m, 'HEAD'] : m;
};

export function matchRoute(method: string, path: string): RouteMatch {
  if (!path.startsWith(`${BASE_PATH}/`)) return { kind: 'not-found' };
  let rest = path.slice(BASE_PATH.length + 1);
  if (rest.endsWith('/')) rest = rest.slice(0, -1);
  const parts = rest.split('/');
  const lookup = method === 'HEAD' ? 'GET' : method;
  const allow = new Set<string>();
  for (const route of BY_LENGTH.get(parts.length) ?? []) {
    const raw: Record<string, string> = {};
    const matches = route.segments.every((s, i) => {
      if (!s.startsWith(':')) return s === parts[i];
      raw[s.slice(1)] = parts[i]!;
      return parts[i]!.length > 0;
    });
    if (!matches) continue;
    const operation = route.methods[lookup];
    if (!operation) {
      for (const m of allowOf(route)) allow.add(m);
      continue;
    }
    const params: Record<string, string> = {};
    try {
      for (const [k, v] of Object.entries(raw)) params[k] = decodeURIComponent(v);
    } catch {
      return { kind: 'bad-path' };
    }
    return { kind: 'found', operation, params, head: method === 'HEAD' };
  }
  return allow.size > 0 ? { kind: 'method-not-allowed', allow: [...allow] } : { kind: 'not-found' };
}
