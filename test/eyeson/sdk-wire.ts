// What the Eyeson SDK contract tests (client-<lang>.test.ts) share: the mock on a real port with a
// frozen clock and its spec guard strict (an answer its spec does not allow becomes a 500), requests
// sent over node:http with exactly the headers and body bytes a client writes (fetch would add its
// own), and the control API over the same port for what only time or set-up can do.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { startMockServer, type MockServer } from '../../mock/server.ts';

export { DEV_API_KEY, OTHER_API_KEY } from '../../mock/eyeson/index.ts';

export interface WireAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as received (UTF-8). */
  text: string;
  json<T = any>(): T;
}

export interface WireRequest {
  method: string;
  /** Path with its query, sent as written. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Sends one request exactly as given (node:http adds only Host and Connection). */
export function send(origin: string, r: WireRequest): Promise<WireAnswer> {
  const { hostname, port } = new URL(origin);
  const body = r.body === undefined ? undefined : Buffer.from(r.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path: r.path, method: r.method, headers: { ...r.headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface EyesonServer {
  origin: string;
  /** POST /__callrec/action/<name>: its JSON answer (throws on anything but 200). */
  action<T = any>(name: string, body?: unknown): Promise<T>;
  /** Moves the mock's frozen clock. */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startEyeson(): Promise<EyesonServer> {
  const server: MockServer = await startMockServer({ api: 'eyeson', clock: 'frozen', strictSpec: true });
  const control = async (path: string, body: unknown) => {
    const res = await send(server.url, { method: 'POST', path: `/__callrec/${path}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`control ${path}: ${res.status} ${res.text}`);
    return res.json();
  };
  return {
    origin: server.url,
    action: (name, body = {}) => control(`action/${name}`, body),
    advance: async (ms) => void (await control('clock', { advanceMs: ms })),
    close: () => server.close(),
  };
}
