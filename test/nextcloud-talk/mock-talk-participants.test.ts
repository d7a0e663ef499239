// Leaving rooms, removing oneself, promotion targets and locked one-to-one rooms: each behaviour
// the spec states for the participant operations (seed 004 plus the platform's RoomController),
// asserted against the mock, with the faults that break them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, guestBrowser, join, makeMock, V1 } from './mock-talk-support.ts';

type Mock = ReturnType<typeof makeMock>;
const listed = async (mock: Mock, token: string, as = 'alice') => {
  const r = await call(mock, 'GET', `${V1}/room/${token}/participants`, { as });
  assert.equal(r.status, 200, r.text);
  return new Map<string, number>(r.json.ocs.data.map((p: any) => [p.userId || `guest:${p.sessionId}`, p.participantType]));
};
const guestJoin = async (mock: Mock, token: string) => {
  const g = await guestBrowser(mock);
  const headers = { cookie: g.cookie, requesttoken: g.requesttoken };
  const r = await call(mock, 'POST', `${V1}/room/${token}/participants/active`, { as: null, ocs: false, headers });
  assert.equal(r.status, 200, r.text);
  return { headers, sessionId: r.json.ocs.data.sessionId as string };
};

describe('a guest joining again', () => {
  it('[decision nextcloud-talk/guest-rejoin-same-participant] a guest joining again with its cookie is the same participant: a guest moderator stays type 6, under a new session id', async () => {
    for (const [faults, type] of [[[], 6], [['guest-rejoin-new-participant'], 4]] as const) {
      const mock = makeMock(1, { faults: [...faults] });
      const guest = await guestJoin(mock, 'publicroom3');
      assert.equal((await call(mock, 'POST', `${V1}/room/publicroom3/moderators`, { body: { sessionId: guest.sessionId } })).status, 200);
      const again = await call(mock, 'POST', `${V1}/room/publicroom3/participants/active`, { as: null, ocs: false, headers: guest.headers });
      assert.equal(again.status, 200, again.text);
      const session = again.json.ocs.data.sessionId as string;
      assert.notEqual(session, guest.sessionId);
      const guests = [...(await listed(mock, 'publicroom3'))].filter(([k]) => k.startsWith('guest:'));
      assert.deepEqual(guests, [[`guest:${session}`, type]], faults.join() || 'no fault');
    }
  });
});

describe('leaving a room', () => {
  it('[decision nextcloud-talk/leave-room-no-op] leaving an unknown room, a room one is not in, or without a session answers 200 and changes nothing', async () => {
    const mock = makeMock(1);
    for (const [token, as] of [['nosuchroom1', 'alice'], ['teamroom22', 'dave'], ['alicebob11', 'carol'], ['teamroom22', 'carol']] as const) {
      const r = await call(mock, 'DELETE', `${V1}/room/${token}/participants/active`, { as });
      assert.equal(r.status, 200, `${token} as ${as}: ${r.text}`);
      assert.deepEqual(r.json.ocs.data, []);
    }
    assert.equal((await listed(mock, 'teamroom22')).get('carol'), 3, 'a user without a session stays a participant');
    assert.equal((await listed(mock, 'teamroom22')).has('dave'), false);
  });
  it('a user leaving keeps the membership; a guest leaving is removed', async () => {
    const mock = makeMock(1);
    await join(mock, 'publicroom3', 'bob');
    assert.equal((await call(mock, 'DELETE', `${V1}/room/publicroom3/participants/active`, { as: 'bob' })).status, 200);
    assert.equal((await listed(mock, 'publicroom3')).get('bob'), 3);
    const guest = await guestJoin(mock, 'publicroom3');
    assert.equal((await listed(mock, 'publicroom3')).get(`guest:${guest.sessionId}`), 4);
    assert.equal((await call(mock, 'DELETE', `${V1}/room/publicroom3/participants/active`, { as: null, ocs: false, headers: guest.headers })).status, 200);
    assert.equal((await listed(mock, 'publicroom3')).has(`guest:${guest.sessionId}`), false);
  });
  it('fault leave-room-not-member-404', async () => {
    const mock = makeMock(1, { faults: ['leave-room-not-member-404'] });
    assert.equal((await call(mock, 'DELETE', `${V1}/room/teamroom22/participants/active`, { as: 'dave' })).status, 404);
  });
});

describe('removing oneself', () => {
  it('[decision nextcloud-talk/remove-participant-self] naming oneself in removeParticipant is removeSelf: a plain user leaves (200), the last moderator gets 400', async () => {
    const mock = makeMock(1);
    // alice owns readonly22 with two plain users: the seed's 400 "no other moderator left" is reachable here.
    let r = await call(mock, 'DELETE', `${V1}/room/readonly22/participants`, { query: { participant: 'alice' } });
    assert.equal(r.status, 400, r.text);
    assert.equal((await listed(mock, 'readonly22')).get('alice'), 1);
    // A plain user (not a moderator) naming itself leaves instead of the 403 other targets get.
    r = await call(mock, 'DELETE', `${V1}/room/readonly22/participants`, { as: 'carol', query: { participant: 'carol' } });
    assert.equal(r.status, 200, r.text);
    assert.equal((await listed(mock, 'readonly22')).has('carol'), false);
    r = await call(mock, 'DELETE', `${V1}/room/readonly22/participants`, { as: 'bob', query: { participant: 'alice' } });
    assert.equal(r.status, 403, 'other targets still need a moderator');
  });
  it('removeSelf: the last moderator cannot leave while users remain; with another moderator it can; the last one out deletes the room', async () => {
    const mock = makeMock(1);
    assert.equal((await call(mock, 'DELETE', `${V1}/room/readonly22/participants/self`)).status, 400);
    assert.equal((await call(mock, 'POST', `${V1}/room/readonly22/moderators`, { body: { participant: 'bob' } })).status, 200);
    assert.equal((await call(mock, 'DELETE', `${V1}/room/readonly22/participants/self`)).status, 200);
    assert.equal((await call(mock, 'GET', `${V1}/room/readonly22`)).status, 404, 'who left no longer finds the room');
    for (const who of ['carol', 'bob']) assert.equal((await call(mock, 'DELETE', `${V1}/room/readonly22/participants/self`, { as: who })).status, 200);
    assert.equal(mock.ctx.store.room('readonly22'), undefined);
  });
  it('faults remove-self-by-name-forbidden and last-moderator-may-leave', async () => {
    let mock = makeMock(1, { faults: ['remove-self-by-name-forbidden'] });
    assert.equal((await call(mock, 'DELETE', `${V1}/room/readonly22/participants`, { query: { participant: 'alice' } })).status, 403);
    mock = makeMock(1, { faults: ['last-moderator-may-leave'] });
    assert.equal((await call(mock, 'DELETE', `${V1}/room/readonly22/participants/self`)).status, 200);
  });
});

describe('moderators', () => {
  it('[decision nextcloud-talk/promote-400] promoting an owner, a moderator or a guest moderator is 400; unknown is 404; non-moderators 403', async () => {
    const mock = makeMock(1);
    const promote = (body: Record<string, string>, as = 'alice', token = 'teamroom22') => call(mock, 'POST', `${V1}/room/${token}/moderators`, { as, body });
    assert.equal((await promote({ participant: 'alice' }, 'bob')).status, 400, 'the owner');
    assert.equal((await promote({ participant: 'bob' })).status, 400, 'a moderator');
    assert.equal((await promote({ participant: 'dave' })).status, 404);
    assert.equal((await promote({ participant: 'carol' }, 'carol')).status, 403);
    const guest = await guestJoin(mock, 'publicroom3');
    assert.equal((await promote({ sessionId: guest.sessionId }, 'alice', 'publicroom3')).status, 200);
    assert.equal((await promote({ sessionId: guest.sessionId }, 'alice', 'publicroom3')).status, 400, 'a guest moderator');
    assert.equal((await call(makeMock(1, { faults: ['promote-owner-403'] }), 'POST', `${V1}/room/teamroom22/moderators`, { as: 'bob', body: { participant: 'alice' } })).status, 403);
  });
  it('demoting oneself is 403 before any lookup (users and guest moderators); a plain user is 400', async () => {
    const mock = makeMock(1);
    const demote = (query: Record<string, string>, o: { as?: string | null; headers?: Record<string, string>; token?: string } = {}) =>
      call(mock, 'DELETE', `${V1}/room/${o.token ?? 'teamroom22'}/moderators`, { as: o.as === undefined ? 'alice' : o.as, query, ...(o.headers ? { headers: o.headers, ocs: false } : {}) });
    assert.equal((await demote({ participant: 'bob' }, { as: 'bob' })).status, 403);
    assert.equal((await demote({ participant: 'alice' })).status, 403, 'the owner demoting itself');
    assert.equal((await demote({ participant: 'carol' })).status, 400);
    const guest = await guestJoin(mock, 'publicroom3');
    await call(mock, 'POST', `${V1}/room/publicroom3/moderators`, { body: { sessionId: guest.sessionId } });
    assert.equal((await demote({ sessionId: guest.sessionId }, { as: null, headers: guest.headers, token: 'publicroom3' })).status, 403);
    assert.equal((await demote({ sessionId: guest.sessionId }, { token: 'publicroom3' })).status, 200);
    assert.equal((await call(makeMock(1, { faults: ['demote-self-allowed'] }), 'DELETE', `${V1}/room/teamroom22/moderators`, { as: 'bob', query: { participant: 'bob' } })).status, 200);
  });
});

describe('guests among the participants', () => {
  it('[decision nextcloud-talk/remove-guest-not-guest] removeGuest: unknown 404, a user\'s session 400, a guest moderator\'s own session 403, another guest 200', async () => {
    const mock = makeMock(1);
    const bobSession = await join(mock, 'publicroom3', 'bob');
    const g1 = await guestJoin(mock, 'publicroom3');
    const g2 = await guestJoin(mock, 'publicroom3');
    const remove = (participant: string, o: { headers?: Record<string, string> } = {}) =>
      call(mock, 'DELETE', `${V1}/room/publicroom3/participants/guests`, { query: { participant }, ...(o.headers ? { as: null, ocs: false, headers: o.headers } : {}) });
    assert.equal((await remove('x'.repeat(512))).status, 404);
    assert.equal((await remove(bobSession)).status, 400);
    assert.equal((await remove(g2.sessionId, { headers: g1.headers })).status, 403, 'a plain guest is no moderator');
    await call(mock, 'POST', `${V1}/room/publicroom3/moderators`, { body: { sessionId: g1.sessionId } });
    assert.equal((await remove(g1.sessionId, { headers: g1.headers })).status, 403, 'its own session');
    assert.equal((await remove(g2.sessionId, { headers: g1.headers })).status, 200);
    assert.equal((await listed(mock, 'publicroom3')).has(`guest:${g2.sessionId}`), false);
  });
  it('a plain guest may not list the participants (403); a guest moderator may', async () => {
    const mock = makeMock(1);
    const g = await guestJoin(mock, 'publicroom3');
    const list = () => call(mock, 'GET', `${V1}/room/publicroom3/participants`, { as: null, ocs: false, headers: g.headers });
    assert.equal((await list()).status, 403);
    await call(mock, 'POST', `${V1}/room/publicroom3/moderators`, { body: { sessionId: g.sessionId } });
    assert.equal((await list()).status, 200);
    const faulty = makeMock(1, { faults: ['guest-lists-participants'] });
    const fg = await guestJoin(faulty, 'publicroom3');
    assert.equal((await call(faulty, 'GET', `${V1}/room/publicroom3/participants`, { as: null, ocs: false, headers: fg.headers })).status, 200);
  });
});

describe('locked one-to-one rooms', () => {
  it('creating: with oneself 403, unknown user 404, new 201 (both owners), existing 200 with the token only', async () => {
    const mock = makeMock(1);
    const create = (invite: string, as = 'alice') => call(mock, 'POST', `${V1}/room`, { as, body: { roomType: 1, invite } });
    assert.equal((await create('alice')).status, 403);
    assert.equal((await create('nobody')).status, 404);
    const made = await create('carol');
    assert.equal(made.status, 201, made.text);
    const token = made.json.ocs.data.token;
    assert.deepEqual([...(await listed(mock, token)).entries()].sort(), [['alice', 1], ['carol', 1]]);
    const again = await create('alice', 'carol');
    assert.equal(again.status, 200);
    assert.deepEqual(again.json.ocs.data, { token });
    assert.deepEqual((await create('bob')).json.ocs.data, { token: 'alicebob11' });
  });
  it('nobody is added, promoted or removed (400); the room is not deleted (400) nor renamed; it is only left', async () => {
    const mock = makeMock(1);
    const T = `${V1}/room/alicebob11`;
    assert.equal((await call(mock, 'POST', `${T}/participants`, { body: { newParticipant: 'carol' } })).status, 400);
    assert.equal((await call(mock, 'POST', `${T}/participants`, { body: { newParticipant: 'x@example.org', source: 'emails' } })).status, 400);
    assert.equal((await call(mock, 'POST', `${T}/moderators`, { body: { participant: 'bob' } })).status, 400, 'the other member is an owner');
    assert.equal((await call(mock, 'DELETE', `${T}/participants`, { query: { participant: 'bob' } })).status, 400);
    assert.equal((await call(mock, 'DELETE', T)).status, 400);
    assert.equal((await call(mock, 'POST', `${T}/public`)).status, 400);
    assert.equal((await call(mock, 'PUT', `${T}/read-only`, { body: { state: 1 } })).status, 400);
    assert.deepEqual([...(await listed(mock, 'alicebob11')).keys()].sort(), ['alice', 'bob']);
  });
  it('[decision nextcloud-talk/rename-one-to-one-405] renaming a one-to-one room is 405 with an OCS body and no Allow header', async () => {
    const r = await call(makeMock(1), 'PUT', `${V1}/room/alicebob11`, { body: { roomName: 'N' } });
    assert.equal(r.status, 405);
    assert.equal(r.json.ocs.meta.status, 'failure');
    assert.equal(r.headers.allow, undefined);
  });
  it('who left is re-added as owner when the other member posts, joins the call or asks for the room; both gone deletes it', async () => {
    const mock = makeMock(1);
    const leave = (as: string) => call(mock, 'DELETE', `${V1}/room/alicebob11/participants`, { as, query: { participant: as } });
    assert.equal((await leave('bob')).status, 200, 'naming oneself leaves a one-to-one room too');
    assert.equal((await listed(mock, 'alicebob11')).has('bob'), false);
    assert.equal((await call(mock, 'POST', `${V1}/chat/alicebob11`, { body: { message: 'still there?' } })).status, 201);
    assert.equal((await listed(mock, 'alicebob11')).get('bob'), 1);

    assert.equal((await call(mock, 'DELETE', `${V1}/room/alicebob11/participants/self`, { as: 'bob' })).status, 200);
    await join(mock, 'alicebob11', 'alice');
    assert.equal((await call(mock, 'POST', `${V1}/call/alicebob11`)).status, 200);
    assert.equal((await listed(mock, 'alicebob11')).get('bob'), 1);

    assert.equal((await call(mock, 'DELETE', `${V1}/room/alicebob11/participants/self`)).status, 200);
    assert.equal((await call(mock, 'POST', `${V1}/room`, { as: 'bob', body: { roomType: 1, invite: 'alice' } })).status, 200);
    assert.equal((await listed(mock, 'alicebob11', 'bob')).get('alice'), 1);

    for (const who of ['alice', 'bob']) assert.equal((await call(mock, 'DELETE', `${V1}/room/alicebob11/participants/self`, { as: who })).status, 200);
    assert.equal(mock.ctx.store.room('alicebob11'), undefined);
  });
  it('fault one-to-one-not-readded', async () => {
    const mock = makeMock(1, { faults: ['one-to-one-not-readded'] });
    await call(mock, 'DELETE', `${V1}/room/alicebob11/participants/self`, { as: 'bob' });
    await call(mock, 'POST', `${V1}/chat/alicebob11`, { body: { message: 'still there?' } });
    assert.equal((await listed(mock, 'alicebob11')).has('bob'), false);
  });
});

describe('creating rooms', () => {
  it('a group room without invite and a public room need a name (400 when empty after trimming); a group invite names the group', async () => {
    const mock = makeMock(1);
    for (const body of [{ roomType: 2 }, { roomType: 3, roomName: '   ' }, { roomType: 4, roomName: 'x' }]) {
      assert.equal((await call(mock, 'POST', `${V1}/room`, { body })).status, 400, JSON.stringify(body));
    }
    assert.equal((await call(mock, 'POST', `${V1}/room`, { body: { roomType: 2, invite: 'nogroup' } })).status, 404);
  });
});
