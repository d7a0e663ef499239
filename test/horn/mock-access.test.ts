// Who may do what (owners ⊂ operators; strangers nothing), record/possible and the modes that
// refuse recording, and the documented envelope on every refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHANNELS } from '../../mock/horn/index.ts';
import { OPERATOR, OWNER, STRANGER, UNCONFIRMED_OWNER, bearer, call, control, newMock } from './mock-helpers.ts';

const CH = CHANNELS.recordable;

test('[decision horn/roles-per-operation] [decision horn/recording-error-codes] missing or unknown tokens are 401 UNAUTHORIZED with a Bearer challenge', async () => {
  const mock = newMock();
  for (const auth of ['none', bearer('nope')] as const) {
    const r = await call(mock, 'GET', `/channels/${CH}/recordings`, { auth });
    assert.equal(r.status, 401);
    assert.deepEqual(Object.keys(r.json()).sort(), ['error', 'message']);
    assert.equal(r.json().error, 'UNAUTHORIZED');
    assert.match(r.headers['www-authenticate'] ?? '', /^Bearer/);
  }
});

test('[decision horn/roles-per-operation] [decision horn/auth-order] operators and owners read; strangers get ACCESS_FORBIDDEN; unknown channels 404', async () => {
  const mock = newMock();
  for (const auth of [OWNER, OPERATOR]) assert.equal((await call(mock, 'GET', `/channels/${CH}/recordings`, { auth })).status, 200);
  const denied = await call(mock, 'GET', `/channels/${CH}/recordings`, { auth: STRANGER });
  assert.deepEqual([denied.status, denied.json().error], [403, 'ACCESS_FORBIDDEN']);
  const missing = await call(mock, 'GET', '/channels/no-such-channel/recordings', { auth: STRANGER });
  assert.deepEqual([missing.status, missing.json().error], [404, 'CHANNEL_NOT_FOUND']);
  assert.equal((await call(mock, 'POST', `/channels/${CH}/record`, { auth: STRANGER })).status, 403);
});

test('[decision horn/roles-per-operation] an owner who is not listed as operator can start (owners are operators)', async () => {
  const mock = newMock();
  const r = await call(mock, 'POST', `/channels/${CH}/record`, { auth: OWNER });
  assert.equal(r.status, 200);
});

test('[decision horn/record-possible-shape] [decision horn/unconfirmed-email-blocks-start] [decision horn/panel-only-recording] [decision horn/recording-not-permitted-400] record/possible follows confirmed owner e-mail; start refuses conference mode and unconfirmed owners', async () => {
  const mock = newMock();
  assert.deepEqual((await call(mock, 'GET', `/channels/${CH}/record/possible`, { auth: OPERATOR })).json(), { possible: true });
  assert.deepEqual((await call(mock, 'GET', `/channels/${CHANNELS.unconfirmed}/record/possible`, { auth: OPERATOR })).json(), { possible: false });
  for (const ch of [CHANNELS.conference, CHANNELS.unconfirmed]) {
    const r = await call(mock, 'POST', `/channels/${ch}/record`, { auth: OPERATOR });
    assert.deepEqual([r.status, r.json().error], [400, 'RECORDING_NOT_PERMITTED']);
  }
  await control(mock, 'user', { id: 104, emailConfirmed: true });
  assert.deepEqual((await call(mock, 'GET', `/channels/${CHANNELS.unconfirmed}/record/possible`, { auth: UNCONFIRMED_OWNER })).json(), { possible: true });
  assert.equal((await call(mock, 'POST', `/channels/${CHANNELS.unconfirmed}/record`, { auth: UNCONFIRMED_OWNER })).status, 200);
});

test('[decision horn/roles-per-operation] download URL and credentials are for owners only', async () => {
  const mock = newMock();
  const rec = (await call(mock, 'GET', `/channels/${CH}/recordings`, { query: { limit: '1' } })).json().results[0];
  for (const what of ['download', 'credentials']) {
    assert.equal((await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}/${what}`, { auth: OWNER })).status, 200);
    const r = await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}/${what}`, { auth: OPERATOR });
    assert.deepEqual([r.status, r.json().error], [403, 'ACCESS_FORBIDDEN']);
  }
});

test('[decision horn/auth-order] minted tokens work and a recording of another channel is not found', async () => {
  const mock = newMock();
  const { token } = await control(mock, 'token', { user: 'operator' });
  const conf = (await call(mock, 'GET', `/channels/${CHANNELS.conference}/recordings`)).json().results[0];
  const r = await call(mock, 'GET', `/channels/${CH}/recordings/${conf.id}`, { auth: bearer(token) });
  assert.deepEqual([r.status, r.json().error], [404, 'RECORDING_NOT_FOUND']);
});
