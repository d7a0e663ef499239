// The README's snippets for installing and using callrec are the files packed.test.ts runs from a
// project that installed the tarball (examples/snippets/), copied verbatim.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { snippetsIn, withSnippets } from '../../scripts/readme-snippets.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');
const read = (file: string) => readFileSync(`${root}${file}`, 'utf8');

test('every snippet file the package test runs is in the README, each copy equal to its file', () => {
  // typed.ts is the declarations' test, not a README snippet.
  const files = readdirSync(`${root}examples/snippets`).filter((f) => f !== 'typed.ts').map((f) => `examples/snippets/${f}`);
  assert.deepEqual([...new Set(snippetsIn(readme).map((s) => s.file))].sort(), files.sort());
  for (const s of snippetsIn(readme)) assert.equal(s.text, read(s.file).replace(/\n*$/, '\n'), `${s.file}: node scripts/readme-snippets.mjs --write`);
});

test('the snippet writer replaces a stale copy and leaves the rest of the text alone', () => {
  const stale = 'before\n<!-- snippet: a.mjs -->\n```js\nold\n```\nafter\n';
  assert.equal(withSnippets(stale, () => 'new\n\n'), 'before\n<!-- snippet: a.mjs -->\n```js\nnew\n```\nafter\n');
  assert.deepEqual(snippetsIn(stale), [{ file: 'a.mjs', text: 'old\n' }]);
});
