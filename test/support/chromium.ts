// Headless Chromium for the browser tests: Debian's `chromium` (apt-get install chromium) driven by
// playwright-core, never a browser that a tool downloads itself. The flags keep Chromium off the
// network it cannot reach here (background networking, component updates, sync), and a fresh
// profile per launch keeps tests from sharing cookies, storage or service workers.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);

/** The Chromium binary, or an error that says how to get one. */
export function chromiumPath(): string {
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found === undefined) {
    throw new Error(`no Chromium found (looked at ${CANDIDATES.join(', ')}): install Debian's (apt-get install chromium) or set CHROMIUM to a Chromium binary`);
  }
  return found;
}

/** Launches headless Chromium; close it with `browser.close()` (use `t.after`). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
