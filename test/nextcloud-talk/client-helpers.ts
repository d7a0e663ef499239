// What the real-client contract tests share: the Talk mock on a real port (frozen clock, strict
// spec), its control API, Basic-auth OCS calls, a room with a running call, and a stand-in for
// the official recording server that validates Nextcloud's requests the way its Server.py does
// (nextcloud/nextcloud-talk-recording src/nextcloud/talk/recording/Server.py, _validateRequest).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockServer, type MockServer } from '../../mock/server.ts';

export const SECRET = 'the recording secret';
export const ROOM = 'teamroom22'; // alice owner, bob moderator, carol user
export const BASE = '/ocs/v2.php/apps/spreed/api/v1';

export async function talk(): Promise<MockServer> {
  return startMockServer({ api: 'nextcloud-talk', port: 0, clock: 'frozen', strictSpec: true });
}

export async function control<T = unknown>(s: MockServer, action: string, body: unknown = {}): Promise<T> {
  const res = await fetch(`${s.url}/__callrec/action/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`control ${action}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const basic = (user: string) => `Basic ${Buffer.from(`${user}:${user}-password`).toString('base64')}`;

/** An API client's OCS call (Basic auth, OCS-APIRequest, JSON). */
export async function ocs(s: MockServer, method: string, path: string, user: string, body?: unknown): Promise<{ status: number; json: { ocs: { meta: { statuscode: number; message: string }; data: unknown } } }> {
  const res = await fetch(`${s.url}${BASE}${path}${path.includes('?') ? '&' : '?'}format=json`, {
    method,
    headers: { authorization: basic(user), 'ocs-apirequest': 'true', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as never };
}

/** alice joins the room and its call, so a recording can start. */
export async function callRunning(s: MockServer, user = 'alice'): Promise<void> {
  if ((await ocs(s, 'POST', `/room/${ROOM}/participants/active`, user, {})).status !== 200) throw new Error('join room failed');
  if ((await ocs(s, 'POST', `/call/${ROOM}`, user, {})).status !== 200) throw new Error('join call failed');
}

export async function callRecording(s: MockServer): Promise<number> {
  return ((await ocs(s, 'GET', `/room/${ROOM}`, 'alice')).json.ocs.data as { callRecording: number }).callRecording;
}

export interface ServerPyRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
  status: number;
}

/**
 * Server.py's checks, re-stated: Talk-Recording-Backend names a backend it has a secret for
 * (else 403), random and checksum present (403), a body of 1..maxmessagesize bytes (400), the
 * checksum equal to hex HMAC-SHA256(secret, random + body) as sent (403), JSON with a `type`
 * (400); `start` needs start.owner and start.actor.{type,id} (400), a second start is `{}`;
 * `stop` needs a `stop` key (400), an unknown recording is 404, a stop while stopping is `{}`.
 */
export async function serverPy(backends: Record<string, string>, o: { maxMessageSize?: number } = {}) {
  const requests: ServerPyRequest[] = [];
  const recordings = new Set<string>();
  const stopping = new Set<string>();
  const maxMessageSize = o.maxMessageSize ?? 1024;
  const secretFor = (backend: string) => backends[backend.replace(/\/+$/, '')];

  function decide(path: string, h: Record<string, string>, raw: Buffer): number {
    const m = /^\/api\/v1\/room\/([^/]+)$/.exec(path);
    if (!m) return 404;
    const backend = h['talk-recording-backend'];
    if (backend === undefined) return 403;
    const secret = secretFor(backend);
    if (!secret) return 403;
    const random = h['talk-recording-random'];
    const checksum = h['talk-recording-checksum'];
    if (random === undefined || checksum === undefined) return 403;
    const length = Number(h['content-length'] ?? 0);
    if (!length || length > maxMessageSize) return 400;
    const expected = createHmac('sha256', secret).update(Buffer.concat([Buffer.from(random), raw])).digest('hex');
    if (checksum.length !== expected.length || !timingSafeEqual(Buffer.from(checksum), Buffer.from(expected))) return 403;
    const data = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    if (!('type' in data)) return 400;
    const id = `${backend}-${m[1]}`;
    if (data.type === 'start') {
      const start = data.start as Record<string, unknown> | undefined;
      const actor = start?.actor as Record<string, unknown> | undefined;
      if (!start || !('owner' in start) || !actor || !('type' in actor) || !('id' in actor)) return 400;
      recordings.add(id);
      return 200;
    }
    if (data.type === 'stop') {
      if (!('stop' in data)) return 400;
      if (!recordings.has(id) && stopping.has(id)) return 200;
      if (!recordings.has(id)) return 404;
      recordings.delete(id);
      stopping.add(id);
      return 200;
    }
    return 200; // Flask's view returns None for other types; the mock never sends one
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
      const raw = Buffer.concat(chunks);
      let status: number;
      try {
        status = decide(req.url ?? '/', headers, raw);
      } catch {
        status = 400;
      }
      requests.push({ path: req.url ?? '/', headers, body: raw.toString('utf8'), status });
      if (req.method === 'GET' && req.url === '/api/v1/welcome') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"version": 0.1}');
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{}' : '{"message":"error"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    recordings,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
