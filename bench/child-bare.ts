// Child process: the baseline. A bare node:http server with no routing logic at all: it replays
// the exact bytes the mock answered for each URL (captured beforehand), and streams media files
// with stream.pipeline in the same 1 MiB chunks the mock's adapter uses. Whatever the mock costs
// above this server is the cost of being a mock.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import { answerUsageRequests } from './probe.ts';

export interface BareRoute {
  url: string; // path + query, exactly as requested (any method)
  status: number;
  headers: Record<string, string>;
  /** Replayed body (base64); absent for file routes. */
  body?: string;
  /** Honour single `bytes=a-b` / `bytes=a-` ranges over `body` (a download built in memory). */
  ranged?: boolean;
  /** A file served like the mock's media endpoint (200, or 206 for `bytes=a-b` / `bytes=a-`). */
  file?: string;
}

const CHUNK = 1024 * 1024;
const OPEN_ENDED_CAP = 5 * 1024 * 1024; // OpenVidu's mock caps `bytes=N-` at 5 MiB: files send the same bytes

/** The inclusive byte span a Range header asks for, or undefined for the whole thing. */
function span(range: string | undefined, size: number, openEndedCap: number): { start: number; end: number } | undefined {
  const m = range ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
  if (!m) return undefined;
  const start = Number(m[1]);
  return { start, end: Math.min(m[2] ? Number(m[2]) : start + openEndedCap - 1, size - 1) };
}

/** Status and headers of a whole (200) or partial (206) answer. */
function head(res: ServerResponse, route: BareRoute, size: number, s: { start: number; end: number } | undefined): void {
  res.statusCode = s ? 206 : 200;
  for (const [k, v] of Object.entries(route.headers)) res.setHeader(k, v);
  if (s) res.setHeader('content-range', `bytes ${s.start}-${s.end}/${size}`);
  else res.removeHeader('content-range');
  res.setHeader('content-length', s ? s.end - s.start + 1 : size);
}

function serveFile(res: ServerResponse, route: BareRoute, range: string | undefined): void {
  const size = statSync(route.file!).size;
  const s = span(range, size, OPEN_ENDED_CAP);
  head(res, route, size, s);
  pipeline(createReadStream(route.file!, { start: s?.start ?? 0, end: s?.end ?? size - 1, highWaterMark: CHUNK }), res, () => {});
}

function serveBytes(res: ServerResponse, route: BareRoute, bytes: Buffer, range: string | undefined): void {
  const s = span(range, bytes.length, Number.POSITIVE_INFINITY);
  head(res, route, bytes.length, s);
  res.end(s ? bytes.subarray(s.start, s.end + 1) : bytes);
}

process.once('message', (m: { type: 'routes'; routes: BareRoute[] }) => {
  const routes = new Map(m.routes.map((r) => [r.url, { ...r, bytes: r.body === undefined ? undefined : Buffer.from(r.body, 'base64') }]));
  // A body that is UTF-8 text goes out as a string, as the mock's adapter sends it: node then
  // writes head and body in one call (a Buffer takes a second chunk). The baseline should be
  // the fastest way to send these bytes, not a slower one.
  const bodyOf = (bytes: Buffer | undefined): Buffer | string | undefined => {
    if (bytes === undefined) return undefined;
    const text = bytes.toString('utf8');
    return Buffer.byteLength(text) === bytes.length && Buffer.from(text).equals(bytes) ? text : bytes;
  };
  const replies = new Map([...routes].map(([url, r]) => [url, bodyOf(r.bytes)]));
  const server = createServer((req, res) => {
    const route = routes.get(req.url ?? '');
    if (!route) {
      res.statusCode = 404;
      return void res.end();
    }
    if (route.file) return serveFile(res, route, req.headers.range);
    if (route.ranged) return serveBytes(res, route, route.bytes!, req.headers.range);
    const answer = () => {
      res.writeHead(route.status, route.headers);
      res.end(replies.get(route.url));
    };
    // A request with a body is answered once the body is in, as any real server would (the
    // mock needs it to check a signature); a bodiless one at once.
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return answer();
    req.on('data', () => {});
    req.on('end', answer);
  });
  server.keepAliveTimeout = 5_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    answerUsageRequests();
    process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}` });
  });
  process.on('disconnect', () => process.exit(0));
});
