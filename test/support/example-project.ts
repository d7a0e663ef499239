// An example app of examples/ built and served as a frontend team would have it: copied into a
// project where the packed callrec tarball is installed (test/support/packed-package.ts), its
// assets copied by its own script, type-checked against the package's declarations, built with
// `vite build`, and its dist/ served on http://localhost (a secure context, so msw's service
// worker may register). Vite, its other devDependency, is this checkout's, linked into the project.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { repoPath } from '../../core/repo-root.ts';
import { installPackedCallrec } from './packed-package.ts';

export interface ExampleProject {
  /** The example's folder inside its project. */
  dir: string;
  /** Where its built page is served, e.g. http://localhost:41234 (no trailing slash). */
  url: string;
  /** The `callrec` command of the project (a JS file to run with node). */
  callrecBin: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.mp4': 'video/mp4',
  '.svg': 'image/svg+xml',
};

/** Builds examples/<name> in a scratch project with the packed callrec installed; `callrec/browser` resolves through the package's exports. */
export async function exampleProject(name: string): Promise<ExampleProject> {
  const root = await installPackedCallrec();
  const installed = join(root, 'node_modules', 'callrec');
  const dir = join(root, name);
  cpSync(repoPath(`examples/${name}`), dir, { recursive: true, filter: (src) => !/[\\/](node_modules|dist|public)$/.test(src) });
  symlinkSync(repoPath('node_modules/vite'), join(root, 'node_modules', 'vite'));
  const run = (script: string, ...args: string[]) => {
    try {
      execFileSync(process.execPath, [script, ...args], { cwd: dir, stdio: 'pipe' });
    } catch (e) {
      const { stdout = '', stderr = '' } = e as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`${name}: ${[script, ...args].join(' ')} failed:\n${stdout}${stderr}`);
    }
  };
  run('scripts/copy-assets.mjs');
  run(repoPath('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json');
  run(join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'); // the in-page mock is one chunk over Vite's 500 kB hint (all four APIs' mocks)

  const dist = join(dir, 'dist');
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!));
    const file = join(dist, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dist) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    dir,
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    callrecBin: join(installed, (JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { bin: { callrec: string } }).bin.callrec),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
