// Point 4 of issue 11: who may use the control API of a mock on a real port. The decision
// function is tested rule by rule; each rule is then shown over a real port. "Another machine"
// is simulated by binding 0.0.0.0 and connecting through this machine's non-loopback address
// when it has one (else through 127.0.0.1: the token rule depends on where the mock listens,
// not on who connects, so the verdicts are the same; the test names the address it used).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { after, describe, test } from 'node:test';
import { guardControl, isLoopbackHost, judgeControlRequest, TOKEN_HEADER } from '../../mock/control-guard.ts';
import { startMockServer, type MockServer } from '../../mock/server.ts';
import { ControlTokenError, createControlClient, hasControlApi } from '../../suites/engine/control-client.ts';
import type { MockRequest } from '../../core/http.ts';

const bin = new URL('../../cli/bin.mjs', import.meta.url).pathname;
function callrec(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.CALLREC_CONTROL_TOKEN;
    const child = spawn(process.execPath, [bin, ...args], { env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

const req = (path: string, headers: Record<string, string>, query = ''): MockRequest => ({
  method: 'PUT',
  path,
  query: new URLSearchParams(query),
  headers,
  body: new Uint8Array(0),
  origin: `http://${headers.host}`,
});

describe('the decision', () => {
  test('loopback host names: localhost, *.localhost, 127.0.0.0/8, [::1], with or without a port', () => {
    for (const h of ['localhost', 'localhost:4010', 'app.localhost:1', '127.0.0.1:4010', '127.1.2.3', '[::1]:4010', 'LOCALHOST']) assert.ok(isLoopbackHost(h), h);
    for (const h of ['evil.test:4010', '192.0.2.2:4010', 'localhost.evil.test', '0.0.0.0:4010', '[::2]:1', '']) assert.ok(!isLoopbackHost(h), h);
  });

  test('loopback mock without a token: its own pages and API clients pass, other origins and rebinding host names do not', () => {
    assert.deepEqual(judgeControlRequest(req('/__callrec/faults', { host: 'localhost:4010' }), undefined), { ok: true });
    assert.deepEqual(judgeControlRequest(req('/__callrec/faults', { host: 'localhost:4010', origin: 'http://localhost:4010' }), undefined), { ok: true });
    const other = judgeControlRequest(req('/__callrec/faults', { host: 'localhost:4010', origin: 'http://localhost:5173' }), undefined);
    assert.equal(other.ok || other.status, 403, 'a dev server page on another port is another origin');
    const rebound = judgeControlRequest(req('/__callrec/faults', { host: 'evil.test:4010' }), undefined);
    assert.equal(rebound.ok || rebound.status, 403, 'DNS rebinding: the Host names the attacker');
  });

  test('with a token: required from everyone (header or ?token=), and other origins still refused', () => {
    const T = 'secret-token-1';
    assert.equal(judgeControlRequest(req('/__callrec/faults', { host: '192.0.2.2:4010' }), T).ok, false);
    const wrong = judgeControlRequest(req('/__callrec/faults', { host: 'localhost:4010', [TOKEN_HEADER]: 'secret-token-2' }), T);
    assert.equal(wrong.ok || wrong.status, 401, 'loopback clients too, once there is a token');
    assert.deepEqual(judgeControlRequest(req('/__callrec/faults', { host: '192.0.2.2:4010', [TOKEN_HEADER]: T }), T), { ok: true });
    assert.deepEqual(judgeControlRequest(req('/__callrec/ui', { host: '192.0.2.2:4010' }, `token=${T}`), T), { ok: true });
    const prefix = judgeControlRequest(req('/__callrec/faults', { host: '192.0.2.2:4010', [TOKEN_HEADER]: 'secret-token' }), T);
    assert.equal(prefix.ok, false, 'a prefix of the token is not the token');
    const cross = judgeControlRequest(req('/__callrec/faults', { host: '192.0.2.2:4010', origin: 'http://evil.test', [TOKEN_HEADER]: T }), T);
    assert.equal(cross.ok || cross.status, 403, 'a stolen token does not let another origin in');
  });

  test('the documented API is not judged', async () => {
    const passed: string[] = [];
    const guarded = guardControl(async (r) => (passed.push(r.path), { status: 200, headers: {} }), () => 'tok-tok-tok');
    assert.equal((await guarded(req('/api/v1/recordings', { host: 'evil.test', origin: 'http://evil.test' }))).status, 200);
    assert.equal((await guarded(req('/__callrec/faults', { host: 'evil.test' }))).status, 401);
    assert.deepEqual(passed, ['/api/v1/recordings']);
  });
});

/** One raw HTTP exchange (fetch would not let us set Host or Origin). */
function raw(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const r = request(url, { method, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    r.on('error', reject);
    r.end(body);
  });
}

const corsHeaders = (h: Record<string, unknown>) => Object.keys(h).filter((k) => k.startsWith('access-control-'));

describe('a mock on loopback (the default)', () => {
  let s: MockServer;
  after(() => s?.close());

  test('needs no token; refuses another origin without CORS headers, preflight included; the API keeps its CORS', async () => {
    s = await startMockServer({ api: 'nextcloud-talk', clock: 'frozen' });
    assert.equal(s.controlToken, undefined);
    assert.deepEqual(s.networkOrigins, []);
    const faults = `${s.url}/__callrec/faults`;
    assert.equal((await raw(faults, 'GET', {})).status, 200);
    const page = 'http://localhost:5173';
    const put = await raw(faults, 'PUT', { origin: page }, '{"faults":["csrf-not-enforced"]}');
    assert.equal(put.status, 403);
    assert.deepEqual(corsHeaders(put.headers), []);
    assert.deepEqual(JSON.parse((await raw(faults, 'GET', {})).text).enabled, [], 'the refused call changed nothing');
    const pre = await raw(faults, 'OPTIONS', { origin: page, 'access-control-request-method': 'PUT' });
    assert.equal(pre.status, 403);
    assert.deepEqual(corsHeaders(pre.headers), []);
    const simple = await raw(`${s.url}/__callrec/reset`, 'POST', { origin: 'http://evil.test', 'content-type': 'text/plain' }, '{}');
    assert.equal(simple.status, 403, 'a form-like POST that needs no preflight is refused too');
    const rebound = await raw(faults, 'GET', { host: `evil.test:${new URL(s.url).port}` });
    assert.equal(rebound.status, 403);
    // The documented API: preflight and credentials for the page's own origin, as browser apps need.
    const apiPre = await raw(`${s.baseUrl}/apps/spreed/api/v1/room/publicroom3/participants/active`, 'OPTIONS', { origin: page, 'access-control-request-method': 'POST', 'access-control-request-headers': 'ocs-apirequest' });
    assert.equal(apiPre.status, 204);
    assert.equal(apiPre.headers['access-control-allow-origin'], page);
    assert.equal(apiPre.headers['access-control-allow-credentials'], 'true');
    const join = await raw(`${s.baseUrl}/apps/spreed/api/v1/room/publicroom3/participants/active`, 'POST', { origin: page, 'ocs-apirequest': 'true', accept: 'application/json' });
    assert.equal(join.status, 200);
    assert.equal(join.headers['access-control-allow-origin'], page);
    assert.match(String(join.headers['set-cookie']), /nc_session_id=/);
  });

  test('the dashboard: its own page may call the control API (same origin), and no other page may frame it', async () => {
    const ui = await raw(`${s.origin}/__callrec/ui`, 'GET', {});
    assert.equal(ui.status, 200);
    assert.match(String(ui.headers['content-security-policy']), /frame-ancestors 'none'/);
    const own = await raw(`${s.origin}/__callrec/faults`, 'PUT', { origin: s.origin }, '{"faults":[]}');
    assert.equal(own.status, 200);
  });
});

describe('a mock on all interfaces', () => {
  let s: MockServer;
  after(() => s?.close());
  const lan = Object.values(networkInterfaces()).flatMap((l) => l ?? []).find((i) => !i.internal && i.family === 'IPv4')?.address;
  const via = lan ?? '127.0.0.1';

  test(`makes and prints a token; without it the control API and the dashboard answer 401 (connecting via ${via})`, async () => {
    s = await startMockServer({ api: 'openvidu-meet', clock: 'frozen', host: '0.0.0.0' });
    const T = s.controlToken!;
    assert.ok(T && T.length >= 20, 'a random token');
    assert.ok(s.dashboardUrl.endsWith(`/__callrec/ui?token=${encodeURIComponent(T)}`));
    if (lan) assert.ok(s.networkOrigins.includes(`http://${lan}:${new URL(s.url).port}`), 'the banner names the network address');
    const port = new URL(s.url).port;
    const at = `http://${via}:${port}`;
    const off = await raw(`${at}/__callrec/faults`, 'PUT', {}, '{"faults":["list-without-auth"]}');
    assert.equal(off.status, 401, 'anyone on the network switching faults: refused');
    assert.equal((await raw(`${at}/__callrec/ui`, 'GET', {})).status, 401);
    assert.equal((await raw(`${at}/__callrec/state`, 'GET', { [TOKEN_HEADER]: 'guessed-token-xyz' })).status, 401);
    assert.equal((await raw(`${at}/__callrec/faults`, 'PUT', { [TOKEN_HEADER]: T }, '{"faults":["list-without-auth"]}')).status, 200);
    assert.equal((await raw(`${at}/__callrec/ui?token=${encodeURIComponent(T)}`, 'GET', {})).status, 200);
    assert.equal((await raw(`${at}/api/v1/recordings`, 'GET', {})).status, 200, 'the documented API answers without the token (the fault switched on above)');
  });

  test('the suites\' control client reaches it with the token, and says so when it has none', async () => {
    await assert.rejects(hasControlApi(s.url, { token: undefined }), ControlTokenError);
    assert.equal(await hasControlApi(s.url, { token: s.controlToken }), true);
    const control = createControlClient(s.url, { token: s.controlToken });
    await control.setFaults([]);
    assert.deepEqual((await control.faults()).enabled, []);
  });

  test('`callrec run` against it: exit 2 naming the token without --control-token, a normal run with it', async () => {
    const args = ['run', '--api', 'openvidu-meet', '--target', s.baseUrl, '--checks', 'openvidu-meet.get.not-found', '--report', 'none', '--seed', '3'];
    const without = await callrec(args);
    assert.equal(without.code, 2, without.out);
    assert.match(without.out, /needs a token: pass the one it printed \(--control-token or CALLREC_CONTROL_TOKEN\)/);
    const withToken = await callrec([...args, '--control-token', s.controlToken!]);
    assert.equal(withToken.code, 0, withToken.out);
    assert.match(withToken.out, /^Decisions: strict/m, 'judged as a callrec mock, with its control API');
  });
});

test('a token given on loopback is required there too', async () => {
  const s = await startMockServer({ api: 'eyeson', clock: 'frozen', controlToken: 'my-ci-token' });
  try {
    assert.equal(s.controlToken, 'my-ci-token');
    assert.equal((await raw(`${s.url}/__callrec/faults`, 'GET', {})).status, 401);
    assert.equal((await createControlClient(s.url, { token: 'my-ci-token' }).faults()).api, 'eyeson');
  } finally {
    await s.close();
  }
});
