// The page under test: a "frontend" that develops against the OpenVidu Meet mock in the browser,
// through msw's service worker. It walks a recording flow and writes what it saw into the page.
import { setupWorker } from 'msw/browser';
import { BytesMediaStore, createBrowserHandlers } from '../mock/browser.ts';

const out: Record<string, unknown> = {};
const key = { 'x-api-key': 'callrec-dev-key' };
try {
  const media = await BytesMediaStore.fetchFixtures('/fixtures/media', { only: ['clip-2s.mp4', 'clip-5s.mp4', 'clip-8s.mp4', 'large-6mib.mp4'] });
  const { handlers } = createBrowserHandlers({ api: 'openvidu-meet', origin: location.origin, media, seed: 7 });
  await setupWorker(...handlers).start({ quiet: true, onUnhandledRequest: 'bypass' });

  const list = await (await fetch('/api/v1/recordings?maxItems=3', { headers: key })).json();
  out.listed = list.recordings.length;
  const started = await fetch('/api/v1/recordings', { method: 'POST', headers: { ...key, 'content-type': 'application/json' }, body: JSON.stringify({ roomId: 'room-alpha' }) });
  const rec = await started.json();
  out.start = [started.status, rec.status];
  const again = await fetch('/api/v1/recordings', { method: 'POST', headers: { ...key, 'content-type': 'application/json' }, body: JSON.stringify({ roomId: 'room-alpha' }) });
  out.secondStart = again.status;
  const stopped = await fetch(`/api/v1/recordings/${rec.recordingId}/stop`, { method: 'POST', headers: key });
  out.stop = [stopped.status, (await stopped.json()).status];
  await fetch('/__callrec/clock', { method: 'POST', body: JSON.stringify({ advanceMs: 10_000 }) });
  const done = await (await fetch(`/api/v1/recordings/${rec.recordingId}`, { headers: key })).json();
  out.after = [done.status, done.size];
  const range = await fetch(`/api/v1/recordings/${rec.recordingId}/media`, { headers: { ...key, range: 'bytes=4-7' } });
  out.range = [range.status, range.headers.get('content-range'), new TextDecoder().decode(await range.arrayBuffer())];
  out.pageFile = (await fetch('/index.html')).status; // not an API path: passes through to the server
} catch (e) {
  out.error = String(e);
}
document.getElementById('out')!.textContent = JSON.stringify(out);
// Report to the harness; the path is not under an API prefix, so the worker lets it through.
await fetch('/result', { method: 'POST', body: JSON.stringify(out) });
