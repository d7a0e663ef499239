// Every fault of the catalogue changes what the wire shows: for each one a probe that sees the
// bug on a faulty mock and not on a clean one (seeds 1-3), so the checks have something to find.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { hmacSha256, toBase64 } from '../../core/hmac.ts';
import { readZip } from '../../core/zip.ts';
import { CHANNELS, DEFAULT_WEBHOOK_SECRET, faults } from '../../mock/horn/index.ts';
import { MIN, OPERATOR, OWNER, STRANGER, advance, call, control, newMock } from './mock-helpers.ts';
import type { HornMock } from '../../mock/horn/index.ts';
import type { FaultName } from '../../mock/horn/faults.ts';
import { trips } from '../../suites/horn/faults.ts';

const CH = CHANNELS.recordable;
const b64url = (s: string) => Buffer.from(s).toString('base64url');

const list = async (m: HornMock, query: Record<string, string> = {}) => (await call(m, 'GET', `/channels/${CH}/recordings`, { query: { limit: '100', ...query } })).json();
const ready = async (m: HornMock) => (await list(m)).results as any[];
const isEnvelope = (b: any) => typeof b.error === 'string' && /^[A-Z][A-Z0-9_]*$/.test(b.error) && typeof b.message === 'string';
async function started(m: HornMock) {
  return (await call(m, 'POST', `/channels/${CH}/record`, { auth: OPERATOR })).json();
}
async function creds(m: HornMock, id: string, ttl?: string) {
  return (await call(m, 'GET', `/channels/${CH}/recordings/${id}/credentials`, { query: ttl ? { ttl } : {} })).json().jwt as string;
}
async function urlLifetime(m: HornMock, ttl?: string) {
  const [r] = await ready(m);
  const { url } = (await call(m, 'GET', `/channels/${CH}/recordings/${r.id}/download`, { query: ttl ? { ttl } : {} })).json();
  return Number(new URL(url).searchParams.get('expires')) - m.clock.now();
}
async function events(fault: FaultName | undefined, seed: number) {
  const sent: { sig: string; body: string }[] = [];
  const m = newMock({
    seed,
    faults: fault ? [fault] : [],
    fetch: async (_u, init) => {
      sent.push({ sig: (init!.headers as Record<string, string>)['x-horn-signature']!, body: new TextDecoder().decode(init!.body as Uint8Array) });
      return new Response('ok');
    },
  });
  await control(m, 'webhook', { url: 'http://receiver.test/' });
  await started(m);
  await control(m, 'webhook-flush');
  await m.close();
  return sent[0]!.sig !== toBase64(await hmacSha256(DEFAULT_WEBHOOK_SECRET, sent[0]!.body));
}

/** Whether recordings ready at one instant are announced out of id order, on a mock with `m`'s faults. */
async function sameInstantReadyOutOfOrder(m: HornMock, seed: number) {
  const sent: any[] = [];
  const mock = newMock({ seed, faults: [...m.faults] as FaultName[], strictSpec: false, fetch: async (_u, init) => (sent.push(JSON.parse(new TextDecoder().decode(init!.body as Uint8Array))), new Response('ok')) });
  await control(mock, 'webhook', { url: 'http://receiver.test/' });
  // Four recordings that ended together with the same length: ready at the same instant.
  await control(mock, 'seed', { recordings: [1, 2, 3, 4].map(() => ({ channel: CH, state: 'processing' })) });
  advance(mock, MIN);
  await control(mock, 'tick');
  await control(mock, 'webhook-flush');
  await mock.close();
  const ids = sent.filter((e) => e.type === 'recording.ready').map((e) => e.data.id as string);
  assert.equal(ids.length, 4);
  return ids.join() !== [...ids].sort().join();
}

/** Each probe answers true when it sees the bug. */
const probes: Record<FaultName, (m: HornMock, seed: number) => Promise<boolean>> = {
  'asset-state-outside-enum': async (m) => {
    const [r] = await ready(m);
    return (await call(m, 'GET', `/channels/${CH}/recordings/${r.id}/assets`)).json()[0].state === 'in_flight';
  },
  'start-time-as-string': async (m) => typeof (await ready(m))[0].startTime === 'string',
  'error-code-lowercase': async (m) => !isEnvelope((await call(m, 'GET', `/channels/${CH}/recordings/nope`)).json()),
  'error-message-missing': async (m) => !isEnvelope((await call(m, 'GET', `/channels/${CH}/recordings/nope`)).json()),
  'stranger-reads-recordings': async (m) => (await call(m, 'GET', `/channels/${CH}/recordings`, { auth: STRANGER })).status === 200,
  'owner-not-operator': async (m) => (await call(m, 'POST', `/channels/${CH}/record`, { auth: OWNER })).status === 403,
  'missing-token-accepted': async (m) => (await call(m, 'GET', `/channels/${CH}/recordings`, { auth: 'none' })).status === 200,
  'possible-counts-unconfirmed-email': async (m) => (await call(m, 'GET', `/channels/${CHANNELS.unconfirmed}/record/possible`, { auth: OPERATOR })).json().possible === true,
  'unsupported-mode-recorded': async (m) => (await call(m, 'POST', `/channels/${CHANNELS.conference}/record`, { auth: OPERATOR })).status === 200,
  'not-permitted-as-500': async (m) => (await call(m, 'POST', `/channels/${CHANNELS.conference}/record`, { auth: OPERATOR })).status === 500,
  'ready-before-ended': async (m) => (await started(m)).readyTime !== undefined,
  'ready-time-regresses': async (m) => {
    const [r] = await ready(m);
    const reads = [];
    for (let i = 0; i < 3; i++) reads.push((await call(m, 'GET', `/channels/${CH}/recordings/${r.id}`)).json().readyTime);
    return reads.some((t) => t === undefined);
  },
  'assets-of-active-recording': async (m) => {
    const r = await started(m);
    advance(m, MIN);
    return (await call(m, 'GET', `/channels/${CH}/recordings/${r.id}/assets`)).status === 200;
  },
  'single-asset-for-long-recording': async (m) => {
    const r = await started(m);
    advance(m, 75 * MIN);
    await call(m, 'DELETE', `/channels/${CH}/record`, { auth: OPERATOR });
    return (await call(m, 'GET', `/channels/${CH}/recordings/${r.id}/assets`)).json().length !== 3;
  },
  'segment-times-overlap': async (m) => {
    const r = await started(m);
    advance(m, 75 * MIN);
    await call(m, 'DELETE', `/channels/${CH}/record`, { auth: OPERATOR });
    const a = (await call(m, 'GET', `/channels/${CH}/recordings/${r.id}/assets`)).json();
    return a.some((x: any, i: number) => i > 0 && x.startTime < a[i - 1].endTime);
  },
  'total-counts-deleted': async (m) => {
    const l = await list(m);
    return l.total !== l.results.length;
  },
  'page-repeats-boundary-item': async (m) => {
    const a = (await list(m, { limit: '5' })).results;
    const b = (await list(m, { limit: '5', offset: '5' })).results;
    return b[0].id === a[4].id;
  },
  'order-ignored': async (m) => {
    const r = (await list(m, { order: 'asc' })).results;
    return r[0].startTime > r[1].startTime;
  },
  'sort-ended-ignored': async (m) => {
    const r = (await list(m, { sort: 'ended', order: 'asc' })).results;
    return r.some((x: any, i: number) => i > 0 && x.endTime < r[i - 1].endTime);
  },
  'offset-past-end-400': async (m) => (await call(m, 'GET', `/channels/${CH}/recordings`, { query: { offset: '500' } })).status === 400,
  'ttl-ignored': async (m) => (await urlLifetime(m, '1m')) !== MIN,
  'default-ttl-one-minute': async (m) => (await urlLifetime(m)) !== 5 * MIN,
  'download-url-never-expires': async (m) => {
    const [r] = await ready(m);
    const { url } = (await call(m, 'GET', `/channels/${CH}/recordings/${r.id}/download`, { query: { ttl: '30s' } })).json();
    advance(m, 31_000);
    return (await call(m, 'GET', url, { auth: 'none' })).status === 200;
  },
  'operator-gets-download-url': async (m) => {
    const [r] = await ready(m);
    return (await call(m, 'GET', `/channels/${CH}/recordings/${r.id}/download`, { auth: OPERATOR })).status === 200;
  },
  'jwt-accepted-after-exp': async (m) => {
    const [r] = await ready(m);
    const jwt = await creds(m, r.id, '30s');
    advance(m, 31_000);
    return (await call(m, 'GET', `/channels/recording/assets/${jwt}`, { auth: 'none' })).status === 200;
  },
  'jwt-alg-none-accepted': async (m) => {
    const [r] = await ready(m);
    const payload = decodeJwt(await creds(m, r.id));
    const none = `${b64url('{"alg":"none"}')}.${b64url(JSON.stringify(payload))}.`;
    return (await call(m, 'GET', `/channels/recording/assets/${none}`, { auth: 'none' })).status === 200;
  },
  'jwt-signature-unchecked': async (m) => {
    const [a, b] = await ready(m);
    const [h, p, s] = (await creds(m, a.id)).split('.');
    const forged = `${h}.${b64url(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), sub: b.id }))}.${s}`;
    return (await call(m, 'GET', `/channels/recording/assets/${forged}`, { auth: 'none' })).status === 200;
  },
  'jwt-recording-unbound': async (m) => {
    const [a, b] = await ready(m);
    return (await call(m, 'GET', `/channels/recording/assets/${b.id}-s1/${await creds(m, a.id)}`, { auth: 'none' })).status === 200;
  },
  'event-signature-hex': async (_m, seed) => events('event-signature-hex', seed),
  'event-signed-reserialized': async (_m, seed) => events('event-signed-reserialized', seed),
  'bad-limit-500': async (m) => (await call(m, 'GET', `/channels/${CH}/recordings`, { query: { limit: 'ten' } })).status === 500,
  'bad-ttl-500': async (m) => {
    const [r] = await ready(m);
    return (await call(m, 'GET', `/channels/${CH}/recordings/${r.id}/download`, { query: { ttl: '5x' } })).status === 500;
  },
  'unknown-method-404': async (m) => (await call(m, 'PUT', `/channels/${CH}/recordings`)).status === 404,
  'already-started-409': async (m) => {
    await started(m);
    return (await call(m, 'POST', `/channels/${CH}/record`, { auth: OPERATOR })).status === 409;
  },
  'event-timestamp-seconds': async (_m, seed) => {
    const sent: any[] = [];
    const m = newMock({ seed, faults: ['event-timestamp-seconds'], fetch: async (_u, init) => (sent.push(JSON.parse(new TextDecoder().decode(init!.body as Uint8Array))), new Response('ok')) });
    await control(m, 'webhook', { url: 'http://receiver.test/' });
    const rec = await started(m);
    await control(m, 'webhook-flush');
    await m.close();
    return sent[0].timestamp !== rec.startTime;
  },
  'bad-request-message-bare': async (m) => !(await call(m, 'GET', `/channels/${CH}/recordings`, { query: { limit: 'ten' } })).json().message.startsWith('Badly formed request from client: '),
  'unknown-asset-500': async (m) => {
    const [r] = await ready(m);
    return (await call(m, 'GET', `/channels/${CH}/recordings/${r.id}/assets/${r.id}-s99`)).status === 500;
  },
  'foreign-recording-readable': async (m) => {
    await control(m, 'channel', { id: 'elsewhere', owners: [101], operators: [102] });
    const { recordings } = await control(m, 'seed', { recordings: [{ channel: 'elsewhere', state: 'ready', durationMs: 10 * MIN }] });
    return (await call(m, 'GET', `/channels/${CH}/recordings/${recordings[0].id}`)).status === 200;
  },
  'deleted-archive-served': async (m) => {
    const [r] = await ready(m);
    const { url } = (await call(m, 'GET', `/channels/${CH}/recordings/${r.id}/download`)).json();
    await control(m, 'delete-recording', { recordingId: r.id });
    return (await call(m, 'GET', url, { auth: 'none' })).status === 200;
  },
  'bearer-scheme-case-sensitive': async (m) => (await call(m, 'GET', `/channels/${CH}/recordings`, { auth: { authorization: OWNER.authorization.replace('Bearer', 'bearer') } })).status === 401,
  'archive-misses-last-segment': async (m) => {
    const { recordings } = await control(m, 'seed', { recordings: [{ channel: CH, state: 'ready', durationMs: 75 * MIN }] });
    const { url } = (await call(m, 'GET', `/channels/${CH}/recordings/${recordings[0].id}/download`)).json();
    return readZip((await call(m, 'GET', url, { auth: 'none' })).bytes()).length !== 3;
  },
  'accept-ranges-missing': async (m) => {
    const [r] = await ready(m);
    const { url } = (await call(m, 'GET', `/channels/${CH}/recordings/${r.id}/download`)).json();
    return (await call(m, 'GET', url, { auth: 'none' })).headers['accept-ranges'] !== 'bytes';
  },
  'same-instant-ready-reversed': sameInstantReadyOutOfOrder,
  'possible-accepts-invalid-email': async (m) => {
    await control(m, 'user', { id: 900, email: 'owner example.com', emailConfirmed: true });
    await control(m, 'channel', { id: 'odd-mail', owners: [900], operators: [102] });
    return (await call(m, 'GET', '/channels/odd-mail/record/possible', { auth: OPERATOR })).json().possible === true;
  },
};

test('every fault has a probe and trips at least one horn check id', () => {
  assert.deepEqual(Object.keys(probes).sort(), faults.map((f) => f.name).sort());
  for (const f of faults) assert.ok(trips[f.name].length > 0 && trips[f.name].every((id) => id.startsWith('horn.')), f.name);
  const ids = new Set(faults.flatMap((f) => trips[f.name]));
  for (const id of ['schema.responses-conform', 'errors.envelope', 'auth.roles', 'record.possible-and-permitted', 'lifecycle.fields-in-order', 'assets.segments', 'pagination.limit-offset', 'download-url.ttl', 'download-url.owner-only', 'jwt.expiry', 'jwt.tampering', 'events.signature', 'robustness.bad-input']) {
    assert.ok(ids.has(`horn.${id}`), id);
  }
});

for (const f of faults) {
  test(`fault ${f.name} is visible on the wire, and only with the fault on`, async () => {
    for (const seed of [1, 2, 3]) {
      const probe = probes[f.name];
      // Faults break the spec on purpose: strict validation stays for the clean mock only.
      assert.equal(await probe(newMock({ seed, faults: [f.name], strictSpec: false }), seed), true, `seed ${seed} with the fault`);
      const clean = f.name.startsWith('event-') ? await events(undefined, seed) : await probe(newMock({ seed }), seed);
      assert.equal(clean, false, `seed ${seed} clean`);
    }
  });
}
