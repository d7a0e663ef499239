// The auth matrix of the openvidu-meet mock: API keys, admin access tokens, room-member tokens,
// query-token fallback, share-URL secrets, and the order of auth vs validation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, control, newMock } from './mock-helpers.ts';

const bearer = (t: string) => `Bearer ${t}`;

async function setup() {
  const mock = newMock();
  const access = (await control(mock, 'token', { kind: 'access' })).token as string;
  const member = (await control(mock, 'token', { kind: 'room-member', roomId: 'room-alpha' })).token as string;
  const list = (await call(mock, 'GET', '/recordings', { query: { maxItems: '100' } })).json().recordings;
  const alphaId = list.find((r: any) => r.roomId === 'room-alpha').recordingId as string;
  const betaId = list.find((r: any) => r.roomId === 'room-beta').recordingId as string;
  return { mock, access, member, alphaId, betaId, A: { authorization: bearer(access) }, M: { 'x-room-member-token': bearer(member) } };
}

test('missing, wrong and unconfigured API keys', async () => {
  const { mock } = await setup();
  const none = await call(mock, 'GET', '/recordings', { auth: 'none' });
  assert.deepEqual([none.status, none.json()], [401, { error: 'Authentication Error', message: 'Unauthorized' }]);
  const wrong = await call(mock, 'GET', '/recordings', { auth: { 'x-api-key': 'nope' } });
  assert.deepEqual([wrong.status, wrong.json().message], [401, 'Invalid API key']);
  await control(mock, 'apiKeys', { keys: [] });
  const zero = await call(mock, 'GET', '/recordings');
  assert.deepEqual([zero.status, zero.json().message], [401, 'There are no API keys configured yet. Please, create one to access the API']);
  await control(mock, 'apiKeys', { keys: ['k2'] });
  assert.equal((await call(mock, 'GET', '/recordings', { auth: { 'x-api-key': 'k2' } })).status, 200);
});

test('tokens must be Bearer JWTs of the right kind', async () => {
  const { mock, access, member } = await setup();
  assert.equal((await call(mock, 'GET', '/recordings', { auth: { authorization: bearer(access) } })).status, 200);
  assert.equal((await call(mock, 'GET', '/recordings', { auth: { authorization: access } })).status, 401); // no Bearer prefix
  assert.equal((await call(mock, 'GET', '/recordings', { auth: { authorization: bearer(member) } })).status, 401); // wrong kind
  assert.equal((await call(mock, 'GET', '/recordings', { auth: { authorization: bearer(`${access}x`) } })).status, 401);
});

test('[decision openvidu-meet/token-lifetime] tokens live 2 h: exp = iat + 7200, accepted up to exp, 401 after it', async () => {
  const { mock, access, member, A, M } = await setup();
  for (const t of [access, member]) {
    const { iat, exp } = JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number };
    assert.equal(exp - iat, 2 * 3600);
  }
  mock.clock.advance(2 * 3600_000 - 1000);
  assert.equal((await call(mock, 'GET', '/recordings', { auth: A })).status, 200);
  assert.equal((await call(mock, 'GET', '/recordings', { auth: M })).status, 200);
  mock.clock.advance(2000);
  assert.equal((await call(mock, 'GET', '/recordings', { auth: A })).status, 401);
  assert.equal((await call(mock, 'GET', '/recordings', { auth: M })).status, 401);
});

test('start and stop refuse admin access tokens; accept API keys and room-member tokens', async () => {
  const { mock, A, M } = await setup();
  assert.equal((await call(mock, 'POST', '/recordings', { auth: A, body: { roomId: 'room-alpha' } })).status, 401);
  const started = await call(mock, 'POST', '/recordings', { auth: M, body: { roomId: 'room-alpha' } });
  assert.equal(started.status, 201);
  const id = started.json().recordingId;
  assert.equal((await call(mock, 'POST', `/recordings/${id}/stop`, { auth: A })).status, 401);
  assert.equal((await call(mock, 'POST', `/recordings/${id}/stop`, { auth: M })).status, 202);
  // A room-member token cannot start another room.
  assert.equal((await call(mock, 'POST', '/recordings', { auth: M, body: { roomId: 'room-beta' } })).status, 403);
});

test('room-member token is scoped to its room', async () => {
  const { mock, M, alphaId, betaId } = await setup();
  const list = (await call(mock, 'GET', '/recordings', { auth: M, query: { roomId: 'room-beta', maxItems: '100' } })).json();
  assert.ok(list.recordings.length > 0);
  assert.ok(list.recordings.every((r: any) => r.roomId === 'room-alpha'));
  assert.equal((await call(mock, 'GET', `/recordings/${alphaId}`, { auth: M })).status, 200);
  for (const [method, path] of [['GET', `/recordings/${betaId}`], ['GET', `/recordings/${betaId}/media`], ['DELETE', `/recordings/${betaId}`], ['GET', `/recordings/${betaId}/url`]] as const) {
    assert.equal((await call(mock, method, path, { auth: M })).status, 403, `${method} ${path}`);
  }
  const bulk = await call(mock, 'DELETE', '/recordings', { auth: M, query: { recordingIds: `${alphaId},${betaId}` } });
  assert.equal(bulk.status, 400);
  assert.deepEqual(bulk.json().deleted, [alphaId]);
  assert.deepEqual(bulk.json().failed, [{ recordingId: betaId, error: `Recording '${betaId}' does not belong to room 'room-alpha'` }]);
  const zip = await call(mock, 'GET', '/recordings/download', { auth: M, query: { recordingIds: betaId } });
  assert.deepEqual([zip.status, zip.json().message], [400, "None of the provided recording IDs belong to room 'room-alpha'"]);
});

test('[decision openvidu-meet/query-token-fallback] query-token fallback works for media and ZIP download only', async () => {
  const { mock, access, member, alphaId } = await setup();
  assert.equal((await call(mock, 'GET', `/recordings/${alphaId}/media`, { auth: 'none', query: { accessToken: access } })).status, 200);
  assert.equal((await call(mock, 'GET', `/recordings/${alphaId}/media`, { auth: 'none', query: { roomMemberToken: member } })).status, 200);
  assert.equal((await call(mock, 'GET', '/recordings/download', { auth: 'none', query: { recordingIds: alphaId, accessToken: access } })).status, 200);
  assert.equal((await call(mock, 'GET', `/recordings/${alphaId}`, { auth: 'none', query: { accessToken: access } })).status, 401);
  assert.equal((await call(mock, 'GET', '/recordings', { auth: 'none', query: { accessToken: access } })).status, 401);
});

test('share secrets: public is anonymous, private needs credentials, unknown is 400', async () => {
  const { mock, alphaId } = await setup();
  const secretOf = async (priv: boolean) =>
    new URL((await call(mock, 'GET', `/recordings/${alphaId}/url`, { query: { privateAccess: String(priv) } })).json().url).searchParams.get('secret')!;
  const pub = await secretOf(false);
  const priv = await secretOf(true);
  assert.equal((await call(mock, 'GET', `/recordings/${alphaId}`, { auth: 'none', query: { secret: pub } })).status, 200);
  assert.equal((await call(mock, 'GET', `/recordings/${alphaId}/media`, { auth: 'none', query: { secret: pub } })).status, 200);
  assert.equal((await call(mock, 'GET', `/recordings/${alphaId}`, { auth: 'none', query: { secret: priv } })).status, 401);
  assert.equal((await call(mock, 'GET', `/recordings/${alphaId}`, { query: { secret: priv } })).status, 200);
  const unknown = await call(mock, 'GET', `/recordings/${alphaId}`, { auth: 'none', query: { secret: 'zzz' } });
  assert.deepEqual([unknown.status, unknown.json()], [400, { error: 'Recording Error', message: `Secret 'zzz' is not recognized for recording '${alphaId}'` }]);
});

test('[decision openvidu-meet/validate-before-auth] validation before auth on get/media, auth before validation elsewhere', async () => {
  const { mock } = await setup();
  assert.equal((await call(mock, 'GET', '/recordings/bad', { auth: 'none' })).status, 422);
  assert.equal((await call(mock, 'GET', '/recordings/bad/media', { auth: 'none' })).status, 422);
  assert.equal((await call(mock, 'DELETE', '/recordings/bad', { auth: 'none' })).status, 401);
  assert.equal((await call(mock, 'POST', '/recordings/bad/stop', { auth: 'none' })).status, 401);
  assert.equal((await call(mock, 'GET', '/recordings', { auth: 'none', query: { maxItems: '0' } })).status, 401);
  assert.equal((await call(mock, 'POST', '/recordings', { auth: 'none', body: {} })).status, 401);
});
