// The documented routes (core/router.ts matches them); they sit at the root: the API has no base
// path. Each has at most one parameter (named as in the spec), handed to its handler decoded.
import type { MockRequest, MockResponse } from '../../core/http.ts';
import { compileRouter, type RouteDef } from '../../core/router.ts';
import type { EyesonContext } from './context.ts';
import { downloadRecordingFile } from './handlers/download.ts';
import { startRecordingHandler, stopRecordingHandler } from './handlers/record.ts';
import { deleteRecordingHandler, getRecording, listRoomRecordings } from './handlers/recordings.ts';
import { createRoom, getRoom, listCurrentMeetings, shutdownRoom } from './handlers/rooms.ts';
import { deleteWebhook, getWebhook, registerWebhook } from './handlers/webhooks.ts';

export const BASE_PATH = '';

/** `param` is the decoded path parameter when the route has one, '' otherwise. */
export type Handler = (ctx: EyesonContext, req: MockRequest, param: string) => Promise<MockResponse>;

/** A handler with the spec's operationId (the mock validates its own responses by it). */
export interface Operation {
  id: string;
  run: Handler;
}

const op = (id: string, run: Handler): Operation => ({ id, run });

const ROUTES: readonly RouteDef<Operation>[] = [
  { path: 'rooms', methods: { GET: op('listCurrentMeetings', listCurrentMeetings), POST: op('createRoom', createRoom) } },
  { path: 'rooms/{access_key}', methods: { GET: op('getRoom', getRoom), DELETE: op('shutdownRoom', shutdownRoom) } },
  {
    path: 'rooms/{access_key}/recording',
    methods: { POST: op('startRecording', startRecordingHandler), DELETE: op('stopRecording', stopRecordingHandler) },
  },
  { path: 'rooms/{room_id}/recordings', methods: { GET: op('listRoomRecordings', listRoomRecordings) } },
  { path: 'recordings/{recording_id}', methods: { GET: op('getRecording', getRecording), DELETE: op('deleteRecording', deleteRecordingHandler) } },
  { path: 'webhooks', methods: { POST: op('registerWebhook', registerWebhook), GET: op('getWebhook', getWebhook) } },
  { path: 'webhooks/{webhook_id}', methods: { DELETE: op('deleteWebhook', deleteWebhook) } },
  { path: 'downloads/{file}', methods: { GET: op('downloadRecordingFile', downloadRecordingFile) } },
];

/** Parameters come percent-decoded; a segment that does not decode names nothing (404). */
export const matchRoute = compileRouter(ROUTES, { basePath: BASE_PATH, decodeParams: true });

/** The one parameter an Eyeson route has ('' for routes without one). */
export const paramOf = (params: Record<string, string>): string => Object.values(params)[0] ?? '';
