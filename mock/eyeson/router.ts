// The documented routes, compiled once into a table keyed by segment count (routes sit at the
// root: the API has no base path). A path parameter is percent-decoded; one that does not decode
// matches nothing (404). HEAD is answered wherever GET is; other undefined methods get 405 + Allow.
import type { MockRequest, MockResponse } from '../../core/http.ts';
import type { EyesonContext } from './context.ts';
import { downloadRecordingFile } from './handlers/download.ts';
import { listRoomRecordings } from './handlers/list.ts';
import { startRecordingHandler, stopRecordingHandler } from './handlers/recording.ts';
import { deleteRecordingHandler, getRecording } from './handlers/recordings.ts';
import { createRoom, getRoom, shutdownRoom } from './handlers/rooms.ts';
import { deleteWebhook, getWebhook, registerWebhook } from './handlers/webhooks.ts';

export const BASE_PATH = '';

/** `param` is the decoded path parameter when the route has one, '' otherwise. */
export type Handler = (ctx: EyesonContext, req: MockRequest, param: string) => Promise<MockResponse>;

/** A handler with the spec's operationId (the mock validates its own responses by it). */
export interface Operation {
  id: string;
  run: Handler;
}

interface Route {
  segments: readonly string[]; // ':p' marks the parameter
  methods: Readonly<Record<string, Operation>>;
}

const op = (id: string, run: Handler): Operation => ({ id, run });

const ROUTES: readonly Route[] = [
  { segments: ['rooms'], methods: { POST: op('createRoom', createRoom) } },
  { segments: ['rooms', ':p'], methods: { GET: op('getRoom', getRoom), DELETE: op('shutdownRoom', shutdownRoom) } },
  {
    segments: ['rooms', ':p', 'recording'],
    methods: { POST: op('startRecording', startRecordingHandler), DELETE: op('stopRecording', stopRecordingHandler) },
  },
  { segments: ['rooms', ':p', 'recordings'], methods: { GET: op('listRoomRecordings', listRoomRecordings) } },
  { segments: ['recordings', ':p'], methods: { GET: op('getRecording', getRecording), DELETE: op('deleteRecording', deleteRecordingHandler) } },
  { segments: ['webhooks'], methods: { POST: op('registerWebhook', registerWebhook), GET: op('getWebhook', getWebhook) } },
  { segments: ['webhooks', ':p'], methods: { DELETE: op('deleteWebhook', deleteWebhook) } },
  { segments: ['downloads', ':p'], methods: { GET: op('downloadRecordingFile', downloadRecordingFile) } },
];

const BY_LENGTH = new Map<number, Route[]>();
for (const r of ROUTES) BY_LENGTH.set(r.segments.length, [...(BY_LENGTH.get(r.segments.length) ?? []), r]);

export type RouteMatch =
  | { kind: 'found'; operation: Operation; param: string; head: boolean }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function matchRoute(method: string, path: string): RouteMatch {
  if (!path.startsWith('/')) return { kind: 'not-found' };
  let rest = path.slice(1);
  if (rest.endsWith('/')) rest = rest.slice(0, -1); // Rails ignores a trailing slash
  const parts = rest.split('/');
  const lookup = method === 'HEAD' ? 'GET' : method;
  for (const route of BY_LENGTH.get(parts.length) ?? []) {
    let param = '';
    const matches = route.segments.every((s, i) => {
      if (s !== ':p') return s === parts[i];
      const d = parts[i] === '' ? undefined : decode(parts[i]!);
      if (d === undefined) return false;
      param = d;
      return true;
    });
    if (!matches) continue;
    const operation = route.methods[lookup];
    if (operation) return { kind: 'found', operation, param, head: method === 'HEAD' };
    const allow = Object.keys(route.methods);
    return { kind: 'method-not-allowed', allow: allow.includes('GET') ? [...allow, 'HEAD'] : allow };
  }
  return { kind: 'not-found' };
}
