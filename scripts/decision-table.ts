// Prints the README's table of decision-only rules (markdown); `--write` puts it into README.md
// between its markers. test/engine/decision-table.test.ts fails while the README differs.
//   node --import tsx scripts/decision-table.ts [--write]

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apis } from '../apis.ts';
import type { ApiModule } from '../core/suite.ts';
import { decisionTable, withTable } from '../suites/reports/decision-table.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const table = decisionTable(Object.values(apis) as ApiModule[], root);
if (process.argv.includes('--write')) {
  const readme = `${root}README.md`;
  writeFileSync(readme, withTable(readFileSync(readme, 'utf8'), table));
  process.stderr.write('README.md: decision table written\n');
} else {
  process.stdout.write(`${table}\n`);
}
