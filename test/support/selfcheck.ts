// The self-check as a test, run through the real CLI as CI and users run it: with the control API
// every check passes on the clean mock under several seeds and every named fault is caught (100%
// recall, no false positive); without it (the mock met as a real server) no clean check fails and
// recall reaches the goal. Each API and mode has its own test file, so the eight run in parallel
// (the runs without control mostly wait on the mock's running clock).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { getApi } from '../../apis.ts';
import { WITHOUT_CONTROL_RECALL_GOAL } from '../../suites/engine/selfcheck.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

function selfcheck(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['cli/bin.mjs', 'selfcheck', ...args], { cwd: root, env: { ...process.env, PACT_DO_NOT_TRACK: 'true' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The self-check with the control API: every check clean on each of `seeds`, every fault tripped. */
export function selfcheckTest(api: string, seeds: string): void {
  const total = getApi(api).faults.length;
  test(`callrec selfcheck --api ${api}: every fault tripped, no false positive`, { timeout: 600_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callrec-selfcheck-'));
    const out = await selfcheck(['--api', api, '--seeds', seeds, '--report-dir', dir]);
    assert.equal(out.status, 0, `${out.stdout.slice(-3000)}\n${out.stderr.slice(-2000)}`);
    assert.equal(out.stdout.trim().split('\n').at(-1), `fault recall: ${total}/${total}`);
  });
}

/** The self-check with the mock met as a real server: no false failure, recall at the goal. */
export function selfcheckWithoutControlTest(api: string, seeds: string): void {
  const total = getApi(api).faults.length;

  test(`callrec selfcheck --api ${api} --without-control: no false failure, recall >= ${WITHOUT_CONTROL_RECALL_GOAL * 100}%`, { timeout: 600_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callrec-selfcheck-'));
    const out = await selfcheck(['--api', api, '--without-control', '--seeds', seeds, '--report-dir', dir]);
    const lines = out.stdout.trim().split('\n');
    assert.equal(out.status, 0, `${out.stdout.slice(-4000)}\n${out.stderr.slice(-2000)}`);
    assert.equal(lines.at(-1), 'false failures: 0');
    // D/N: N leaves out the faults whose every check answered not applicable (listed above it);
    // never fewer than half the faults, so "not applicable" cannot carry the goal.
    const recall = /^fault recall without control: (\d+)\/(\d+)/.exec(lines.at(-2) ?? '');
    assert.ok(recall, lines.slice(-3).join('\n'));
    assert.ok(Number(recall[2]) >= total / 2, lines.slice(-3).join('\n'));
    assert.ok(Number(recall[1]) >= Math.ceil(Number(recall[2]) * WITHOUT_CONTROL_RECALL_GOAL), lines.slice(-3).join('\n'));
  });
}
