// Seed 004 (Talk API v1), rule by rule, for the rules no other test or check asserted: adding
// and removing participants, joining with passwords, demotion, guests' per-user endpoints, the
// mention suggestions and the system messages. Each `it` names the seed's phrase it holds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, guestBrowser, join, makeMock, V1 } from './mock-talk-support.ts';

type Mock = ReturnType<typeof makeMock>;
const types = async (mock: Mock, token: string) =>
  new Map<string, number>((await call(mock, 'GET', `${V1}/room/${token}/participants`)).json.ocs.data.map((p: any) => [p.userId, p.participantType]));
const guest = async (mock: Mock, token: string) => {
  const g = await guestBrowser(mock);
  const headers = { cookie: g.cookie, requesttoken: g.requesttoken };
  const joined = await call(mock, 'POST', `${V1}/room/${token}/participants/active`, { as: null, ocs: false, headers });
  return { o: { as: null, ocs: false, headers } as const, sessionId: joined.json?.ocs?.data?.sessionId as string | undefined, status: joined.status };
};
const systemMessages = async (mock: Mock, token: string, n: number) =>
  (await call(mock, 'GET', `${V1}/chat/${token}`, { query: { lookIntoFuture: 0, limit: n } })).json.ocs.data.map((m: any) => m.systemMessage).reverse();

describe('seed 004: add a participant', () => {
  it('"400 when the source type is unknown", "404 when the user or group to add could not be found"', async () => {
    const mock = makeMock(1);
    const add = (body: Record<string, string>) => call(mock, 'POST', `${V1}/room/teamroom22/participants`, { body });
    assert.equal((await add({ newParticipant: 'dave', source: 'circles-of-friends' })).status, 400);
    assert.equal((await add({ newParticipant: 'nobody' })).status, 404);
    assert.equal((await add({ newParticipant: 'nogroup', source: 'groups' })).status, 404);
    assert.equal((await add({ newParticipant: 'dave' })).status, 200);
    assert.equal((await types(mock, 'teamroom22')).get('dave'), 3, 'an added user is a plain user');
  });
  it('"type: in case the room type changed, the new value is returned" (inviting an e-mail makes a group room public)', async () => {
    const mock = makeMock(1);
    const r = await call(mock, 'POST', `${V1}/room/teamroom22/participants`, { body: { newParticipant: 'guest@example.org', source: 'emails' } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.ocs.data, { type: 3 });
    assert.equal((await call(mock, 'GET', `${V1}/room/teamroom22`)).json.ocs.data.type, 3);
    const again = await call(mock, 'POST', `${V1}/room/teamroom22/participants`, { body: { newParticipant: 'other@example.org', source: 'emails' } });
    assert.deepEqual(again.json.ocs.data, [], 'unchanged type: data is []');
  });
});

describe('seed 004: remove participants', () => {
  it('"404 when the participant to remove could not be found"; "404 when the room could not be found for the participant"', async () => {
    const mock = makeMock(1);
    assert.equal((await call(mock, 'DELETE', `${V1}/room/teamroom22/participants`, { query: { participant: 'dave' } })).status, 404);
    assert.equal((await call(mock, 'DELETE', `${V1}/room/teamroom22/participants`, { as: 'dave', query: { participant: 'carol' } })).status, 404);
    assert.equal((await call(mock, 'DELETE', `${V1}/room/teamroom22/participants/self`, { as: 'dave' })).status, 404);
  });
  it('remove a guest: "403 when the current user is not a moderator/owner", "404 when the target participant could not be found"', async () => {
    const mock = makeMock(1);
    const g = await guest(mock, 'publicroom3');
    const remove = (as: string, participant: string) => call(mock, 'DELETE', `${V1}/room/publicroom3/participants/guests`, { as, query: { participant } });
    assert.equal((await remove('bob', g.sessionId!)).status, 403, 'bob is a plain user there');
    assert.equal((await remove('alice', 'A'.repeat(512))).status, 404);
    assert.equal((await remove('alice', g.sessionId!)).status, 200);
    assert.equal((await call(mock, 'GET', `${V1}/room/publicroom3`, g.o)).json.ocs.data.participantType, 4, 'the removed guest is a visitor again');
  });
});

describe('seed 004: join a room', () => {
  it('"password is only required for users which are of type 4 or 5": members join a protected room without it, a self-joining user needs it', async () => {
    const mock = makeMock(1);
    assert.equal((await call(mock, 'POST', `${V1}/room/protected33/participants/active`)).status, 200, 'the owner');
    assert.equal((await call(mock, 'POST', `${V1}/room/protected33/participants/active`, { as: 'carol' })).status, 403, 'a user following the link, no password');
    const joined = await call(mock, 'POST', `${V1}/room/protected33/participants/active`, { as: 'carol', body: { password: 'room-password' } });
    assert.equal(joined.status, 200);
    assert.match(joined.json.ocs.data.sessionId, /^[A-Za-z0-9+/]{512}$/);
    assert.equal((await types(mock, 'protected33')).get('carol'), 5, 'a user following a public link');
  });
  it('"404 when the room could not be found for the participant": a group room the user is not in', async () => {
    const mock = makeMock(1);
    assert.equal((await call(mock, 'POST', `${V1}/room/teamroom22/participants/active`, { as: 'dave' })).status, 404);
    assert.equal((await call(mock, 'POST', `${V1}/room/nosuchroom1/participants/active`)).status, 404);
  });
});

describe('seed 004: demote a moderator', () => {
  it('"403 when the current user is not a moderator/owner", "404 when the participant to demote could not be found"', async () => {
    const mock = makeMock(1);
    assert.equal((await call(mock, 'DELETE', `${V1}/room/teamroom22/moderators`, { as: 'carol', query: { participant: 'bob' } })).status, 403);
    assert.equal((await call(mock, 'DELETE', `${V1}/room/teamroom22/moderators`, { query: { participant: 'dave' } })).status, 404);
    assert.equal((await call(mock, 'DELETE', `${V1}/room/teamroom22/moderators`, { query: { participant: 'bob' } })).status, 200);
    assert.equal((await types(mock, 'teamroom22')).get('bob'), 3);
  });
});

describe('seed 004: one-to-one rooms', () => {
  it('"roomName (not available for roomType = 1)": a name sent for a one-to-one room is ignored', async () => {
    const mock = makeMock(1);
    const r = await call(mock, 'POST', `${V1}/room`, { body: { roomType: 1, invite: 'carol', roomName: 'Secret plans' } });
    assert.equal(r.status, 201);
    const room = (await call(mock, 'GET', `${V1}/room/${r.json.ocs.data.token}`)).json.ocs.data;
    assert.notEqual(room.name, 'Secret plans');
    assert.equal(room.displayName, 'Carol Cooper', 'displayName falls back to the other participant');
  });
  it('faults one-to-one-unlocked and read-only-call-accepted', async () => {
    let mock = makeMock(1, { faults: ['one-to-one-unlocked'] });
    assert.equal((await call(mock, 'POST', `${V1}/room/alicebob11/participants`, { body: { newParticipant: 'carol' } })).status, 200);
    assert.equal((await call(mock, 'DELETE', `${V1}/room/alicebob11`)).status, 200);
    mock = makeMock(1, { faults: ['read-only-call-accepted'] });
    await join(mock, 'readonly22');
    assert.equal((await call(mock, 'POST', `${V1}/call/readonly22`)).status, 200);
  });
});

describe('seed 004: guests', () => {
  it('"404 when the room could not be found for the participant or the participant is a guest" (favorites and notification level)', async () => {
    const mock = makeMock(1);
    const g = await guest(mock, 'publicroom3');
    for (const [method, path, body] of [['POST', 'favorite', undefined], ['DELETE', 'favorite', undefined], ['POST', 'notify', { level: 1 }]] as const) {
      assert.equal((await call(mock, method, `${V1}/room/publicroom3/${path}`, { ...g.o, ...(body ? { body } : {}) })).status, 404, `${method} ${path}`);
    }
    assert.equal((await call(mock, 'POST', `${V1}/room/publicroom3/favorite`, { as: 'bob' })).status, 200);
    assert.equal((await call(mock, 'GET', `${V1}/room/publicroom3`, { as: 'bob' })).json.ocs.data.isFavorite, true);
    assert.equal((await call(mock, 'DELETE', `${V1}/room/publicroom3/favorite`, { as: 'bob' })).status, 200);
    assert.equal((await call(mock, 'GET', `${V1}/room/publicroom3`, { as: 'bob' })).json.ocs.data.isFavorite, false);
  });
  it('set display name: "404 when the room is not found or the session does not exist in the room"', async () => {
    const mock = makeMock(1);
    const g = await guest(mock, 'publicroom3');
    assert.equal((await call(mock, 'POST', `${V1}/guest/nosuchroom1/name`, { ...g.o, body: { displayName: 'V' } })).status, 404);
    assert.equal((await call(mock, 'POST', `${V1}/guest/protected33/name`, { ...g.o, body: { displayName: 'V' } })).status, 404, 'no session in that room');
    assert.equal((await call(mock, 'POST', `${V1}/guest/publicroom3/name`, { ...g.o, body: { displayName: 'V' } })).status, 200);
  });
  it('disallow guests: the public room becomes a group room, its guests lose it; "403 when the current user is not a moderator/owner"', async () => {
    const mock = makeMock(1);
    const g = await guest(mock, 'publicroom3');
    assert.equal((await call(mock, 'DELETE', `${V1}/room/publicroom3/public`, { as: 'bob' })).status, 403);
    assert.equal((await call(mock, 'DELETE', `${V1}/room/publicroom3/public`)).status, 200);
    assert.equal((await call(mock, 'GET', `${V1}/room/publicroom3`)).json.ocs.data.type, 2);
    assert.equal((await call(mock, 'GET', `${V1}/room/publicroom3`, g.o)).status, 404);
    assert.equal((await guest(mock, 'publicroom3')).status, 404, 'no new guests');
    assert.equal((await call(mock, 'POST', `${V1}/room/publicroom3/public`)).status, 200);
    assert.equal((await guest(mock, 'publicroom3')).status, 200);
  });
  it('"actorDisplayName: guest display name (ignored for logged in users)"', async () => {
    const mock = makeMock(1);
    const byUser = await call(mock, 'POST', `${V1}/chat/publicroom3`, { as: 'bob', body: { message: 'hi', actorDisplayName: 'Not Bob' } });
    assert.equal(byUser.json.ocs.data.actorDisplayName, 'Bob Baker');
    const g = await guest(mock, 'publicroom3');
    const byGuest = await call(mock, 'POST', `${V1}/chat/publicroom3`, { ...g.o, body: { message: 'hi', actorDisplayName: 'Visitor' } });
    assert.equal(byGuest.status, 201);
    assert.equal(byGuest.json.ocs.data.actorDisplayName, 'Visitor');
    assert.equal(byGuest.json.ocs.data.actorType, 'guests');
  });
});

describe('seed 004: chat', () => {
  it('mention suggestions: "id, label, source users", matching the search, "20 by default"; 404 outside the room', async () => {
    const mock = makeMock(1);
    const r = await call(mock, 'GET', `${V1}/chat/teamroom22/mentions`, { query: { search: 'car' } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.ocs.data, [{ id: 'carol', label: 'Carol Cooper', source: 'users' }]);
    assert.equal((await call(mock, 'GET', `${V1}/chat/teamroom22/mentions`, { query: { search: '', limit: 2 } })).json.ocs.data.length, 2);
    assert.equal((await call(mock, 'GET', `${V1}/chat/teamroom22/mentions`, { as: 'dave', query: { search: 'a' } })).status, 404);
  });
  it('system messages: renamed, guests allowed/disallowed, password set/removed, moderator promoted/demoted, user removed', async () => {
    const mock = makeMock(1);
    const T = `${V1}/room/teamroom22`;
    await call(mock, 'PUT', T, { body: { roomName: 'Team 2' } });
    await call(mock, 'POST', `${T}/public`);
    await call(mock, 'PUT', `${T}/password`, { body: { password: 'pw' } });
    await call(mock, 'PUT', `${T}/password`, { body: { password: '' } });
    await call(mock, 'DELETE', `${T}/public`);
    await call(mock, 'POST', `${T}/moderators`, { body: { participant: 'carol' } });
    await call(mock, 'DELETE', `${T}/moderators`, { query: { participant: 'carol' } });
    await call(mock, 'DELETE', `${T}/participants`, { query: { participant: 'carol' } });
    assert.deepEqual(await systemMessages(mock, 'teamroom22', 8), [
      'conversation_renamed', 'guests_allowed', 'password_set', 'password_removed', 'guests_disallowed', 'moderator_promoted', 'moderator_demoted', 'user_removed',
    ]);
  });
  it('"404 when the room could not be found for the participant" for reading and posting; "400 in case of any other error" for a blank message', async () => {
    const mock = makeMock(1);
    assert.equal((await call(mock, 'GET', `${V1}/chat/teamroom22`, { as: 'dave', query: { lookIntoFuture: 0 } })).status, 404);
    assert.equal((await call(mock, 'POST', `${V1}/chat/teamroom22`, { as: 'dave', body: { message: 'x' } })).status, 404);
    assert.equal((await call(mock, 'POST', `${V1}/chat/teamroom22`, { body: { message: '  ' } })).status, 400);
  });
});

describe('seed 004: only moderators manage participants', () => {
  it('"403 when the current user is not a moderator/owner" for adding and removing; fault members-managed-by-non-moderator', async () => {
    const mock = makeMock(1);
    assert.equal((await call(mock, 'POST', `${V1}/room/teamroom22/participants`, { as: 'carol', body: { newParticipant: 'dave' } })).status, 403);
    assert.equal((await call(mock, 'DELETE', `${V1}/room/teamroom22/participants`, { as: 'carol', query: { participant: 'bob' } })).status, 403);
    const faulty = makeMock(1, { faults: ['members-managed-by-non-moderator'] });
    assert.equal((await call(faulty, 'POST', `${V1}/room/teamroom22/participants`, { as: 'carol', body: { newParticipant: 'dave' } })).status, 200);
  });
});
