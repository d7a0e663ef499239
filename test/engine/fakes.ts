// A tiny fake API for engine tests: a node:http server with two operations, a spec validator
// that knows them, and an ApiModule whose checks are supplied by each test.

import { configFile } from '../../core/config-schema.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiModule } from '../../core/suite.ts';
import type { Check, ControlClient, SpecValidator } from '../../core/check.ts';

export interface FakeServer {
  origin: string;
  requests: Array<{ method: string; url: string; headers: Record<string, string | string[] | undefined>; body: string }>;
  close(): Promise<void>;
}

/**
 * GET /api/v1/items → JSON list; GET /api/v1/text → not JSON; GET /api/v1/slow → never answers;
 * anything else 404. With `unauthorized`, 401 to everything (a target whose credentials are wrong).
 */
export async function startFakeServer(opts: { unauthorized?: boolean } = {}): Promise<FakeServer> {
  const requests: FakeServer['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() });
      const path = new URL(req.url!, 'http://x').pathname;
      if (opts.unauthorized) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Unauthorized"}');
      if (path === '/api/v1/slow') return; // never answers
      if (path === '/api/v1/items') {
        if (req.headers['x-api-key'] !== 'k1') return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Unauthorized"}');
        return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[1,2,3]}');
      }
      if (path === '/api/v1/text') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('<not json & "quoted">');
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export const fakeSpec: SpecValidator = {
  file: 'specs/fake/openapi.yaml',
  validateRequest: () => [],
  findOperation(method, path) {
    if (method === 'GET' && path === '/items') return { operationId: 'listItems', pointer: '#/paths/~1items/get' };
    if (method === 'GET' && path === '/text') return { operationId: 'getText', pointer: '#/paths/~1text/get' };
    return undefined;
  },
  validateResponse: () => [],
  pointer(operationId) {
    if (operationId === 'listItems') return '#/paths/~1items/get';
    if (operationId === 'getText') return '#/paths/~1text/get';
    throw new Error(`unknown operation ${operationId}`);
  },
};

export function check(id: string, run: Check['run'], extra: Partial<Check> = {}): Check {
  return { id: `openvidu-meet.${id}`, title: `title of ${id}`, operations: ['listItems'], specRef: '#/paths/~1items/get', needs: [], run, ...extra };
}

export function fakeModule(checks: Check[], overrides: Partial<ApiModule> = {}): ApiModule {
  return {
    name: 'openvidu-meet', // the ApiName union has no test API; the name only labels reports here
    title: 'Fake API',
    specPath: 'specs/fake/openapi.yaml',
    basePath: '/api/v1',
    faults: [],
    checks,
    configSchema: configFile({}),
    createMock: () => {
      throw new Error('not used');
    },
    credentials: (config): Record<string, string> => (typeof config.apiKey === 'string' ? { 'X-API-KEY': config.apiKey } : {}),
    mockTargetConfig: async () => ({ apiKey: 'k1' }),
    registerReceiver: async () => false,
    ...overrides,
  };
}

/** A control client that records what the runner asked of it. */
export function fakeControl(): ControlClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    reset: async (seed) => void calls.push(`reset ${seed}`),
    seed: async () => undefined,
    advanceClock: async (ms) => void calls.push(`clock ${ms}`),
    setFaults: async (names) => void calls.push(`faults ${names.join(',')}`),
    state: async <T>() => ({}) as T,
    call: async <T>(action: string) => {
      calls.push(`call ${action}`);
      return {} as T;
    },
  };
}
