// callrec as a user gets it: the tarball `npm pack` makes (its prepack builds lib/), installed
// into a scratch project outside the repo, so imports resolve through the package's `exports`
// and nothing can reach the sources. `npm test` packs once, in the background while the tests
// start, and names the folder in $CALLREC_PACK_DIR (scripts/test.mjs, scripts/pack.mjs); a test
// file run by hand packs by itself, once per process.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { npmEnv, PACK_DIR_ENV, startPack } from '../../scripts/pack.mjs';

export { npmEnv };
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

let ownPack: Promise<string> | undefined;
/** A pack of this process's own (no $CALLREC_PACK_DIR), removed when the process exits. */
function packHere(): Promise<string> {
  const { dir, done } = startPack(ROOT);
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return done;
}

/** Path of this test run's tarball, once `npm pack` has finished (throws with npm's output if it failed). */
export async function packedTarball(): Promise<string> {
  const dir = process.env[PACK_DIR_ENV] ?? (await (ownPack ??= packHere()));
  for (;;) {
    if (existsSync(join(dir, '.done'))) return join(dir, readFileSync(join(dir, '.done'), 'utf8').trim());
    if (existsSync(join(dir, '.failed'))) throw new Error(readFileSync(join(dir, '.failed'), 'utf8'));
    await sleep(200); // scripts/test.mjs is still packing
  }
}

/**
 * Installs the packed callrec (and `also`, e.g. `@types/node@20.19.0`, from the npm cache) into
 * `dir`, a fresh folder under os.tmpdir() by default, as `npm install <tgz>` in a project of one
 * package.json (`"type": "module"`; an existing one is kept). Returns the project's folder
 * (the caller removes it).
 */
export async function installPackedCallrec(dir?: string, also: readonly string[] = []): Promise<string> {
  const project = dir ?? mkdtempSync(join(tmpdir(), 'callrec-user-'));
  mkdirSync(project, { recursive: true });
  const manifest = join(project, 'package.json');
  if (!existsSync(manifest)) writeFileSync(manifest, `${JSON.stringify({ name: 'callrec-user', private: true, type: 'module' }, null, 2)}\n`);
  const args = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', await packedTarball(), ...also];
  await run('npm', args, { cwd: project, env: npmEnv() });
  return project;
}
