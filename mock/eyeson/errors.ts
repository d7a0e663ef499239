// Error answers: Eyeson bodies are `{"error": "<message>"}` (eyeson-ruby reads `error`).
import { empty, json } from '../../core/http.ts';
import type { Headers, MockResponse } from '../../core/http.ts';

export const error = (status: number, message: string, headers?: Headers): MockResponse => json(status, { error: message }, headers);

export const badRequest = (message: string) => error(400, message);
export const unauthorized = () => error(401, 'Authorization failed: missing or unknown API key');
export const forbidden = (what: string) => error(403, `${what} belongs to another team`);
export const notFound = (what: string) => error(404, `${what} not found`);
export const gone = () => error(410, 'The meeting of this access key has been shut down');
export const locked = () => error(423, 'This API key is locked');
export const payloadTooLarge = (limit: number) => error(413, `Request body exceeds ${limit} bytes`);
export const unsupportedMediaType = (type: string) =>
  error(415, `Content-Type ${type} is not supported (use application/x-www-form-urlencoded, application/json or multipart/form-data)`);
export const methodNotAllowed = (method: string, allow: string[]) =>
  error(405, `Method ${method} is not allowed on this path`, { allow: allow.join(', ') });
export const routeNotFound = (method: string, path: string) => error(404, `No route for ${method} ${path}`);
export const internal = (message: string) => error(500, message);

/** Success without body (start 201, stop/delete 200, shutdown 204, webhook 201/204). */
export const noContent = (status: number): MockResponse => empty(status);
