#!/usr/bin/env node
// The README's install-and-use snippets are copies of examples/snippets/, the files
// test/package/packed.test.ts runs from a project that installed the packed tarball. In the
// README each copy follows a marker naming its file:
//
//   <!-- snippet: examples/snippets/server.mjs -->
//   ```js
//   …the file…
//   ```
//
// test/package/readme-snippets.test.ts fails while a copy differs;
// `node scripts/readme-snippets.mjs --write` refreshes them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKED = /<!-- snippet: (\S+) -->\n```(\w*)\n([\s\S]*?)```/g;

/** Every marked snippet of `readme`: the file it copies and the copy's text. */
export function snippetsIn(readme) {
  return [...readme.matchAll(MARKED)].map((m) => ({ file: m[1], text: m[3] }));
}

/** `readme` with each marked snippet replaced by `read(file)`. */
export function withSnippets(readme, read) {
  return readme.replace(MARKED, (_, file, lang) => `<!-- snippet: ${file} -->\n\`\`\`${lang}\n${read(file).replace(/\n*$/, '\n')}\`\`\``);
}

// Run as a script (by name: inside a test bundle import.meta.url is the bundle's, which node runs too).
if (/scripts[\\/]readme-snippets\.mjs$/.test(process.argv[1] ?? '')) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const path = join(root, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const next = withSnippets(readme, (file) => readFileSync(join(root, file), 'utf8'));
  if (process.argv.includes('--write')) writeFileSync(path, next);
  else if (next !== readme) {
    console.error('README.md snippets differ from their files: node scripts/readme-snippets.mjs --write');
    process.exit(1);
  }
}
