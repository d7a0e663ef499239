// `npm pack` of the repo for the tests (plain JS: scripts/test.mjs runs it before any TypeScript
// is loaded; test/support/packed-package.ts uses it too). `npm test` packs once, in the
// background while the tests start, and tells the test processes where through the environment:
// CALLREC_PACK_DIR names a folder that gets `callrec-<version>.tgz` and then a `.done` file
// holding its name (or a `.failed` file with npm's output).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PACK_DIR_ENV = 'CALLREC_PACK_DIR';

/**
 * The environment for npm run on behalf of the tests: without the variables `npm test` sets for
 * this package (npm_package_*, npm_config_local_prefix, npm_lifecycle_*, …), which would point a
 * nested npm back at the repo. The cache and user config stay, so `--prefer-offline` finds what
 * `npm ci` put there.
 */
export function npmEnv(extra = {}) {
  const keep = new Set(['npm_config_cache', 'npm_config_userconfig', 'npm_config_registry']);
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || keep.has(k.toLowerCase())));
  delete env.INIT_CWD;
  return { ...env, ...extra };
}

/** Runs `npm pack` of `root` (its prepack builds lib/) into a fresh folder under os.tmpdir(); resolves to that folder. */
export function startPack(root) {
  const dir = mkdtempSync(join(tmpdir(), 'callrec-pack-'));
  const done = new Promise((resolve) => {
    let output = '';
    const child = spawn('npm', ['pack', '--pack-destination', dir, '--loglevel=warn'], { cwd: root, env: npmEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', (e) => (output += String(e)));
    child.on('close', (code) => {
      const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
      if (code === 0 && tgz) writeFileSync(join(dir, '.done'), tgz);
      else writeFileSync(join(dir, '.failed'), `npm pack exited ${code}\n${output}`);
      resolve(dir);
    });
  });
  return { dir, done };
}
