// `callrec mock`: one API's mock on a real HTTP server (127.0.0.1, port 0 = any free port).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiMock, ApiName } from '../core/api.ts';
import { createClock } from '../core/clock.ts';
import { createNodeListener } from './adapters/node.ts';
import { createDispatch } from './control.ts';
import { createNodeMock } from './node-mock.ts';
import { getMock } from './registry.ts';
import { withCors } from './cors.ts';

/** Frozen clocks start here, so the same seed gives byte-identical responses across runs. */
export const FROZEN_EPOCH = Date.UTC(2026, 0, 1);
const TICK_MS = 250;

export interface MockServerOptions {
  api: ApiName;
  host?: string;
  port?: number;
  seed?: number;
  faults?: string[];
  /** 'real' (default): recordings progress in real time; 'frozen': time moves only via the control API. */
  clock?: 'real' | 'frozen';
  /**
   * A real clock that runs this many times faster than wall time (default 1). The self-check
   * without control uses it so minutes of platform time (segments, TTLs) pass in seconds.
   */
  clockRate?: number;
  strictSpec?: boolean;
}

export interface MockServer {
  /** Origin, e.g. http://127.0.0.1:4010 */
  url: string;
  mock: ApiMock;
  server: Server;
  close(): Promise<void>;
}

export async function startMockServer(opts: MockServerOptions): Promise<MockServer> {
  const module = getMock(opts.api);
  const frozen = opts.clock === 'frozen';
  const rate = opts.clockRate ?? 1;
  const t0 = Date.now();
  const clock = createClock(frozen ? { start: FROZEN_EPOCH, frozen: true } : rate === 1 ? {} : { realNow: () => t0 + (Date.now() - t0) * rate });
  const unknown = (opts.faults ?? []).filter((f) => !module.faults.some((d) => d.name === f));
  if (unknown.length) throw new Error(`unknown fault(s) for ${opts.api}: ${unknown.join(', ')}`);
  const mock = createNodeMock(module, { seed: opts.seed ?? 1, clock, faults: opts.faults ?? [], strictSpec: opts.strictSpec ?? false });
  const server = createServer(createNodeListener(withCors(createDispatch(mock, module.faults))));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  // Lazy settling needs a nudge so webhooks fire while nobody reads state (real clock only).
  const ticker = frozen ? undefined : setInterval(() => void mock.control('tick', {}), TICK_MS);
  ticker?.unref();
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    mock,
    server,
    async close() {
      if (ticker) clearInterval(ticker);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await mock.close();
    },
  };
}
