// The documented error bodies (Error schema: `error` + `message`, `details` on 422 only).
// Messages follow the server code (single quotes), not the spec examples (facts §5.4, §8.3).
import { json } from '../../core/http.ts';
import type { Headers, MockResponse } from '../../core/http.ts';

export interface FieldIssue {
  field: string;
  message: string;
}

const error = (status: number, name: string, message: string, headers?: Headers): MockResponse =>
  json(status, { error: name, message }, headers);

export const unauthorized = (message = 'Unauthorized') => error(401, 'Authentication Error', message);
export const invalidApiKey = () => unauthorized('Invalid API key');
export const noApiKeys = () => unauthorized('There are no API keys configured yet. Please, create one to access the API');
export const invalidToken = () => unauthorized('Invalid token');

export const forbidden = (message = 'Insufficient permissions to access this resource') => error(403, 'Authorization Error', message);

export const validation = (details: FieldIssue[]): MockResponse =>
  json(422, { error: 'Unprocessable Entity', message: 'Invalid request', details });
export const badRecordingId = (field: string) =>
  validation([{ field, message: 'recordingId does not follow the expected format' }]);

export const roomNotFound = (roomId: string) => error(404, 'Room Error', `Room '${roomId}' does not exist`);
export const roomConflict = (message: string) => error(409, 'Room Error', message);
export const recordingDisabled = (roomId: string) => error(403, 'Recording Error', `Recording is disabled for room '${roomId}'`);
export const alreadyRecording = (roomId: string) => error(409, 'Recording Error', `Room '${roomId}' is already being recorded`);
export const noParticipants = (roomId: string) => error(409, 'Recording Error', `Room '${roomId}' has no participants`);

export const startTimedOut = (roomId: string) => error(503, 'Recording Error', `Recording in room '${roomId}' timed out while starting`);

export const recordingNotFound = (id: string) => error(404, 'Recording Error', `Recording '${id}' not found`);
export const notStopped = (id: string) => error(409, 'Recording Error', `Recording '${id}' is not stopped yet`);
export const alreadyStopped = (id: string) => error(409, 'Recording Error', `Recording '${id}' is already stopped`);
export const stillStarting = (id: string) => error(409, 'Recording Error', `Recording '${id}' cannot be stopped while starting`);
export const rangeNotSatisfiable = (id: string, size: number) =>
  error(416, 'Recording Error', `Recording '${id}' range not satisfiable. File size: ${size}`, { 'content-range': `bytes */${size}` });
export const unknownSecret = (secret: string, id: string) =>
  error(400, 'Recording Error', `Secret '${secret}' is not recognized for recording '${id}'`);
export const noneInRoom = (roomId: string) =>
  error(400, 'Recording Error', `None of the provided recording IDs belong to room '${roomId}'`);
export const notInRoom = (id: string, roomId: string) => `Recording '${id}' does not belong to room '${roomId}'`;

export const payloadTooLarge = (limit: number) =>
  error(413, 'Payload Too Large', `Request body exceeds the limit of ${limit} bytes`);
export const routeNotFound = (method: string, path: string) => error(404, 'Not Found', `Cannot ${method} ${path}`);
export const methodNotAllowed = (method: string, allow: string[]) =>
  error(405, 'Method Not Allowed', `Method ${method} is not allowed on this path`, { allow: allow.join(', ') });
export const internal = (message = 'Internal server error') => error(500, 'Internal Server Error', message);
