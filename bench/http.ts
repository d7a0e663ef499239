// A tiny HTTP client over node:http for the bench (exact bytes and headers, no undici overhead
// inside the measured loops, and a keep-alive agent so single-client timings exclude TCP setup).
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent exactly as given (signed bodies); the caller sets content-type. */
  rawBody?: string;
}

export function request(url: string, opts: RequestOptions = {}): Promise<Reply> {
  const payload = opts.rawBody !== undefined ? Buffer.from(opts.rawBody) : opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
  const json = opts.rawBody === undefined && payload ? { 'content-type': 'application/json' } : {};
  const headers = { ...json, ...opts.headers, ...(payload ? { 'content-length': String(payload.length) } : {}) };
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method ?? 'GET', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export async function requestJson<T>(url: string, opts: RequestOptions = {}): Promise<T> {
  const r = await request(url, opts);
  if (r.status >= 300) throw new Error(`${opts.method ?? 'GET'} ${url} → ${r.status} ${r.body.toString().slice(0, 300)}`);
  return JSON.parse(r.body.toString()) as T;
}

/** Path and query of an absolute URL (signed links name the mock's origin; the bare has another). */
export const pathOf = (url: string): string => {
  const u = new URL(url);
  return u.pathname + u.search;
};
