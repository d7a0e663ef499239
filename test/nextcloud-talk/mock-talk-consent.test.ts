// Recording consent on joinCall in the Talk mock: with the server's setting at 1 (control API
// `config`), a join needs recordingConsent (form 1, JSON true or 1); without it 400 consent and the
// caller stays out of the call. At 0 and 2 nothing is asked. The faults that break it, one by one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, join, makeMock, V1 } from './mock-talk-support.ts';

type Mock = ReturnType<typeof makeMock>;
const ROOM = 'teamroom22';
const peers = async (mock: Mock) => ((await call(mock, 'GET', `${V1}/call/${ROOM}`)).json.ocs.data as { userId: string }[]).map((p) => p.userId).sort();
const consentOn = async (faults: string[] = [], level = 1) => {
  const mock = makeMock(1, { faults });
  const r = await mock.control('config', { recordingConsent: level });
  assert.equal(r.status, 200);
  for (const user of ['alice', 'bob', 'carol']) await join(mock, ROOM, user);
  return mock;
};

describe('recording consent on joinCall', () => {
  it('required: a join without consent is 400 consent and joins nothing; with it (form 1 or true, JSON true or 1) it is in the call', async () => {
    const mock = await consentOn();
    for (const body of [undefined, { flags: 3 }, { recordingConsent: false }, { recordingConsent: 0 }, 'recordingConsent=0', 'recordingConsent=false']) {
      const r = await call(mock, 'POST', `${V1}/call/${ROOM}`, { as: 'bob', ...(body === undefined ? {} : { body }) });
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.deepEqual(r.json.ocs.data, { error: 'consent' });
    }
    assert.deepEqual(await peers(mock), []);
    assert.equal((await call(mock, 'POST', `${V1}/call/${ROOM}`, { as: 'bob', body: 'flags=3&recordingConsent=1' })).status, 200);
    assert.equal((await call(mock, 'POST', `${V1}/call/${ROOM}`, { as: 'alice', body: { recordingConsent: true } })).status, 200);
    assert.equal((await call(mock, 'POST', `${V1}/call/${ROOM}`, { as: 'carol', body: 'recordingConsent=true' })).status, 200);
    assert.deepEqual(await peers(mock), ['alice', 'bob', 'carol']);
    await call(mock, 'DELETE', `${V1}/call/${ROOM}`, { as: 'carol' });
    assert.equal((await call(mock, 'POST', `${V1}/call/${ROOM}`, { as: 'carol' })).status, 400);
    assert.equal((await call(mock, 'POST', `${V1}/call/${ROOM}`, { as: 'carol', body: { recordingConsent: 1 } })).status, 200);
    assert.deepEqual(await peers(mock), ['alice', 'bob', 'carol']);
  });

  it('not required (0) or optional (2, no conversation asks for it): a join without consent is 200', async () => {
    for (const level of [0, 2]) {
      const mock = await consentOn([], level);
      assert.equal((await call(mock, 'POST', `${V1}/call/${ROOM}`, { as: 'bob' })).status, 200, `level ${level}`);
      assert.deepEqual(await peers(mock), ['bob']);
    }
  });

  it('switched back to 0, a join without consent is 200 again', async () => {
    const mock = await consentOn();
    assert.equal((await call(mock, 'POST', `${V1}/call/${ROOM}`, { as: 'bob' })).status, 400);
    await mock.control('config', { recordingConsent: 0 });
    assert.equal((await call(mock, 'POST', `${V1}/call/${ROOM}`, { as: 'bob' })).status, 200);
  });

  it('faults: consent not required; consent given still refused; the wrong error code', async () => {
    let mock = await consentOn(['consent-not-required']);
    assert.equal((await call(mock, 'POST', `${V1}/call/${ROOM}`, { as: 'bob' })).status, 200);
    mock = await consentOn(['consent-flag-ignored']);
    assert.equal((await call(mock, 'POST', `${V1}/call/${ROOM}`, { as: 'bob', body: { recordingConsent: true } })).status, 400);
    assert.equal((await call(mock, 'POST', `${V1}/call/${ROOM}`, { as: 'bob', body: 'recordingConsent=1' })).status, 400);
    mock = await consentOn(['consent-error-code-wrong']);
    const r = await call(mock, 'POST', `${V1}/call/${ROOM}`, { as: 'bob' });
    assert.equal(r.status, 400);
    assert.notEqual(r.json.ocs.data.error, 'consent');
  });
});
