// Same seed → same data and the same bytes; different seeds differ. Plus a quick performance
// print (no timing assertions): a 10k-room list and a chat page in a 100k-message room.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, join, makeMock, V1 } from './mock-talk-support.ts';

async function script(seed: number): Promise<string[]> {
  const mock = makeMock(seed);
  const out: string[] = [];
  const run = async (method: string, path: string, o = {}) => {
    const r = await call(mock, method, `${V1}${path}`, o);
    out.push(`${r.status} ${r.headers['x-chat-last-given'] ?? ''} ${r.text}`);
  };
  await run('POST', '/room', { body: { roomType: 2, roomName: 'Made' } });
  await join(mock, 'teamroom22');
  await run('POST', '/call/teamroom22', { body: { flags: 3 } });
  await run('POST', '/chat/teamroom22', { body: { message: 'hi @bob' } });
  await run('GET', '/chat/teamroom22', { query: { lookIntoFuture: 0, limit: 30 } });
  await run('GET', '/room');
  await run('GET', '/room/teamroom22/participants');
  await run('GET', '/room', { format: 'xml' });
  out.push(JSON.stringify(mock.snapshot()));
  return out;
}

describe('determinism', () => {
  it('the same seed gives byte-identical answers and state', async () => {
    assert.deepEqual(await script(5), await script(5));
  });
  it('different seeds give different data', async () => {
    const [a, b] = [await script(1), await script(2)];
    assert.notDeepEqual(a, b);
  });
  it('reset(seed) replays the seed', async () => {
    const mock = makeMock(9);
    const before = JSON.stringify(mock.snapshot());
    await call(mock, 'POST', `${V1}/chat/teamroom22`, { body: { message: 'changes state' } });
    mock.clock.rewind();
    mock.reset(9);
    assert.equal(JSON.stringify(mock.snapshot()), before);
  });
  it('control seed adds users and rooms; generate builds big data', async () => {
    const mock = makeMock(1);
    const res = await mock.control('seed', {
      users: [{ id: 'erin', displayName: 'Erin' }],
      rooms: [{ token: 'seeded01', type: 2, name: 'Seeded', participants: [{ user: 'erin', type: 1 }, { user: 'alice', type: 3 }], messages: [{ user: 'erin', message: 'hello @alice' }] }],
      generate: { rooms: 3, messages: 10 },
    });
    assert.equal(res.status, 200);
    const body = JSON.parse(res.body as string);
    assert.deepEqual(body.rooms, ['seeded01']);
    const chat = await call(mock, 'GET', `${V1}/chat/seeded01`, { query: { lookIntoFuture: 0 } });
    assert.equal(chat.json.ocs.data[0].messageParameters['mention-user1'].id, 'alice');
    assert.equal((await call(mock, 'GET', `${V1}/room`)).json.ocs.data.length, 6 + 1 + 3 + 1);
    const bad = await mock.control('seed', { rooms: [{ type: 9 }] });
    assert.equal(bad.status, 400);
  });
});
