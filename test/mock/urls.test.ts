// Point 5 of issue 11: every way to start the mock reports the same base URL, and the banner says
// what is exposed. (The browser side, cookies kept across ports on localhost: dev-cookies.test.ts.)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { mockBanner } from '../../cli/commands/mock.ts';
import { browserHost, startMockServer } from '../../mock/server.ts';

const bin = fileURLToPath(new URL('../../cli/bin.mjs', import.meta.url));

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** Starts `callrec mock`, returns its banner once complete, and stops it with Ctrl-C. */
async function cliBanner(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [bin, 'mock', ...args]);
  let out = '';
  try {
    return await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('(Ctrl-C to stop)')) resolve(out);
      });
      child.stderr.on('data', (d) => (out += d));
      child.on('close', () => reject(new Error(`callrec mock exited: ${out}`)));
    });
  } finally {
    const closed = new Promise((r) => child.on('close', r));
    child.kill('SIGINT');
    await closed;
  }
}

test('`callrec mock` prints the base URL startMockServer() reports, for an API with a base path and one without', async () => {
  for (const api of ['nextcloud-talk', 'eyeson'] as const) {
    const port = await freePort();
    const banner = await cliBanner(['--api', api, '--port', String(port)]);
    const printed = /listening on (\S+)/.exec(banner)![1];
    const dashboard = /dashboard: +(\S+)/.exec(banner)![1];
    const s = await startMockServer({ api, port });
    try {
      assert.equal(printed, s.baseUrl);
      assert.equal(dashboard, s.dashboardUrl);
      assert.equal(s.baseUrl, api === 'eyeson' ? `http://localhost:${port}` : `http://localhost:${port}/ocs/v2.php`);
      assert.equal(s.url, `http://127.0.0.1:${port}`, 'url: the bound address, as before');
      // The printed base URL works as printed (localhost reaches the 127.0.0.1 socket).
      assert.notEqual((await fetch(`${s.baseUrl}/`)).status, 0);
      assert.equal((await fetch(`${s.origin}/__callrec/faults`)).status, 200);
    } finally {
      await s.close();
    }
  }
});

test('the banner says what is exposed: this machine only, or the network with the token', async () => {
  const local = await startMockServer({ api: 'horn', clock: 'frozen' });
  const shared = await startMockServer({ api: 'horn', clock: 'frozen', host: '0.0.0.0' });
  try {
    const a = mockBanner(local, 'horn', 1, [], { authorization: 'Bearer horn-owner-token' });
    assert.match(a, /^callrec mock \(horn\) listening on http:\/\/localhost:\d+\/api\/v1_0 {2}seed=1$/m);
    assert.match(a, /^dashboard: +http:\/\/localhost:\d+\/__callrec\/ui$/m);
    assert.match(a, /exposed to this machine only \(127\.0\.0\.1\)/);
    assert.doesNotMatch(a, /token:/);
    const b = mockBanner(shared, 'horn', 1, ['token-not-checked'], {});
    assert.match(b, new RegExp(`^control token: ${shared.controlToken}`, 'm'));
    assert.match(b, new RegExp(`^dashboard: +http://localhost:\\d+/__callrec/ui\\?token=${shared.controlToken}$`, 'm'));
    assert.match(b, /^faults on: token-not-checked$/m);
    if (shared.networkOrigins.length) assert.match(b, /^reachable from the network: http:\/\/\S+ {2}\(the documented API answers anyone who can reach it\)$/m);
  } finally {
    await local.close();
    await shared.close();
  }
});

test('browser host names: localhost for loopback and all interfaces, the address itself otherwise', () => {
  assert.equal(browserHost('127.0.0.1'), 'localhost');
  assert.equal(browserHost('::1'), 'localhost');
  assert.equal(browserHost('0.0.0.0'), 'localhost');
  assert.equal(browserHost('::'), 'localhost');
  assert.equal(browserHost('192.0.2.2'), '192.0.2.2');
  assert.equal(browserHost('2001:db8::1'), '[2001:db8::1]');
});
