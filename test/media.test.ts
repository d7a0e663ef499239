import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFileBody } from '../core/http.ts';
import { MEDIA_CATALOG, mediaInfo } from '../mock/media-catalog.ts';
import { FIXTURES_MEDIA_DIR, NodeMediaStore } from '../mock/media-store-node.ts';
import { BytesMediaStore, parseManifest } from '../mock/media-store.ts';

const MiB = 1024 * 1024;
const manifest = parseManifest(JSON.parse(readFileSync(join(FIXTURES_MEDIA_DIR, 'manifest.json'), 'utf8')));
const head = (name: string, n: number) => readFileSync(join(FIXTURES_MEDIA_DIR, name)).subarray(0, n);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('every fixture exists with the size the manifest gives', () => {
  assert.ok(manifest.length >= 6);
  for (const m of manifest) {
    assert.equal(statSync(join(FIXTURES_MEDIA_DIR, m.name)).size, m.size, m.name);
    assert.ok(m.duration > 0, `${m.name} has a duration`);
  }
});

test('the fixture set the APIs rely on: 3 small MP4s, one over 6 MiB, a WebM, an Ogg; under 8 MiB in all', () => {
  const mp4 = manifest.filter((m) => m.contentType === 'video/mp4');
  const small = mp4.filter((m) => m.size < 400 * 1024);
  assert.equal(small.length, 3);
  assert.equal(new Set(small.map((m) => m.duration)).size, 3, 'different durations');
  assert.equal(mp4.filter((m) => m.size > 6 * MiB).length, 1, 'one MP4 beyond the 5 MiB open-ended cap');
  assert.equal(manifest.filter((m) => m.contentType === 'video/webm').length, 1);
  assert.equal(manifest.filter((m) => m.contentType === 'audio/ogg').length, 1);
  assert.ok(manifest.reduce((n, m) => n + m.size, 0) < 8 * MiB);
});

test('files really are what they claim: ftyp box, EBML magic, OggS', () => {
  for (const m of manifest) {
    if (m.contentType === 'video/mp4') {
      // ISO BMFF: the first box is `ftyp` (4-byte size, then the type).
      assert.equal(head(m.name, 8).subarray(4, 8).toString('latin1'), 'ftyp', m.name);
    } else if (m.contentType === 'video/webm') {
      assert.equal(hex(head(m.name, 4)), '1a45dfa3', m.name);
    } else if (m.contentType === 'audio/ogg') {
      assert.equal(head(m.name, 4).toString('latin1'), 'OggS', m.name);
    } else {
      assert.fail(`unexpected content type ${m.contentType}`);
    }
  }
});

test('the bundled catalogue is the manifest', () => {
  assert.deepEqual(MEDIA_CATALOG, manifest);
  assert.deepEqual(mediaInfo('clip-2s.mp4'), manifest.find((m) => m.name === 'clip-2s.mp4'));
  assert.equal(mediaInfo('nope.mp4'), undefined);
});

test('NodeMediaStore: list/info from the manifest, body() is a FileBody over the right path', async () => {
  const store = new NodeMediaStore();
  assert.deepEqual(store.list(), manifest);
  const info = store.info('clip-5s.mp4')!;
  assert.equal(info.contentType, 'video/mp4');
  assert.equal(store.info('missing.mp4'), undefined);

  const body = store.body('clip-5s.mp4', 100, 1099);
  assert.ok(isFileBody(body));
  assert.deepEqual(body, { kind: 'file', path: join(FIXTURES_MEDIA_DIR, 'clip-5s.mp4'), start: 100, end: 1099 });
  assert.deepEqual(store.body('clip-5s.mp4', 0, info.size - 1), { kind: 'file', path: join(FIXTURES_MEDIA_DIR, 'clip-5s.mp4'), start: 0, end: info.size - 1 });

  assert.throws(() => store.body('clip-5s.mp4', 0, info.size), RangeError);
  assert.throws(() => store.body('clip-5s.mp4', 10, 9), RangeError);
  assert.throws(() => store.body('missing.mp4', 0, 0), /unknown media/);

  const bytes = await store.bytes('clip-5s.mp4');
  assert.equal(bytes.byteLength, info.size);
  assert.deepEqual(bytes, new Uint8Array(await readFile(join(FIXTURES_MEDIA_DIR, 'clip-5s.mp4'))));
  assert.equal(await store.bytes('clip-5s.mp4'), bytes, 'read once, then cached');
  assert.throws(() => store.bytes('missing.mp4'), /unknown media/);
});

test('NodeMediaStore refuses a manifest that disagrees with the files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'callrec-media-'));
  try {
    writeFileSync(join(dir, 'a.mp4'), new Uint8Array(10));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ files: [{ name: 'a.mp4', contentType: 'video/mp4', size: 11, duration: 1 }] }));
    assert.throws(() => new NodeMediaStore(dir), /manifest says 11 bytes, file has 10/);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ files: [{ name: '../a.mp4', contentType: 'video/mp4', size: 10, duration: 1 }] }));
    assert.throws(() => new NodeMediaStore(dir), /entry 0/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('BytesMediaStore: sizes from the bytes, body() is the slice', async () => {
  const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);
  const store = new BytesMediaStore([{ name: 'x.mp4', contentType: 'video/mp4', duration: 1.5, bytes }]);
  assert.deepEqual(store.list(), [{ name: 'x.mp4', contentType: 'video/mp4', size: 100, duration: 1.5 }]);
  assert.deepEqual(store.body('x.mp4', 10, 12), new Uint8Array([10, 11, 12]));
  assert.deepEqual(store.body('x.mp4', 99, 99), new Uint8Array([99]));
  assert.throws(() => store.body('x.mp4', 99, 100), RangeError);
  assert.equal(await store.bytes('x.mp4'), bytes);
  assert.equal(store.info('y.mp4'), undefined);
  assert.throws(() => new BytesMediaStore([{ name: 'x', contentType: 'a/b', duration: 0, bytes }, { name: 'x', contentType: 'a/b', duration: 0, bytes }]), /twice/);
});

test('BytesMediaStore.fetchFixtures loads a fixtures folder over HTTP, like a page would', async () => {
  const server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '').replace(/^\/media\//, ''));
    let file: Buffer;
    try {
      file = readFileSync(join(FIXTURES_MEDIA_DIR, name));
    } catch {
      return void res.writeHead(404).end();
    }
    res.writeHead(200).end(file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const store = await BytesMediaStore.fetchFixtures(`http://127.0.0.1:${port}/media`, { only: ['clip-2s.mp4', 'sample.webm'] });
    assert.deepEqual(
      store.list(),
      manifest.filter((m) => m.name === 'clip-2s.mp4' || m.name === 'sample.webm'),
    );
    assert.deepEqual(await store.bytes('sample.webm'), new Uint8Array(readFileSync(join(FIXTURES_MEDIA_DIR, 'sample.webm'))));
    await assert.rejects(BytesMediaStore.fetchFixtures(`http://127.0.0.1:${port}/nowhere`), /HTTP 404/);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
