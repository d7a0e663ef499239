// Chat of the Talk mock: exact history/future windows (property-based), X-Chat-Last-Given,
// 304, limits, the 1000-character rule, mentions and long-polling on a frozen clock.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { call, join, makeMock, V1 } from './mock-talk-support.ts';

const CHAT = `${V1}/chat/teamroom22`;
const ids = (r: { json: any }) => (r.json.ocs.data as { id: number }[]).map((m) => m.id);

describe('chat history windows', () => {
  it('[decision nextcloud-talk/chat-order] walking back with X-Chat-Last-Given visits every message once, newest first (any limits)', async () => {
    const mock = makeMock(3);
    const all = [...mock.ctx.store.messages('teamroom22')].map((m) => m.id).reverse();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 250 }), { minLength: 1, maxLength: 40 }), async (limits) => {
        const seen: number[] = [];
        let lastKnown = 0;
        for (let i = 0; ; i++) {
          const limit = limits[i % limits.length]!;
          const r = await call(mock, 'GET', CHAT, { query: { lookIntoFuture: 0, limit, lastKnownMessageId: lastKnown } });
          if (r.status === 304) break;
          assert.equal(r.status, 200);
          const page = ids(r);
          assert.equal(page.length, Math.min(Math.min(limit, 200), all.length - seen.length));
          assert.equal(Number(r.headers['x-chat-last-given']), page[page.length - 1]);
          seen.push(...page);
          lastKnown = page[page.length - 1]!;
        }
        assert.deepEqual(seen, all);
      }),
      { seed: 42, numRuns: 25 },
    );
  });

  it('a page is exactly the `limit` messages below lastKnownMessageId', async () => {
    const mock = makeMock(2);
    const all = mock.ctx.store.messages('teamroom22').map((m) => m.id);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: all.length + 5 }), fc.integer({ min: 1, max: 200 }), async (k, limit) => {
        const lastKnown = k === 0 ? 0 : (all[k - 1] ?? all[all.length - 1]! + 1);
        const below = lastKnown === 0 ? all : all.filter((id) => id < lastKnown);
        const expected = below.slice(Math.max(0, below.length - limit)).reverse();
        const r = await call(mock, 'GET', CHAT, { query: { lookIntoFuture: 0, limit, lastKnownMessageId: lastKnown } });
        if (expected.length === 0) return assert.equal(r.status, 304);
        assert.deepEqual(ids(r), expected);
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it('[decision nextcloud-talk/chat-order] future reads answer the messages after lastKnownMessageId, oldest first', async () => {
    const mock = makeMock(1);
    const all = mock.ctx.store.messages('teamroom22').map((m) => m.id);
    const r = await call(mock, 'GET', CHAT, { query: { lookIntoFuture: 1, limit: 10, lastKnownMessageId: all[5]! } });
    assert.deepEqual(ids(r), all.slice(6, 16));
    assert.equal(r.headers['x-chat-last-given'], String(all[15]));
  });

  it('faults: the boundary message is repeated, or Last-Given skips one', async () => {
    let mock = makeMock(1, { faults: ['chat-page-repeats-boundary'] });
    const all = mock.ctx.store.messages('teamroom22').map((m) => m.id);
    const r = await call(mock, 'GET', CHAT, { query: { lookIntoFuture: 0, limit: 5, lastKnownMessageId: all[50]! } });
    assert.equal(ids(r)[0], all[50]);
    mock = makeMock(1, { faults: ['chat-last-given-off-by-one'] });
    const r2 = await call(mock, 'GET', CHAT, { query: { lookIntoFuture: 0, limit: 5 } });
    assert.equal(Number(r2.headers['x-chat-last-given']), ids(r2)[4]! - 1);
  });
});

describe('chat limits', () => {
  it('[decision nextcloud-talk/chat-limit-clamp] [decision nextcloud-talk/chat-look-into-future-required] limit defaults to 100 and is capped at 200 (below 1: one); lookIntoFuture is required', async () => {
    const mock = makeMock(1);
    await call(mock, 'POST', `${V1}/room/teamroom22/participants/active`);
    assert.equal(ids(await call(mock, 'GET', CHAT, { query: { lookIntoFuture: 0 } })).length, 100);
    assert.equal(ids(await call(mock, 'GET', CHAT, { query: { lookIntoFuture: 0, limit: 500 } })).length, 200);
    assert.equal(ids(await call(mock, 'GET', CHAT, { query: { lookIntoFuture: 0, limit: 0 } })).length, 1);
    assert.equal((await call(mock, 'GET', CHAT)).status, 400);
    const uncapped = makeMock(1, { faults: ['chat-limit-uncapped'] });
    assert.ok(ids(await call(uncapped, 'GET', CHAT, { query: { lookIntoFuture: 0, limit: 240 } })).length > 200);
  });

  it('[decision nextcloud-talk/chat-message-length] 1000 characters (code points) are accepted, 1001 are 413, blank is 400', async () => {
    const mock = makeMock(1);
    assert.equal((await call(mock, 'POST', CHAT, { body: { message: '😀'.repeat(1000) } })).status, 201);
    assert.equal((await call(mock, 'POST', CHAT, { body: { message: 'x'.repeat(1001) } })).status, 413);
    assert.equal((await call(mock, 'POST', CHAT, { body: { message: '   ' } })).status, 400);
    const faulty = makeMock(1, { faults: ['chat-long-message-accepted'] });
    assert.equal((await call(faulty, 'POST', CHAT, { body: { message: 'x'.repeat(1001) } })).status, 201);
  });

  it('mentions become rich parameters and mark the mentioned participant', async () => {
    const mock = makeMock(1);
    const r = await call(mock, 'POST', CHAT, { body: { message: 'ping @carol and @nobody, @carol again' } });
    assert.equal(r.json.ocs.data.message, 'ping {mention-user1} and @nobody, {mention-user1} again');
    assert.deepEqual(r.json.ocs.data.messageParameters, { 'mention-user1': { type: 'user', id: 'carol', name: 'Carol Cooper' } });
    const room = await call(mock, 'GET', `${V1}/room/teamroom22`, { as: 'carol' });
    assert.equal(room.json.ocs.data.unreadMention, true);
    assert.equal(room.json.ocs.data.unreadMessages, 1);
  });

  it('system messages follow actions (call_started, user_added)', async () => {
    const mock = makeMock(1);
    await join(mock, 'teamroom22');
    await call(mock, 'POST', `${V1}/call/teamroom22`);
    await call(mock, 'POST', `${V1}/room/teamroom22/participants`, { body: { newParticipant: 'dave' } });
    const r = await call(mock, 'GET', CHAT, { query: { lookIntoFuture: 0, limit: 2 } });
    assert.deepEqual(r.json.ocs.data.map((m: any) => m.systemMessage), ['user_added', 'call_started']);
    assert.equal(r.json.ocs.data[0].messageParameters.user.id, 'dave');
  });
});

describe('long-poll on a frozen clock', () => {
  const poll = (mock: ReturnType<typeof makeMock>, timeout: number | undefined, lastKnown: number) =>
    call(mock, 'GET', CHAT, { query: { lookIntoFuture: 1, lastKnownMessageId: lastKnown, ...(timeout === undefined ? {} : { timeout }) } });

  it('waits until the clock passes the timeout, then answers 304', async () => {
    const mock = makeMock(1);
    const last = mock.ctx.store.lastMessage('teamroom22')!.id;
    let done = false;
    const pending = poll(mock, 10, last).then((r) => ((done = true), r));
    await new Promise((r) => setImmediate(r));
    assert.equal(mock.ctx.waiters.size, 1);
    mock.clock.advance(9_999);
    await new Promise((r) => setImmediate(r));
    assert.equal(done, false);
    mock.clock.advance(1);
    const r = await pending;
    assert.equal(r.status, 304);
    assert.equal(mock.ctx.waiters.size, 0);
  });

  it('ends as soon as a message arrives, with that message', async () => {
    const mock = makeMock(1);
    const last = mock.ctx.store.lastMessage('teamroom22')!.id;
    const pending = poll(mock, 30, last);
    await new Promise((r) => setImmediate(r));
    const sent = await call(mock, 'POST', CHAT, { as: 'bob', body: { message: 'new!' } });
    const r = await pending;
    assert.equal(r.status, 200);
    assert.deepEqual(ids(r), [sent.json.ocs.data.id]);
    assert.equal(r.headers['x-chat-last-given'], String(sent.json.ocs.data.id));
  });

  it('[decision nextcloud-talk/chat-timeout] caps the timeout at 30 s (default 30 s), as the platform does', async () => {
    for (const [timeout, due] of [[600, 30_000], [60, 30_000], [undefined, 30_000], [10, 10_000], [0, 0]] as const) {
      const mock = makeMock(1);
      const last = mock.ctx.store.lastMessage('teamroom22')!.id;
      let done = false;
      const pending = poll(mock, timeout, last).then((r) => ((done = true), r));
      await new Promise((r) => setImmediate(r));
      if (due > 0) {
        mock.clock.advance(due - 1);
        await new Promise((r) => setImmediate(r));
        assert.equal(done, false, `timeout ${timeout} ended early`);
        mock.clock.advance(1);
      }
      assert.equal((await pending).status, 304);
    }
  });

  it('faults: no wait at all; an uncapped timeout', async () => {
    const noWait = makeMock(1, { faults: ['long-poll-no-wait'] });
    const r = await poll(noWait, 30, noWait.ctx.store.lastMessage('teamroom22')!.id);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.ocs.data, []);
    const uncapped = makeMock(1, { faults: ['long-poll-timeout-uncapped'] });
    const pending = poll(uncapped, 120, uncapped.ctx.store.lastMessage('teamroom22')!.id);
    await new Promise((res) => setImmediate(res));
    uncapped.clock.advance(30_000);
    await new Promise((res) => setImmediate(res));
    assert.equal(uncapped.ctx.waiters.size, 1);
    await uncapped.close();
    await pending;
  });
});
