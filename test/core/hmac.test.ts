import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { hmacSha256, hmacSha256Base64Url, hmacSha256Hex, timingSafeEqualHex, toBase64, toHex } from '../../core/hmac.ts';

test('RFC 4231 test case 2 (key "Jefe")', async () => {
  const mac = await hmacSha256('Jefe', 'what do ya want for nothing?');
  assert.equal(toHex(mac), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  assert.equal(toBase64(mac), 'W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=');
});

test('RFC 4231 test case 1 (binary key, 20 × 0x0b)', async () => {
  const mac = await hmacSha256(new Uint8Array(20).fill(0x0b), 'Hi There');
  assert.equal(toHex(mac), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
});

test('agrees with node:crypto for UTF-8 strings and bytes, and Base64 with Buffer', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.uint8Array({ maxLength: 300 }), async (key, body) => {
      const ours = await hmacSha256(key, body);
      const theirs = createHmac('sha256', Buffer.from(key, 'utf8')).update(body).digest();
      assert.equal(toHex(ours), theirs.toString('hex'));
      assert.equal(toBase64(ours), theirs.toString('base64'));
      assert.equal(toBase64(body), Buffer.from(body).toString('base64'));
    }),
    { seed: 4231, numRuns: 200 },
  );
});

test('a Uint8Array view into a larger buffer signs only its own bytes', async () => {
  const backing = new TextEncoder().encode('xxJefexx');
  const key = backing.subarray(2, 6);
  assert.equal(toHex(await hmacSha256(key, 'what do ya want for nothing?')), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
});

test('an empty key works (WebCrypto alone would refuse it) and matches HMAC with an empty key', async () => {
  assert.equal(toHex(await hmacSha256('', 'body')), createHmac('sha256', '').update('body').digest('hex'));
});

test('timingSafeEqualHex', () => {
  const sig = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
  assert.equal(timingSafeEqualHex(sig, sig), true);
  assert.equal(timingSafeEqualHex(sig, sig.toUpperCase()), false);
  assert.equal(timingSafeEqualHex(sig, sig.toUpperCase(), { caseInsensitive: true }), true);
  assert.equal(timingSafeEqualHex(sig, sig.slice(0, -1) + '4'), false); // last char differs
  assert.equal(timingSafeEqualHex(sig, '0' + sig.slice(1)), false); // first char differs
  assert.equal(timingSafeEqualHex(sig, sig.slice(0, -2)), false); // shorter
  assert.equal(timingSafeEqualHex('', ''), true);
});

test('the Node fast path and WebCrypto (the browser path) agree', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 80 }), fc.uint8Array({ maxLength: 300 }), async (key, msg) => {
      const k = await globalThis.crypto.subtle.importKey('raw', new Uint8Array(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      const web = new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', k, new Uint8Array(msg)));
      assert.deepEqual(await hmacSha256(key, msg), web);
    }),
    { seed: 7, numRuns: 50 },
  );
});

test('hex over parts and unpadded Base64url match one MAC over the joined message', async () => {
  const want = createHmac('sha256', 'k').update('random+body').digest();
  assert.equal(await hmacSha256Hex('k', ['random', '+', new TextEncoder().encode('body')]), want.toString('hex'));
  assert.equal(await hmacSha256Base64Url('k', 'random+body'), want.toString('base64url'));
  assert.doesNotMatch(await hmacSha256Base64Url(new Uint8Array([1, 2, 3]), 'x'), /[+/=]/);
});
