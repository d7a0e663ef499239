// The specs are for other tools too (Prism, Schemathesis, code generators): each must lint clean
// under Redocly's recommended rules (redocly.yaml says why any rule is turned down), and the types a
// code generator makes from it must compile.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { lint, loadConfig } from '@redocly/openapi-core';
import openapiTS from 'openapi-typescript';
import { apis } from '../apis.ts';
import { loadSpec } from '../core/spec-load.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const modules = Object.values(apis);

test('every spec lints without an error or a warning (Redocly recommended, redocly.yaml)', async () => {
  const config = await loadConfig({ configPath: join(root, 'redocly.yaml') });
  for (const module of modules) {
    const problems = await lint({ ref: join(root, module.specPath), config });
    const shown = problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);
    assert.deepEqual(shown, [], `${module.specPath}:\n${shown.join('\n')}`);
  }
});

test('types generated from every spec (openapi-typescript) compile under tsc --strict', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'callrec-types-'));
  const files: string[] = [];
  for (const module of modules) {
    const source = await openapiTS(loadSpec(module.specPath).doc as unknown as Parameters<typeof openapiTS>[0]);
    const file = join(dir, `${module.name}.ts`);
    writeFileSync(file, source);
    files.push(file);
  }
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--ignoreConfig', '--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext', ...files], { encoding: 'utf8' });
  assert.equal(tsc.status, 0, `${tsc.stdout}\n${tsc.stderr}`);
});
