// Download URLs (ttl, expiry, signature, ZIP with ranges) and download JWTs (claims, expiry,
// tampering, alg none, wrong recording).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { readZip } from '../../core/zip.ts';
import { CHANNELS } from '../../mock/horn/index.ts';
import { MIN, advance, call, media, newMock } from './mock-helpers.ts';
import type { HornMock } from '../../mock/horn/index.ts';

const CH = CHANNELS.recordable;

async function readyRecordings(mock: HornMock) {
  return (await call(mock, 'GET', `/channels/${CH}/recordings`, { query: { limit: '100' } })).json().results as any[];
}

test('[decision horn/ttl-format] [decision horn/download-url-form] ttl parsing: units, default 5 minutes, bad values 400', async () => {
  const mock = newMock();
  const [rec] = await readyRecordings(mock);
  const exp = async (ttl?: string) => {
    const r = await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}/download`, { query: ttl ? { ttl } : {} });
    return Number(new URL(r.json().url).searchParams.get('expires')) - mock.clock.now();
  };
  assert.equal(await exp(), 5 * MIN);
  assert.equal(await exp('30s'), 30_000);
  assert.equal(await exp('1m'), MIN);
  assert.equal(await exp('2h'), 120 * MIN);
  assert.equal(await exp('1d'), 24 * 60 * MIN);
  for (const ttl of ['0s', '5', '1w', 'abc', '-1m', '31d']) {
    const r = await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}/download`, { query: { ttl } });
    assert.deepEqual([r.status, r.json().error], [400, 'BAD_REQUEST'], ttl);
  }
});

test('[decision horn/download-url-form] a download URL serves a ZIP of the segments before expiry, with ranges, and 403 after', async () => {
  const mock = newMock();
  const recs = await readyRecordings(mock);
  const rec = recs.find((r) => r.endTime - r.startTime > 30 * MIN)!;
  const { url } = (await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}/download`, { query: { ttl: '1m' } })).json();
  const whole = await call(mock, 'GET', url, { auth: 'none' });
  assert.equal(whole.status, 200);
  assert.equal(whole.headers['content-type'], 'application/zip');
  const entries = readZip(whole.bytes());
  const assets = (await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}/assets`)).json();
  assert.equal(entries.length, assets.length);
  for (const [i, e] of entries.entries()) assert.equal(e.bytes.byteLength, assets[i].size);
  const names = media.list().map((m) => m.name);
  assert.ok(names.length > 0);
  const part = await call(mock, 'GET', url, { auth: 'none', headers: { range: 'bytes=10-19' } });
  assert.equal(part.status, 206);
  assert.deepEqual(part.bytes(), whole.bytes().subarray(10, 20));
  assert.equal(part.headers['content-range'], `bytes 10-19/${whole.bytes().byteLength}`);
  const past = await call(mock, 'GET', url, { auth: 'none', headers: { range: `bytes=${whole.bytes().byteLength}-` } });
  assert.equal(past.status, 416);
  const tampered = url.replace(/signature=./, (s: string) => `signature=${s.endsWith('A') ? 'B' : 'A'}`);
  assert.equal((await call(mock, 'GET', tampered, { auth: 'none' })).json().error, 'INVALID_SIGNATURE');
  advance(mock, MIN - 1);
  assert.equal((await call(mock, 'GET', url, { auth: 'none' })).status, 200);
  advance(mock, 1);
  const expired = await call(mock, 'GET', url, { auth: 'none' });
  assert.deepEqual([expired.status, expired.json().error], [403, 'DOWNLOAD_URL_EXPIRED']);
});

test('[decision horn/jwt-claims] [decision horn/jwt-paths-no-bearer] [decision horn/jwt-rejections] download JWT: decided claims, listing and download work until exp', async () => {
  const mock = newMock();
  const [rec] = await readyRecordings(mock);
  const { jwt } = (await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}/credentials`, { query: { ttl: '30s' } })).json();
  const claims = decodeJwt(jwt);
  assert.equal(claims.sub, rec.id);
  assert.equal(claims.channel, CH);
  assert.equal(claims.scope, 'recording:download');
  assert.equal(claims.exp, Math.floor((mock.clock.now() + 30_000) / 1000));
  const list = await call(mock, 'GET', `/channels/recording/assets/${jwt}`, { auth: 'none' });
  assert.equal(list.status, 200);
  const first = list.json()[0];
  assert.equal(first.kind, 'combined_video');
  const file = await call(mock, 'GET', `/channels/recording/assets/${first.id}/${jwt}`, { auth: 'none' });
  assert.equal(file.status, 200);
  assert.equal(file.bytes().byteLength, first.size);
  const range = await call(mock, 'GET', `/channels/recording/assets/${first.id}/${jwt}`, { auth: 'none', headers: { range: 'bytes=-5' } });
  assert.deepEqual(range.bytes(), file.bytes().subarray(first.size - 5));
  advance(mock, 30_000);
  for (const path of [`/channels/recording/assets/${jwt}`, `/channels/recording/assets/${first.id}/${jwt}`]) {
    const r = await call(mock, 'GET', path, { auth: 'none' });
    assert.deepEqual([r.status, r.json().error], [401, 'TOKEN_EXPIRED']);
  }
});

const b64url = (s: string) => Buffer.from(s).toString('base64url');

test('[decision horn/jwt-rejections] [decision horn/jwt-paths-no-bearer] tampered, unsigned (alg none) and other-recording JWTs are rejected', async () => {
  const mock = newMock();
  const [a, b] = await readyRecordings(mock);
  const { jwt } = (await call(mock, 'GET', `/channels/${CH}/recordings/${a.id}/credentials`)).json();
  const [h, p, s] = jwt.split('.');
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
  const forged = `${h}.${b64url(JSON.stringify({ ...payload, sub: b.id }))}.${s}`;
  const none = `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}.`;
  for (const token of [forged, none, 'not-a-jwt', `${h}.${p}.${s.slice(0, -2)}xx`]) {
    const r = await call(mock, 'GET', `/channels/recording/assets/${token}`, { auth: 'none' });
    assert.deepEqual([r.status, r.json().error], [401, 'INVALID_TOKEN'], token);
  }
  const other = await call(mock, 'GET', `/channels/recording/assets/${b.id}-s1/${jwt}`, { auth: 'none' });
  assert.deepEqual([other.status, other.json().error], [403, 'ACCESS_FORBIDDEN']);
});

test('[decision horn/download-needs-ready] downloads need a ready recording', async () => {
  const mock = newMock();
  const rec = (await call(mock, 'POST', `/channels/${CH}/record`)).json();
  for (const what of ['download', 'credentials']) {
    const r = await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}/${what}`);
    assert.deepEqual([r.status, r.json().error], [400, 'RECORDING_NOT_READY']);
  }
});
