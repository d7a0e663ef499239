// What the robustness runners share: requests sent exactly as written (hostile paths included)
// over a keep-alive agent, a corpus sent with bounded concurrency, and response headers as one
// string each. Each API's runner keeps its own generators, judge and state invariants.
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { Headers } from '../../core/http.ts';

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RawClient {
  /** Sends one request to the mock; `agent: false` for a socket of its own. */
  send(method: string, path: string, headers: Record<string, string>, body?: string, opts?: { agent?: Agent | false }): Promise<RawAnswer>;
  /** Closes the kept-alive sockets. */
  destroy(): void;
}

/**
 * A client of the mock at `origin()` (read at each send: the mock starts in before()) with up to
 * `maxSockets` kept-alive sockets. With `jsonBody`, a request with a body is sent as JSON.
 */
export function rawClient(origin: () => string, maxSockets: number, o: { jsonBody?: boolean } = {}): RawClient {
  const agent = new Agent({ keepAlive: true, maxSockets });
  return {
    send(method, path, headers, body, opts = {}) {
      const payload = body === undefined ? undefined : Buffer.from(body);
      return new Promise((resolve, reject) => {
        // Host/port/path options, not a URL string: a URL would be normalised first (dot segments,
        // even `%2e%2e`, removed), and the point is to send hostile paths exactly as written.
        const { hostname, port } = new URL(origin());
        const sized = payload ? { ...(o.jsonBody ? { 'content-type': 'application/json' } : {}), 'content-length': String(payload.length) } : {};
        const req = httpRequest({ hostname, port, path, method, headers: { ...headers, ...sized }, agent: opts.agent ?? agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(payload);
      });
    },
    destroy: () => agent.destroy(),
  };
}

/** `fn` over every item, at most `limit` at a time; the results in the items' order. */
export async function pooled<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return out;
}

/** Node's response headers as one string a name (repeated ones joined with ", "). */
export const flatHeaders = (h: IncomingHttpHeaders): Headers => {
  const out: Headers = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
};
