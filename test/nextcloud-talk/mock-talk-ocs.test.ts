// The OCS layer of the Talk mock: the envelope in JSON and XML on every Talk v1 operation,
// format negotiation, v2 status mapping, routing answers (404/405) and the CSRF rule.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ocsXml, phpJson, v2Status } from '../../mock/nextcloud-talk/ocs.ts';
import { call, join, makeMock, V1, type CallOptions } from './mock-talk-support.ts';

type Op = { name: string; method: string; path: string; o?: CallOptions; status: number; setup?: 'join' };

// One request per operation (alice owns every seeded room unless told otherwise).
const OPS: Op[] = [
  { name: 'getRooms', method: 'GET', path: '/room', status: 200 },
  { name: 'createRoom', method: 'POST', path: '/room', o: { body: { roomType: 3, roomName: 'Hall' } }, status: 201 },
  { name: 'getRoom', method: 'GET', path: '/room/teamroom22', status: 200 },
  { name: 'renameRoom', method: 'PUT', path: '/room/teamroom22', o: { body: { roomName: 'Renamed' } }, status: 200 },
  { name: 'deleteRoom', method: 'DELETE', path: '/room/teamroom22', status: 200 },
  { name: 'makePublic', method: 'POST', path: '/room/teamroom22/public', status: 200 },
  { name: 'makePrivate', method: 'DELETE', path: '/room/publicroom3/public', status: 200 },
  { name: 'setPassword', method: 'PUT', path: '/room/publicroom3/password', o: { body: { password: 'pw' } }, status: 200 },
  { name: 'addFavorite', method: 'POST', path: '/room/teamroom22/favorite', status: 200 },
  { name: 'removeFavorite', method: 'DELETE', path: '/room/teamroom22/favorite', status: 200 },
  { name: 'setNotificationLevel', method: 'POST', path: '/room/teamroom22/notify', o: { body: { level: 3 } }, status: 200 },
  { name: 'setReadOnly', method: 'PUT', path: '/room/teamroom22/read-only', o: { body: { state: 1 } }, status: 200 },
  { name: 'setLobby', method: 'PUT', path: '/room/teamroom22/webinary/lobby', o: { body: { state: 1 } }, status: 200 },
  { name: 'getParticipants', method: 'GET', path: '/room/teamroom22/participants', status: 200 },
  { name: 'addParticipant', method: 'POST', path: '/room/teamroom22/participants', o: { body: { newParticipant: 'dave' } }, status: 200 },
  { name: 'removeParticipant', method: 'DELETE', path: '/room/teamroom22/participants', o: { query: { participant: 'carol' } }, status: 200 },
  { name: 'removeGuest', method: 'DELETE', path: '/room/publicroom3/participants/guests', o: { query: { participant: 'nobody' } }, status: 404 },
  { name: 'removeSelf', method: 'DELETE', path: '/room/teamroom22/participants/self', o: { as: 'carol' }, status: 200 },
  { name: 'joinRoom', method: 'POST', path: '/room/teamroom22/participants/active', status: 200 },
  { name: 'leaveRoom', method: 'DELETE', path: '/room/teamroom22/participants/active', status: 200 },
  { name: 'promoteModerator', method: 'POST', path: '/room/teamroom22/moderators', o: { body: { participant: 'carol' } }, status: 200 },
  { name: 'demoteModerator', method: 'DELETE', path: '/room/teamroom22/moderators', o: { query: { participant: 'bob' } }, status: 200 },
  { name: 'getPeers', method: 'GET', path: '/call/teamroom22', status: 200 },
  { name: 'joinCall', method: 'POST', path: '/call/teamroom22', o: { body: { flags: 3 } }, status: 200, setup: 'join' },
  { name: 'leaveCall', method: 'DELETE', path: '/call/teamroom22', status: 200, setup: 'join' },
  { name: 'receiveMessages', method: 'GET', path: '/chat/teamroom22', o: { query: { lookIntoFuture: 0, limit: 5 } }, status: 200 },
  { name: 'sendMessage', method: 'POST', path: '/chat/teamroom22', o: { body: { message: 'hello @bob' } }, status: 201 },
  { name: 'getMentionSuggestions', method: 'GET', path: '/chat/teamroom22/mentions', o: { query: { search: 'ca' } }, status: 200 },
  { name: 'setGuestName', method: 'POST', path: '/guest/publicroom3/name', o: { body: { displayName: 'x' } }, status: 403 },
  { name: 'getSignalingSettings', method: 'GET', path: '/signaling/settings', status: 200 },
  { name: 'pullSignalingMessages', method: 'GET', path: '/signaling/teamroom22', status: 200, setup: 'join' },
  { name: 'sendSignalingMessages', method: 'POST', path: '/signaling/teamroom22', o: { body: { messages: '[]' } }, status: 200, setup: 'join' },
];

/** Tags balance and the document has one <ocs> root with <meta> then <data>. */
function assertWellFormedOcsXml(xml: string): { status: string; statuscode: string } {
  assert.ok(xml.startsWith('<?xml version="1.0"?>\n<ocs>\n <meta>\n'), xml.slice(0, 80));
  const stack: string[] = [];
  for (const m of xml.slice(xml.indexOf('?>') + 2).matchAll(/<(\/?)([A-Za-z_][\w.-]*)(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1]) assert.equal(stack.pop(), m[2], `unbalanced </${m[2]}>`);
    else stack.push(m[2]!);
  }
  assert.deepEqual(stack, []);
  assert.doesNotMatch(xml.replace(/<[^>]*>/g, ''), /[<>]/);
  const status = /<status>(\w+)<\/status>/.exec(xml)?.[1] ?? '';
  const statuscode = /<statuscode>(\d+)<\/statuscode>/.exec(xml)?.[1] ?? '';
  assert.match(xml, /\n <data(\/>|>)/);
  return { status, statuscode };
}

describe('OCS envelope on every Talk v1 operation', () => {
  for (const op of OPS) {
    it(`${op.name}: JSON and XML carry the same envelope`, async () => {
      const results = [];
      for (const format of ['json', 'xml', 'accept'] as const) {
        const mock = makeMock(1);
        if (op.setup === 'join') await join(mock, 'teamroom22');
        results.push(await call(mock, op.method, `${V1}${op.path}`, { ...op.o, format }));
        await mock.close();
      }
      const [json, xml, accept] = results as [Awaited<ReturnType<typeof call>>, Awaited<ReturnType<typeof call>>, Awaited<ReturnType<typeof call>>];
      assert.equal(json.status, op.status, json.text);
      assert.match(json.headers['content-type']!, /^application\/json; charset=utf-8$/);
      assert.deepEqual(Object.keys(json.json), ['ocs']);
      assert.deepEqual(Object.keys(json.json.ocs), ['meta', 'data']);
      const okay = op.status < 300;
      assert.equal(json.json.ocs.meta.status, okay ? 'ok' : 'failure');
      assert.equal(json.json.ocs.meta.statuscode, op.status);
      assert.equal(json.json.ocs.meta.message, okay ? 'OK' : '');
      // Accept: application/json negotiates JSON just like format=json, byte for byte.
      assert.equal(accept.text, json.text);
      assert.equal(xml.status, op.status);
      assert.match(xml.headers['content-type']!, /^application\/xml; charset=utf-8$/);
      const meta = assertWellFormedOcsXml(xml.text);
      assert.equal(meta.status, okay ? 'ok' : 'failure');
      assert.equal(meta.statuscode, String(op.status));
    });
  }
  it('covers every Talk v1 operation of the spec', async () => {
    const { loadSpec } = await import('../../core/spec-load.ts');
    const ids = loadSpec('specs/nextcloud-talk/openapi.yaml').validator.operationIds();
    const talk = ids.filter((id) => !/recording|Recording|StoreNotification|Notifications/.test(id));
    assert.deepEqual(talk.filter((id) => !OPS.some((o) => o.name === id)), []);
  });
});

describe('XML and JSON serialisation', () => {
  it('writes lists as <element>, maps by key, booleans PHP-style, empties as <x/>', () => {
    const xml = ocsXml({ status: 'ok', statuscode: 200, message: 'OK' }, [{ a: true, b: false, c: null, d: [], e: 'x<&>"' }]);
    assert.equal(
      xml,
      '<?xml version="1.0"?>\n<ocs>\n <meta>\n  <status>ok</status>\n  <statuscode>200</statuscode>\n  <message>OK</message>\n </meta>\n' +
        ' <data>\n  <element>\n   <a>1</a>\n   <b/>\n   <c/>\n   <d/>\n   <e>x&lt;&amp;&gt;&quot;</e>\n  </element>\n </data>\n</ocs>\n',
    );
  });
  it('escapes JSON like PHP with JSON_HEX_TAG and parses back to the same value', () => {
    const value = { m: '<b>/ü€😀', n: [1, 'x'] };
    const text = phpJson(value);
    assert.doesNotMatch(text, /[<>\u0080-\uffff]/);
    assert.match(text, /\\u003C/);
    // PHP's encoder: the tag escapes are fixed upper-case strings, other \u escapes use lower-case hex.
    assert.match(text, /\\u00fc\\u20ac\\ud83d\\ude00/);
    assert.ok(text.includes('"\\u003Cb\\u003E\\/'), text);
    assert.deepEqual(JSON.parse(text), value);
  });
});

describe('OCS v2 status mapping', () => {
  it('maps OCS codes to HTTP statuses', () => {
    assert.equal(v2Status(997), 401);
    assert.equal(v2Status(998), 404);
    assert.equal(v2Status(996), 500);
    assert.equal(v2Status(999), 500);
    assert.equal(v2Status(100), 400);
    assert.equal(v2Status(601), 400);
    assert.equal(v2Status(403), 403);
  });
  it('[decision nextcloud-talk/ocs-status-mapping] not logged in: HTTP 401, statuscode 997 with its message', async () => {
    const mock = makeMock(1);
    for (const o of [{ as: null }, { as: 'alice', password: 'wrong' }] as CallOptions[]) {
      const r = await call(mock, 'GET', `${V1}/room`, o);
      assert.equal(r.status, 401);
      assert.deepEqual(r.json.ocs, { meta: { status: 'failure', statuscode: 997, message: 'Current user is not logged in' }, data: [] });
    }
  });
  it('[decision nextcloud-talk/method-not-allowed-405] unknown path: 404 (998); unknown method on a known path: 405 with Allow', async () => {
    const mock = makeMock(1);
    const nf = await call(mock, 'GET', `${V1}/nothing/here`);
    assert.equal(nf.status, 404);
    assert.equal(nf.json.ocs.meta.statuscode, 998);
    const na = await call(mock, 'PATCH', `${V1}/room/teamroom22`);
    assert.equal(na.status, 405);
    assert.equal(na.headers.allow, 'DELETE, GET, HEAD, PUT');
    assert.equal(na.json.ocs.meta.statuscode, 405);
  });
  it('[decision nextcloud-talk/token-pattern] a malformed token is an unknown room', async () => {
    const r = await call(makeMock(1), 'GET', `${V1}/room/NOT-A-TOKEN`);
    assert.equal(r.status, 404);
    assert.deepEqual(r.json.ocs.data, []);
  });
  it('304 and failures: no body on 304, OCS failure bodies elsewhere', async () => {
    const mock = makeMock(1);
    const r = await call(mock, 'GET', `${V1}/chat/teamroom22`, { query: { lookIntoFuture: 0, lastKnownMessageId: 1 } });
    assert.equal(r.status, 304);
    assert.equal(r.text, '');
  });
});

describe('faults bend the OCS layer', () => {
  it('ocs-envelope-missing, ocs-meta-status-wrong, ocs-statuscode-is-http, ocs-http-status-always-200', async () => {
    let r = await call(makeMock(1, { faults: ['ocs-envelope-missing'] }), 'GET', `${V1}/room/teamroom22`);
    assert.equal(r.json.ocs, undefined);
    r = await call(makeMock(1, { faults: ['ocs-meta-status-wrong'] }), 'GET', `${V1}/room/zzzz0000`);
    assert.equal(r.json.ocs.meta.status, 'ok');
    r = await call(makeMock(1, { faults: ['ocs-statuscode-is-http'] }), 'GET', `${V1}/room`, { as: null });
    assert.equal(r.json.ocs.meta.statuscode, 401);
    r = await call(makeMock(1, { faults: ['ocs-http-status-always-200'] }), 'GET', `${V1}/room/zzzz0000`);
    assert.equal(r.status, 200);
  });
  it('ocs-accept-json-ignored and ocs-xml-list-items-misnamed', async () => {
    let r = await call(makeMock(1, { faults: ['ocs-accept-json-ignored'] }), 'GET', `${V1}/room`, { format: 'accept' });
    assert.match(r.headers['content-type']!, /xml/);
    r = await call(makeMock(1, { faults: ['ocs-xml-list-items-misnamed'] }), 'GET', `${V1}/room`, { format: 'xml' });
    assert.match(r.text, /<item>/);
    assert.doesNotMatch(r.text, /<element>/);
  });
});
