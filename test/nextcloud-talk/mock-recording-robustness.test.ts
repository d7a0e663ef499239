// Generated traffic on the recording endpoints: valid and broken requests mixed (bad bodies,
// bad signatures, odd tokens, wrong methods, every user), interleaved with clock jumps that let
// the simulated recording server call back. Never an undocumented 5xx or a response outside the
// spec (the mock runs in strict spec mode), and the recording status stays within 0..5 and only
// makes documented moves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { API, ROOM, SAMPLE_OGG, SAMPLE_WEBM, backend, call, newMock, room, startCall, store } from './mock-recording-helpers.ts';

const TOKENS = [ROOM, 'publicroom3', 'lobbyroom22', 'nosuchroom', 'BAD!', 'backend'];
const USERS = ['alice', 'bob', 'carol', 'dave', undefined];

const step = fc.oneof(
  fc.record({ kind: fc.constant('start' as const), user: fc.constantFrom(...USERS), token: fc.constantFrom(...TOKENS), status: fc.oneof(fc.integer({ min: -1, max: 6 }), fc.constant('x')) }),
  fc.record({ kind: fc.constant('stop' as const), user: fc.constantFrom(...USERS), token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('backend' as const), type: fc.constantFrom('started', 'stopped', 'failed', 'paused'), token: fc.constantFrom(...TOKENS), status: fc.integer({ min: 0, max: 3 }), secret: fc.constantFrom('the recording secret', 'wrong') }),
  fc.record({ kind: fc.constant('raw' as const), method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'), path: fc.constantFrom('/backend', `/${ROOM}`, `/${ROOM}/store`, `/${ROOM}/notification`, `/${ROOM}/share-chat`, '/x/y/z'), body: fc.string({ maxLength: 40 }), user: fc.constantFrom(...USERS) }),
  fc.record({ kind: fc.constant('store' as const), owner: fc.constantFrom('alice', 'bob', 'dave', ''), file: fc.constantFrom('webm', 'ogg', 'empty', 'text'), name: fc.constantFrom('a.webm', 'a.ogg', '../a.webm', 'a', 'a.PNG') }),
  fc.record({ kind: fc.constant('share' as const), user: fc.constantFrom(...USERS), fileId: fc.integer({ min: 0, max: 5 }), timestamp: fc.oneof(fc.nat(), fc.constant('x')) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 3000 }) }),
);

test('generated recording traffic: no undocumented 5xx, spec-conformant, status moves are documented', async () => {
  const mock = await newMock();
  await mock.control('recording-throttle', { limit: 1_000_000 });
  startCall(mock);
  startCall(mock, 'publicroom3');
  const moves = new Set(['0>3', '0>4', '5>3', '5>4', '3>1', '4>2', '1>0', '2>0', '3>0', '4>0', '1>5', '2>5', '3>5', '4>5', '0>5', '5>5', '5>0']);
  let requests = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 20, maxLength: 40 }), async (steps) => {
      for (const s of steps) {
        const before = room(mock).callRecording;
        let status = 200;
        if (s.kind === 'start') status = (await call(mock, 'POST', `${API}/${s.token}`, { user: s.user, form: { status: s.status as number } })).status;
        else if (s.kind === 'stop') status = (await call(mock, 'DELETE', `${API}/${s.token}`, { user: s.user })).status;
        else if (s.kind === 'backend') {
          const inner = s.type === 'started' ? { token: s.token, status: s.status, actor: { type: 'users', id: 'alice' } } : { token: s.token };
          status = (await backend(mock, { type: s.type, [s.type]: inner }, { secret: s.secret })).status;
        } else if (s.kind === 'raw') status = (await call(mock, s.method, `${API}${s.path}`, { user: s.user, body: s.body, headers: { 'content-type': 'application/json' } })).status;
        else if (s.kind === 'store') {
          const bytes = s.file === 'webm' ? SAMPLE_WEBM : s.file === 'ogg' ? SAMPLE_OGG : s.file === 'empty' ? new Uint8Array() : new TextEncoder().encode('hello');
          status = (await store(mock, ROOM, { owner: s.owner, bytes, fileName: s.name })).status;
        } else if (s.kind === 'share') status = (await call(mock, 'POST', `${API}/${ROOM}/share-chat`, { user: s.user, form: { fileId: s.fileId, timestamp: s.timestamp as number } })).status;
        else {
          mock.clock.advance(s.ms);
          await mock.tick();
        }
        requests++;
        assert.ok(status < 500, `${JSON.stringify(s)} answered ${status}`);
        const after = room(mock).callRecording;
        assert.ok(after >= 0 && after <= 5);
        if (after !== before) assert.ok(moves.has(`${before}>${after}`), `undocumented move ${before}>${after} on ${JSON.stringify(s)}`);
      }
    }),
    { seed: 4242, numRuns: 60 },
  );
  assert.ok(requests > 1000, `only ${requests} requests`);
  await mock.close();
});
