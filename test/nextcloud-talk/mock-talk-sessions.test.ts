// Sessions, calls and suggestions of the Talk mock as round 5 pinned them: ending a call for
// everyone, leaving a call one is not in, the room password asked only of newcomers, a long-poll
// of a participant removed meanwhile, lastPing on chat reads, and mention suggestions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, guestBrowser, join, makeMock, V1 } from './mock-talk-support.ts';

type Mock = ReturnType<typeof makeMock>;
const newest = async (mock: Mock, token: string, n = 1) =>
  (await call(mock, 'GET', `${V1}/chat/${token}`, { query: { lookIntoFuture: 0, limit: n } })).json.ocs.data as { systemMessage: string; actorId: string; messageParameters: any }[];
const flagsOf = async (mock: Mock, token: string, as: string) => (await call(mock, 'GET', `${V1}/room/${token}`, { as })).json.ocs.data.participantFlags as number;

describe('call: leaving', () => {
  it('a moderator\'s all=true ends the call for everyone (call_ended_everyone, no call_left); a plain user\'s is an ordinary leave', async () => {
    const mock = makeMock(1);
    const CALL = `${V1}/call/teamroom22`;
    for (const as of ['alice', 'bob', 'carol']) {
      await join(mock, 'teamroom22', as);
      assert.equal((await call(mock, 'POST', CALL, { as, body: { flags: 3 } })).status, 200);
    }
    assert.equal((await call(mock, 'DELETE', CALL, { as: 'carol', body: { all: true } })).status, 200);
    assert.deepEqual((await newest(mock, 'teamroom22')).map((m) => [m.systemMessage, m.actorId]), [['call_left', 'carol']]);
    assert.equal(await flagsOf(mock, 'teamroom22', 'bob'), 3);
    assert.equal((await call(mock, 'DELETE', CALL, { as: 'alice', query: { all: 'true' } })).status, 200);
    assert.deepEqual((await newest(mock, 'teamroom22', 2)).map((m) => [m.systemMessage, m.actorId]), [['call_ended_everyone', 'alice'], ['call_left', 'carol']]);
    assert.equal(await flagsOf(mock, 'teamroom22', 'bob'), 0);
    assert.equal((await call(mock, 'GET', `${V1}/room/teamroom22`)).json.ocs.data.hasCall, false);
  });

  it('leaving a call one is not in posts nothing and leaves the call running; joining without flags is 7', async () => {
    const mock = makeMock(1);
    const CALL = `${V1}/call/teamroom22`;
    await join(mock, 'teamroom22', 'bob');
    await join(mock, 'teamroom22', 'alice');
    assert.equal((await call(mock, 'POST', CALL, { as: 'bob' })).status, 200);
    assert.equal(await flagsOf(mock, 'teamroom22', 'bob'), 7);
    const before = await newest(mock, 'teamroom22');
    assert.equal((await call(mock, 'DELETE', CALL, { as: 'alice' })).status, 200);
    assert.deepEqual(await newest(mock, 'teamroom22'), before);
    assert.equal((await call(mock, 'GET', `${V1}/room/teamroom22`)).json.ocs.data.hasCall, true);
  });

  it('fault call-end-for-everyone-ignored: the moderator only leaves', async () => {
    const mock = makeMock(1, { faults: ['call-end-for-everyone-ignored'] });
    const CALL = `${V1}/call/teamroom22`;
    for (const as of ['alice', 'bob']) {
      await join(mock, 'teamroom22', as);
      await call(mock, 'POST', CALL, { as, body: { flags: 3 } });
    }
    await call(mock, 'DELETE', CALL, { as: 'alice', body: { all: true } });
    assert.equal(await flagsOf(mock, 'teamroom22', 'bob'), 3);
  });
});

describe('sessions', () => {
  it('a user who joined a protected room by its link opens another session without the password', async () => {
    const mock = makeMock(1);
    const ACTIVE = `${V1}/room/protected33/participants/active`;
    assert.equal((await call(mock, 'POST', ACTIVE, { as: 'carol' })).status, 403);
    assert.equal((await call(mock, 'POST', ACTIVE, { as: 'carol', body: { password: 'room-password' } })).status, 200);
    assert.equal((await call(mock, 'POST', ACTIVE, { as: 'carol' })).status, 200);
    const faulty = makeMock(1, { faults: ['self-joined-password-asked-again'] });
    await call(faulty, 'POST', ACTIVE, { as: 'carol', body: { password: 'room-password' } });
    assert.equal((await call(faulty, 'POST', ACTIVE, { as: 'carol' })).status, 403);
  });

  it('a long-poll of a participant removed meanwhile answers its user_removed (fault long-poll-removed-404: 404)', async () => {
    for (const [faults, status] of [[[], 200], [['long-poll-removed-404'], 404]] as const) {
      const mock = makeMock(1, { faults: [...faults] });
      const last = mock.ctx.store.lastMessage('teamroom22')!.id;
      const pending = call(mock, 'GET', `${V1}/chat/teamroom22`, { as: 'carol', query: { lookIntoFuture: 1, lastKnownMessageId: last, timeout: 30 } });
      await new Promise((r) => setImmediate(r));
      assert.equal(mock.ctx.waiters.size, 1);
      assert.equal((await call(mock, 'DELETE', `${V1}/room/teamroom22/participants`, { body: { participant: 'carol' } })).status, 200);
      const r = await pending;
      assert.equal(r.status, status);
      if (status === 200) assert.equal(r.json.ocs.data[0].systemMessage, 'user_removed');
    }
  });

  it('reading the chat moves the reader\'s lastPing to the clock\'s time (fault chat-read-no-ping keeps it)', async () => {
    for (const [faults, moved] of [[[], true], [['chat-read-no-ping'], false]] as const) {
      const mock = makeMock(1, { faults: [...faults] });
      await join(mock, 'teamroom22', 'carol');
      const pingOf = async () => (await call(mock, 'GET', `${V1}/room/teamroom22/participants`)).json.ocs.data.find((p: any) => p.userId === 'carol').lastPing as number;
      const before = await pingOf();
      mock.clock.advance(5_000);
      await call(mock, 'GET', `${V1}/chat/teamroom22`, { as: 'carol', query: { lookIntoFuture: 0, limit: 1 } });
      assert.equal(await pingOf(), moved ? before + 5 : before);
    }
  });
});

describe('mention suggestions', () => {
  it('[decision nextcloud-talk/mention-suggestions] the room\'s users only, no guest, ordered by display name', async () => {
    const mock = makeMock(1);
    const g = await guestBrowser(mock);
    const headers = { cookie: g.cookie, requesttoken: g.requesttoken };
    assert.equal((await call(mock, 'POST', `${V1}/room/publicroom3/participants/active`, { as: null, ocs: false, headers })).status, 200);
    // bob first, so the join order is not the display-name order.
    const room = (await call(mock, 'POST', `${V1}/room`, { as: 'carol', body: { roomType: 2, roomName: 'order' } })).json.ocs.data.token as string;
    for (const u of ['bob', 'alice']) await call(mock, 'POST', `${V1}/room/${room}/participants`, { as: 'carol', body: { newParticipant: u } });
    const ids = async (m: Mock, token: string) => (await call(m, 'GET', `${V1}/chat/${token}/mentions`, { query: { search: '' } })).json.ocs.data.map((x: any) => `${x.source}:${x.id}`);
    assert.deepEqual(await ids(mock, 'publicroom3'), ['users:alice', 'users:bob']);
    assert.deepEqual(await ids(mock, room), ['users:alice', 'users:bob', 'users:carol']);
    const unsorted = makeMock(1, { faults: ['mention-order-unsorted'] });
    const room2 = (await call(unsorted, 'POST', `${V1}/room`, { as: 'carol', body: { roomType: 2, roomName: 'order' } })).json.ocs.data.token as string;
    for (const u of ['bob', 'alice']) await call(unsorted, 'POST', `${V1}/room/${room2}/participants`, { as: 'carol', body: { newParticipant: u } });
    assert.deepEqual(await ids(unsorted, room2), ['users:carol', 'users:bob', 'users:alice']);
  });
});
