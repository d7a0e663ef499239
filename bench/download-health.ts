// What streaming costs beyond speed: RSS while four downloads run in parallel (a server that
// buffers whole files grows by their size), and file descriptors left behind by downloads the
// client aborts (a `.pipe()`-based server leaks one per abort).
import { Agent, request as httpRequest } from 'node:http';
import { MiB, throughput } from './download.ts';
import { countFds, fdsSupported } from './fds.ts';
import { figure, info, type Figure } from './report.ts';
import type { ServerChild } from './servers.ts';

/** Starts a download and destroys it as soon as the first bytes arrive (a client giving up). */
function abortedDownload(url: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { headers, agent: false }, (res) => {
      res.once('data', () => req.destroy());
    });
    req.on('close', () => resolve());
    req.on('error', () => {}); // the abort itself
    req.end();
  });
}

/** Four parallel download loops for 3 s; the mock's RSS sampled every 50 ms. */
export async function rssUnderParallelDownloads(label: string, mock: ServerChild, path: string, headers: Record<string, string>): Promise<Figure> {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  try {
    const before = (await mock.usage()).rss;
    let peak = before;
    const sampler = setInterval(() => void mock.usage().then((u) => (peak = Math.max(peak, u.rss))), 50);
    await Promise.all(Array.from({ length: 4 }, () => throughput(agent, mock.url + path, headers, 3)));
    clearInterval(sampler);
    const after = (await mock.usage()).rss;
    peak = Math.max(peak, after);
    const note = `before ${(before / MiB).toFixed(0)} MiB, peak ${(peak / MiB).toFixed(0)}, after ${(after / MiB).toFixed(0)}`;
    return figure(`${label} 4 parallel downloads: mock RSS growth (peak - before)`, (peak - before) / MiB, 'MiB', '<', 50, note);
  } finally {
    agent.destroy();
  }
}

/**
 * 20 aborted downloads: no connection of ours stays open, so every fd the mock holds afterwards
 * beyond its idle count is a leak. Sockets take a moment to close after an abort: poll briefly.
 */
export async function fdsAfterAbortedDownloads(label: string, mock: ServerChild, path: string, headers: Record<string, string>): Promise<Figure> {
  const name = `${label} 20 aborted downloads: fds left open`;
  if (!fdsSupported()) return info(name, Number.NaN, 'fds', 'needs /proc (Linux)');
  await new Promise((r) => setTimeout(r, 200));
  const idle = countFds(mock.pid);
  for (let i = 0; i < 20; i++) await abortedDownload(mock.url + path, headers);
  let now = countFds(mock.pid);
  for (let waited = 0; waited < 3000 && now.total > idle.total; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    now = countFds(mock.pid);
  }
  return figure(name, Math.max(0, now.total - idle.total), 'fds', '<=', 0, `file fds ${idle.files} → ${now.files}`);
}
