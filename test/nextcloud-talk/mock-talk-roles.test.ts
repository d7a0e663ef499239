// Who may do what in the Talk mock: the permissions matrix per participant type, moderator
// promotion/demotion, call flags, read-only rooms and the lobby, guests, and the two kinds of
// clients (API clients with Basic auth + OCS-APIRequest, browsers with cookie + requesttoken).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, guestBrowser, join, makeMock, V1, type CallOptions } from './mock-talk-support.ts';

type Cell = [user: string, status: number];
const MATRIX: { name: string; method: string; path: string; o?: CallOptions; expect: Cell[] }[] = [
  { name: 'rename', method: 'PUT', path: '/room/teamroom22', o: { body: { roomName: 'N' } }, expect: [['alice', 200], ['bob', 200], ['carol', 403], ['dave', 404]] },
  { name: 'read-only', method: 'PUT', path: '/room/teamroom22/read-only', o: { body: { state: 1 } }, expect: [['alice', 200], ['bob', 200], ['carol', 403], ['dave', 404]] },
  { name: 'lobby', method: 'PUT', path: '/room/teamroom22/webinary/lobby', o: { body: { state: 1 } }, expect: [['alice', 200], ['bob', 200], ['carol', 403], ['dave', 404]] },
  { name: 'make public', method: 'POST', path: '/room/teamroom22/public', expect: [['alice', 200], ['bob', 200], ['carol', 403], ['dave', 404]] },
  { name: 'add participant', method: 'POST', path: '/room/teamroom22/participants', o: { body: { newParticipant: 'dave' } }, expect: [['alice', 200], ['bob', 200], ['carol', 403], ['dave', 404]] },
  { name: 'remove the owner', method: 'DELETE', path: '/room/teamroom22/participants', o: { query: { participant: 'alice' } }, expect: [['bob', 403], ['carol', 403], ['dave', 404]] },
  { name: 'remove a user', method: 'DELETE', path: '/room/teamroom22/participants', o: { query: { participant: 'carol' } }, expect: [['alice', 200], ['bob', 200], ['dave', 404]] },
  { name: 'promote', method: 'POST', path: '/room/teamroom22/moderators', o: { body: { participant: 'carol' } }, expect: [['alice', 200], ['bob', 200], ['carol', 403], ['dave', 404]] },
  { name: 'participants', method: 'GET', path: '/room/teamroom22/participants', expect: [['alice', 200], ['bob', 200], ['carol', 200], ['dave', 404]] },
  { name: 'delete room', method: 'DELETE', path: '/room/teamroom22', expect: [['alice', 200], ['bob', 200], ['carol', 403], ['dave', 404]] },
  { name: 'password on a group room', method: 'PUT', path: '/room/teamroom22/password', o: { body: { password: 'x' } }, expect: [['alice', 403], ['carol', 403]] },
  { name: 'password on a public room', method: 'PUT', path: '/room/publicroom3/password', o: { body: { password: 'x' } }, expect: [['alice', 200], ['bob', 403], ['carol', 404]] },
  { name: 'rename one-to-one', method: 'PUT', path: '/room/alicebob11', o: { body: { roomName: 'N' } }, expect: [['alice', 405], ['carol', 404]] },
];

describe('permissions matrix', () => {
  for (const row of MATRIX) {
    it(row.name, async () => {
      for (const [user, status] of row.expect) {
        const r = await call(makeMock(1), row.method, `${V1}${row.path}`, { ...row.o, as: user });
        assert.equal(r.status, status, `${row.name} as ${user}: ${r.text}`);
      }
    });
  }
  it('faults open what must stay closed', async () => {
    let r = await call(makeMock(1, { faults: ['rename-by-non-moderator'] }), 'PUT', `${V1}/room/teamroom22`, { as: 'carol', body: { roomName: 'N' } });
    assert.equal(r.status, 200);
    r = await call(makeMock(1, { faults: ['password-on-group-room'] }), 'PUT', `${V1}/room/teamroom22/password`, { body: { password: 'x' } });
    assert.equal(r.status, 200);
    r = await call(makeMock(1, { faults: ['owner-removable'] }), 'DELETE', `${V1}/room/teamroom22/participants`, { as: 'bob', query: { participant: 'alice' } });
    assert.equal(r.status, 200);
  });
});

const typeOf = async (mock: ReturnType<typeof makeMock>, id: string) =>
  (await call(mock, 'GET', `${V1}/room/teamroom22/participants`)).json.ocs.data.find((p: any) => p.actorId === id || p.userId === id)?.participantType;

describe('participant roles', () => {
  it('[decision nextcloud-talk/promote-400] promote 3→2, demote 2→3; owners are not promoted (400); only moderators can be demoted', async () => {
    const mock = makeMock(1);
    assert.equal((await call(mock, 'POST', `${V1}/room/teamroom22/moderators`, { body: { participant: 'carol' } })).status, 200);
    assert.equal(await typeOf(mock, 'carol'), 2);
    assert.equal((await call(mock, 'DELETE', `${V1}/room/teamroom22/moderators`, { query: { participant: 'carol' } })).status, 200);
    assert.equal(await typeOf(mock, 'carol'), 3);
    assert.equal((await call(mock, 'DELETE', `${V1}/room/teamroom22/moderators`, { query: { participant: 'carol' } })).status, 400);
    assert.equal((await call(mock, 'POST', `${V1}/room/teamroom22/moderators`, { as: 'bob', body: { participant: 'alice' } })).status, 400);
    assert.equal((await call(mock, 'POST', `${V1}/room/teamroom22/moderators`, { body: { participant: 'dave' } })).status, 404);
  });
  it('[decision nextcloud-talk/participant-type-guest-moderator] a guest is promoted to guest moderator (6) by session id', async () => {
    const mock = makeMock(1);
    const g = await guestBrowser(mock);
    const joined = await call(mock, 'POST', `${V1}/room/publicroom3/participants/active`, { as: null, ocs: false, headers: { cookie: g.cookie, requesttoken: g.requesttoken } });
    const sessionId = joined.json.ocs.data.sessionId;
    assert.equal((await call(mock, 'POST', `${V1}/room/publicroom3/moderators`, { body: { sessionId } })).status, 200);
    const list = (await call(mock, 'GET', `${V1}/room/publicroom3/participants`)).json.ocs.data;
    assert.equal(list.find((p: any) => p.sessionId === sessionId).participantType, 6);
  });
  it('the last moderator cannot leave while users remain', async () => {
    const mock = makeMock(1);
    assert.equal((await call(mock, 'DELETE', `${V1}/room/readonly22/participants/self`)).status, 400);
    assert.equal((await call(mock, 'DELETE', `${V1}/room/readonly22/participants/self`, { as: 'bob' })).status, 200);
  });
  it('fault promote-keeps-user-type', async () => {
    const mock = makeMock(1, { faults: ['promote-keeps-user-type'] });
    await call(mock, 'POST', `${V1}/room/teamroom22/moderators`, { body: { participant: 'carol' } });
    assert.equal(await typeOf(mock, 'carol'), 3);
  });
});

describe('call join/leave with flags', () => {
  it('[decision nextcloud-talk/join-call-flags] [decision nextcloud-talk/in-call-flags] flags are recorded, listed, cleared on leave; the call starts and ends', async () => {
    const mock = makeMock(1);
    assert.equal((await call(mock, 'POST', `${V1}/call/teamroom22`)).status, 404, 'no session yet');
    await join(mock, 'teamroom22');
    await join(mock, 'teamroom22', 'bob');
    // The in-call bit is always set and unknown bits dropped: 2 → 3, 9 → 1.
    assert.equal((await call(mock, 'POST', `${V1}/call/teamroom22`, { body: { flags: 9 } })).status, 200);
    const inCall = async () => (await call(mock, 'GET', `${V1}/room/teamroom22/participants`)).json.ocs.data.filter((p: any) => p.inCall !== 0).map((p: any) => [p.userId, p.inCall]).sort();
    assert.deepEqual(await inCall(), [['alice', 1]]);
    const callMessages = async () => (await call(mock, 'GET', `${V1}/chat/teamroom22`, { query: { lookIntoFuture: 0, limit: 200 } })).json.ocs.data.filter((m: any) => m.systemMessage === 'call_started' || m.systemMessage === 'call_joined').length;
    const beforeRejoin = await callMessages();
    assert.equal((await call(mock, 'POST', `${V1}/call/teamroom22`, { body: { flags: 2 } })).status, 200);
    assert.equal(await callMessages(), beforeRejoin, 'joining again while in the call posts no second call_joined');
    assert.equal((await call(mock, 'POST', `${V1}/call/teamroom22`, { as: 'bob' })).status, 200);
    const peers = (await call(mock, 'GET', `${V1}/call/teamroom22`)).json.ocs.data;
    assert.deepEqual(peers.map((p: any) => [p.userId, p.token]), [['alice', 'teamroom22'], ['bob', 'teamroom22']]);
    assert.deepEqual(await inCall(), [['alice', 3], ['bob', 7]]);
    let room = (await call(mock, 'GET', `${V1}/room/teamroom22`)).json.ocs.data;
    assert.equal(room.hasCall, true);
    assert.equal(room.participantFlags, 3);
    assert.equal(room.participantInCall, true);
    await call(mock, 'DELETE', `${V1}/call/teamroom22`);
    assert.deepEqual((await call(mock, 'GET', `${V1}/call/teamroom22`)).json.ocs.data.map((p: any) => p.userId), ['bob']);
    await call(mock, 'DELETE', `${V1}/call/teamroom22`, { as: 'bob' });
    room = (await call(mock, 'GET', `${V1}/room/teamroom22`)).json.ocs.data;
    assert.equal(room.hasCall, false);
    assert.equal(room.participantFlags, 0);
  });
  it('faults: flags ignored; a leaver still listed', async () => {
    let mock = makeMock(1, { faults: ['call-flags-ignored'] });
    await join(mock, 'teamroom22');
    await call(mock, 'POST', `${V1}/call/teamroom22`, { body: { flags: 1 } });
    assert.equal((await call(mock, 'GET', `${V1}/room/teamroom22/participants`)).json.ocs.data.find((p: any) => p.userId === 'alice').inCall, 7);
    mock = makeMock(1, { faults: ['call-leave-keeps-peer'] });
    await join(mock, 'teamroom22');
    await call(mock, 'POST', `${V1}/call/teamroom22`);
    await call(mock, 'DELETE', `${V1}/call/teamroom22`);
    assert.equal((await call(mock, 'GET', `${V1}/call/teamroom22`)).json.ocs.data.length, 1);
  });
});

describe('read-only rooms and the lobby', () => {
  it('[decision nextcloud-talk/read-only-endpoint] read-only refuses chat and calls to everybody', async () => {
    const mock = makeMock(1);
    for (const as of ['alice', 'bob']) assert.equal((await call(mock, 'POST', `${V1}/chat/readonly22`, { as, body: { message: 'x' } })).status, 403);
    await join(mock, 'readonly22');
    assert.equal((await call(mock, 'POST', `${V1}/call/readonly22`)).status, 403);
    assert.equal((await call(makeMock(1, { faults: ['read-only-chat-accepted'] }), 'POST', `${V1}/chat/readonly22`, { body: { message: 'x' } })).status, 201);
  });
  it('[decision nextcloud-talk/lobby-endpoint] [decision nextcloud-talk/lobby-412] the lobby keeps non-moderators out of chat until its timer passes', async () => {
    const mock = makeMock(1);
    const read = (as: string) => call(mock, 'GET', `${V1}/chat/lobbyroom22`, { as, query: { lookIntoFuture: 0 } });
    assert.equal((await read('carol')).status, 412);
    assert.equal((await read('alice')).status, 200);
    assert.equal((await call(mock, 'GET', `${V1}/room/lobbyroom22`, { as: 'carol' })).json.ocs.data.lobbyState, 1);
    const at = Math.floor(mock.clock.now() / 1000) + 120;
    assert.equal((await call(mock, 'PUT', `${V1}/room/lobbyroom22/webinary/lobby`, { body: { state: 1, timer: at } })).status, 200);
    assert.equal((await read('carol')).status, 412);
    mock.clock.advance(120_000);
    assert.equal((await read('carol')).status, 200);
    assert.equal((await call(makeMock(1, { faults: ['lobby-ignored'] }), 'GET', `${V1}/chat/lobbyroom22`, { as: 'carol', query: { lookIntoFuture: 0 } })).status, 200);
  });
});

describe('guests', () => {
  it('[decision nextcloud-talk/guest-session-cookie] an anonymous API client joins a public room, gets a cookie, names itself and chats', async () => {
    const mock = makeMock(1);
    const joined = await call(mock, 'POST', `${V1}/room/publicroom3/participants/active`, { as: null });
    assert.equal(joined.status, 200);
    const cookie = joined.headers['set-cookie']!.split(';')[0]!;
    assert.match(cookie, /^nc_session_id=/);
    const guest: CallOptions = { as: null, headers: { cookie } };
    assert.equal((await call(mock, 'POST', `${V1}/guest/publicroom3/name`, { ...guest, body: { displayName: 'Visitor' } })).status, 200);
    const sent = await call(mock, 'POST', `${V1}/chat/publicroom3`, { ...guest, body: { message: 'hi' } });
    assert.equal(sent.status, 201);
    assert.equal(sent.json.ocs.data.actorType, 'guests');
    assert.equal(sent.json.ocs.data.actorDisplayName, 'Visitor');
    assert.equal((await call(mock, 'GET', `${V1}/room`, guest)).status, 401);
    assert.equal((await call(mock, 'GET', `${V1}/room/publicroom3`, guest)).json.ocs.data.participantType, 4);
    assert.equal((await call(mock, 'POST', `${V1}/guest/publicroom3/name`, { body: { displayName: 'x' } })).status, 403);
    await call(mock, 'DELETE', `${V1}/room/publicroom3/participants/active`, guest);
    assert.equal((await call(mock, 'POST', `${V1}/guest/publicroom3/name`, { ...guest, body: { displayName: 'y' } })).status, 404);
  });
  it('guests cannot join non-public rooms; passwords are checked', async () => {
    const mock = makeMock(1);
    assert.equal((await call(mock, 'POST', `${V1}/room/teamroom22/participants/active`, { as: null })).status, 404);
    assert.equal((await call(mock, 'POST', `${V1}/room/protected33/participants/active`, { as: null, body: { password: 'nope' } })).status, 403);
    assert.equal((await call(mock, 'POST', `${V1}/room/protected33/participants/active`, { as: null, body: { password: 'room-password' } })).status, 200);
    const faulty = makeMock(1, { faults: ['guest-password-not-checked'] });
    assert.equal((await call(faulty, 'POST', `${V1}/room/protected33/participants/active`, { as: null, body: { password: 'nope' } })).status, 200);
  });
  it('fault guest-name-not-applied', async () => {
    const mock = makeMock(1, { faults: ['guest-name-not-applied'] });
    const cookie = (await call(mock, 'POST', `${V1}/room/publicroom3/participants/active`, { as: null })).headers['set-cookie']!.split(';')[0]!;
    await call(mock, 'POST', `${V1}/guest/publicroom3/name`, { as: null, headers: { cookie }, body: { displayName: 'Visitor' } });
    const sent = await call(mock, 'POST', `${V1}/chat/publicroom3`, { as: null, headers: { cookie }, body: { message: 'hi' } });
    assert.notEqual(sent.json.ocs.data.actorDisplayName, 'Visitor');
  });
});

describe('browser and API clients', () => {
  it('[decision nextcloud-talk/csrf-plain-body] browser: cookie + requesttoken without OCS-APIRequest; missing/wrong token is 412', async () => {
    const mock = makeMock(1);
    const s = JSON.parse((await mock.control('token', { kind: 'session', user: 'alice' })).body as string);
    const browser = (token?: string): CallOptions => ({ as: null, ocs: false, headers: { cookie: s.cookie, ...(token ? { requesttoken: token } : {}) } });
    assert.equal((await call(mock, 'GET', `${V1}/room`, browser(s.requesttoken))).status, 200);
    const bad = await call(mock, 'GET', `${V1}/room`, browser());
    assert.equal(bad.status, 412);
    assert.deepEqual(bad.json, { message: 'CSRF check failed' });
    assert.equal((await call(mock, 'GET', `${V1}/room`, browser('wrong'))).status, 412);
  });
  it('[decision nextcloud-talk/ocs-api-request] API client: Basic auth with password or app password, OCS-APIRequest required', async () => {
    const mock = makeMock(1);
    const { appPassword } = JSON.parse((await mock.control('token', { kind: 'app-password', user: 'bob' })).body as string);
    assert.equal((await call(mock, 'GET', `${V1}/room`, { as: 'bob', password: appPassword })).status, 200);
    assert.equal((await call(mock, 'GET', `${V1}/room`, { as: 'bob' })).status, 200);
    assert.equal((await call(mock, 'GET', `${V1}/room`, { as: 'bob', ocs: false })).status, 412);
    assert.equal((await call(mock, 'GET', `${V1}/room`, { as: 'bob', headers: { 'ocs-apirequest': 'yes' } })).status, 412);
  });
  it('faults: CSRF not enforced, app passwords or browser sessions refused', async () => {
    assert.equal((await call(makeMock(1, { faults: ['csrf-not-enforced'] }), 'GET', `${V1}/room`, { ocs: false })).status, 200);
    const m = makeMock(1, { faults: ['app-password-rejected'] });
    assert.equal((await call(m, 'GET', `${V1}/room`, { password: 'alice-app-password-0001' })).status, 401);
    const b = makeMock(1, { faults: ['browser-session-rejected'] });
    const s = JSON.parse((await b.control('token', { kind: 'session', user: 'alice' })).body as string);
    assert.equal((await call(b, 'GET', `${V1}/room`, { as: null, ocs: false, headers: { cookie: s.cookie, requesttoken: s.requesttoken } })).status, 401);
  });
});
