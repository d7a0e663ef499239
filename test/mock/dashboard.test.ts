// test-process: own (Chromium)
// Point 3 of issue 11: the dashboard at /__callrec/ui, driven in headless Chromium against a real
// `startMockServer` port. Switching a fault in the page changes the next API response; a request
// shows up in the journal; a recording's status history and a signed webhook delivery with the
// receiver's answer are shown. Leaves a screenshot at reports/dashboard.png (not committed: ports
// change every run; reports/examples/dashboard.png is a copy of one).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startMockServer, type MockServer } from '../../mock/server.ts';
import { trips } from '../../suites/openvidu-meet/faults.ts';
import { launchChromium } from '../support/chromium.ts';

const KEY = { 'x-api-key': 'callrec-dev-key' };
let browser: Browser;
let s: MockServer;
let page: Page;
let receiver: Server;
let receiverUrl: string;

before(async () => {
  s = await startMockServer({ api: 'openvidu-meet', clock: 'frozen', faultTrips: trips });
  // A webhook receiver that answers with a body of its own, so the page can show the receiver's answer.
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks from the receiver'));
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await page.goto(s.dashboardUrl);
  await page.waitForSelector('body[data-loaded="true"]');
});
after(async () => {
  await browser?.close();
  receiver?.close();
  await s?.close();
});

const api = (path: string, init: RequestInit = {}) => fetch(`${s.baseUrl}${path}`, init);

test('switching a fault in the page changes the next API response', async () => {
  assert.equal((await api('/recordings')).status, 401, 'no key: refused');
  const box = page.locator('input[data-fault="list-without-auth"]');
  // The fault's row says what it breaks and which checks it trips (suites/openvidu-meet/faults.ts).
  const row = page.locator('tr.fault', { has: box });
  assert.match(await row.innerText(), /list-without-auth[\s\S]*openvidu-meet\.auth\./);
  await box.check();
  await page.waitForSelector('tr.fault.on input[data-fault="list-without-auth"]');
  assert.equal((await api('/recordings')).status, 200, 'fault on: the listing answers without a key');
  await page.locator('input[data-fault="list-without-auth"]').uncheck();
  await page.waitForFunction(() => !document.querySelector('tr.fault.on input[data-fault="list-without-auth"]'));
  assert.equal((await api('/recordings')).status, 401, 'fault off again');
});

test('a request shows up in the journal with method, path, status and timing', async () => {
  assert.equal((await api('/recordings?maxItems=3', { headers: KEY })).status, 200);
  const row = page.locator('tr[data-journal="GET /api/v1/recordings?maxItems=3"]').first();
  await row.waitFor();
  const cells = await row.locator('td').allInnerTexts();
  assert.equal(cells[1], 'GET');
  assert.equal(cells[3], '200');
  assert.match(cells[4]!, /^\d+\.\d$/, 'milliseconds');
});

test('status history, the clock and a signed webhook delivery with the receiver\'s answer', async () => {
  const hook = await fetch(`${s.origin}/__callrec/action/webhook`, { method: 'POST', body: JSON.stringify({ url: receiverUrl }) });
  assert.equal(hook.status, 200);
  const started = await api('/recordings', { method: 'POST', headers: { ...KEY, 'content-type': 'application/json' }, body: JSON.stringify({ roomId: 'room-alpha' }) });
  assert.equal(started.status, 201);
  const { recordingId } = (await started.json()) as { recordingId: string };
  assert.equal((await api(`/recordings/${encodeURIComponent(recordingId)}/stop`, { method: 'POST', headers: KEY })).status, 202);
  // The page's clock button moves the mock's clock past the 3 s the stop takes to complete.
  const before = await page.locator('#now').innerText();
  await page.locator('button[data-advance="60000"]').click();
  await page.waitForFunction((t) => document.getElementById('now')!.textContent !== t, before);
  const history = page.locator(`#history tr[data-id="${recordingId}"]`);
  await page.waitForFunction((id) => /complete/.test(document.querySelector(`#history tr[data-id="${id}"]`)?.textContent ?? ''), recordingId);
  const chips = await history.locator('.chip').allInnerTexts();
  assert.deepEqual(chips.map((c) => c.split(' @ ')[0]), ['active', 'ending', 'complete']);
  // Deliveries: each webhook attempt with its signature headers and what the receiver answered.
  // The table is redrawn every second and grows at the top, so the row is found by its event.
  const ended = page.locator('#deliveries tr', { hasText: 'recordingEnded' });
  await ended.waitFor();
  await ended.locator('summary').click();
  const opened = await page.waitForFunction(() => {
    const open = document.querySelector('#deliveries details[open]');
    return open && /answer \d+/.test(open.textContent ?? '') ? open.closest('tr')!.innerText : false;
  });
  const text = (await opened.jsonValue()) as string;
  assert.match(text, new RegExp(`POST ${receiverUrl}`));
  assert.match(text, /x-signature: [0-9a-f]{64}/);
  assert.match(text, /answer 200: thanks from the receiver/);
  mkdirSync(new URL('../../reports/', import.meta.url), { recursive: true });
  await page.locator('#fault-filter').fill('auth');
  await page.screenshot({ path: new URL('../../reports/dashboard.png', import.meta.url).pathname, type: 'png' });
});
