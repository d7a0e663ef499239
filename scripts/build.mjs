#!/usr/bin/env node
// `npm run build` (and `prepack`): the installable package, in lib/ (git-ignored).
//
//   lib/index.mjs, server.mjs, node.mjs, callrec.mjs (the CLI) and their shared chunks: one esbuild
//     build for Node with code splitting. Every file sits directly in lib/, one folder below the
//     package root like the sources' own modules, so core/repo-root.ts finds specs/ and fixtures/.
//   lib/browser.mjs: the browser entry, built apart for the browser platform: a node: import
//     anywhere below it fails this build.
//   lib/types/: declarations (tsc, tsconfig.build.json), one .d.ts per source module.
//   dist/specs/<api>/openapi.yaml.json: the parsed specs (core/spec-load.ts reads them instead of
//     parsing the YAML, ~150 ms, at every start; shipped so an installed package never writes).
//
// Packages stay external (they are the package's dependencies), so nothing is shipped twice.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const lib = join(root, 'lib');

rmSync(lib, { recursive: true, force: true });
const common = { bundle: true, format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning', outExtension: { '.js': '.mjs' } };
await Promise.all([
  build({
    ...common,
    entryPoints: { index: 'exports/index.ts', server: 'exports/server.ts', node: 'exports/node.ts', callrec: 'cli/main.ts' },
    absWorkingDir: root,
    outdir: lib,
    platform: 'node',
    splitting: true,
    chunkNames: 'chunk-[hash]',
  }),
  build({ ...common, entryPoints: { browser: 'exports/browser.ts' }, absWorkingDir: root, outdir: lib, platform: 'browser', target: 'es2022' }),
]);

const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

for (const api of readdirSync(join(root, 'specs'))) {
  const file = `specs/${api}/openapi.yaml`;
  if (!existsSync(join(root, file))) continue;
  const out = join(root, 'dist', `${file}.json`);
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`; // write then rename, as spec-load.ts does: readers never see half a file
  writeFileSync(tmp, JSON.stringify(parse(readFileSync(join(root, file), 'utf8'))));
  renameSync(tmp, out);
}
