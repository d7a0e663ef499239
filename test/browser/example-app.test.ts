// test-process: own (Chromium, a Vite build and a `callrec mock` child process)
// The browser story as a frontend team lives it: examples/meet-recordings built with Vite in a
// project of its own, served, and driven in headless Chromium — once against callrec's mock in
// the page (msw's service worker, `callrec/browser`), once against `callrec mock` as a real
// server on another origin (CORS preflight, CORS-readable answers), at the URL it prints. Page
// and mock share the host name `localhost`, so cookies the mock sets (SameSite=Lax) come back:
// test/mock/dev-cookies.test.ts shows that, and its loss with 127.0.0.1, with Talk's guest session.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import { exampleProject, type ExampleProject } from '../support/example-project.ts';
import { repoPath } from '../../core/repo-root.ts';

let project: ExampleProject;
let browser: Browser;

before(async () => {
  project = await exampleProject('meet-recordings');
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await project?.close();
});

/** A fresh browser profile (storage, service workers, cookies) per scenario. */
async function freshPage(t: { after(fn: () => Promise<void>): void }): Promise<{ context: BrowserContext; page: Page; mediaRanges: string[] }> {
  const context = await browser.newContext({ viewport: { width: 760, height: 560 } });
  t.after(() => context.close());
  const page = await context.newPage();
  const mediaRanges: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/media?')) mediaRanges.push(r.headers()['range'] ?? '(none)');
  });
  return { context, page, mediaRanges };
}

async function open(page: Page, query = ''): Promise<void> {
  await page.goto(`${project.url}/${query}`);
  await page.waitForSelector('body[data-ready]');
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true', await page.textContent('#mode') ?? '');
}

const rowIds = (page: Page) => page.$$eval('#recordings tbody tr', (rows) => rows.map((r) => (r as HTMLElement).dataset.id!));
const statusOf = (page: Page, id: string) => page.getAttribute(`#recordings tr[data-id="${id}"]`, 'data-status');

/** Starts a recording in the page, stops it and waits until it is complete; returns its id. */
async function recordOne(page: Page): Promise<string> {
  const before = new Set(await rowIds(page));
  await page.click('#start');
  await page.waitForSelector('#recordings tr[data-status="active"]');
  const id = (await rowIds(page)).find((r) => !before.has(r))!;
  assert.ok(id, 'the started recording is listed');
  await page.click('#stop');
  await page.waitForFunction((rid) => ['ending', 'complete'].includes(document.querySelector(`#recordings tr[data-id="${rid}"]`)?.getAttribute('data-status') ?? ''), id);
  // Meet settles `ending` to `complete` a few seconds later; the page polls.
  await page.waitForSelector(`#recordings tr[data-id="${id}"][data-status="complete"]`, { timeout: 30_000 });
  return id;
}

/** Plays a recording: the video decodes and the page's ranged fetch got its first kilobyte. */
async function play(page: Page, id: string): Promise<{ width: number; duration: number; range: string }> {
  await page.click(`#recordings tr[data-id="${id}"] button`);
  await page.waitForFunction(() => (document.getElementById('video') as HTMLVideoElement).readyState >= 2);
  await page.waitForFunction(() => document.getElementById('range')!.textContent !== '');
  return page.evaluate(() => {
    const v = document.getElementById('video') as HTMLVideoElement;
    return { width: v.videoWidth, duration: v.duration, range: document.getElementById('range')!.textContent! };
  });
}

describe('example app (examples/meet-recordings) in headless Chromium', () => {
  it('in-page mock: lists, starts, stops, plays with ranges; the started recording survives a reload (persist)', async (t) => {
    const { page, mediaRanges } = await freshPage(t);
    await open(page);
    assert.match((await page.textContent('#mode'))!, /mocked in this page.*kept across reloads/);
    assert.equal(await page.inputValue('#room'), 'room-alpha');
    const seeded = await rowIds(page);
    assert.equal(seeded.length, 10, 'the seed has ten recordings of room-alpha');

    const id = await recordOne(page);
    await page.reload();
    await page.waitForSelector('body[data-ready]');
    assert.deepEqual((await rowIds(page)).sort(), [...seeded, id].sort(), 'after a reload: the seed plus the recording started before it');
    assert.equal(await statusOf(page, id), 'complete');

    const played = await play(page, id);
    assert.equal(played.width, 320); // the fixtures are 320x240 H.264
    assert.ok(played.duration > 1.5 && played.duration < 8.5, `duration ${played.duration}`);
    assert.match(played.range, /^206 bytes 0-1023\/\d+ \(1024 bytes, first box 'ftyp'\)$/);
    assert.ok(mediaRanges.some((r) => /^bytes=\d+-/.test(r)), `the media element asked with Range (saw ${mediaRanges.join(', ')})`);

    // What the page looked like (reports/ is not committed; reports/examples/example-app.jpg is a copy).
    mkdirSync(repoPath('reports'), { recursive: true });
    writeFileSync(repoPath('reports/example-app.jpg'), await page.screenshot({ type: 'jpeg', quality: 70, fullPage: true }));
  });

  it('in-page mock without persist: a reload starts from the seeded data', async (t) => {
    const { page } = await freshPage(t);
    await open(page, '?persist=off');
    const seeded = await rowIds(page);
    await page.click('#start');
    await page.waitForSelector('#recordings tr[data-status="active"]');
    assert.equal((await rowIds(page)).length, seeded.length + 1);
    await page.reload();
    await page.waitForSelector('body[data-ready]');
    assert.deepEqual(await rowIds(page), seeded);
    assert.equal(await page.isDisabled('#stop'), true, 'no active recording after the reload');
  });

  describe('against `callrec mock` on another origin', () => {
    let mock: { child: ChildProcess; url: string };
    before(async () => {
      mock = await startCliMock(project, ['--api', 'openvidu-meet']);
    });
    after(() => mock?.child.kill());

    it('the same app works across origins: preflighted calls, CORS-readable answers, ranged media', async (t) => {
      const { context, page, mediaRanges } = await freshPage(t);
      const cdp = await context.newCDPSession(page);
      const preflights: string[] = [];
      cdp.on('Network.requestWillBeSent', (e) => {
        if (e.type === 'Preflight' || e.request.method === 'OPTIONS') preflights.push(e.request.url);
      });
      await cdp.send('Network.enable');
      const answers: Record<string, string | undefined>[] = [];
      page.on('response', (r) => {
        if (r.url().startsWith(mock.url) && r.url().includes('/recordings?')) answers.push(r.headers());
      });

      assert.equal(new URL(mock.url).hostname, new URL(project.url).hostname, 'the mock prints the host name the page is on');
      await open(page, `?server=${encodeURIComponent(mock.url)}`);
      assert.equal(await page.textContent('#mode'), `OpenVidu Meet at ${mock.url}`);
      assert.ok((await rowIds(page)).length > 0);
      const id = await recordOne(page);
      const played = await play(page, id);
      assert.equal(played.width, 320);
      assert.match(played.range, /^206 bytes 0-1023\//);
      assert.ok(mediaRanges.some((r) => /^bytes=\d+-/.test(r)), `the media element asked with Range (saw ${mediaRanges.join(', ')})`);
      assert.ok(preflights.some((u) => u.includes('/api/v1/recordings')), `X-API-KEY makes Chromium preflight (saw ${preflights.join(', ')})`);
      assert.ok(answers.length > 0 && answers.every((h) => h['access-control-allow-origin'] === project.url), 'answers name the page origin');
    });
  });
});

/** `callrec mock` as a frontend team starts it (from the project's installed bin) on a free port; its origin as printed. */
async function startCliMock(p: ExampleProject, args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [p.callrecBin, 'mock', ...args, '--port', '0'], { cwd: p.dir, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(new URL(m[1]!).origin); // as printed: a host name the page shares (cookies stay same-site)
    });
    child.on('exit', (code) => reject(new Error(`callrec mock exited ${code}: ${out}`)));
  });
  return { child, url };
}
