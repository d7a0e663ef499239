// A reverse proxy in front of a callrec mock that hides its control API: every documented
// request goes through byte for byte (streamed both ways, ranges included), and `/__callrec/`
// answers a plain 404 as any server without it would. `selfcheck --without-control` meets the
// mock through it, so the suites see the mock exactly as they would see a real server.

import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';

export interface HiddenControl {
  /** The proxy's origin: the target the suites are given. */
  url: string;
  close(): Promise<void>;
}

export async function hideControlApi(upstream: string): Promise<HiddenControl> {
  const up = new URL(upstream);
  const server = createServer((req, res) => {
    if ((req.url ?? '/').startsWith('/__callrec')) {
      req.resume();
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
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
