// The documented routes, compiled once into a table keyed by segment count. A literal segment
// beats a parameter (`/recordings/download` is not a recording id), but when the literal route
// lacks the method the parameter route may still take it (as Express would: DELETE
// /recordings/download reaches the delete-by-id handler and fails id validation).
import type { MockRequest, MockResponse } from '../../core/http.ts';
import type { MeetContext } from './context.ts';
import { bulkDeleteRecordings } from './handlers/bulk-delete.ts';
import { deleteRecording } from './handlers/delete.ts';
import { downloadRecordings } from './handlers/download.ts';
import { getRecording } from './handlers/get.ts';
import { listRecordings } from './handlers/list.ts';
import { getRecordingMedia } from './handlers/media.ts';
import { startRecording } from './handlers/start.ts';
import { stopRecording } from './handlers/stop.ts';
import { getRecordingUrl } from './handlers/url.ts';

export const BASE_PATH = '/api/v1';

/** The path parameter (raw, still percent-encoded) is the recording id when the route has one. */
export type Handler = (ctx: MeetContext, req: MockRequest, recordingId: string) => Promise<MockResponse>;

/** A handler with the spec's operationId (the mock validates its own responses by it). */
export interface Operation {
  id: string;
  run: Handler;
}

interface Route {
  segments: readonly string[]; // ':id' marks the parameter
  methods: Readonly<Record<string, Operation>>;
}

const op = (id: string, run: Handler): Operation => ({ id, run });

const ROUTES: readonly Route[] = [
  {
    segments: ['recordings'],
    methods: { POST: op('startRecording', startRecording), GET: op('getRecordings', listRecordings), DELETE: op('bulkDeleteRecordings', bulkDeleteRecordings) },
  },
  { segments: ['recordings', 'download'], methods: { GET: op('downloadRecordings', downloadRecordings) } },
  { segments: ['recordings', ':id'], methods: { GET: op('getRecording', getRecording), DELETE: op('deleteRecording', deleteRecording) } },
  { segments: ['recordings', ':id', 'media'], methods: { GET: op('getRecordingMedia', getRecordingMedia) } },
  { segments: ['recordings', ':id', 'stop'], methods: { POST: op('stopRecording', stopRecording) } },
  { segments: ['recordings', ':id', 'url'], methods: { GET: op('getRecordingUrl', getRecordingUrl) } },
];

// Routes by segment count, literal routes first.
const BY_LENGTH = new Map<number, Route[]>();
for (const r of [...ROUTES].sort((a, b) => a.segments.filter((s) => s === ':id').length - b.segments.filter((s) => s === ':id').length)) {
  BY_LENGTH.set(r.segments.length, [...(BY_LENGTH.get(r.segments.length) ?? []), r]);
}

export type RouteMatch =
  | { kind: 'found'; operation: Operation; recordingId: string; head: boolean }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

/** The methods a route answers, as an Allow header lists them (HEAD wherever GET is). */
function allowOf(route: Route): string[] {
  const m = Object.keys(route.methods);
  return m.includes('GET') ? [...m, 'HEAD'] : m;
}

export function matchRoute(method: string, path: string): RouteMatch {
  if (!path.startsWith(`${BASE_PATH}/`)) return { kind: 'not-found' };
  let rest = path.slice(BASE_PATH.length + 1);
  if (rest.endsWith('/')) rest = rest.slice(0, -1); // Express's non-strict routing
  const parts = rest.split('/');
  const candidates = BY_LENGTH.get(parts.length) ?? [];
  const lookup = method === 'HEAD' ? 'GET' : method;
  const allow = new Set<string>();
  for (const route of candidates) {
    let recordingId = '';
    const matches = route.segments.every((s, i) => {
      if (s === ':id') {
        recordingId = parts[i]!;
        return recordingId.length > 0;
      }
      return s === parts[i];
    });
    if (!matches) continue;
    const operation = route.methods[lookup];
    if (operation) return { kind: 'found', operation, recordingId, head: method === 'HEAD' };
    for (const m of allowOf(route)) allow.add(m);
  }
  return allow.size > 0 ? { kind: 'method-not-allowed', allow: [...allow] } : { kind: 'not-found' };
}
