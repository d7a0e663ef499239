// Generated traffic (fast-check): thousands of valid and invalid requests over every route.
// The mock never answers 5xx, never breaks its spec (strict mode throws), always uses the
// envelope for errors, and the listing invariants hold after every step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CHANNELS } from '../../mock/horn/index.ts';
import { MIN, OPERATOR, OWNER, STRANGER, advance, call, newMock } from './mock-helpers.ts';

const CH = CHANNELS.recordable;

test('generated requests: no 5xx, spec-conformant answers, envelope on errors', async () => {
  const mock = newMock();
  const ids = (await call(mock, 'GET', `/channels/${CH}/recordings`, { query: { limit: '100' } })).json().results.map((r: any) => r.id);
  const { jwt } = (await call(mock, 'GET', `/channels/${CH}/recordings/${ids[0]}/credentials`)).json();
  const channel = fc.constantFrom(CH, CHANNELS.conference, CHANNELS.unconfirmed, 'nope', '%E0%A4%A', 'recording');
  const recording = fc.oneof(fc.constantFrom(...ids), fc.string({ maxLength: 8 }).map(encodeURIComponent));
  const text = fc.oneof(fc.constant(''), fc.string({ maxLength: 6 }), fc.constantFrom('0', '1', '100', '101', '-1', '1m', '30s', '7d', '99d', 'asc', 'ended'));
  const path = fc.oneof(
    channel.map((c) => `/channels/${c}/record`),
    channel.map((c) => `/channels/${c}/record/possible`),
    channel.map((c) => `/channels/${c}/recordings`),
    fc.tuple(channel, recording).map(([c, r]) => `/channels/${c}/recordings/${r}`),
    fc.tuple(channel, recording, fc.constantFrom('assets', 'download', 'credentials', 'assets/x-s1')).map(([c, r, t]) => `/channels/${c}/recordings/${r}/${t}`),
    fc.constantFrom(`/channels/recording/assets/${jwt}`, '/channels/recording/assets/abc', `/channels/recording/assets/${ids[0]}-s1/${jwt}`, `/channels/recording/downloads/${ids[0]}`),
  );
  const query = fc.dictionary(fc.constantFrom('limit', 'offset', 'sort', 'order', 'session', 'ttl', 'kind', 'expires', 'signature'), text, { maxKeys: 3 });
  const auth = fc.constantFrom<Record<string, string> | 'none'>(OWNER, OPERATOR, STRANGER, 'none', { authorization: 'Basic x' });
  const method = fc.constantFrom('GET', 'GET', 'POST', 'DELETE', 'PUT', 'HEAD');
  const range = fc.option(fc.constantFrom('bytes=0-9', 'bytes=-3', 'bytes=9-3', 'bytes=999999-', 'items=1-2', 'garbage'), { nil: undefined });
  let n = 0;
  await fc.assert(
    fc.asyncProperty(method, path, query, auth, range, fc.nat(3), async (m, p, q, a, r, tick) => {
      if (tick === 0) advance(mock, MIN);
      const res = await call(mock, m, p, { query: q, auth: a, headers: r ? { range: r } : {} });
      n++;
      assert.ok(res.status < 500, `${m} ${p} ${JSON.stringify(q)} → ${res.status} ${new TextDecoder().decode(res.bytes())}`);
      if (res.status >= 400 && m !== 'HEAD') {
        const body = res.json();
        assert.deepEqual(Object.keys(body).sort(), ['error', 'message']);
        assert.match(body.error, /^[A-Z][A-Z0-9_]*$/);
      }
      const list = (await call(mock, 'GET', `/channels/${CH}/recordings`, { query: { limit: '100' } })).json();
      assert.equal(list.results.length, Math.min(100, list.total));
      assert.ok(list.results.every((x: any) => x.readyTime === undefined || (x.endTime !== undefined && x.readyTime >= x.endTime)));
    }),
    { seed: 42, numRuns: 2500 },
  );
  assert.equal(n, 2500);
});
