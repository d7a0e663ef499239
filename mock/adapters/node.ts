// node:http adapter: IncomingMessage → MockRequest, MockResponse → ServerResponse.
// Node-only. File bodies are streamed with stream.pipeline (an aborted download closes the fd;
// `.pipe()` would leak one per abort) in 1 MiB chunks (2–3× faster than the 64 KiB default).
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { isFileBody, type Headers, type MockRequest, type MockResponse } from '../../core/http.ts';

export type Dispatch = (req: MockRequest) => Promise<MockResponse>;

/**
 * Bodies above this are refused before any handler sees them. It must stay above every limit an
 * API documents for one of its endpoints (the largest: Nextcloud Talk's 32 MiB recording upload),
 * so that such a limit is answered by the API itself, in its own error format.
 */
export const HARD_BODY_LIMIT = 64 * 1024 * 1024;
const CHUNK = 1024 * 1024;

export function createNodeListener(dispatch: Dispatch) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    // A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112 §6.3):
    // answer at once instead of waiting for an 'end' event (most requests are bodiless GETs).
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return answer(dispatch, req, res, NO_BODY);
    if (Number(req.headers['content-length'] ?? 0) > HARD_BODY_LIMIT) {
      // Drain without buffering, and answer once the body is in: answering (and closing) while
      // the client still sends would break its pipe before it reads the 413.
      req.resume();
      req.on('end', () => answer(dispatch, req, res, 'too-large'));
      req.on('error', () => res.destroy());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= HARD_BODY_LIMIT) chunks.push(c);
    });
    req.on('end', () => answer(dispatch, req, res, size > HARD_BODY_LIMIT ? 'too-large' : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', () => res.destroy());
  };
}

function answer(dispatch: Dispatch, req: IncomingMessage, res: ServerResponse, body: Uint8Array | 'too-large'): void {
  const method = req.method ?? 'GET';
  if (body === 'too-large') {
    return send(res, method, {
      status: 413,
      headers: { 'content-type': 'application/json; charset=utf-8', connection: 'close' },
      body: JSON.stringify({ error: 'Payload Too Large', message: `Request body exceeds ${HARD_BODY_LIMIT} bytes` }),
    });
  }
  let pending: Promise<MockResponse>;
  try {
    pending = dispatch(toMockRequest(req, body));
  } catch (e) {
    return send(res, method, internalError(e));
  }
  pending.then(
    (response) => send(res, method, response),
    (e: unknown) => send(res, method, internalError(e)),
  );
}

// Mocks never throw, except a strict one that broke its spec (a test setting): say so with a
// 500 rather than leave the client hanging on a dead connection.
const internalError = (e: unknown): MockResponse => ({
  status: 500,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ error: 'Internal Server Error', message: e instanceof Error ? e.message : String(e) }),
});

function toMockRequest(req: IncomingMessage, body: Uint8Array): MockRequest {
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  // Node already lower-cases names and joins repeated request headers with ", "; only
  // set-cookie comes as an array, and requests do not carry it. So no copy is needed.
  const headers = req.headers as Headers;
  const host = headers.host ?? 'localhost';
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: q === -1 ? raw : raw.slice(0, q),
    query: new URLSearchParams(q === -1 ? '' : raw.slice(q + 1)),
    headers,
    body,
    origin: `http://${host}`,
  };
}

const NO_BODY = new Uint8Array(0);

function send(res: ServerResponse, method: string, r: MockResponse): void {
  const body = r.body;
  const headers = r.headers;
  if (body === undefined) {
    res.writeHead(r.status, headers);
    return void res.end();
  }
  if (isFileBody(body)) {
    if (headers['content-length'] === undefined) headers['content-length'] = String(body.end - body.start + 1);
    res.writeHead(r.status, headers);
    if (method === 'HEAD' || body.end < body.start) return void res.end();
    const stream = createReadStream(body.path, { start: body.start, end: body.end, highWaterMark: CHUNK });
    pipeline(stream, res, () => {}); // errors (client abort) close both ends; nothing else to do
    return;
  }
  if (headers['content-length'] === undefined) headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  // One writeHead with every header: cheaper than a setHeader call per header. A string body
  // goes out as a string: node joins it to the head and writes once (a Buffer would take a
  // second chunk, and a writev).
  res.writeHead(r.status, headers);
  res.end(method === 'HEAD' ? undefined : body);
}
