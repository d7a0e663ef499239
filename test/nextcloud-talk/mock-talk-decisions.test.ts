// Decisions of the Talk v1 spec that no behaviour test exercised yet: each test sends the
// requests the decision is about to the mock and asserts the decided answer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSpec } from '../../core/spec-load.ts';
import { call, join, makeMock, SPEC, V1 } from './mock-talk-support.ts';

const schemas = (loadSpec(SPEC).doc as { components: { schemas: Record<string, { properties?: Record<string, unknown>; additionalProperties?: unknown }> } }).components.schemas;

describe('room list', () => {
  it('[decision nextcloud-talk/room-list-order] getRooms lists the newest activity first, rooms of equal activity by token', async () => {
    for (const [faults, byToken] of [[[], true], [['room-list-ties-unordered'], false]] as const) {
      const mock = makeMock(1, { faults: [...faults] });
      for (let i = 0; i < 6; i++) assert.equal((await call(mock, 'POST', `${V1}/room`, { body: { roomType: 2, roomName: `tie ${i}` } })).status, 201);
      const list: { token: string; lastActivity: number }[] = (await call(mock, 'GET', `${V1}/room`)).json.ocs.data;
      const sorted = [...list].sort((a, b) => b.lastActivity - a.lastActivity || (a.token < b.token ? -1 : 1));
      assert.ok(list.length >= 6);
      assert.equal(JSON.stringify(list.map((r) => r.token)) === JSON.stringify(sorted.map((r) => r.token)), byToken, faults.join() || 'no fault');
    }
  });
});

describe('wire shapes', () => {
  it('[decision nextcloud-talk/closed-objects] rooms, participants, call peers and messages are closed and the mock sends only their fields', async () => {
    const mock = makeMock(1);
    await join(mock, 'teamroom22');
    await call(mock, 'POST', `${V1}/call/teamroom22`);
    const answers: [string, Record<string, unknown>[]][] = [
      ['Room', [(await call(mock, 'GET', `${V1}/room/teamroom22`)).json.ocs.data, ...(await call(mock, 'GET', `${V1}/room`)).json.ocs.data]],
      ['Participant', (await call(mock, 'GET', `${V1}/room/teamroom22/participants`)).json.ocs.data],
      ['CallPeer', (await call(mock, 'GET', `${V1}/call/teamroom22`)).json.ocs.data],
      ['ChatMessage', (await call(mock, 'GET', `${V1}/chat/teamroom22`, { query: { lookIntoFuture: 0, limit: 20 } })).json.ocs.data],
    ];
    for (const [name, objects] of answers) {
      const schema = schemas[name]!;
      assert.equal(schema.additionalProperties, false, `${name} is closed`);
      assert.ok(objects.length > 0, name);
      for (const o of objects) assert.deepEqual(Object.keys(o).filter((k) => !(k in schema.properties!)), [], `${name} sends only its fields`);
    }
  });
  it('[decision nextcloud-talk/empty-php-array] empty maps are [] - a plain message\'s parameters, the lastMessage of a room without messages', async () => {
    const mock = makeMock(1);
    const sent = await call(mock, 'POST', `${V1}/chat/teamroom22`, { body: { message: 'plain words' } });
    assert.equal(sent.status, 201);
    assert.deepEqual(sent.json.ocs.data.messageParameters, []);
    assert.match(sent.text, /"messageParameters":\[\]/);
    const seeded = await mock.control('seed', { rooms: [{ token: 'quietroom1', type: 2, name: 'Quiet', participants: [{ user: 'alice', type: 1 }] }] });
    assert.equal(seeded.status, 200, String(seeded.body));
    const empty = (await call(mock, 'GET', `${V1}/room/quietroom1`)).json.ocs.data;
    assert.deepEqual(empty.lastMessage, []);
    assert.match((await call(mock, 'GET', `${V1}/room/quietroom1`)).text, /"lastMessage":\[\]/);
  });
  it('[decision nextcloud-talk/session-id-format] session ids are 512 characters of A-Z a-z 0-9 + /, and \'0\' when not connected', async () => {
    const mock = makeMock(1);
    const id = await join(mock, 'teamroom22');
    assert.match(id, /^[A-Za-z0-9+/]{512}$/);
    const list = (await call(mock, 'GET', `${V1}/room/teamroom22/participants`)).json.ocs.data;
    assert.equal(list.find((p: any) => p.userId === 'alice').sessionId, id);
    assert.equal(list.find((p: any) => p.userId === 'carol').sessionId, '0');
  });
  it('[decision nextcloud-talk/participant-in-call] participants carry inCall: the session\'s flags, 0 when not connected', async () => {
    const mock = makeMock(1);
    await join(mock, 'teamroom22');
    await call(mock, 'POST', `${V1}/call/teamroom22`, { body: { flags: 3 } });
    const list = (await call(mock, 'GET', `${V1}/room/teamroom22/participants`)).json.ocs.data;
    assert.deepEqual(list.map((p: any) => [p.userId, p.inCall]).sort(), [['alice', 3], ['bob', 0], ['carol', 0]]);
  });
  it('[decision nextcloud-talk/room-recording-fields] the v1 room object carries callRecording, the room\'s recording status', async () => {
    const mock = makeMock(1);
    assert.equal((await call(mock, 'GET', `${V1}/room/teamroom22`)).json.ocs.data.callRecording, 0);
    mock.ctx.store.room('teamroom22')!.callRecording = 1;
    assert.equal((await call(mock, 'GET', `${V1}/room/teamroom22`)).json.ocs.data.callRecording, 1);
  });
  it('[decision nextcloud-talk/notification-level-default] rooms start at notificationLevel 0; only 1-3 can be set (400 otherwise); guests get 404', async () => {
    const mock = makeMock(1);
    const level = async () => (await call(mock, 'GET', `${V1}/room/teamroom22`)).json.ocs.data.notificationLevel;
    assert.equal(await level(), 0);
    for (const bad of [0, 4, -1]) assert.equal((await call(mock, 'POST', `${V1}/room/teamroom22/notify`, { body: { level: bad } })).status, 400);
    assert.equal((await call(mock, 'POST', `${V1}/room/teamroom22/notify`, { body: { level: 2 } })).status, 200);
    assert.equal(await level(), 2);
    const cookie = (await call(mock, 'POST', `${V1}/room/publicroom3/participants/active`, { as: null })).headers['set-cookie']!.split(';')[0]!;
    assert.equal((await call(mock, 'POST', `${V1}/room/publicroom3/notify`, { as: null, headers: { cookie }, body: { level: 1 } })).status, 404);
  });
  it('[decision nextcloud-talk/room-type-changelog] room types are 1-4 in the schema; the mock never creates type 4 (400)', async () => {
    assert.deepEqual((schemas.RoomType as unknown as { enum: number[] }).enum, [1, 2, 3, 4]);
    assert.equal((await call(makeMock(1), 'POST', `${V1}/room`, { body: { roomType: 4, roomName: 'Changelog' } })).status, 400);
  });
});

describe('requests', () => {
  it('[decision nextcloud-talk/ocs-params-anywhere] parameters are read from the query, a form body or a JSON body alike', async () => {
    const mock = makeMock(1);
    const names: string[] = [];
    for (const [i, o] of [{ query: { roomType: 3, roomName: 'Q' } }, { body: 'roomType=3&roomName=F' }, { body: { roomType: 3, roomName: 'J' } }].entries()) {
      const r = await call(mock, 'POST', `${V1}/room`, o);
      assert.equal(r.status, 201, `variant ${i}: ${r.text}`);
      names.push(r.json.ocs.data.name);
    }
    assert.deepEqual(names, ['Q', 'F', 'J']);
  });
  it('[decision nextcloud-talk/missing-param-400] a missing or mistyped required parameter, or a JSON body that does not parse, is 400 with data []', async () => {
    const mock = makeMock(1);
    for (const [method, path, o] of [
      ['GET', '/chat/teamroom22/mentions', {}],
      ['POST', '/room/teamroom22/notify', { body: { level: 'high' } }],
      ['POST', '/room', { body: '{"roomType": 3,', headers: { 'content-type': 'application/json' } }],
    ] as const) {
      const r = await call(mock, method, `${V1}${path}`, o);
      assert.equal(r.status, 400, `${method} ${path}: ${r.text}`);
      assert.deepEqual(r.json.ocs.data, []);
    }
  });
  it('[decision nextcloud-talk/ocs-format-negotiation] JSON for format=json or Accept: application/json, XML otherwise (format=xml and unknown formats too)', async () => {
    const mock = makeMock(1);
    const type = async (o: Parameters<typeof call>[3]) => (await call(mock, 'GET', `${V1}/room/teamroom22`, o)).headers['content-type'];
    assert.match((await type({ format: 'json' }))!, /^application\/json/);
    assert.match((await type({ format: 'accept' }))!, /^application\/json/);
    assert.match((await type({ format: 'xml' }))!, /^application\/xml/);
    assert.match((await type({ format: 'xml', query: { format: 'xml' } }))!, /^application\/xml/);
    assert.match((await type({ format: 'xml', query: { format: 'yaml' } }))!, /^application\/xml/);
  });
  it('[decision nextcloud-talk/not-found-hides-existence] an unknown room and a room the caller is not in both answer 404 with data [] and no message', async () => {
    const mock = makeMock(1);
    const unknown = await call(mock, 'GET', `${V1}/room/nosuchroom1`);
    const foreign = await call(mock, 'GET', `${V1}/room/teamroom22`, { as: 'dave' });
    const guestless = await call(mock, 'GET', `${V1}/chat/teamroom22`, { as: null, query: { lookIntoFuture: 0 } });
    for (const r of [unknown, foreign]) {
      assert.equal(r.status, 404);
      assert.deepEqual(r.json.ocs, { meta: { status: 'failure', statuscode: 404, message: '' }, data: [] });
    }
    assert.equal(unknown.text, foreign.text);
    assert.equal(guestless.status, 404, 'a guest without a session in a non-public room');
  });
  it('[decision nextcloud-talk/read-only-endpoint] PUT read-only with state 1 locks chat and calls (403), state 0 unlocks; other states 400', async () => {
    const mock = makeMock(1);
    const setState = (state: number) => call(mock, 'PUT', `${V1}/room/teamroom22/read-only`, { body: { state } });
    assert.equal((await setState(2)).status, 400);
    assert.equal((await setState(1)).status, 200);
    assert.equal((await call(mock, 'GET', `${V1}/room/teamroom22`)).json.ocs.data.readOnly, 1);
    assert.equal((await call(mock, 'POST', `${V1}/chat/teamroom22`, { as: 'bob', body: { message: 'x' } })).status, 403);
    await join(mock, 'teamroom22', 'bob');
    assert.equal((await call(mock, 'POST', `${V1}/call/teamroom22`, { as: 'bob' })).status, 403);
    assert.equal((await setState(0)).status, 200);
    assert.equal((await call(mock, 'POST', `${V1}/chat/teamroom22`, { as: 'bob', body: { message: 'x' } })).status, 201);
  });
});

describe('signaling', () => {
  it('[decision nextcloud-talk/external-signaling-not-modelled] the mock reports internal signaling: no server, no ticket', async () => {
    const r = await call(makeMock(1), 'GET', `${V1}/signaling/settings`);
    assert.equal(r.status, 200);
    assert.equal(r.json.ocs.data.server, '');
    assert.equal(r.json.ocs.data.ticket, '');
  });
  it('[decision nextcloud-talk/signaling-pull-404] a pull without a session, or for an unknown room, is 404 ending with an empty usersInRoom', async () => {
    const mock = makeMock(1);
    for (const token of ['teamroom22', 'nosuchroom1']) {
      const r = await call(mock, 'GET', `${V1}/signaling/${token}`);
      assert.equal(r.status, 404);
      assert.deepEqual(r.json.ocs.data.at(-1), { type: 'usersInRoom', data: [] });
    }
    await join(mock, 'teamroom22');
    assert.equal((await call(mock, 'GET', `${V1}/signaling/teamroom22`)).status, 200);
  });
  it('[decision nextcloud-talk/signaling-400] with external signaling, pull and send are 400 "Internal signaling disabled."; messages that are not a JSON array are 400 []', async () => {
    const mock = makeMock(1);
    await join(mock, 'teamroom22');
    const bad = await call(mock, 'POST', `${V1}/signaling/teamroom22`, { body: { messages: '{"not":"a list"}' } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json.ocs.data, []);
    mock.ctx.config.signaling.mode = 'external';
    for (const [method, o] of [['GET', {}], ['POST', { body: { messages: '[]' } }]] as const) {
      const r = await call(mock, method, `${V1}/signaling/teamroom22`, o);
      assert.equal(r.status, 400);
      assert.equal(r.json.ocs.data, 'Internal signaling disabled.');
    }
  });
});
