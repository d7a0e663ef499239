// Keeps dist/callrec.mjs, a one-file bundle of the CLI, up to date. Loading one bundled file
// takes a fraction of what tsx's on-the-fly transpiling of ~150 modules costs, which is what
// gets `callrec mock` listening within 0.5 s. The bundle is rebuilt (esbuild, ~0.1 s) whenever
// a source file is newer, so editing the TypeScript never runs stale code.
import { readdirSync, renameSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const SOURCES = ['apis.ts', 'cli', 'core', 'mock', 'suites'];
/** The CLI's bundle. `npm run bench` bundles its server children the same way (see bench/servers.ts). */
const CLI = { entry: 'cli/main.ts', name: 'callrec.mjs', sources: SOURCES };
// Native or heavy packages stay outside the bundle and are loaded only by the commands that need them.
const EXTERNAL = ['@pact-foundation/*', 'msw', 'msw/*', '@mswjs/*', 'esbuild', 'tsx', 'tsx/*', 'autocannon'];

function newestSourceMtime(sources) {
  let newest = 0;
  const visit = (path) => {
    const st = statSync(path);
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(`${path}/${name}`);
    else if (/\.(ts|mjs|json)$/.test(path) && st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const s of sources) visit(`${root}${s}`);
  return newest;
}

function builtMtime(out) {
  try {
    return statSync(out).mtimeMs;
  } catch {
    return 0;
  }
}

// Bundles land in dist/, one folder below the root like the sources' own modules, so the
// relative paths of core/repo-root.ts hold in both.
const outOf = (target) => `${root}dist/${target.name}`;

export async function build(target = CLI) {
  const { build: esbuild } = await import('esbuild');
  const out = outOf(target);
  // Write then rename: parallel builds (other CLIs, or this process twice) never read half a file.
  const tmp = `${out}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await esbuild({
    entryPoints: [`${root}${target.entry}`],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    logLevel: 'warning',
    // Bundled CommonJS dependencies call require(); give them one.
    banner: { js: "import { createRequire as __callrecRequire } from 'node:module'; const require = __callrecRequire(import.meta.url);" },
  });
  renameSync(tmp, out);
}

/**
 * URL of a bundle at least as new as every source file: the CLI's by default, or another
 * `{ entry, name, sources }` (entry and sources relative to the root, name inside dist/).
 */
export async function freshBundle(target = CLI) {
  const out = outOf(target);
  if (builtMtime(out) < newestSourceMtime(target.sources)) await build(target);
  return new URL(`file://${out}`).href;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await build();
