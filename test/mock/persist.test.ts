// The browser entry's opt-in reload persistence (mock/persist.ts), for every API: a "reload" is
// a second persistent mock on the same storage, and it must hold exactly the state the first
// one had. Chromium plays the same through the example app (test/browser/example-app.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiName } from '../../core/api.ts';
import type { MockResponse } from '../../core/http.ts';
import { BytesMediaStore } from '../../mock/media-store.ts';
import { createPersistentMock, type Journal, type PersistStorage } from '../../mock/persist.ts';
import { bodyText, EPOCH } from '../support/mock-client.ts';
import { readFileSync } from 'node:fs';
import { repoPath } from '../../core/repo-root.ts';

const fixture = (name: string, contentType: string, duration: number) => ({ name, contentType, duration, bytes: new Uint8Array(readFileSync(repoPath(`fixtures/media/${name}`))) });
const media = new BytesMediaStore([fixture('clip-2s.mp4', 'video/mp4', 2), fixture('sample.webm', 'video/webm', 4.003), fixture('sample.ogg', 'audio/ogg', 10)]);

function memoryStorage(): PersistStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

/** A settable real time: a reload can happen "minutes later". */
function realTime(start = EPOCH) {
  let now = start;
  return { now: () => now, pass: (ms: number) => void (now += ms) };
}

type Send = (method: string, path: string, o?: { headers?: Record<string, string>; body?: unknown }) => Promise<{ status: number; json: any; res: MockResponse }>;

function client(dispatch: (r: import('../../core/http.ts').MockRequest) => Promise<MockResponse>, origin: string): Send {
  return async (method, path, o = {}) => {
    const url = new URL(path, origin);
    const body = o.body === undefined ? new Uint8Array(0) : new TextEncoder().encode(typeof o.body === 'string' ? o.body : JSON.stringify(o.body));
    const headers = { ...(o.body !== undefined && typeof o.body !== 'string' ? { 'content-type': 'application/json' } : {}), ...o.headers };
    const res = await dispatch({ method, path: url.pathname, query: url.searchParams, headers, body, origin });
    const text = bodyText(res.body);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, res };
  };
}

const MEET_KEY = { 'x-api-key': 'callrec-dev-key' };
const ALICE = { authorization: `Basic ${btoa('alice:alice-password')}`, 'ocs-apirequest': 'true', accept: 'application/json' };

/** Per API: a few requests that change the mock in ways that use its prng, its clock and its faults. */
const SCRIPTS: Record<ApiName, (send: Send) => Promise<void>> = {
  'openvidu-meet': async (send) => {
    const started = await send('POST', '/api/v1/recordings', { headers: MEET_KEY, body: { roomId: 'room-alpha' } });
    assert.equal(started.status, 201);
    await send('POST', '/__callrec/clock', { body: { advanceMs: 5000 } });
    assert.equal((await send('POST', `/api/v1/recordings/${started.json.recordingId}/stop`, { headers: MEET_KEY })).status, 202);
    await send('PUT', '/__callrec/faults', { body: { faults: ['unknown-method-404'] } });
  },
  'nextcloud-talk': async (send) => {
    const room = await send('POST', '/ocs/v2.php/apps/spreed/api/v1/room', { headers: ALICE, body: { roomType: 3, roomName: 'Persisted' } });
    assert.equal(room.status, 201, JSON.stringify(room.json));
    const token = room.json.ocs.data.token as string;
    // A guest's browser session comes with a cookie: journalled like any change.
    const guest = await send('POST', `/ocs/v2.php/apps/spreed/api/v1/room/${token}/participants/active`, { headers: { 'ocs-apirequest': 'true', accept: 'application/json' } });
    assert.equal(guest.status, 200, JSON.stringify(guest.json));
    assert.ok(guest.res.headers['set-cookie']);
    assert.equal((await send('POST', `/ocs/v2.php/apps/spreed/api/v1/chat/${token}`, { headers: ALICE, body: { message: 'kept across reloads' } })).status, 201);
    await send('POST', '/__callrec/clock', { body: { advanceMs: 60_000 } });
  },
  eyeson: async (send) => {
    const meeting = await send('POST', '/__callrec/action/room', { body: {} });
    assert.equal(meeting.status, 200);
    assert.equal((await send('POST', `/rooms/${meeting.json.accessKey}/recording`, { headers: { authorization: 'callrec-eyeson-key' } })).status < 300, true);
    await send('POST', '/__callrec/clock', { body: { advanceMs: 3000 } });
    assert.equal((await send('DELETE', `/rooms/${meeting.json.accessKey}/recording`, { headers: { authorization: 'callrec-eyeson-key' } })).status < 300, true);
  },
  horn: async (send) => {
    const owner = { authorization: 'Bearer horn-owner-token' };
    assert.equal((await send('POST', '/api/v1_0/channels/6f1c2a9e-5b7d-4c1e-9a30-000000000001/record', { headers: owner })).status < 300, true);
    await send('POST', '/__callrec/clock', { body: { advanceMs: 40 * 60_000 } });
    assert.equal((await send('DELETE', '/api/v1_0/channels/6f1c2a9e-5b7d-4c1e-9a30-000000000001/record', { headers: owner })).status < 300, true);
  },
};

const APIS = Object.keys(SCRIPTS) as ApiName[];

describe('persist: state survives a reload through the shared core', () => {
  for (const api of APIS) {
    it(`${api}: a reload replays to the same state (frozen clock: byte-identical)`, async () => {
      const storage = memoryStorage();
      const time = realTime();
      const make = () => createPersistentMock({ api, seed: 7, faults: [], media, frozen: true, persist: { storage }, realNow: time.now });
      const first = make();
      const fresh = JSON.stringify(first.mock.snapshot());
      await SCRIPTS[api](client(first.dispatch, 'http://app.test'));
      const before = JSON.stringify(first.mock.snapshot());
      assert.notEqual(before, fresh, 'the script changed the state');
      await first.mock.close();

      time.pass(10 * 60_000); // a frozen clock does not see it
      const second = make();
      await second.ready;
      assert.ok(second.replayed() >= 3);
      assert.equal(JSON.stringify(second.mock.snapshot()), before);
      await second.mock.close();
    });
  }

  it('openvidu-meet: a running clock counts the time the page was closed (a stopped recording is complete after the reload)', async () => {
    const storage = memoryStorage();
    const time = realTime();
    const make = () => createPersistentMock({ api: 'openvidu-meet', seed: 3, faults: [], media, persist: { storage }, realNow: time.now });
    const first = make();
    const send = client(first.dispatch, 'http://app.test');
    const started = await send('POST', '/api/v1/recordings', { headers: MEET_KEY, body: { roomId: 'room-beta' } });
    time.pass(4000);
    assert.equal((await send('POST', `/api/v1/recordings/${started.json.recordingId}/stop`, { headers: MEET_KEY })).json.status, 'ending');
    const clockBefore = first.mock.clock.now();

    time.pass(60_000); // the page is closed for a minute
    const second = make();
    const again = client(second.dispatch, 'http://app.test');
    const got = await again('GET', `/api/v1/recordings/${started.json.recordingId}`, { headers: MEET_KEY });
    assert.equal(got.status, 200);
    assert.equal(got.json.status, 'complete');
    assert.equal(got.json.startDate, started.json.startDate);
    assert.equal(second.mock.clock.now(), clockBefore + 60_000);
  });

  it('starts from the seed without a stored journal, with another seed or faults, or after forget()', async () => {
    const storage = memoryStorage();
    const make = (seed: number, faults: string[] = []) => createPersistentMock({ api: 'openvidu-meet', seed, faults, media, frozen: true, persist: { storage }, realNow: () => EPOCH });
    const first = make(1);
    await client(first.dispatch, 'http://app.test')('POST', '/api/v1/recordings', { headers: MEET_KEY, body: { roomId: 'room-alpha' } });
    assert.equal(make(2).replayed(), 0, 'another seed');
    // make(2) stored its own fresh journal under the same key: seed 1 starts fresh now too.
    assert.equal(make(1).replayed(), 0);
    const third = make(1);
    await client(third.dispatch, 'http://app.test')('POST', '/api/v1/recordings', { headers: MEET_KEY, body: { roomId: 'room-alpha' } });
    assert.equal(make(1, ['unknown-method-404']).replayed(), 0, 'other initial faults');
    const fourth = make(1);
    await client(fourth.dispatch, 'http://app.test')('POST', '/api/v1/recordings', { headers: MEET_KEY, body: { roomId: 'room-alpha' } });
    fourth.forget();
    assert.equal(storage.map.size, 0);
    assert.equal(make(1).replayed(), 0);
    storage.setItem('callrec:openvidu-meet', '{"cut short');
    assert.equal(make(1).replayed(), 0, 'an unreadable journal starts fresh');
  });

  it('a reset cuts the journal back to itself; reads are not journalled; webhooks are not sent again on replay', async () => {
    const storage = memoryStorage();
    const sent: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      sent.push(String(input));
      return new Response(null, { status: 200 });
    };
    const make = () => createPersistentMock({ api: 'openvidu-meet', seed: 5, faults: [], media, frozen: true, persist: { storage }, realNow: () => EPOCH, fetch: fakeFetch });
    const first = make();
    const send = client(first.dispatch, 'http://app.test');
    await send('POST', '/__callrec/action/webhook', { body: { url: 'http://hooks.test/in' } });
    await send('POST', '/api/v1/recordings', { headers: MEET_KEY, body: { roomId: 'room-alpha' } });
    await send('GET', '/api/v1/recordings', { headers: MEET_KEY });
    await first.mock.control('webhook-flush', {});
    const journal = () => JSON.parse(storage.getItem('callrec:openvidu-meet')!) as Journal;
    assert.deepEqual(journal().entries.map((e) => `${e.method} ${e.path}`), ['POST /__callrec/action/webhook', 'POST /api/v1/recordings']);
    assert.ok(sent.length > 0, 'the start sent a webhook');

    const before = sent.length;
    const second = make();
    await second.ready;
    await second.mock.control('webhook-flush', {});
    assert.equal(sent.length, before, 'replay sends nothing');

    await client(second.dispatch, 'http://app.test')('POST', '/__callrec/reset', { body: {} });
    assert.deepEqual(journal().entries.map((e) => `${e.method} ${e.path}`), ['POST /__callrec/reset']);
  });
});
