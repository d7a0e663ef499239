// Answers of the endpoints the recording server calls (facts §2.2): a typed error object
// `{type:"error", error:{code, message}}` in the OCS data, unlike the `{error}` of the user-facing
// endpoints.
import { failure, type OcsResult } from '../ocs.ts';
import { unknownTypeMessage } from './wire.ts';

const typed = (status: number, code: string, message: string): OcsResult => failure(status, '', { type: 'error', error: { code, message } });

/** Authentication failed: 403 on the backend endpoint, 401 on store. */
export const invalidRequest = (status: 401 | 403): OcsResult => typed(status, 'invalid_request', 'The request could not be authenticated.');

export const noSuchRoom = (): OcsResult => typed(404, 'no_such_room', 'Room not found.');

export const unknownType = (raw: unknown, plain: boolean): OcsResult => typed(400, 'unknown_type', unknownTypeMessage(raw, plain));

/** Brute-force protection gave up on this client (Nextcloud's throttler: "Reached maximum delay"). */
export const tooManyRequests = (): OcsResult => failure(429, 'Reached maximum delay');

/** `{error: code}` with 400, as start/stop/store/share-chat answer. */
export const badRequest = (error: string): OcsResult => failure(400, '', { error });
