// The self-check is part of the test suite, for every registered API: every check passes on the
// clean mock under several seeds, and every named fault makes the checks it names fail
// (100% recall, no false positive). It runs the real CLI, as CI and users do.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { apis } from '../apis.ts';

const root = fileURLToPath(new URL('../', import.meta.url));

for (const module of Object.values(apis)) {
  test(`callrec selfcheck --api ${module.name}: every fault tripped, no false positive`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'callrec-selfcheck-'));
    const out = spawnSync(process.execPath, ['cli/bin.mjs', 'selfcheck', '--api', module.name, '--seeds', '1,2,3', '--report-dir', dir], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PACT_DO_NOT_TRACK: 'true' },
      timeout: 300_000,
    });
    const lines = out.stdout.trim().split('\n');
    assert.equal(out.status, 0, `${out.stdout.slice(-3000)}\n${out.stderr.slice(-2000)}`);
    assert.equal(lines.at(-1), `fault recall: ${module.faults.length}/${module.faults.length}`);
  });
}
