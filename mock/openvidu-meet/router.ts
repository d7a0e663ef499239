// The documented routes (core/router.ts matches them). DELETE /recordings/download reaches the
// delete-by-id handler and fails id validation, as Express would route it.
import type { MockRequest, MockResponse } from '../../core/http.ts';
import { compileRouter, type RouteDef } from '../../core/router.ts';
import type { MeetContext } from './context.ts';
import { downloadRecordings, getRecordingUrl } from './handlers/download.ts';
import { getRecordingMedia } from './handlers/media.ts';
import { startRecording, stopRecording } from './handlers/record.ts';
import { bulkDeleteRecordings, deleteRecording, getRecording, listRecordings } from './handlers/recordings.ts';
import { createRoom, deleteRoom, getRoom, listRooms } from './handlers/rooms.ts';

export const BASE_PATH = '/api/v1';

/** The path parameter (raw, still percent-encoded): the recording id, or the room id on /rooms/{roomId}. */
export type Handler = (ctx: MeetContext, req: MockRequest, id: string) => Promise<MockResponse>;

/** A handler with the spec's operationId (the mock validates its own responses by it). */
export interface Operation {
  id: string;
  run: Handler;
}

const op = (id: string, run: Handler): Operation => ({ id, run });

const ROUTES: readonly RouteDef<Operation>[] = [
  {
    path: 'recordings',
    methods: { POST: op('startRecording', startRecording), GET: op('getRecordings', listRecordings), DELETE: op('bulkDeleteRecordings', bulkDeleteRecordings) },
  },
  { path: 'recordings/download', methods: { GET: op('downloadRecordings', downloadRecordings) } },
  { path: 'recordings/{recordingId}', methods: { GET: op('getRecording', getRecording), DELETE: op('deleteRecording', deleteRecording) } },
  { path: 'recordings/{recordingId}/media', methods: { GET: op('getRecordingMedia', getRecordingMedia) } },
  { path: 'recordings/{recordingId}/stop', methods: { POST: op('stopRecording', stopRecording) } },
  { path: 'recordings/{recordingId}/url', methods: { GET: op('getRecordingUrl', getRecordingUrl) } },
  { path: 'rooms', methods: { POST: op('createRoom', createRoom), GET: op('getRooms', listRooms) } },
  { path: 'rooms/{roomId}', methods: { GET: op('getRoom', getRoom), DELETE: op('deleteRoom', deleteRoom) } },
];

/** Ids come raw (still percent-encoded): the handlers validate and decode them. */
export const matchRoute = compileRouter(ROUTES, { basePath: BASE_PATH, decodeParams: false });
