// The harness against targets that misbehave on the wire (raw node:net servers on 127.0.0.1):
// Content-Length checked on the raw bytes, the body cap, a stale keep-alive connection retried
// once, route-level misses as NotImplemented; and the CLI's setup errors (exit 2, one line).

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CheckFailure, NotImplemented } from '../../core/check.ts';
import type { SpecValidator } from '../../core/check.ts';
import { API_KEY_REFERENCE, API_KEY_VARIABLE, toCurl } from '../../suites/engine/curl.ts';
import { CheckStopped, createTargetClient } from '../../suites/engine/target-client.ts';
import { fakeModule, fakeSpec } from './fakes.ts';

interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}

interface RawServer {
  origin: string;
  /** Connections accepted so far. */
  connections: Socket[];
  requests: RawRequest[];
  close(): Promise<void>;
}

/** A server that writes whatever `answer` writes on the socket: framing errors included. */
async function rawServer(answer: (req: RawRequest, socket: Socket) => void): Promise<RawServer> {
  const connections: Socket[] = [];
  const requests: RawRequest[] = [];
  const server: Server = createServer((socket) => {
    connections.push(socket);
    socket.on('error', () => {});
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const [line, ...fields] = pending.subarray(0, end).toString('latin1').split('\r\n');
        const headers: Record<string, string> = {};
        for (const f of fields) headers[f.slice(0, f.indexOf(':')).toLowerCase()] = f.slice(f.indexOf(':') + 1).trim();
        const length = Number(headers['content-length'] ?? 0);
        if (pending.byteLength < end + 4 + length) return;
        pending = pending.subarray(end + 4 + length);
        const [method, path] = line!.split(' ');
        const req = { method: method!, path: path!, headers };
        requests.push(req);
        answer(req, socket);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    connections,
    requests,
    close: () =>
      new Promise<void>((r) => {
        for (const s of connections) s.destroy();
        server.close(() => r());
      }),
  };
}

const head = (status: string, fields: Record<string, string | number>) =>
  `HTTP/1.1 ${status}\r\n${Object.entries(fields).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;

const servers: RawServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));
async function serve(answer: (req: RawRequest, socket: Socket) => void): Promise<RawServer> {
  const s = await rawServer(answer);
  servers.push(s);
  return s;
}

const clientFor = (server: RawServer, extra: Partial<Parameters<typeof createTargetClient>[0]> = {}) =>
  createTargetClient({ module: fakeModule([]), target: server.origin, config: {}, spec: fakeSpec, ...extra });

const failure = (rule: string, check: (f: CheckFailure['failure']) => void = () => {}) => (e: unknown) => {
  assert.ok(e instanceof CheckFailure, `expected a CheckFailure, got ${String(e)}`);
  assert.equal(e.failure.rule, rule);
  check(e.failure);
  return true;
};

describe('the body length must match Content-Length (raw bytes)', () => {
  test('Content-Length: 10 with 14 body bytes fails; exactly 10 passes; 6 then close fails', async () => {
    const server = await serve((req, socket) => {
      const body = { '/api/v1/items?case=extra': '0123456789ABCD', '/api/v1/items?case=exact': '0123456789', '/api/v1/items?case=short': '012345' }[req.path] ?? '';
      socket.write(head('200 OK', { 'content-type': 'text/plain', 'content-length': 10 }) + body);
      if (req.path.endsWith('short')) socket.end();
    });
    const c = clientFor(server);
    await assert.rejects(
      c.request({ method: 'GET', path: '/items', query: { case: 'extra' } }),
      failure('the body length must match Content-Length', (f) => {
        assert.match(f.expected, /\b10 body bytes \(Content-Length: 10; RFC 9110 §8\.6\)/);
        assert.match(f.actual, /\b14 body bytes on the wire \(4 beyond Content-Length\)/);
        assert.equal(f.response?.status, 200);
        assert.equal(f.operation, 'listItems');
        assert.match(f.response!.curl, /^curl -sS -i -X GET '.*case=extra'/);
      }),
    );
    const exact = await c.request({ method: 'GET', path: '/items', query: { case: 'exact' } });
    assert.equal(exact.text(), '0123456789');
    await assert.rejects(
      c.request({ method: 'GET', path: '/items', query: { case: 'short' } }),
      failure('the body length must match Content-Length', (f) => {
        assert.match(f.expected, /\b10 body bytes/);
        assert.match(f.actual, /^6 body bytes, then the connection closed$/);
      }),
    );
  });

  test('bytes past the body that arrive later never pose as the next response: that connection is dropped', async () => {
    const server = await serve((_req, socket) => socket.write(head('200 OK', { 'content-length': 10 }) + '0123456789'));
    const c = clientFor(server);
    assert.equal((await c.request({ method: 'GET', path: '/items' })).text(), '0123456789');
    // The stray bytes go out only once the first exchange is over (a timer could fire before it is,
    // on a busy machine: then they would rightly count against the first response instead).
    const first = server.connections[0]!;
    first.write('ABCD');
    await new Promise((r) => first.once('close', r));
    assert.equal((await c.request({ method: 'GET', path: '/items' })).text(), '0123456789');
    assert.equal(server.connections.length, 2, 'the connection that carried the stray bytes is not reused');
  });

  test('HEAD, 204 and 304 carry no body whatever Content-Length says; chunked bodies are not judged by it', async () => {
    const server = await serve((req, socket) => {
      if (req.method === 'HEAD') return void socket.write(head('200 OK', { 'content-length': 10 }));
      if (req.path.endsWith('204')) return void socket.write(head('204 No Content', {}));
      if (req.path.endsWith('304')) return void socket.write(head('304 Not Modified', { 'content-length': 10 }));
      socket.write(head('200 OK', { 'transfer-encoding': 'chunked' }) + '4\r\nabcd\r\n0\r\n\r\n');
    });
    const c = clientFor(server);
    assert.equal((await c.request({ method: 'HEAD', path: '/items' })).bytes.byteLength, 0);
    assert.equal((await c.request({ method: 'GET', path: '/x204' })).status, 204);
    assert.equal((await c.request({ method: 'GET', path: '/x304' })).status, 304);
    assert.equal((await c.request({ method: 'GET', path: '/items' })).text(), 'abcd');
    assert.equal(server.connections.length, 1, 'all on one keep-alive connection');
  });

  test('a 100 Continue before the response does not shift the count', async () => {
    const server = await serve((_req, socket) => socket.write(head('100 Continue', {}) + head('200 OK', { 'content-length': 3 }) + 'abc'));
    assert.equal((await clientFor(server).request({ method: 'GET', path: '/items' })).text(), 'abc');
  });
});

describe('the body cap', () => {
  test('a declared body over the cap fails at once, naming its size; an undeclared one stops at the cap', async () => {
    const server = await serve((req, socket) => {
      if (req.path.endsWith('declared')) return void socket.write(head('200 OK', { 'content-length': 1024 ** 3 }) + 'x'.repeat(1000));
      socket.write(head('200 OK', { 'transfer-encoding': 'chunked' }));
      const chunk = `400\r\n${'y'.repeat(1024)}\r\n`;
      for (let i = 0; i < 8; i++) socket.write(chunk);
    });
    const c = clientFor(server, { maxBodyBytes: 4096 });
    await assert.rejects(
      c.request({ method: 'GET', path: '/declared' }),
      failure('a response body must fit within --max-body', (f) => {
        assert.equal(f.expected, 'at most 4096 bytes (--max-body)');
        assert.equal(f.actual, 'Content-Length: 1073741824 bytes (1024.0 MiB); not read');
      }),
    );
    await assert.rejects(
      c.request({ method: 'GET', path: '/streamed' }),
      failure('a response body must fit within --max-body', (f) => assert.match(f.actual, /^more than 4096 bytes; reading stopped at \d+ bytes$/)),
    );
    // The config key sets the same cap.
    await assert.rejects(clientFor(server, { config: { maxBodyBytes: 10 } }).request({ method: 'GET', path: '/declared' }), failure('a response body must fit within --max-body'));
  });
});

describe('transport errors', () => {
  test('a reset on a reused idle connection is retried once on a fresh one, and the exchange says so', async () => {
    // The target dropped the idle connection just as the next request went out on it: that request
    // meets a reset before any answer. (Made deterministic on the server side: whether a runtime
    // notices a reset of an idle socket before reusing it differs between Node versions.)
    const requestsOn = new WeakMap<Socket, number>();
    const server = await serve((_req, socket) => {
      const n = (requestsOn.get(socket) ?? 0) + 1;
      requestsOn.set(socket, n);
      if (n === 2) return void socket.resetAndDestroy();
      socket.write(head('200 OK', { 'content-length': 2 }) + 'ok');
    });
    const c = clientFor(server);
    await c.request({ method: 'GET', path: '/items' });
    const res = await c.request({ method: 'GET', path: '/items' });
    assert.equal(res.text(), 'ok');
    assert.match(res.exchange.retried!, /^retried once on a fresh connection after (ECONNRESET|EPIPE) on a reused connection$/);
    assert.match(res.curl, / # retried once on a fresh connection after/);
    assert.equal(server.connections.length, 2);
  });

  test('a failure on a fresh connection is the target failing: no retry', async () => {
    const server = await serve((_req, socket) => socket.resetAndDestroy());
    await assert.rejects(
      clientFor(server).request({ method: 'GET', path: '/items' }),
      failure('the target must answer every request', (f) => {
        assert.match(f.actual, /^transport error: .*(ECONNRESET|socket hang up)/);
        assert.doesNotMatch(f.actual, /retried/);
      }),
    );
    assert.equal(server.connections.length, 1);
  });

  test('the per-request timeout still fails; the check signal still stops', async () => {
    const server = await serve(() => {}); // never answers
    await assert.rejects(
      clientFor(server, { timeoutMs: 150 }).request({ method: 'GET', path: '/items' }),
      failure('the target must answer every request', (f) => assert.equal(f.actual, 'no response after 150 ms')),
    );
    const stop = new AbortController();
    const pending = clientFor(server, { signal: stop.signal }).request({ method: 'GET', path: '/items' });
    setTimeout(() => stop.abort(), 50);
    await assert.rejects(pending, CheckStopped);
  });

  test('a DELETE body goes out framed by its Content-Length', async () => {
    const server = await serve((_req, socket) => socket.write(head('204 No Content', {})));
    await clientFor(server).request({ method: 'DELETE', path: '/items', body: { ids: ['a'] } });
    assert.equal(server.requests[0]!.headers['content-length'], '13');
  });
});

describe('route-level misses (NotImplemented)', () => {
  // A spec where listItems documents a JSON 404 `{message}`; anything else on a 404/405 is an issue.
  const spec: SpecValidator = {
    ...fakeSpec,
    validateResponse: (_op, status, headers, body) => {
      if (status === 405) return [{ specRef: '#/paths/~1items/get/responses', message: 'status 405 is not documented' }];
      const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
      return status === 404 && !(headers['content-type'] === 'application/json' && text.includes('"message"'))
        ? [{ specRef: '#/paths/~1items/get/responses/404', message: 'Content-Type text/html is not documented' }]
        : [];
    },
  };
  const answers: Record<string, [string, Record<string, string>, string]> = {
    route: ['404 Not Found', { 'content-type': 'text/html' }, '<h1>Cannot GET /api/v1/items</h1>'],
    resource: ['404 Not Found', { 'content-type': 'application/json' }, '{"message":"no such item"}'],
    method: ['405 Method Not Allowed', { allow: 'POST' }, ''],
  };
  test('a documented operation answering a miss without the API error body is NotImplemented, with evidence', async () => {
    const server = await serve((req, socket) => {
      const [status, fields, body] = answers[new URL(req.path, 'http://x').searchParams.get('case') ?? 'route']!;
      socket.write(head(status, { ...fields, 'content-length': Buffer.byteLength(body) }) + body);
    });
    const c = clientFor(server, { spec });
    await assert.rejects(c.request({ method: 'GET', path: '/items', query: { case: 'route' } }), (e: unknown) => {
      assert.ok(e instanceof NotImplemented);
      assert.equal(e.operation, 'listItems');
      assert.equal(e.acknowledged, false);
      assert.match(e.evidence, /^HTTP 404 <h1>Cannot GET \/api\/v1\/items<\/h1> — curl -sS -i -X GET '.*\/items\?case=route'$/);
      return true;
    });
    await assert.rejects(c.request({ method: 'GET', path: '/items', query: { case: 'method' } }), NotImplemented);
    assert.deepEqual(Object.fromEntries(c.calls), { listItems: 2 }, 'the exchanges are still counted');
    // The API's own 404, an opt-out, and a path the spec does not have are answers for the check to judge.
    assert.equal((await c.request({ method: 'GET', path: '/items', query: { case: 'resource' } })).status, 404);
    assert.equal((await c.request({ method: 'GET', path: '/items', query: { case: 'route' }, expectMiss: true })).status, 404);
    assert.equal((await c.request({ method: 'GET', path: '/nowhere', query: { case: 'route' } })).status, 404);
    assert.equal((await c.request({ method: 'PATCH', path: '/items', query: { case: 'method' } })).status, 405);
  });

  test('an operation listed under notImplemented is never sent', async () => {
    const server = await serve((_req, socket) => socket.write(head('200 OK', { 'content-length': 0 })));
    const c = clientFor(server, { config: { notImplemented: ['listItems'] } });
    await assert.rejects(c.request({ method: 'GET', path: '/items' }), (e: unknown) => {
      assert.ok(e instanceof NotImplemented);
      assert.equal(e.evidence, 'listed under notImplemented in the target config');
      assert.equal(e.acknowledged, true);
      return true;
    });
    assert.equal(server.requests.length, 0);
    assert.equal((await c.request({ method: 'GET', path: '/text' })).status, 200);
  });
});

describe('curl lines reproduce', () => {
  test('the key is ${CALLREC_API_KEY}: letters after it stay letters in a shell', () => {
    assert.equal(API_KEY_REFERENCE, '${CALLREC_API_KEY}');
    const line = toCurl({ method: 'GET', url: 'http://h/x', headers: { 'x-api-key': 'k1xyz' }, secrets: ['k1'] });
    const quoted = /-H ("[^"]*")/.exec(line)![1]!;
    const expanded = execFileSync('sh', ['-c', `printf %s ${quoted}`], { env: { ...process.env, [API_KEY_VARIABLE]: 'k1' } }).toString();
    assert.equal(expanded, 'x-api-key: k1xyz');
  });

  test('a line against a callrec mock says which reset it ran after', async () => {
    const server = await serve((_req, socket) => socket.write(head('200 OK', { 'content-length': 0 })));
    const res = await clientFor(server, { resetSeed: 42 }).request({ method: 'GET', path: '/items' });
    assert.match(res.curl, /^curl -sS -i -X GET '[^']+\/items' # against a callrec mock reset to --seed 42 before this check$/);
  });
});

// ---- the CLI: setup problems are exit 2 with one line ---------------------------------------

const bin = fileURLToPath(new URL('../../cli/bin.mjs', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));

function callrec(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: repo, env: { ...process.env, PACT_DO_NOT_TRACK: 'true' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Exit 2, and stderr is exactly one line matching `pattern` (no stack trace). */
function setupError(r: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  assert.equal(r.code, 2, r.stdout + r.stderr);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, pattern);
}

describe('callrec setup errors (exit 2, one line)', () => {
  test('a receiver port in use, a report directory that cannot be made, a header value no header can carry, an unknown notImplemented id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callrec-setup-'));
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    const { port } = busy.address() as AddressInfo;
    const config = (name: string, value: unknown) => {
      const file = join(dir, name);
      writeFileSync(file, JSON.stringify(value));
      return file;
    };
    const aFile = config('a-file', {});
    try {
      const [receiver, reportDir, apiKey, header, missing, maxBody] = await Promise.all([
        callrec(['run', '--api', 'horn', '--config', config('receiver.json', { receiver: { port } }), '--report', 'none']),
        callrec(['run', '--api', 'horn', '--report-dir', join(aFile, 'reports')]),
        callrec(['run', '--api', 'openvidu-meet', '--config', config('key.json', { apiKey: '…' }), '--report', 'none']),
        callrec(['run', '--api', 'horn', '-H', 'X-Tenant: a\u2028b', '--report', 'none']),
        callrec(['run', '--api', 'openvidu-meet', '--config', config('missing.json', { notImplemented: ['startRecording', 'startRecordingz'] }), '--report', 'none']),
        callrec(['run', '--api', 'horn', '--max-body', '0', '--report', 'none']),
      ]);
      setupError(receiver, new RegExp(`^callrec run: the webhook receiver cannot listen on 127\\.0\\.0\\.1:${port} \\(receiver\\.port in --config .*receiver\\.json\\): the port is in use$`));
      setupError(reportDir, /^callrec run: cannot create report directory .*a-file\/reports: a file is in the way \((ENOTDIR|EEXIST)\)$/);
      setupError(apiKey, /^callrec run: apiKey in --config .*key\.json is not a valid HTTP header value \(character U\+2026 '…' at position 1;/);
      setupError(header, /^callrec run: -H 'x-tenant: …' is not a valid HTTP header value \(character U\+2028/);
      setupError(missing, /^callrec run: invalid --config .*missing\.json: notImplemented: unknown operation id\(s\) startRecordingz \(the spec's operation ids: /);
      setupError(maxBody, /^callrec run: --max-body must be an integer ≥ 1, got "0"$/);
    } finally {
      await new Promise((r) => busy.close(r));
    }
  });

  test('--api eyeson pointed at an openvidu-meet callrec mock (run and verify)', async () => {
    const { startMockServer } = await import('../../mock/server.ts');
    const mock = await startMockServer({ api: 'openvidu-meet', clock: 'frozen' });
    try {
      const [run, verify] = await Promise.all([
        callrec(['run', '--api', 'eyeson', '--target', mock.url, '--report', 'none']),
        callrec(['verify', '--api', 'eyeson', '--target', mock.url]),
      ]);
      setupError(run, /^callrec run: --target http:\/\/127\.0\.0\.1:\d+ is a callrec mock of openvidu-meet, not eyeson$/);
      assert.equal(verify.code, 2, verify.stdout + verify.stderr);
      assert.match(verify.stdout, /is a callrec mock of openvidu-meet, not eyeson/);
    } finally {
      await mock.close();
    }
  });
});

describe('callrec verify with real credentials', () => {
  test('--api-key and -H replace the pacts\' dev credentials on every request that carries them', async () => {
    const { startMockServer } = await import('../../mock/server.ts');
    const mock = await startMockServer({ api: 'openvidu-meet', clock: 'frozen' });
    const upstream = new URL(mock.url);
    // A target whose key is `real-key`: it records the keys it is sent and hands the mock its own.
    const seen: string[] = [];
    const proxy = createHttpServer((req, res) => {
      const key = req.headers['x-api-key'];
      if (typeof key === 'string' && !req.url!.startsWith('/__callrec/')) seen.push(key);
      const headers = { ...req.headers, ...(key === 'real-key' ? { 'x-api-key': 'callrec-dev-key' } : {}) };
      const out = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer: IncomingMessage) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      });
      req.pipe(out);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    const target = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      const withKey = await callrec(['verify', '--api', 'openvidu-meet', '--target', target, '--api-key', 'real-key']);
      assert.equal(withKey.code, 0, withKey.stdout + withKey.stderr);
      assert.ok(seen.length > 0);
      assert.deepEqual(new Set(seen), new Set(['real-key']), 'no request carried the dev key');
      seen.length = 0;
      const withHeader = await callrec(['verify', '--api', 'openvidu-meet', '--target', target, '-H', 'X-API-KEY: real-key']);
      assert.equal(withHeader.code, 0, withHeader.stdout + withHeader.stderr);
      assert.deepEqual(new Set(seen), new Set(['real-key']));
      const horn = await callrec(['verify', '--api', 'horn', '--target', target, '--api-key', 'k']);
      setupError(horn, /^callrec verify: --api-key is not used by horn/);
    } finally {
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
      await mock.close();
    }
  });
});
