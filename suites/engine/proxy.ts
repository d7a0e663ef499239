// A reverse proxy in front of a server (a callrec mock): requests go through byte for byte,
// streamed both ways (ranges included), except those `intercept` answers itself. Used to meet
// the mock as a real server is met: `hideControlApi` answers `/__callrec/` with a plain 404, as
// any server without the control API would (`selfcheck --without-control`), and tests put
// route-level answers of a partly built server in front of it.

import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';

export interface RunningProxy {
  /** The proxy's origin: the target to give the suites. */
  url: string;
  close(): Promise<void>;
}

/** An answer the proxy gives itself instead of passing the request on. */
export interface CannedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export type Intercept = (req: IncomingMessage) => CannedAnswer | undefined;

export async function startProxy(upstream: string, intercept: Intercept = () => undefined): Promise<RunningProxy> {
  const up = new URL(upstream);
  const server = createServer((req, res) => {
    const canned = intercept(req);
    if (canned) {
      req.resume();
      res.writeHead(canned.status, canned.headers ?? {}).end(canned.body ?? '');
      return;
    }
    const out = httpRequest(
      { host: up.hostname, port: up.port, method: req.method, path: req.url, headers: { ...req.headers, host: up.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        pipeline(answer, res, () => {});
      },
    );
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    pipeline(req, out, () => {});
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The mock as a server without callrec's control API: `/__callrec/…` is a plain 404. */
export function hideControlApi(upstream: string): Promise<RunningProxy> {
  return startProxy(upstream, (req) => ((req.url ?? '/').startsWith('/__callrec') ? { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' } : undefined));
}
