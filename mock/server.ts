// `callrec mock`: one API's mock on a real HTTP server (127.0.0.1, port 0 = any free port).
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { ApiMock, ApiName } from '../core/api.ts';
import { createClock } from '../core/clock.ts';
import { createNodeListener } from './adapters/node.ts';
import { createDispatch, type DescribedFault } from './control.ts';
import { guardControl, isLoopbackAddress } from './control-guard.ts';
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
  /**
   * Token the control API (/__callrec/) and the dashboard require. Optional on loopback; when the
   * server listens on any other address and none is given, a random one is made (see `controlToken`).
   */
  controlToken?: string;
  /** The checks each fault must trip, shown by the dashboard (the CLI passes the suites' map; the mock itself knows no check ids). */
  faultTrips?: Readonly<Record<string, readonly string[]>>;
}

export interface MockServer {
  /**
   * The address it listens on, as an origin: http://127.0.0.1:4010. Kept for code that builds
   * paths on it; give a browser `origin`/`baseUrl` instead (cookies: see README, "Host names").
   */
  url: string;
  /** The origin a browser on this machine should use: http://localhost:4010 (same site as a dev server on localhost). */
  origin: string;
  /** The documented API's base URL, exactly as `callrec mock` prints it: origin + base path (http://localhost:4010/api/v1). */
  baseUrl: string;
  /** The dashboard's URL (with the token when there is one). */
  dashboardUrl: string;
  /** The token the control API requires; undefined when it needs none (loopback without --control-token). */
  controlToken?: string;
  /** Where other machines may reach it when it listens on all interfaces (http://192.0.2.2:4010, …); empty on loopback. */
  networkOrigins: string[];
  mock: ApiMock;
  server: Server;
  close(): Promise<void>;
}

/**
 * The host name a browser on this machine should use. Cookies are per *site*, and
 * http://localhost:5173 and http://127.0.0.1:4010 are different sites: a SameSite=Lax cookie
 * (Nextcloud's session) set by one is not sent on requests the other's pages make. Dev servers
 * (Vite, Next, webpack) print localhost, so a loopback or all-interfaces mock is named localhost too.
 */
export function browserHost(address: string): string {
  if (isLoopbackAddress(address) || address === '0.0.0.0' || address === '::') return 'localhost';
  return address.includes(':') ? `[${address}]` : address;
}

/** The non-loopback addresses of this machine (for a mock on 0.0.0.0 / ::), IPv4 first. */
function lanOrigins(address: string, port: number): string[] {
  if (address !== '0.0.0.0' && address !== '::') return [];
  const all = Object.values(networkInterfaces()).flatMap((list) => list ?? []).filter((i) => !i.internal && (address === '::' || i.family === 'IPv4'));
  all.sort((a, b) => (a.family === b.family ? 0 : a.family === 'IPv4' ? -1 : 1));
  return all.map((i) => (i.family === 'IPv6' ? `http://[${i.address}]:${port}` : `http://${i.address}:${port}`));
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
  const trips = opts.faultTrips;
  const faultDefs: DescribedFault[] = module.faults.map((f) => (trips?.[f.name] ? { ...f, trips: trips[f.name] } : f));
  const dispatch = createDispatch(mock, faultDefs);
  // The token is settled once the address is known (a host name may resolve to loopback or
  // not); until then a random one guards it, so no request slips through in between.
  const given = opts.controlToken === '' ? undefined : opts.controlToken;
  let token: string | undefined = given ?? randomBytes(18).toString('base64url');
  const server = createServer(createNodeListener(withCors(guardControl(dispatch, () => token))));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  // Lazy settling needs a nudge so webhooks fire while nobody reads state (real clock only).
  const ticker = frozen ? undefined : setInterval(() => void mock.control('tick', {}), TICK_MS);
  ticker?.unref();
  const { address, port } = server.address() as AddressInfo;
  // Reachable from other machines: the control API can switch every fault and read every secret.
  if (isLoopbackAddress(address) && given === undefined) token = undefined;
  const host = address.includes(':') ? `[${address}]` : address;
  const origin = `http://${browserHost(address)}:${port}`;
  return {
    url: `http://${host}:${port}`,
    origin,
    baseUrl: origin + module.basePath,
    dashboardUrl: `${origin}/__callrec/ui${token ? `?token=${encodeURIComponent(token)}` : ''}`,
    ...(token ? { controlToken: token } : {}),
    networkOrigins: lanOrigins(address, port),
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
