// Every fault of the catalogue is observable over the API: each probe answers true with the
// fault on and false on a clean mock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readZip } from '../../core/zip.ts';
import { faults } from '../../mock/openvidu-meet/index.ts';
import type { OpenViduMeetMock } from '../../mock/openvidu-meet/index.ts';
import { call, control, mediaBytes, newMock } from './mock-helpers.ts';

type Probe = (mock: OpenViduMeetMock, ctx: { sent: { headers: Headers; body: string }[] }) => Promise<boolean>;

const start = (mock: OpenViduMeetMock, roomId = 'room-alpha') => call(mock, 'POST', '/recordings', { body: { roomId } });
const firstComplete = async (mock: OpenViduMeetMock) => (await call(mock, 'GET', '/recordings', { query: { maxItems: '1', roomId: 'room-alpha' } })).json().recordings[0];
const seedOne = async (mock: OpenViduMeetMock, media: string) =>
  (await control(mock, 'seed', { recordings: [{ roomId: 'room-alpha', status: 'complete', media }] })).recordings[0];
const pages = async (mock: OpenViduMeetMock, query: Record<string, string>) => {
  const ids: string[] = [];
  let token: string | undefined;
  for (let i = 0; i < 50; i++) {
    const j = (await call(mock, 'GET', '/recordings', { query: { ...query, ...(token ? { nextPageToken: token } : {}) } })).json();
    ids.push(...j.recordings.map((r: any) => r.recordingId));
    token = j.pagination.nextPageToken;
    if (!token || j.recordings.length === 0) break;
  }
  return ids;
};
/** A room-member token of room-alpha for `role`, after setting the room's recording access. */
const memberOf = async (mock: OpenViduMeetMock, role: 'moderator' | 'speaker', recordingAccess = 'admin_moderator_speaker') => {
  await control(mock, 'room', { roomId: 'room-alpha', recordingAccess });
  const { token } = await control(mock, 'token', { kind: 'room-member', roomId: 'room-alpha', role });
  return { 'x-room-member-token': `Bearer ${token}` };
};
const range = (mock: OpenViduMeetMock, id: string, r: string) => call(mock, 'GET', `/recordings/${id}/media`, { headers: { range: r } });

const PROBES: Record<string, Probe> = {
  'status-outside-enum': async (m) => (await call(m, 'GET', `/recordings/${(await firstComplete(m)).recordingId}`)).json().status === 'recording',
  'start-missing-location': async (m) => (await start(m)).headers.location === undefined,
  'start-empty-room-accepted': async (m) => (await start(m, 'room-empty')).status === 201,
  'second-start-accepted': async (m) => (await start(m)).status === 201 && (await start(m)).status === 201,
  // Two overlapping starts both pass the check (the window closes as soon as the second arrives).
  'start-race-no-lock': async (m) => (await Promise.all([start(m), start(m)])).every((r) => r.status === 201),
  'bad-recording-id-404': async (m) => (await call(m, 'GET', '/recordings/nope')).status === 404,
  'malformed-json-500': async (m) => (await call(m, 'POST', '/recordings', { body: '{' })).status === 500,
  'not-found-message-missing': async (m) => !('message' in (await call(m, 'GET', '/recordings/a--EG_b--c')).json()),
  'page-repeats-boundary-item': async (m) => {
    const ids = await pages(m, { maxItems: '3' });
    return new Set(ids).size !== ids.length;
  },
  'sort-order-ignored': async (m) => {
    const d = (await call(m, 'GET', '/recordings', { query: { sortOrder: 'asc' } })).json().recordings.map((r: any) => r.startDate);
    return d[0] > d[1];
  },
  'max-items-not-clamped': async (m) => (await call(m, 'GET', '/recordings', { query: { maxItems: '150' } })).json().pagination.maxItems === 150,
  'truncated-on-last-page': async (m) => (await call(m, 'GET', '/recordings', { query: { maxItems: '100' } })).json().pagination.isTruncated === true,
  'room-name-filter-case-sensitive': async (m) => (await call(m, 'GET', '/recordings', { query: { roomName: 'ALPHA' } })).json().recordings.length === 0,
  'fields-projection-ignored': async (m) => 'roomName' in (await call(m, 'GET', '/recordings', { query: { fields: 'recordingId' } })).json().recordings[0],
  'bad-token-restarts-listing': async (m) => (await call(m, 'GET', '/recordings', { query: { nextPageToken: '!!' } })).status === 200,
  'media-size-mismatch': async (m) => {
    const r = await firstComplete(m);
    return (await call(m, 'GET', `/recordings/${r.recordingId}/media`)).bytes().byteLength !== r.size;
  },
  'media-of-active-200': async (m) => (await call(m, 'GET', `/recordings/${(await start(m)).json().recordingId}/media`)).status === 200,
  'range-ignored-200': async (m) => (await range(m, (await firstComplete(m)).recordingId, 'bytes=0-9')).status === 200,
  'content-range-end-off-by-one': async (m) => (await range(m, (await firstComplete(m)).recordingId, 'bytes=0-9')).headers['content-range']?.startsWith('bytes 0-10/') === true,
  'unsatisfiable-range-200': async (m) => (await range(m, (await firstComplete(m)).recordingId, 'bytes=999999999-')).status === 200,
  'malformed-range-ignored': async (m) => (await range(m, (await firstComplete(m)).recordingId, 'bytes=abc')).status === 200,
  'range-prefix-junk-ignored': async (m) => (await range(m, (await firstComplete(m)).recordingId, 'xbytes=0-1')).status === 200,
  'suffix-range-first-bytes': async (m) => {
    const r = await firstComplete(m);
    const head = (await range(m, r.recordingId, 'bytes=0-3')).bytes();
    const tail = (await range(m, r.recordingId, 'bytes=-4')).bytes();
    return Buffer.compare(Buffer.from(head), Buffer.from(tail)) === 0;
  },
  'open-ended-range-uncapped': async (m) => {
    const r = await seedOne(m, 'big.mp4');
    return (await range(m, r.recordingId, 'bytes=0-')).bytes().byteLength === r.size;
  },
  'stop-completed-202': async (m) => (await call(m, 'POST', `/recordings/${(await firstComplete(m)).recordingId}/stop`)).status === 202,
  'status-regresses': async (m) => {
    const id = (await firstComplete(m)).recordingId;
    const a = (await call(m, 'GET', `/recordings/${id}`)).json().status;
    const b = (await call(m, 'GET', `/recordings/${id}`)).json().status;
    return a !== b;
  },
  'delete-active-allowed': async (m) => (await call(m, 'DELETE', `/recordings/${(await start(m)).json().recordingId}`)).status === 200,
  'deleted-still-listed': async (m) => {
    const id = (await firstComplete(m)).recordingId;
    await call(m, 'DELETE', `/recordings/${id}`);
    return (await pages(m, { maxItems: '100' })).includes(id);
  },
  'bulk-delete-partial-200': async (m) => (await call(m, 'DELETE', '/recordings', { query: { recordingIds: 'a--EG_b--c' } })).status === 200,
  'zip-entry-truncated': async (m) => {
    const r = await seedOne(m, 'a.mp4');
    const zip = readZip((await call(m, 'GET', '/recordings/download', { query: { recordingIds: r.recordingId } })).bytes());
    return zip[0]!.bytes.byteLength !== (await mediaBytes('a.mp4')).byteLength;
  },
  'list-without-auth': async (m) => (await call(m, 'GET', '/recordings', { auth: 'none' })).status === 200,
  'any-api-key-accepted': async (m) => (await call(m, 'GET', '/recordings', { auth: { 'x-api-key': 'whatever' } })).status === 200,
  'room-token-sees-other-rooms': async (m) => {
    const { token } = await control(m, 'token', { kind: 'room-member', roomId: 'room-alpha' });
    const list = (await call(m, 'GET', '/recordings', { auth: { 'x-room-member-token': `Bearer ${token}` }, query: { maxItems: '100' } })).json();
    return list.recordings.some((r: any) => r.roomId !== 'room-alpha');
  },
  'bulk-delete-any-room': async (m) => {
    const list = (await call(m, 'GET', '/recordings', { query: { maxItems: '100', status: 'complete' } })).json();
    const foreign = list.recordings.find((r: any) => r.roomId !== 'room-alpha');
    const res = await call(m, 'DELETE', '/recordings', { auth: await memberOf(m, 'moderator'), query: { recordingIds: foreign.recordingId } });
    return res.status === 200;
  },
  'access-token-starts-recording': async (m) => {
    const { token } = await control(m, 'token', { kind: 'access' });
    return (await call(m, 'POST', '/recordings', { auth: { authorization: `Bearer ${token}` }, body: { roomId: 'room-alpha' } })).status === 201;
  },
  'query-token-ignored': async (m) => {
    const { token } = await control(m, 'token', { kind: 'access' });
    return (await call(m, 'GET', `/recordings/${(await firstComplete(m)).recordingId}/media`, { auth: 'none', query: { accessToken: token } })).status === 401;
  },
  'private-secret-anonymous': async (m) => {
    const id = (await firstComplete(m)).recordingId;
    const url = new URL((await call(m, 'GET', `/recordings/${id}/url`, { query: { privateAccess: 'true' } })).json().url);
    return (await call(m, 'GET', `/recordings/${id}`, { auth: 'none', query: { secret: url.searchParams.get('secret')! } })).status === 200;
  },
  'delete-permission-ignored': async (m) =>
    (await call(m, 'DELETE', `/recordings/${(await firstComplete(m)).recordingId}`, { auth: await memberOf(m, 'speaker') })).status === 200,
  'recording-access-ignored': async (m) => (await call(m, 'GET', '/recordings', { auth: await memberOf(m, 'speaker', 'admin_moderator') })).status === 200,
  'record-permission-ignored': async (m) => (await call(m, 'POST', '/recordings', { auth: await memberOf(m, 'speaker'), body: { roomId: 'room-alpha' } })).status === 201,
  'room-id-only-trimmed': async (m) => (await start(m, 'room-alpha!')).status === 404,
  'start-timeout-500': async (m) => {
    await control(m, 'stall-start');
    return (await start(m)).status === 500;
  },
  'rooms-list-bare-array': async (m) => Array.isArray((await call(m, 'GET', '/rooms')).json()),
  'deleted-room-still-readable': async (m) => {
    const { roomId } = (await call(m, 'POST', '/rooms', { body: { roomName: 'Gone' } })).json();
    await call(m, 'DELETE', `/rooms/${roomId}`);
    return (await call(m, 'GET', `/rooms/${roomId}`)).status === 200;
  },
  'webhook-signed-wrong-bytes': async (m, { sent }) => {
    await control(m, 'webhook', { url: 'http://receiver.test/' });
    await start(m);
    await control(m, 'webhook-flush');
    const s = sent[0]!;
    const expected = createHmac('sha256', 'callrec-dev-key').update(`${s.headers.get('x-timestamp')}.${s.body}`).digest('hex');
    return s.headers.get('x-signature') !== expected;
  },
  'webhook-events-reordered': async (m, { sent }) => {
    await control(m, 'webhook', { url: 'http://receiver.test/' });
    const id = (await start(m)).json().recordingId;
    await call(m, 'POST', `/recordings/${id}/stop`);
    m.clock.advance(3000);
    m.tick();
    await control(m, 'webhook-flush');
    return JSON.parse(sent[0]!.body).event === 'recordingEnded';
  },
  'settle-newest-first': async (m, { sent }) => {
    await control(m, 'webhook', { url: 'http://receiver.test/' });
    const first = (await start(m, 'room-alpha')).json().recordingId;
    const second = (await start(m, 'room-beta')).json().recordingId;
    await call(m, 'POST', `/recordings/${first}/stop`);
    m.clock.advance(1000);
    await call(m, 'POST', `/recordings/${second}/stop`);
    m.clock.advance(5000);
    m.tick();
    await control(m, 'webhook-flush');
    const ended = sent.map((d) => JSON.parse(d.body)).filter((b) => b.event === 'recordingEnded').map((b) => b.data.recordingId);
    return ended[0] === second;
  },
  'stop-details-missing': async (m) => {
    const id = (await start(m)).json().recordingId;
    await call(m, 'POST', `/recordings/${id}/stop`);
    m.clock.advance(3000);
    return (await call(m, 'GET', `/recordings/${id}`)).json().details === undefined;
  },
  'room-name-filter-undefined': async (m) => {
    await control(m, 'seed', { rooms: [{ roomId: 'room-undef', roomName: 'Undefined Room', participants: 0 }], recordings: [{ roomId: 'room-undef', status: 'complete' }] });
    const listed = (await call(m, 'GET', '/recordings', { query: { roomId: 'room-alpha', maxItems: '100' } })).json().recordings;
    return listed.some((r: any) => r.roomId === 'room-undef');
  },
  'start-while-ending-accepted': async (m) => {
    const id = (await start(m)).json().recordingId;
    await call(m, 'POST', `/recordings/${id}/stop`);
    return (await start(m)).status === 201;
  },
  'webhook-sent-as-text': async (m, { sent }) => {
    await control(m, 'webhook', { url: 'http://receiver.test/' });
    await start(m);
    await control(m, 'webhook-flush');
    return sent[0]!.headers.get('content-type') === 'text/plain';
  },
  'page-token-lenient': async (m) => {
    const token = (await call(m, 'GET', '/recordings', { query: { maxItems: '1' } })).json().pagination.nextPageToken as string;
    return (await call(m, 'GET', '/recordings', { query: { maxItems: '1', nextPageToken: `${token.slice(0, 4)}!${token.slice(4)}` } })).status === 200;
  },
  'media-not-cacheable': async (m) => (await call(m, 'GET', `/recordings/${(await firstComplete(m)).recordingId}/media`)).headers['cache-control'] === 'no-store',
  'room-status-always-open': async (m) => (await call(m, 'GET', '/rooms/room-alpha')).json().status === 'open',
  'no-api-keys-message-generic': async (m) => {
    await control(m, 'apiKeys', { keys: [] });
    return (await call(m, 'GET', '/recordings')).json().message === 'Invalid API key';
  },
  'validation-messages-generic': async (m) => (await call(m, 'GET', '/recordings', { query: { maxItems: '0' } })).json().details[0].message === 'Invalid input',
  'start-layout-ignored': async (m) => (await call(m, 'POST', '/recordings', { body: { roomId: 'room-alpha', config: { layout: 'single-speaker' } } })).json().layout !== 'single-speaker',
  'expired-token-accepted': async (m) => {
    const { token } = await control(m, 'token', { kind: 'access' });
    m.clock.advance(2 * 3600_000 + 1000);
    return (await call(m, 'GET', '/recordings', { auth: { authorization: `Bearer ${token}` } })).status === 200;
  },
  'bearer-prefix-optional': async (m) => {
    const { token } = await control(m, 'token', { kind: 'access' });
    return (await call(m, 'GET', '/recordings', { auth: { authorization: token } })).status === 200;
  },
  'zip-includes-in-progress': async (m) => {
    const active = (await start(m)).json().recordingId;
    const zip = await call(m, 'GET', '/recordings/download', { query: { recordingIds: active } });
    return readZip(zip.bytes()).length === 1;
  },
  'only-complete-deletable': async (m) => {
    const active = (await start(m)).json().recordingId;
    await control(m, 'finish', { recordingId: active, status: 'failed' });
    return (await call(m, 'DELETE', `/recordings/${active}`)).status === 409;
  },
  'rooms-listed-oldest-first': async (m) => {
    const rooms = (await call(m, 'GET', '/rooms', { query: { maxItems: '100' } })).json().rooms.map((r: any) => r.creationDate as number);
    return rooms[0] < rooms[rooms.length - 1];
  },
  'webhook-ended-without-size': async (m, { sent }) => {
    await control(m, 'webhook', { url: 'http://receiver.test/' });
    const id = (await start(m)).json().recordingId;
    await call(m, 'POST', `/recordings/${id}/stop`);
    m.clock.advance(3000);
    m.tick();
    await control(m, 'webhook-flush');
    const ended = sent.map((s) => JSON.parse(s.body)).find((b) => b.event === 'recordingEnded');
    return !('size' in ended.data);
  },
  'oversized-body-accepted': async (m) => (await call(m, 'POST', '/recordings', { body: JSON.stringify({ roomId: 'room-alpha', pad: 'x'.repeat(70_000) }) })).status !== 413,
  'unknown-method-404': async (m) => {
    const r = await call(m, 'PUT', '/recordings');
    return r.status === 404 && r.headers.allow === undefined;
  },
};

test('every fault in the catalogue has a probe', () => {
  assert.deepEqual(Object.keys(PROBES).sort(), faults.map((f) => f.name).sort());
});

for (const f of faults) {
  test(`fault ${f.name} is observable over the API`, async () => {
    const run = async (on: boolean) => {
      const sent: { headers: Headers; body: string }[] = [];
      const fetchSpy = (async (_url: unknown, init?: RequestInit) => {
        const raw = init?.body;
        sent.push({ headers: new Headers(init?.headers), body: typeof raw === 'string' ? raw : new TextDecoder().decode(raw as Uint8Array) });
        return new Response('ok');
      }) as typeof fetch;
      const mock = newMock({ faults: on ? [f.name] : [], fetch: fetchSpy });
      try {
        return await PROBES[f.name]!(mock, { sent });
      } finally {
        await mock.close();
      }
    };
    assert.equal(await run(false), false, 'clean mock must not show the fault');
    assert.equal(await run(true), true, 'fault must be observable');
  });
}
