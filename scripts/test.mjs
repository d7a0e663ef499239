#!/usr/bin/env node
// `npm test`: bundles the tests with esbuild and runs the bundles with node's own test runner.
//
// Why: most of a test process's CPU went to starting it (loading TypeScript through a loader,
// the packages, the specs), not to its tests: ~0.7 s for each of ~80 files on a 2-core machine.
// So the test files of one folder are bundled into one module graph and run in one process, and
// no TypeScript is loaded at run time. A file that must or should have a process of its own (it
// patches globals, waits for long, or is heavy enough to run beside the others) says so on a line
// of its own: `// test-process: own (<why>)`. `import.meta.url` keeps meaning each source file's
// URL inside the bundles, so tests and the code under test find fixtures, specs and each other as
// from the sources. Failures point at the TypeScript lines (source maps).
//
// Test files are `*.test.ts` under test/, and the real clients' contracts under fixtures/clients/.
//
//   npm test                                  every test file
//   npm test -- test/horn test/cli.test.ts    only these files or folders
//   npm test -- --test-name-pattern=range     any other argument goes to `node --test`
//   npm test -- --build-only                  bundle only (dist/tests/)
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PACK_DIR_ENV, startPack } from './pack.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// The same folders as TEST_DIRS in test/support/decision-tests.ts (which scans them for decision tags).
const TEST_ROOTS = ['test', 'fixtures/clients'].map((d) => join(root, d));
const outdir = join(root, 'dist', 'tests');

const args = process.argv.slice(2);
const picks = args.filter((a) => !a.startsWith('-')).map((a) => resolve(a));
const buildOnly = args.includes('--build-only');
const testArgs = args.filter((a) => a.startsWith('-') && a !== '--build-only');

const testFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
for (const p of picks) if (!existsSync(p)) console.error(`warning: ${relative(root, p)} does not exist`);
const files = TEST_ROOTS.flatMap(testFiles)
  .sort()
  .filter((f) => !picks.length || picks.some((p) => f === p || f.startsWith(`${p.replace(/\/$/, '')}/`)));
if (!files.length) {
  console.error(`no test files match ${picks.map((p) => relative(root, p)).join(' ')}`);
  process.exit(2);
}

/** The processes to run: a file alone when it asks for it, else one per folder. */
const OWN = /^\/\/ test-process: own\b/m;
const processes = new Map(); // process name (the file, or its folder + `/folder.test`, from the root) → source files
for (const f of files) {
  const rel = relative(root, f).replace(/\.ts$/, '');
  const name = OWN.test(readFileSync(f, 'utf8')) ? rel : join(dirname(rel), 'folder.test');
  processes.set(name, [...(processes.get(name) ?? []), f]);
}

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
/** A folder's entry: imports its test files in order, so their tests run one file after another. */
const folderEntries = {
  name: 'folder-entries',
  setup(build) {
    build.onResolve({ filter: /^folder:/ }, (a) => ({ path: a.path.slice('folder:'.length), namespace: 'folder' }));
    build.onLoad({ filter: /.*/, namespace: 'folder' }, (a) => ({
      contents: processes.get(a.path).map((f) => `import ${JSON.stringify(f)};`).join('\n'),
      resolveDir: root,
      loader: 'js',
    }));
  },
};

// Longest first, so the last process to start is a short one: the self-checks without control
// mostly wait on the mock's running clock for 25-45 s, those with it are the heaviest on CPU, as
// is the installed package's test (pack, install, then one step after another), then the folders
// by their number of files. node --test sorts the files it is given by path, so each bundle's
// name starts with its rank.
const weight = (name) => (/selfcheck-without-control/.test(name) ? 0 : /selfcheck|^test\/package\/packed/.test(name) ? 1 : 2);
const ordered = [...processes].sort(([a, fa], [b, fb]) => weight(a) - weight(b) || fb.length - fa.length || a.localeCompare(b));
const outName = (name, rank) => `${String(rank).padStart(2, '0')}-${name.replace(/\//g, '-')}`;

// Tests of the installable package (test/support/packed-package.ts) share one `npm pack`, made
// while the other tests start; they wait for it. Only when a selected file uses it.
const usesPackage = files.some((f) => readFileSync(f, 'utf8').includes('support/packed-package'));
const pack = usesPackage && !buildOnly ? startPack(root) : undefined;

rmSync(outdir, { recursive: true, force: true });
const { build } = await import('esbuild');
await build({
  entryPoints: ordered.map(([name, sources], rank) => ({ in: sources.length === 1 && !name.endsWith('folder.test') ? sources[0] : `folder:${name}`, out: outName(name, rank) })),
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true, // modules shared by many processes are one chunk each
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [keepModuleUrls, folderEntries],
});
if (buildOnly) process.exit(0);

const bundles = ordered.map(([name], rank) => join(outdir, `${outName(name, rank)}.mjs`));
// The waiting self-checks hold four slots; the cores get the rest.
const concurrency = `--test-concurrency=${availableParallelism() + 6}`;
const env = pack ? { ...process.env, [PACK_DIR_ENV]: pack.dir } : process.env;
const child = spawn(process.execPath, ['--enable-source-maps', '--test', concurrency, ...testArgs, ...bundles], { stdio: 'inherit', cwd: root, env });
child.on('exit', async (code, signal) => {
  if (pack) rmSync(await pack.done, { recursive: true, force: true });
  process.exit(signal ? 1 : (code ?? 1));
});
