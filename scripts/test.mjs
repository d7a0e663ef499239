#!/usr/bin/env node
// `npm test`: bundles every test file with esbuild (one module graph each, our TypeScript only;
// packages stay in node_modules), then runs the bundles with node's own test runner. Bundling
// takes ~1 s once and saves each of the ~75 test processes the on-the-fly TypeScript loading that
// made up a third of the suite's CPU time. `import.meta.url` keeps meaning the source file's URL, so
// tests and the code under test find fixtures, specs and each other exactly as from the sources.
//
//   npm test                                  every test file
//   npm test -- test/horn test/cli.test.ts    only these files or folders
//   npm test -- --test-name-pattern=range     any other argument goes to `node --test`
//   npm test -- --build-only                  bundle only (dist/tests/), e.g. to time files one by one
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist', 'tests');

const args = process.argv.slice(2);
const picks = args.filter((a) => !a.startsWith('-')).map((a) => resolve(a));
const buildOnly = args.includes('--build-only');
const testArgs = args.filter((a) => a.startsWith('-') && a !== '--build-only');

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

const all = testFiles(join(root, 'test')).sort();
const files = picks.length ? all.filter((f) => picks.some((p) => f === p || f.startsWith(p.endsWith('/') ? p : `${p}/`))) : all;
if (!files.length) {
  console.error(`no test files match ${picks.map((p) => relative(root, p)).join(' ')}`);
  process.exit(2);
}
for (const p of picks) if (!statSafe(p)) console.error(`warning: ${relative(root, p)} does not exist`);

/** Each TypeScript module keeps its own `import.meta.url` inside the bundle (esbuild would give it the bundle's). */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (a) => ({
      contents: readFileSync(a.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(a.path).href)),
      loader: 'ts',
    }));
  },
};

rmSync(outdir, { recursive: true, force: true });
const { build } = await import('esbuild');
await build({
  entryPoints: files,
  outdir,
  outbase: join(root, 'test'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true, // modules shared by many test files are one chunk each
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked', // failures point at the TypeScript lines (node --enable-source-maps)
  logLevel: 'warning',
  plugins: [keepModuleUrls],
});

if (buildOnly) process.exit(0);
const bundles = files.map((f) => join(outdir, relative(join(root, 'test'), f)).replace(/\.ts$/, '.mjs'));
// Twice the cores: half of the self-check files mostly wait on a running clock.
const concurrency = `--test-concurrency=${Math.max(2, availableParallelism() * 2)}`;
const child = spawn(process.execPath, ['--enable-source-maps', '--test', concurrency, ...testArgs, ...bundles], { stdio: 'inherit', cwd: root });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));

function statSafe(p) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}
