// The pure parts of the recording slice: signatures (as properties), content sniffing, formats,
// the two JSON dialects on the wire, the throttle window and the simulated recording server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { hmacSha256, toHex } from '../../core/hmac.ts';
import { createPrng } from '../../core/prng.ts';
import { checkFormat, extensionOf, uploadName } from '../../mock/nextcloud-talk/recording/formats.ts';
import { pythonJsonDumps } from '../../mock/nextcloud-talk/recording/python-json.ts';
import { checksum, verifySignature } from '../../mock/nextcloud-talk/recording/signature.ts';
import { createSimulatedRecordingServer } from '../../mock/nextcloud-talk/recording/sim-server.ts';
import { detectMimeType } from '../../mock/nextcloud-talk/recording/sniff.ts';
import { createThrottle } from '../../mock/nextcloud-talk/recording/throttle.ts';
import { nextcloudRandom, parseBackendMessage, recordingServerRandom, roomUrl, startBody, stopBody, unknownTypeMessage } from '../../mock/nextcloud-talk/recording/wire.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/media/${name}`, import.meta.url)));
const SECRET = 'the recording secret';
const RANDOM = 'r'.repeat(32);
const utf8 = new TextEncoder();

const signed = async (random: string, body: string | Uint8Array, secret = SECRET) => ({
  'talk-recording-random': random,
  'talk-recording-checksum': await checksum(secret, random, body),
});

test('checksum is lower-case hex HMAC-SHA256 over random + data', async () => {
  const expected = toHex(await hmacSha256(SECRET, `${RANDOM}{"type":"failed"}`));
  assert.equal(await checksum(SECRET, RANDOM, '{"type":"failed"}'), expected);
  assert.match(expected, /^[0-9a-f]{64}$/);
});

test('a valid signature verifies; upper-case hex too; the underscore header spelling too', async () => {
  const body = utf8.encode('{"type": "stopped", "stopped": {"token": "abcd"}}');
  const headers = await signed(RANDOM, body);
  assert.equal(await verifySignature(SECRET, headers, body), true);
  const upper = { ...headers, 'talk-recording-checksum': headers['talk-recording-checksum'].toUpperCase() };
  assert.equal(await verifySignature(SECRET, upper, body), true);
  assert.equal(await verifySignature(SECRET, upper, body, { caseInsensitive: false }), false);
  const underscore = { talk_recording_random: RANDOM, talk_recording_checksum: headers['talk-recording-checksum'] };
  assert.equal(await verifySignature(SECRET, underscore, body), true);
});

test('a random shorter than 32 characters is refused even with a correct checksum', async () => {
  const body = '{"type": "failed", "failed": {"token": "abcd"}}';
  const short = 'x'.repeat(31);
  assert.equal(await verifySignature(SECRET, await signed(short, body), body), false);
  assert.equal(await verifySignature(SECRET, await signed(short, body), body, { minRandomLength: 1 }), true);
  assert.equal(await verifySignature(SECRET, await signed('x'.repeat(32), body), body), true);
});

test('missing headers, wrong secret and empty checksum are refused', async () => {
  const body = '{}';
  assert.equal(await verifySignature(SECRET, {}, body), false);
  assert.equal(await verifySignature(SECRET, { 'talk-recording-random': RANDOM }, body), false);
  assert.equal(await verifySignature(SECRET, await signed(RANDOM, body, 'other secret'), body), false);
  assert.equal(await verifySignature(SECRET, { 'talk-recording-random': RANDOM, 'talk-recording-checksum': '' }, body), false);
});

test('property: any single-byte change of body, random or checksum is rejected', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uint8Array({ minLength: 1, maxLength: 200 }),
      fc.string({ minLength: 32, maxLength: 90, unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') }),
      fc.constantFrom('body', 'random', 'checksum'),
      fc.nat(),
      fc.integer({ min: 1, max: 255 }),
      async (body, random, where, pos, delta) => {
        const headers = await signed(random, body);
        assert.equal(await verifySignature(SECRET, headers, body), true);
        if (where === 'body') {
          const changed = new Uint8Array(body);
          const i = pos % changed.length;
          changed[i] = (changed[i]! + delta) & 255;
          assert.equal(await verifySignature(SECRET, headers, changed), false);
        } else {
          const key = where === 'random' ? 'talk-recording-random' : 'talk-recording-checksum';
          const value = headers[key];
          const i = pos % value.length;
          const alphabet = where === 'random' ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_' : '0123456789abcdef';
          const replacement = alphabet[(alphabet.indexOf(value[i]!) + 1 + (delta % (alphabet.length - 1))) % alphabet.length]!;
          const changed = { ...headers, [key]: value.slice(0, i) + replacement + value.slice(i + 1) };
          assert.equal(await verifySignature(SECRET, changed, body), false);
        }
      },
    ),
    { seed: 42, numRuns: 150 },
  );
});

test('sniffing looks at the content: the fixtures; a PNG, text or nothing is no recording format', () => {
  assert.equal(detectMimeType(fixture('sample.webm')), 'video/webm');
  assert.equal(detectMimeType(fixture('sample.ogg')), 'audio/ogg');
  assert.equal(detectMimeType(fixture('clip-2s.mp4')), 'video/mp4');
  assert.equal(detectMimeType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])), undefined);
  assert.equal(detectMimeType(utf8.encode('just some text that claims to be a webm')), undefined);
  assert.equal(detectMimeType(new Uint8Array()), undefined);
  const mkv = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x93, 0x42, 0x82, 0x88, ...utf8.encode('matroska')]);
  assert.equal(detectMimeType(mkv), 'video/x-matroska');
});

test('[decision nextcloud-talk/store-formats] the EBML DocType is read as libmagic reads it: its id starting within 4096 bytes from byte 4, the value after one size byte', () => {
  const at = (offset: number, value: string, size = 0x80 | value.length) => {
    const bytes = new Uint8Array(offset + 3 + value.length);
    bytes.set([0x1a, 0x45, 0xdf, 0xa3]);
    bytes.set([0x42, 0x82, size, ...utf8.encode(value)], offset);
    return bytes;
  };
  assert.equal(detectMimeType(at(4, 'webm')), 'video/webm');
  assert.equal(detectMimeType(at(4 + 4095, 'matroska')), 'video/x-matroska');
  assert.equal(detectMimeType(at(4 + 4096, 'webm')), undefined, 'beyond the search range');
  assert.equal(detectMimeType(at(10, 'webmish')), 'video/webm', 'a string test matches a prefix');
  assert.equal(detectMimeType(at(10, 'callrec')), undefined);
});

test('formats: mimetype must be allowed, then the extension must fit it (case-insensitive)', () => {
  assert.equal(checkFormat('call.webm', 'video/webm'), undefined);
  assert.equal(checkFormat('CALL.WEBM', 'video/webm'), undefined);
  assert.equal(checkFormat('call.ogg', 'audio/ogg'), undefined);
  assert.equal(checkFormat('call.webm', 'image/png'), 'file_mimetype');
  assert.equal(checkFormat('call.webm', undefined), 'file_mimetype');
  assert.equal(checkFormat('call.ogg', 'video/webm'), 'file_extension');
  assert.equal(checkFormat('call', 'video/webm'), 'file_extension');
  assert.equal(extensionOf('a.tar.GZ'), 'gz');
  // PHP's multipart parser keeps what follows the last / or \ (php_ap_basename).
  assert.equal(uploadName('../../etc/x.webm'), 'x.webm');
  assert.equal(uploadName('x.webm/'), '');
  assert.equal(uploadName('..\\x.webm'), 'x.webm');
  assert.equal(uploadName('a\\b/c.webm'), 'c.webm');
  assert.equal(uploadName('a/b\\c.webm'), 'c.webm');
  assert.equal(uploadName('plain.webm'), 'plain.webm');
});

test('Python json.dumps dialect: spaced separators, ASCII only', () => {
  assert.equal(pythonJsonDumps({ type: 'started', started: { token: 'ab', status: 1, actor: { type: 'users', id: 'zoe' } } }), '{"type": "started", "started": {"token": "ab", "status": 1, "actor": {"type": "users", "id": "zoe"}}}');
});

test('Nextcloud → recording server bodies are PHP json_encode, stop without actor is `[]`', () => {
  assert.equal(startBody(1, 'alice', { type: 'users', id: 'alice' }), '{"type":"start","start":{"status":1,"owner":"alice","actor":{"type":"users","id":"alice"}}}');
  assert.equal(stopBody({ type: 'users', id: 'a/b' }), '{"type":"stop","stop":{"actor":{"type":"users","id":"a\\/b"}}}');
  assert.equal(stopBody(undefined), '{"type":"stop","stop":[]}');
  assert.equal(roomUrl('wss://rec.example/', 'abcd'), 'https://rec.example/api/v1/room/abcd');
  assert.equal(roomUrl('http://rec.example', 'abcd'), 'http://rec.example/api/v1/room/abcd');
  const prng = createPrng(1);
  assert.match(nextcloudRandom(prng), /^[A-Za-z0-9+/]{64}$/);
  assert.match(recordingServerRandom(prng), /^[A-Za-z0-9_-]{86}$/);
});

test('backend messages: the three types, unknown types, broken fields', () => {
  const parse = (v: unknown) => parseBackendMessage(utf8.encode(typeof v === 'string' ? v : JSON.stringify(v)));
  assert.deepEqual(parse({ type: 'started', started: { token: 't', status: 2, actor: { type: 'users', id: 'a' } } }), { ok: true, message: { type: 'started', token: 't', status: 2, actor: { type: 'users', id: 'a' } } });
  assert.deepEqual(parse({ type: 'stopped', stopped: { token: 't' } }), { ok: true, message: { type: 'stopped', token: 't', actor: undefined } });
  assert.deepEqual(parse({ type: 'failed', failed: { token: 't' } }), { ok: true, message: { type: 'failed', token: 't' } });
  assert.equal((parse({ type: 'paused' }) as { error: string }).error, 'unknown_type');
  assert.equal((parse('not json') as { error: string }).error, 'unknown_type');
  assert.equal((parse({ type: 'started', started: { token: 't', status: 3, actor: { type: 'users', id: 'a' } } }) as { error: string }).error, 'broken_fields');
  assert.equal(unknownTypeMessage({ type: 'x/y' }), 'The given type {"type":"x\\/y"} is not supported.');
  assert.equal(unknownTypeMessage(null), 'The given type null is not supported.');
  // PHP's json_decode(…, true) turns objects keyed 0, 1, … (and {}) into lists, written […] again.
  assert.equal(unknownTypeMessage({ type: 'é', a: {}, b: { 0: 'x', 1: 'y' }, c: { 1: 'z' } }), 'The given type {"type":"\\u00e9","a":[],"b":["x","y"],"c":{"1":"z"}} is not supported.');
  assert.equal(unknownTypeMessage({}), 'The given type [] is not supported.');
});

test('throttle: blocks at the limit within the window, frees when failures age out', () => {
  const t = createThrottle(3, 1000);
  for (let i = 0; i < 3; i++) {
    assert.equal(t.blocked('talkRecordingSecret', 100 * i), false);
    t.register('talkRecordingSecret', 100 * i);
  }
  assert.equal(t.blocked('talkRecordingSecret', 250), true);
  assert.equal(t.blocked('talkRecordingStatus', 250), false);
  assert.equal(t.blocked('talkRecordingSecret', 999), true);
  assert.equal(t.blocked('talkRecordingSecret', 1000), false); // the failure at 0 has left the window
});

/** No fault switched on. */
const CLEAN: ReadonlySet<string> = new Set();

test('simulated recording server: verifies like the official one and plans started/stopped/store', async () => {
  const sim = createSimulatedRecordingServer();
  const url = 'http://recording-server.callrec.invalid/api/v1/room/abcd';
  const body = startBody(2, 'alice', { type: 'users', id: 'alice' });
  const good = { ...(await signed('R'.repeat(64), body)), 'talk-recording-backend': 'http://nc.test' };
  assert.equal((await sim.receive({ url, headers: { ...good, 'talk-recording-backend': '' }, body }, SECRET, 0, CLEAN)).status, 403);
  const upper = { ...good, 'talk-recording-checksum': good['talk-recording-checksum'].toUpperCase() };
  assert.equal((await sim.receive({ url, headers: upper, body }, SECRET, 0, CLEAN)).status, 403, 'the recording server does not lower-case');
  assert.equal((await sim.receive({ url, headers: good, body }, SECRET, 0, CLEAN)).status, 200);
  assert.deepEqual(sim.takeDue(1999, CLEAN), []);
  assert.deepEqual(sim.takeDue(2000, CLEAN), [{ kind: 'started', at: 2000, token: 'abcd', status: 2, actor: { type: 'users', id: 'alice' } }]);
  const stop = stopBody(undefined);
  const stopHeaders = { ...(await signed('S'.repeat(64), stop)), 'talk-recording-backend': 'http://nc.test' };
  assert.equal((await sim.receive({ url, headers: stopHeaders, body: stop }, SECRET, 5000, CLEAN)).status, 200);
  assert.equal((await sim.receive({ url, headers: stopHeaders, body: stop }, SECRET, 5000, CLEAN)).status, 200, 'a second stop while stopping is fine');
  assert.deepEqual(sim.takeDue(6000, CLEAN).map((e) => e.kind), ['stopped', 'store']);
  assert.equal((await sim.receive({ url, headers: stopHeaders, body: stop }, SECRET, 7000, CLEAN)).status, 404, 'unknown recording');
  const big = JSON.stringify({ type: 'stop', stop: { pad: 'x'.repeat(1100) } });
  assert.equal((await sim.receive({ url, headers: { ...(await signed('T'.repeat(64), big)), 'talk-recording-backend': 'x' }, body: big }, SECRET, 0, CLEAN)).status, 400);
});

test('simulated recording server: fail-next makes the start report failed', async () => {
  const sim = createSimulatedRecordingServer();
  sim.failNext = 1;
  const url = 'http://recording-server.callrec.invalid/api/v1/room/abcd';
  const body = startBody(1, 'alice', { type: 'users', id: 'alice' });
  await sim.receive({ url, headers: { ...(await signed('R'.repeat(64), body)), 'talk-recording-backend': 'x' }, body }, SECRET, 0, CLEAN);
  assert.deepEqual(sim.takeDue(10_000, CLEAN), [{ kind: 'failed', at: 2000, token: 'abcd' }]);
  assert.equal(sim.failNext, 0);
  assert.equal(sim.nextDueAt(), Number.POSITIVE_INFINITY);
});
