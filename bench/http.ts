// A tiny HTTP client over node:http for the bench (exact bytes and headers, no undici overhead
// inside the measured loops, and a keep-alive agent so single-client timings exclude TCP setup).
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export function request(url: string, opts: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply> {
  const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
  const headers = { ...opts.headers, ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}) };
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

export async function requestJson<T>(url: string, opts: Parameters<typeof request>[1] = {}): Promise<T> {
  const r = await request(url, opts);
  if (r.status >= 300) throw new Error(`${opts.method ?? 'GET'} ${url} → ${r.status} ${r.body.toString().slice(0, 300)}`);
  return JSON.parse(r.body.toString()) as T;
}
