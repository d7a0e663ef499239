// test-process: own (Chromium)
// Point 5 of issue 11, in a real browser: a page served by a dev server on http://localhost:PORT
// calls `callrec mock` on another port, by the base URL the mock reports, and keeps Nextcloud's
// guest session cookie (SameSite=Lax). The same page served from http://127.0.0.1:PORT loses it
// (localhost and 127.0.0.1 are different sites): that is why the mock names itself localhost.
// And point 4 in the same browser: such a page cannot call the control API.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startMockServer, type MockServer } from '../../mock/server.ts';
import { launchChromium } from '../support/chromium.ts';

let browser: Browser;
let mock: MockServer;
let page: Server;
let pagePort: number;

before(async () => {
  mock = await startMockServer({ api: 'nextcloud-talk', clock: 'frozen' });
  // The "dev server": one empty page; the calls are made from it with fetch (credentials: include).
  page = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>app</title>'));
  await new Promise<void>((r) => page.listen(0, '127.0.0.1', () => r()));
  pagePort = (page.address() as AddressInfo).port;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  page?.close();
  await mock?.close();
});

/** From a page on `pageOrigin`: join the public room as a guest, then ask for mention suggestions (members only: 404 to a stranger). */
async function joinThenList(pageOrigin: string): Promise<{ join: number; list: number; cookies: string[] }> {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    await tab.goto(`${pageOrigin}/`);
    const statuses = await tab.evaluate(async (base: string) => {
      const init: RequestInit = { credentials: 'include', headers: { 'OCS-APIRequest': 'true', Accept: 'application/json' } };
      const join = await fetch(`${base}/apps/spreed/api/v1/room/publicroom3/participants/active`, { ...init, method: 'POST' });
      const list = await fetch(`${base}/apps/spreed/api/v1/chat/publicroom3/mentions?search=a`, init);
      return { join: join.status, list: list.status };
    }, mock.baseUrl);
    const cookies = (await context.cookies(mock.baseUrl)).map((c) => `${c.name} (SameSite=${c.sameSite})`);
    return { ...statuses, cookies };
  } finally {
    await context.close();
  }
}

test('the mock reports a localhost base URL (the host name dev servers print)', () => {
  assert.equal(mock.baseUrl, `http://localhost:${new URL(mock.url).port}/ocs/v2.php`);
});

test('a page on http://localhost:PORT keeps the guest cookie with the mock on another port', async () => {
  const r = await joinThenList(`http://localhost:${pagePort}`);
  assert.equal(r.join, 200);
  assert.deepEqual(r.cookies, ['nc_session_id (SameSite=Lax)']);
  assert.equal(r.list, 200, 'the second request carried the guest session: Talk knows the guest as a member');
});

test('the same page on http://127.0.0.1:PORT loses it (another site): the case the localhost URL avoids', async () => {
  const r = await joinThenList(`http://127.0.0.1:${pagePort}`);
  assert.equal(r.join, 200);
  assert.equal(r.list, 404, 'no session cookie on a cross-site request: Talk does not know the guest');
});

test('a page on another origin can neither call nor read the control API, even with no-cors', async () => {
  const before = (await (await fetch(`${mock.url}/__callrec/clock`)).json()) as { now: number };
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    await tab.goto(`http://localhost:${pagePort}/`);
    const outcome = await tab.evaluate(async (origin: string) => {
      let put: string;
      try {
        const res = await fetch(`${origin}/__callrec/faults`, { method: 'PUT', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{"faults":["csrf-not-enforced"]}' });
        put = `answered ${res.status}`;
      } catch (e) {
        put = (e as Error).name; // the preflight was refused
      }
      let read: string;
      try {
        read = `read ${(await (await fetch(`${origin}/__callrec/state`)).text()).length} characters`;
      } catch (e) {
        read = (e as Error).name;
      }
      // A "simple" request needs no preflight: the browser sends it, the mock must refuse it.
      const blind = await fetch(`${origin}/__callrec/clock`, { method: 'POST', mode: 'no-cors', body: '{"advanceMs":60000}' });
      return { put, read, blind: blind.type };
    }, mock.origin);
    assert.deepEqual(outcome, { put: 'TypeError', read: 'TypeError', blind: 'opaque' });
  } finally {
    await context.close();
  }
  assert.deepEqual(((await (await fetch(`${mock.url}/__callrec/faults`)).json()) as { enabled: string[] }).enabled, [], 'no fault switched');
  assert.deepEqual(await (await fetch(`${mock.url}/__callrec/clock`)).json(), before, 'the blind POST moved nothing');
});
