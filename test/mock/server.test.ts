// The real HTTP server: adapters, control API, streaming, body limits.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { startMockServer, type MockServer } from '../../mock/server.ts';

const key = { 'x-api-key': 'callrec-dev-key' };
let s: MockServer;
before(async () => {
  s = await startMockServer({ api: 'openvidu-meet', clock: 'frozen', seed: 3 });
});
after(() => s.close());

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${s.url}/api/v1${path}`, { ...init, headers: { ...key, ...(init.headers as Record<string, string>) } });

async function firstComplete(): Promise<{ recordingId: string; size: number }> {
  const body = (await (await api('/recordings?status=complete&maxItems=100&sortField=size&sortOrder=desc')).json()) as {
    recordings: { recordingId: string; size: number }[];
  };
  return body.recordings[0]!;
}

test('listens on 127.0.0.1 on a free port and answers the documented API', async () => {
  assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const res = await api('/recordings');
  assert.equal(res.status, 200);
  const body = (await res.json()) as { recordings: unknown[]; pagination: { maxItems: number } };
  assert.equal(body.pagination.maxItems, 10);
});

test('control API: reset, faults, clock, state', async () => {
  assert.equal((await fetch(`${s.url}/__callrec/faults`)).status, 200);
  const bad = await fetch(`${s.url}/__callrec/faults`, { method: 'PUT', body: JSON.stringify({ faults: ['no-such-fault'] }) });
  assert.equal(bad.status, 400);
  const on = await fetch(`${s.url}/__callrec/faults`, { method: 'PUT', body: JSON.stringify({ faults: ['list-without-auth'] }) });
  assert.equal(on.status, 200);
  assert.equal((await fetch(`${s.url}/api/v1/recordings`)).status, 200, 'fault on: no auth needed');
  await fetch(`${s.url}/__callrec/faults`, { method: 'PUT', body: JSON.stringify({ faults: [] }) });
  assert.equal((await fetch(`${s.url}/api/v1/recordings`)).status, 401);
  const clock = (await (await fetch(`${s.url}/__callrec/clock`, { method: 'POST', body: '{"advanceMs":1000}' })).json()) as { now: number };
  assert.equal(clock.now, Date.UTC(2026, 0, 1) + 1000);
  assert.equal((await fetch(`${s.url}/__callrec/reset`, { method: 'POST', body: '{"seed":3}' })).status, 200);
  assert.equal((await fetch(`${s.url}/__callrec/nope`)).status, 404);
  assert.equal((await fetch(`${s.url}/__callrec/reset`, { method: 'POST', body: '{oops' })).status, 400);
});

test('the same seed gives byte-identical responses across servers', async () => {
  const other = await startMockServer({ api: 'openvidu-meet', clock: 'frozen', seed: 3 });
  try {
    await fetch(`${s.url}/__callrec/reset`, { method: 'POST', body: '{"seed":3}' });
    const a = await (await api('/recordings?maxItems=100')).text();
    const b = await (await fetch(`${other.url}/api/v1/recordings?maxItems=100`, { headers: key })).text();
    assert.equal(a, b);
  } finally {
    await other.close();
  }
});

test('media streams from disk with ranges and HEAD', async () => {
  const { recordingId, size } = await firstComplete();
  const full = await api(`/recordings/${recordingId}/media`);
  assert.equal(full.status, 200);
  assert.equal(Number(full.headers.get('content-length')), size);
  assert.equal((await full.arrayBuffer()).byteLength, size);
  const part = await api(`/recordings/${recordingId}/media`, { headers: { range: 'bytes=10-19' } });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), `bytes 10-19/${size}`);
  assert.equal((await part.arrayBuffer()).byteLength, 10);
  const head = await api(`/recordings/${recordingId}/media`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(Number(head.headers.get('content-length')), size);
});

test('aborted downloads leave no file descriptor open', async () => {
  const { recordingId } = await firstComplete();
  const fds = () => readdirSync('/proc/self/fd').length;
  const before = fds();
  const port = Number(new URL(s.url).port);
  for (let i = 0; i < 10; i++) {
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: `/api/v1/recordings/${recordingId}/media`, headers: key }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => resolve());
      req.end();
    });
  }
  await new Promise((r) => setTimeout(r, 200));
  assert.ok(fds() <= before + 1, `fds before ${before}, after ${fds()}`);
});

test('bodies over the hard limit get 413 without reaching a handler', async () => {
  const res = await api('/recordings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(9 * 1024 * 1024) });
  assert.equal(res.status, 413);
});

test('control API refuses malformed input and changes nothing', async () => {
  const post = (route: string, body: string) => fetch(`${s.url}/__callrec/${route}`, { method: 'POST', body });
  const before = await (await fetch(`${s.url}/__callrec/clock`)).json();
  for (const [route, body] of [
    ['clock', '{"freeze":"yes"}'],
    ['clock', '{"advanceMs":1e300}'],
    ['clock', '{"advanceMs":-5}'],
    ['seed', 'null'],
    ['seed', '[]'],
    ['provider-state', '{"state":5}'],
  ] as const) {
    assert.equal((await post(route, body)).status, 400, `${route} ${body}`);
  }
  assert.deepEqual(await (await fetch(`${s.url}/__callrec/clock`)).json(), before);
});

test('CORS: a page on another origin may call the mock (preflight, credentials, exposed headers)', async () => {
  const origin = 'http://localhost:3000';
  const pre = await fetch(`${s.url}/api/v1/recordings`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-api-key, content-type' },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), origin);
  assert.match(pre.headers.get('access-control-allow-headers') ?? '', /x-api-key/);
  const res = await api('/recordings', { headers: { origin } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), origin);
  assert.match(res.headers.get('access-control-expose-headers') ?? '', /Content-Range/);
  assert.equal((await api('/recordings')).headers.get('access-control-allow-origin'), null, 'no Origin, no CORS headers');
});
