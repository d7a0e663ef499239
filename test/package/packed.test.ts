// test-process: own (installs the packed tarball with npm, then runs the CLI, the entries and tsc in that project)
// callrec installed from its tarball into a scratch project outside the repo, used as the README
// says, under the Node running this test and no TypeScript loader: the files run here are the
// README's snippets (examples/snippets/, kept equal by readme-snippets.test.ts).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { installPackedCallrec, npmEnv } from '../support/packed-package.ts';

const SNIPPETS = fileURLToPath(new URL('../../examples/snippets/', import.meta.url));
const TSC = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

let project = '';
before(async () => {
  // @types/node as a TypeScript user has it: the declarations name node:http's types.
  project = await installPackedCallrec(undefined, [`@types/node@${pkg.devDependencies['@types/node']}`]);
  for (const f of readdirSync(SNIPPETS)) copyFileSync(join(SNIPPETS, f), join(project, f));
});
after(() => rmSync(project, { recursive: true, force: true }));

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** `command args` in the scratch project; never rejects, the caller asserts on the exit code. */
function inProject(command: string, args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: project, env: npmEnv(), maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
const node = (file: string) => inProject(process.execPath, [file]);
const shown = (r: Ran) => `exit ${r.code}\n--- stdout\n${r.stdout.slice(-3000)}\n--- stderr\n${r.stderr.slice(-3000)}`;

test('the package holds what a user needs and nothing of the repo besides', () => {
  const installed = join(project, 'node_modules', 'callrec');
  assert.deepEqual(readdirSync(installed).sort(), ['README.md', 'cli', 'fixtures', 'lib', 'package.json', 'specs']);
  assert.deepEqual(readdirSync(join(installed, 'cli')), ['bin.mjs']);
  assert.deepEqual(readdirSync(join(installed, 'fixtures')).sort(), ['media', 'pacts']);
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sources(join(dir, e.name)) : /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
    );
  assert.deepEqual(sources(installed), [], 'no TypeScript sources: the package runs from lib/');
  const installedPkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { version: string };
  assert.equal(installedPkg.version, pkg.version);
});

test('npm publish --dry-run of the installed package warns of nothing but the missing login', async () => {
  // Run where the tarball was unpacked: exactly what would be published. --ignore-scripts: prepack
  // builds from sources, which the package rightly does not ship.
  const installed = join(project, 'node_modules', 'callrec');
  const r = await new Promise<Ran>((resolve) => {
    execFile('npm', ['publish', '--dry-run', '--ignore-scripts'], { cwd: installed, env: npmEnv(), maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
  assert.equal(r.code, 0, shown(r));
  const warnings = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /\bnpm (warn|WARN|ERR)/.test(l) && !/requires you to be logged in/.test(l));
  assert.deepEqual(warnings, [], shown(r));
  assert.match(r.stderr + r.stdout, /callrec@/);
});

test('cli.sh: npx callrec --help, then npx callrec run --api horn against its built-in mock (exit 0)', async () => {
  const r = await inProject('sh', ['-e', 'cli.sh']);
  assert.equal(r.code, 0, shown(r));
  assert.match(r.stdout, /Usage: callrec <command>/);
  assert.match(r.stdout, /\n\d+ passed, 0 failed, 0 deviated, 0 errored/);
  assert.ok(existsSync(join(project, 'reports', 'horn-junit.xml')), 'JUnit report written');
});

test('server.mjs: callrec/server listens on a port and answers a real API path', async () => {
  const r = await node('server.mjs');
  assert.equal(r.code, 0, shown(r));
  const [status, count] = r.stdout.trim().split(' ');
  assert.equal(status, '200');
  assert.ok(Number(count) > 0, r.stdout);
});

test('node.mjs: callrec/node handlers behind msw setupServer answer fetch in-process', async () => {
  const r = await node('node.mjs');
  assert.equal(r.code, 0, shown(r));
  assert.equal(r.stdout.trim(), '200 2 recordings');
});

test('suite.mjs: callrec runs a suite from code and writes its reports', async () => {
  const r = await node('suite.mjs');
  assert.equal(r.code, 0, shown(r));
  assert.match(r.stdout, /\npassed \d+ checks passed\n$/);
  assert.match(readFileSync(join(project, 'reports', 'horn-junit.xml'), 'utf8'), /<testsuites?\b/);
});

test('callrec/browser loads in plain Node and serves a ranged download from the package media (msw setupServer standing in for the worker)', async () => {
  // The browser entry's real test runs in Chromium (examples/); here: it imports without a
  // bundler, and its handlers answer with bytes read from `callrec/media/*`.
  writeFileSync(
    join(project, 'browser-in-node.mjs'),
    `import { readFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import { BytesMediaStore, createBrowserHandlers, MEDIA_CATALOG } from 'callrec/browser';

const dir = new URL('.', import.meta.resolve('callrec/media/manifest.json'));
const fetchFile = async (url) => new Response(readFileSync(new URL(url)));
const media = await BytesMediaStore.fetchFixtures(dir.href, { fetch: fetchFile });
const { handlers } = createBrowserHandlers({ api: 'openvidu-meet', origin: 'http://meet.test', media });
const server = setupServer(...handlers);
server.listen({ onUnhandledRequest: 'error' });
const auth = { 'X-API-KEY': 'callrec-dev-key' };
const { recordings } = await (await fetch('http://meet.test/api/v1/recordings?status=complete', { headers: auth })).json();
const id = recordings[0].recordingId;
const res = await fetch(\`http://meet.test/api/v1/recordings/\${id}/media\`, { headers: { ...auth, Range: 'bytes=0-99' } });
const body = new Uint8Array(await res.arrayBuffer());
console.log(JSON.stringify({ catalog: MEDIA_CATALOG.length, status: res.status, range: res.headers.get('content-range'), length: body.length, ftyp: new TextDecoder().decode(body.subarray(4, 8)) }));
server.close();
`,
  );
  const r = await node('browser-in-node.mjs');
  assert.equal(r.code, 0, shown(r));
  const out = JSON.parse(r.stdout) as { catalog: number; status: number; range: string; length: number; ftyp: string };
  assert.ok(out.catalog > 0);
  assert.equal(out.status, 206);
  assert.match(out.range, /^bytes 0-99\/\d+$/);
  assert.equal(out.length, 100);
  assert.equal(out.ftyp, 'ftyp', 'the first bytes of a real MP4');
});

test('typed.ts: the declarations resolve through exports and type-check strict (tsc, no skipLibCheck)', async () => {
  const tsconfig = {
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: ['node'], lib: ['ES2023', 'DOM'] },
    files: ['typed.ts'],
  };
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const r = await inProject(process.execPath, [TSC, '-p', 'tsconfig.json']);
  assert.equal(r.code, 0, shown(r));
});

test('callrec verify without Pact installed names the optional peer dependency to add (exit 2)', async () => {
  const r = await inProject('npx', ['callrec', 'verify', '--api', 'horn', '--target', 'http://127.0.0.1:9']);
  assert.equal(r.code, 2, shown(r));
  assert.match(r.stdout + r.stderr, new RegExp(`npm i -D @pact-foundation/pact@${pkg.peerDependencies['@pact-foundation/pact']!.replace(/\./g, '\\.')}`));
});

test('the runs above wrote nothing into the installed package (specs come inlined, no cache beside them)', () => {
  const installed = join(project, 'node_modules', 'callrec');
  assert.deepEqual(readdirSync(installed).sort(), ['README.md', 'cli', 'fixtures', 'lib', 'package.json', 'specs']);
});
