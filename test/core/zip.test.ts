import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { buildZip, readZip } from '../../core/zip.ts';

const media = (name: string) => new URL(`../../fixtures/media/${name}`, import.meta.url);

/** Plain table CRC-32 (IEEE, as ZIP uses), written here so the check does not trust fflate. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Walks the local file headers (APPNOTE 4.3.7) of a zip with sizes in the headers. */
function localHeaders(zip: Uint8Array) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out: { name: string; method: number; crc: number; size: number; dataOffset: number; dosDate: number }[] = [];
  let at = 0;
  while (view.getUint32(at, true) === 0x04034b50) {
    const method = view.getUint16(at + 8, true);
    const dosDate = view.getUint32(at + 10, true);
    const crc = view.getUint32(at + 14, true);
    const size = view.getUint32(at + 18, true);
    const nameLen = view.getUint16(at + 26, true);
    const extraLen = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLen));
    const dataOffset = at + 30 + nameLen + extraLen;
    out.push({ name, method, crc, size, dataOffset, dosDate });
    at = dataOffset + size;
  }
  return out;
}

test('round trip of real media: stored (not deflated), CRCs right, bytes verbatim', async () => {
  const entries = [
    { name: 'clip-2s.mp4', bytes: new Uint8Array(await readFile(media('clip-2s.mp4'))) },
    { name: 'clip-5s.mp4', bytes: new Uint8Array(await readFile(media('clip-5s.mp4'))) },
  ];
  const zip = buildZip(entries);

  const back = readZip(zip);
  assert.deepEqual(back.map((e) => e.name), ['clip-2s.mp4', 'clip-5s.mp4']);
  for (const [i, e] of back.entries()) assert.deepEqual(e.bytes, entries[i]!.bytes);

  const headers = localHeaders(zip);
  assert.equal(headers.length, 2);
  for (const [i, h] of headers.entries()) {
    const original = entries[i]!.bytes;
    assert.equal(h.name, entries[i]!.name);
    assert.equal(h.method, 0, 'store-only');
    assert.equal(h.size, original.byteLength);
    assert.equal(h.crc, crc32(original));
    assert.deepEqual(zip.subarray(h.dataOffset, h.dataOffset + h.size), original);
  }
  // Store-only: the archive is the files plus a few hundred bytes of headers.
  const payload = entries.reduce((n, e) => n + e.bytes.byteLength, 0);
  assert.ok(zip.byteLength > payload && zip.byteLength < payload + 512);
});

test('deterministic: same entries give identical bytes, with the fixed 2020-01-01 mtime', () => {
  const entries = [{ name: 'a.txt', bytes: new TextEncoder().encode('hello') }];
  const a = buildZip(entries);
  const b = buildZip(entries);
  assert.deepEqual(a, b);
  const [h] = localHeaders(a);
  // DOS date/time: time in the low 16 bits (00:00:00), date in the high 16 (year-1980, month, day).
  assert.equal(h!.dosDate, ((2020 - 1980) << 25) | (1 << 21) | (1 << 16));
  assert.equal(h!.crc, 0x3610a686); // CRC-32 of "hello"
});

test('empty archive and duplicate names', () => {
  assert.deepEqual(readZip(buildZip([])), []);
  const dup = [
    { name: 'x.mp4', bytes: new Uint8Array([1]) },
    { name: 'x.mp4', bytes: new Uint8Array([2]) },
  ];
  assert.throws(() => buildZip(dup), /duplicate ZIP entry name: x\.mp4/);
});
