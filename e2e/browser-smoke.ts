// `npm run smoke:browser`: the browser mock (msw setupWorker) in a real headless Chromium.
// Needs Debian's chromium (apt-get install chromium); not part of `npm test`, which bundles the
// browser entry instead (test/mock/msw.test.ts) so CI needs no browser.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoPath } from '../core/repo-root.ts';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM)`);
  process.exit(2);
}
const bundle = await build({ entryPoints: [repoPath('e2e/browser-app.ts')], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
const files: Record<string, [string, Buffer | string]> = {
  '/index.html': ['text/html', '<!doctype html><title>loading</title><pre id="out"></pre><script type="module" src="/app.js"></script>'],
  '/app.js': ['text/javascript', bundle.outputFiles[0]!.text],
  '/mockServiceWorker.js': ['text/javascript', readFileSync(repoPath('node_modules/msw/lib/mockServiceWorker.js'))],
};
let report: (text: string) => void = () => {};
const result = new Promise<string>((resolve) => (report = resolve));
const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0]!;
  if (req.method === 'POST' && path === '/result') {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.end();
      report(body);
    });
    return;
  }
  const file = files[path];
  if (file) {
    res.writeHead(200, { 'content-type': file[0] });
    return void res.end(file[1]);
  }
  if (path.startsWith('/fixtures/media/') && !path.includes('..')) {
    const p = repoPath(path.slice(1));
    if (existsSync(p)) return void res.end(readFileSync(p));
  }
  res.writeHead(404).end();
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`;
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// A remote-debugging port keeps headless Chromium running until the page has reported.
const browser = spawn(CHROMIUM, [...flags, `--user-data-dir=${join(tmpdir(), `callrec-chromium-${process.pid}`)}`, '--remote-debugging-port=0', url], { stdio: 'ignore' });
const timeout = setTimeout(() => report('{"error":"no result within 60 s"}'), 60_000);
const text = await result;
clearTimeout(timeout);
browser.kill();
server.close();
console.log(text);
const r = JSON.parse(text) as Record<string, unknown>;
const ok =
  r.error === undefined && r.listed === 3 && JSON.stringify(r.start) === '[201,"active"]' && r.secondStart === 409 &&
  JSON.stringify(r.stop) === '[202,"ending"]' && (r.after as unknown[])?.[0] === 'complete' && (r.range as unknown[])?.[0] === 206 &&
  (r.range as unknown[])?.[2] === 'ftyp' && r.pageFile === 200;
console.log(ok ? 'browser smoke: ok' : 'browser smoke: FAILED');
process.exit(ok ? 0 : 1);
