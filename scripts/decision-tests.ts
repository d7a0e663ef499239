// Prints the table from spec decisions to the tests that exercise them; `--write` puts it into
// specs/DECISIONS.md. test/decision-tests.test.ts fails while a decision has no test or the file is stale.
//   node --import tsx scripts/decision-tests.ts [--write]

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apis } from '../apis.ts';
import { loadApiSpec } from '../suites/engine/spec.ts';
import { decisionRows, decisionTestsMarkdown, scanTaggedTests } from '../test/support/decision-tests.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const specs = Object.values(apis).map((m) => ({ api: m.name, decisions: loadApiSpec(m).decisions }));
const { rows, untested, unknown } = decisionRows(specs, scanTaggedTests(root));
const markdown = decisionTestsMarkdown(rows);
if (process.argv.includes('--write')) {
  writeFileSync(`${root}specs/DECISIONS.md`, markdown);
  process.stderr.write(`specs/DECISIONS.md written: ${rows.length - untested.length}/${rows.length} decisions have a test\n`);
} else {
  process.stdout.write(markdown);
}
for (const r of untested) process.stderr.write(`no test: ${r.api}/${r.id}\n`);
for (const t of unknown) process.stderr.write(`unknown decision tag: ${t.api}/${t.id} (${t.file}:${t.line})\n`);
