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
  url: string; // path + query, exactly as requested
  status: number;
  headers: Record<string, string>;
  /** Replayed body (base64); absent for file routes. */
  body?: string;
  /** A file served like the mock's media endpoint (200, or 206 for `bytes=a-b` / `bytes=a-`). */
  file?: string;
}

const CHUNK = 1024 * 1024;
const OPEN_ENDED_CAP = 5 * 1024 * 1024; // same cap as the mock, so `bytes=N-` sends the same bytes

function serveFile(res: ServerResponse, route: BareRoute, range: string | undefined): void {
  const size = statSync(route.file!).size;
  let start = 0;
  let end = size - 1;
  const m = range ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
  res.statusCode = 200;
  for (const [k, v] of Object.entries(route.headers)) res.setHeader(k, v);
  if (m) {
    start = Number(m[1]);
    end = Math.min(m[2] ? Number(m[2]) : start + OPEN_ENDED_CAP - 1, size - 1);
    res.statusCode = 206;
    res.setHeader('content-range', `bytes ${start}-${end}/${size}`);
  }
  res.setHeader('content-length', end - start + 1);
  pipeline(createReadStream(route.file!, { start, end, highWaterMark: CHUNK }), res, () => {});
}

process.once('message', (m: { type: 'routes'; routes: BareRoute[] }) => {
  const routes = new Map(m.routes.map((r) => [r.url, { ...r, bytes: r.body === undefined ? undefined : Buffer.from(r.body, 'base64') }]));
  const server = createServer((req, res) => {
    const route = routes.get(req.url ?? '');
    if (!route) {
      res.statusCode = 404;
      return void res.end();
    }
    if (route.file) return serveFile(res, route, req.headers.range);
    res.writeHead(route.status, route.headers);
    res.end(route.bytes);
  });
  server.keepAliveTimeout = 5_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    answerUsageRequests();
    process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}` });
  });
  process.on('disconnect', () => process.exit(0));
});
