#!/usr/bin/env node
// `npm run build` (and `prepack`): the installable package, in lib/ (git-ignored).
//
//   lib/index.mjs, server.mjs, node.mjs, callrec.mjs (the CLI) and their shared chunks: one esbuild
//     build for Node with code splitting. Every file sits directly in lib/, one folder below the
//     package root like the sources' own modules, so core/repo-root.ts finds specs/ and fixtures/.
//   lib/browser.mjs: the browser entry, built apart for the browser platform: a node: import
//     anywhere below it fails this build.
//   lib/types/: declarations (tsc, tsconfig.build.json), one .d.ts per source module.
//   The specs, parsed, are inlined in place of core/spec-document.ts (which parses the YAML, ~150 ms,
//   and caches it under dist/): an installed package neither parses at start-up nor writes.
//
// Packages stay external (they are the package's dependencies), so nothing is shipped twice.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const lib = join(root, 'lib');

/** core/spec-document.ts, replaced by the parsed specs (as JSON text: JSON.parse is the fastest way to load them). */
const inlineSpecs = {
  name: 'inline-specs',
  setup(b) {
    b.onLoad({ filter: /[\\/]core[\\/]spec-document\.ts$/ }, () => {
      const files = readdirSync(join(root, 'specs'))
        .map((api) => `specs/${api}/openapi.yaml`)
        .filter((f) => existsSync(join(root, f)));
      const texts = Object.fromEntries(files.map((f) => [f, JSON.stringify(parse(readFileSync(join(root, f), 'utf8')))]));
      return {
        loader: 'js',
        contents: `const TEXTS = ${JSON.stringify(texts)};
export function readSpecDocument(relativeFile) {
  const text = TEXTS[relativeFile];
  if (text === undefined) throw new Error(\`callrec: no spec \${relativeFile} in this package\`);
  return JSON.parse(text);
}
`,
      };
    });
  },
};

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
    plugins: [inlineSpecs],
  }),
  build({ ...common, entryPoints: { browser: 'exports/browser.ts' }, absWorkingDir: root, outdir: lib, platform: 'browser', target: 'es2022' }),
]);

const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
