import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CheckFailure } from '../../core/check.ts';
import { API_KEY_REFERENCE, shellQuote, toCurl } from '../../suites/engine/curl.ts';
import { createTargetClient, resolveBaseUrl } from '../../suites/engine/target-client.ts';
import { fakeModule, fakeSpec, startFakeServer } from './fakes.ts';
import type { FakeServer } from './fakes.ts';

let server: FakeServer;
before(async () => (server = await startFakeServer()));
after(() => server.close());

const client = (extra: Partial<Parameters<typeof createTargetClient>[0]> = {}) =>
  createTargetClient({ module: fakeModule([]), target: server.origin, config: { apiKey: 'k1' }, spec: fakeSpec, ...extra });

describe('TargetClient', () => {
  test('base URL: the module base path is appended once', () => {
    assert.equal(resolveBaseUrl('http://h:1', '/api/v1'), 'http://h:1/api/v1');
    assert.equal(resolveBaseUrl('http://h:1/api/v1/', '/api/v1'), 'http://h:1/api/v1');
    assert.equal(resolveBaseUrl('https://h/meet/api/v1', '/api/v1'), 'https://h/meet/api/v1');
    assert.equal(resolveBaseUrl('https://h/meet', '/api/v1'), 'https://h/meet/api/v1');
  });

  test("auth: 'default' sends credentials and -H headers, 'none' none, an object exactly those", async () => {
    const c = client({ headers: { 'x-extra': 'yes' } });
    await c.request({ method: 'GET', path: '/items' });
    await c.request({ method: 'GET', path: '/items', auth: 'none' });
    await c.request({ method: 'GET', path: '/items', auth: { 'X-API-KEY': 'other' } });
    const sent = server.requests.slice(-3).map((r) => [r.headers['x-api-key'], r.headers['x-extra']]);
    assert.deepEqual(sent, [['k1', 'yes'], [undefined, undefined], ['other', undefined]]);
    assert.deepEqual(Object.fromEntries(c.calls), { listItems: 3 });
    assert.deepEqual([...c.statuses.get('listItems')!].sort(), [200, 401]);
  });

  test('objects are sent as JSON; query values skip undefined; the exchange is recorded', async () => {
    const c = client();
    const res = await c.request({ method: 'post', path: 'nowhere', query: { a: 1, b: undefined, c: 'x y' }, body: { roomId: "it's" } });
    const last = server.requests.at(-1)!;
    assert.equal(last.url, '/api/v1/nowhere?a=1&c=x+y');
    assert.equal(last.headers['content-type'], 'application/json');
    assert.equal(last.body, '{"roomId":"it\'s"}');
    assert.equal(res.status, 404);
    assert.equal(res.exchange.request.method, 'POST');
    assert.equal(res.exchange.response.bodyExcerpt, '{"message":"not found"}');
    assert.equal(res.exchange.operation, undefined);
    assert.equal(
      res.curl,
      `curl -sS -i -X POST '${server.origin}/api/v1/nowhere?a=1&c=x+y' -H 'x-api-key: k1' -H 'content-type: application/json' --data-binary '{"roomId":"it'\\''s"}'`,
    );
    assert.deepEqual(Object.fromEntries(c.calls), { unknown: 1 });
  });

  test('the user-supplied API key is masked in curl lines', async () => {
    const res = await client({ maskApiKey: true }).request({ method: 'GET', path: '/items' });
    assert.equal(res.curl, `curl -sS -i -X GET '${server.origin}/api/v1/items' -H "x-api-key: ${API_KEY_REFERENCE}"`);
  });

  test('json() on a non-JSON body throws a CheckFailure carrying the response', async () => {
    const res = await client().request({ method: 'GET', path: '/text' });
    assert.throws(
      () => res.json(),
      (e: unknown) => e instanceof CheckFailure && e.failure.response === res && e.failure.operation === 'getText',
    );
  });
});

describe('curl lines', () => {
  test('shell quoting survives quotes, and long or binary bodies are cut', () => {
    assert.equal(shellQuote(`a'b`), `'a'\\''b'`);
    const long = toCurl({ method: 'PUT', url: 'http://h/x', headers: {}, body: new TextEncoder().encode('x'.repeat(5000)) });
    assert.match(long, /…\[2952 more characters cut\]'$/);
    const bin = toCurl({ method: 'PUT', url: 'http://h/x', headers: {}, body: new Uint8Array([0xff, 0xfe, 0x00]) });
    assert.match(bin, /--data-binary '<3 bytes of binary data>'$/);
    const masked = toCurl({ method: 'GET', url: 'http://h/x', headers: { authorization: 'Bearer s$cr"t' }, secrets: ['s$cr"t'] });
    assert.equal(masked, `curl -sS -i -X GET 'http://h/x' -H "authorization: Bearer ${API_KEY_REFERENCE}"`);
  });
});
