// An example app of examples/ built and served as a frontend team would have it: copied into a
// project of its own, its assets copied by its own script, built with Vite, and its dist/ served
// on http://localhost (a secure context, so msw's service worker may register).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { repoPath } from '../../core/repo-root.ts';

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

/**
 * Builds examples/<name> against this checkout's sources: the project's node_modules links msw
 * and callrec itself, and Vite resolves `callrec/browser` to mock/browser.ts.
 */
export async function exampleProject(name: string): Promise<ExampleProject> {
  const root = mkdtempSync(join(tmpdir(), `callrec-example-${name}-`));
  const modules = join(root, 'node_modules');
  mkdirSync(modules);
  symlinkSync(repoPath('node_modules/msw'), join(modules, 'msw'));
  symlinkSync(repoPath('.'), join(modules, 'callrec'));
  const dir = join(root, name);
  cpSync(repoPath(`examples/${name}`), dir, { recursive: true, filter: (src) => !/[\\/](node_modules|dist|public)$/.test(src) });
  execFileSync(process.execPath, ['scripts/copy-assets.mjs'], { cwd: dir, stdio: 'pipe' });

  const { build } = await import('vite');
  await build({
    root: dir,
    configFile: false,
    logLevel: 'error', // the in-page mock is one chunk over Vite's 500 kB hint (all four APIs' mocks)
    resolve: { alias: { 'callrec/browser': repoPath('mock/browser.ts') } },
    build: { outDir: join(dir, 'dist'), emptyOutDir: true },
  });

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
    callrecBin: repoPath('cli/bin.mjs'),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
