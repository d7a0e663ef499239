// Horn's error envelope (facts §1.3): exactly `{error, message}`, `error` an UPPER_SNAKE code.
// Codes Horn documents keep their documented status; the recording ones are decisions
// (`recording-error-statuses`): state conflicts are 400 as Horn's own state errors are.
import { json } from '../../core/http.ts';
import type { Headers, MockResponse } from '../../core/http.ts';

export const error = (status: number, code: string, message: string, headers?: Headers): MockResponse =>
  json(status, { error: code, message }, headers);

export const badRequest = (detail: string) => error(400, 'BAD_REQUEST', `Badly formed request from client: ${detail}`);
export const unauthorized = () =>
  error(401, 'UNAUTHORIZED', 'A valid Bearer token is required', { 'www-authenticate': 'Bearer realm="horn"' });
export const forbidden = () => error(403, 'ACCESS_FORBIDDEN', 'User role is insufficient for this operation');

export const channelNotFound = (id: string) => error(404, 'CHANNEL_NOT_FOUND', `Channel ${id} does not exist`);
export const recordingNotFound = (id: string) => error(404, 'RECORDING_NOT_FOUND', `Recording ${id} does not exist`);
export const assetNotFound = (id: string) => error(404, 'ASSET_NOT_FOUND', `Recording asset ${id} does not exist`);

export const notPermitted = (status: number, why: string) => error(status, 'RECORDING_NOT_PERMITTED', why);
export const alreadyStarted = (channel: string) => error(400, 'RECORDING_ALREADY_STARTED', `Channel ${channel} is already being recorded`);
export const notStarted = (channel: string) => error(400, 'RECORDING_NOT_STARTED', `Channel ${channel} is not being recorded`);
export const notEnded = (id: string) => error(400, 'RECORDING_NOT_ENDED', `Recording ${id} is still in progress; its assets exist once it has ended`);
export const notReady = (id: string) => error(400, 'RECORDING_NOT_READY', `Recording ${id} is still processing`);

export const invalidToken = (why: string) => error(401, 'INVALID_TOKEN', `Download token rejected: ${why}`);
export const tokenExpired = () => error(401, 'TOKEN_EXPIRED', 'Download token has expired');
export const tokenForOtherRecording = () => error(403, 'ACCESS_FORBIDDEN', 'Download token does not cover this asset');
export const urlExpired = () => error(403, 'DOWNLOAD_URL_EXPIRED', 'Download URL has expired');
export const urlInvalid = () => error(403, 'INVALID_SIGNATURE', 'Download URL signature is invalid');
export const rangeNotSatisfiable = (size: number) =>
  error(416, 'RANGE_NOT_SATISFIABLE', `Requested range not satisfiable (size ${size})`, { 'content-range': `bytes */${size}` });

export const routeNotFound = (method: string, path: string) => error(404, 'NOT_FOUND', `No route for ${method} ${path}`);
export const methodNotAllowed = (method: string, allow: string[]) =>
  error(405, 'METHOD_NOT_ALLOWED', `Method ${method} is not allowed on this path`, { allow: allow.join(', ') });
export const internal = (message = 'Internal server error') => error(500, 'INTERNAL_ERROR', message);
