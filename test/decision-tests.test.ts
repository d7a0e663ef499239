import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { apis } from '../apis.ts';
import { loadApiSpec } from '../suites/engine/spec.ts';
import { decisionRows, decisionTestsMarkdown, scanTaggedTests } from './support/decision-tests.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const specs = () => Object.values(apis).map((m) => ({ api: m.name, decisions: loadApiSpec(m).decisions }));

test('every decision of every spec is exercised by a test tagged with it', () => {
  const { untested } = decisionRows(specs(), scanTaggedTests(root));
  assert.deepEqual(untested.map((r) => `${r.api}/${r.id}`), [], 'decisions without a test: tag one `[decision <api>/<id>]`');
});

test('every decision tag names a decision of its spec', () => {
  const { unknown } = decisionRows(specs(), scanTaggedTests(root));
  assert.deepEqual(unknown.map((t) => `${t.api}/${t.id} (${t.file}:${t.line})`), []);
});

test('specs/DECISIONS.md is the table the specs and the tagged tests generate', () => {
  const { rows } = decisionRows(specs(), scanTaggedTests(root));
  const committed = readFileSync(join(root, 'specs', 'DECISIONS.md'), 'utf8');
  assert.equal(committed, decisionTestsMarkdown(rows), 'stale: run node --import tsx scripts/decision-tests.ts --write');
});

test('the scan reads tags in titles, several per title, and reports tags of unknown decisions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'callrec-decision-tests-'));
  mkdirSync(join(dir, 'test', 'x'), { recursive: true });
  // Tags built piecewise, so this file itself carries none.
  const tag = (id: string) => `[decision ${'x'}/${id}]`;
  writeFileSync(
    join(dir, 'test', 'x', 'a.test.ts'),
    [`test('${tag('one')} ${tag('two')} does it', () => {});`, `test("plain", () => {});`, `test(\`${tag('ghost')} nothing\`, () => {});`].join('\n'),
  );
  writeFileSync(join(dir, 'test', 'x', 'helper.ts'), `// ${tag('three')} not a test file\n`);
  const tagged = scanTaggedTests(dir);
  assert.deepEqual(tagged.map((t) => [t.id, t.file, t.line]), [['one', 'test/x/a.test.ts', 1], ['two', 'test/x/a.test.ts', 1], ['ghost', 'test/x/a.test.ts', 3]]);
  assert.equal(tagged[0]!.title, `${tag('one')} ${tag('two')} does it`);
  const decision = (id: string) => ({ id, summary: id });
  const { rows, untested, unknown } = decisionRows([{ api: 'x', decisions: [decision('one'), decision('two'), decision('three')] }], tagged);
  assert.deepEqual(untested.map((r) => r.id), ['three']);
  assert.deepEqual(unknown.map((t) => t.id), ['ghost']);
  assert.match(decisionTestsMarkdown(rows), /\| `three` \| three \| \*\*none\*\* \|/);
  assert.match(decisionTestsMarkdown(rows), /\| `one` \| one \| `test\/x\/a.test.ts`: does it \|/);
});
