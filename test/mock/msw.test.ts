// test-process: own (msw's setupServer patches the process's fetch)
// The same mock in-process through msw setupServer, and the browser entry bundles for the browser.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { build } from 'esbuild';
import { setupServer } from 'msw/node';
import { createNodeHandlers } from '../../mock/node.ts';

test('msw setupServer serves the documented API and the control API', async () => {
  const { handlers } = createNodeHandlers({ api: 'openvidu-meet', origin: 'http://meet.test', clock: 'frozen', seed: 5 });
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const list = await fetch('http://meet.test/api/v1/recordings?status=complete&maxItems=1', { headers: { 'x-api-key': 'callrec-dev-key' } });
    assert.equal(list.status, 200);
    const { recordings } = (await list.json()) as { recordings: { recordingId: string; size: number }[] };
    const rec = recordings[0]!;
    const media = await fetch(`http://meet.test/api/v1/recordings/${rec.recordingId}/media`, {
      headers: { 'x-api-key': 'callrec-dev-key', range: 'bytes=0-7' },
    });
    assert.equal(media.status, 206);
    const bytes = new Uint8Array(await media.arrayBuffer());
    assert.equal(new TextDecoder().decode(bytes.subarray(4, 8)), 'ftyp');
    const started = await fetch('http://meet.test/api/v1/recordings', {
      method: 'POST',
      headers: { 'x-api-key': 'callrec-dev-key', 'content-type': 'application/json' },
      body: JSON.stringify({ roomId: 'room-alpha' }),
    });
    assert.equal(started.status, 201);
    // state persists across requests
    const again = await fetch('http://meet.test/api/v1/recordings', {
      method: 'POST',
      headers: { 'x-api-key': 'callrec-dev-key', 'content-type': 'application/json' },
      body: JSON.stringify({ roomId: 'room-alpha' }),
    });
    assert.equal(again.status, 409);
    assert.equal((await fetch('http://meet.test/__callrec/state')).status, 200);
  } finally {
    server.close();
  }
});

test('the browser entry bundles with no Node built-ins', async () => {
  const entry = fileURLToPath(new URL('../../mock/browser.ts', import.meta.url));
  const out = await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
  assert.equal(out.errors.length, 0);
  const code = out.outputFiles[0]!.text;
  assert.doesNotMatch(code, /from ["']node:/);
  assert.doesNotMatch(code, /require\(["'](fs|node:fs|crypto|http)["']\)/);
});
