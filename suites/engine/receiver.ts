// A webhook receiver: a tiny node:http server that keeps every delivery byte for byte,
// so signature checks verify exactly what the target sent.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CheckFailure } from '../../core/check.ts';
import type { WebhookDelivery, WebhookReceiver } from '../../core/check.ts';
import type { Headers } from '../../core/http.ts';

export interface RunningReceiver extends WebhookReceiver {
  /** Where the receiver listens locally (url may differ when a public URL is configured). */
  localUrl: string;
  close(): Promise<void>;
}

export interface ReceiverOptions {
  port?: number; // 0 = any free port
  host?: string; // default 127.0.0.1
  /** URL the target should use when it cannot reach 127.0.0.1 (a tunnel, a public host). */
  publicUrl?: string;
}

/**
 * Whether `port` on `host` can be listened on right now: binds it and lets go. A run probes its
 * configured receiver port up front, so a port in use is a setup error before any check runs.
 * Resolves to the error code (EADDRINUSE, EACCES, …), or undefined when the port is free.
 */
export async function probePort(host: string, port: number): Promise<string | undefined> {
  const { createServer: createNetServer } = await import('node:net');
  const server = createNetServer();
  return new Promise((resolve) => {
    server.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    server.listen(port, host, () => server.close(() => resolve(undefined)));
  });
}

export async function startReceiver(opts: ReceiverOptions = {}): Promise<RunningReceiver> {
  const received: WebhookDelivery[] = [];
  let waiters: Array<() => void> = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Headers = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      received.push({
        receivedAt: Date.now(),
        method: req.method ?? 'POST',
        path: req.url ?? '/',
        headers,
        body: new Uint8Array(Buffer.concat(chunks)),
      });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      const pending = waiters;
      waiters = [];
      for (const wake of pending) wake();
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const localUrl = `http://${host}:${port}/callrec-webhook`;

  return {
    url: opts.publicUrl ?? localUrl,
    localUrl,
    deliveries: () => [...received],
    clear: () => void (received.length = 0),
    waitFor(n, timeoutMs) {
      return new Promise((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        const check = () => {
          if (received.length >= n) {
            clearTimeout(timer);
            resolve([...received]);
            return true;
          }
          return false;
        };
        if (check()) return;
        const wake = () => {
          if (!check()) waiters.push(wake);
        };
        waiters.push(wake);
        timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== wake);
          reject(
            new CheckFailure({
              rule: 'the target must deliver the expected webhooks',
              expected: `at least ${n} webhook deliver${n === 1 ? 'y' : 'ies'} within ${timeoutMs} ms`,
              actual: `${received.length} received`,
            }),
          );
        }, timeoutMs);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
