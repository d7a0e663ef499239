// Keeps dist/callrec.mjs, a one-file bundle of the CLI, up to date. Loading one bundled file
// takes a fraction of what tsx's on-the-fly transpiling of ~150 modules costs, which is what
// gets `callrec mock` listening within 0.5 s. The bundle is rebuilt (esbuild, ~0.1 s) whenever
// a source file is newer, so editing the TypeScript never runs stale code.
import { readdirSync, renameSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const out = `${root}dist/callrec.mjs`;
const SOURCES = ['apis.ts', 'cli', 'core', 'mock', 'suites'];
// Native or heavy packages stay outside the bundle and are loaded only by the commands that need them.
const EXTERNAL = ['@pact-foundation/*', 'msw', 'msw/*', '@mswjs/*', 'esbuild', 'tsx', 'tsx/*', 'autocannon'];

function newestSourceMtime() {
  let newest = 0;
  const visit = (path) => {
    const st = statSync(path);
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(`${path}/${name}`);
    else if (/\.(ts|mjs|json)$/.test(path) && st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const s of SOURCES) visit(`${root}${s}`);
  return newest;
}

function builtMtime() {
  try {
    return statSync(out).mtimeMs;
  } catch {
    return 0;
  }
}

export async function build() {
  const { build: esbuild } = await import('esbuild');
  const tmp = `${out}.${process.pid}.tmp`; // write then rename: parallel CLIs never read half a file
  await esbuild({
    entryPoints: [`${root}cli/main.ts`],
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

/** URL of a bundle at least as new as every source file. */
export async function freshBundle() {
  if (builtMtime() < newestSourceMtime()) await build();
  return new URL(`file://${out}`).href;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await build();
