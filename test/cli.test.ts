// test-process: own (spawns the CLI many times: the longest file outside the self-checks)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../cli/bin.mjs', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function callrec(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: repo, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A port nothing listens on: bind one, note it, release it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('callrec CLI exit codes', () => {
  test('--help prints usage (0); no command or an unknown one is a usage error (2)', async () => {
    const [help, runHelp, none, unknown] = await Promise.all([callrec(['--help']), callrec(['run', '--help']), callrec([]), callrec(['frobnicate'])]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: callrec <command>/);
    assert.equal(runHelp.code, 0);
    assert.match(runHelp.stdout, /--max-failures N/);
    assert.match(runHelp.stdout, /--strict-decisions/);
    assert.equal(none.code, 2);
    assert.equal(unknown.code, 2);
  });

  test('unknown API, unknown option, unknown check, unknown fault, unreachable target: 2', async () => {
    const port = await closedPort();
    const [api, option, check, fault, verify, unreachable] = await Promise.all([
      callrec(['run', '--api', 'nope']),
      callrec(['run', '--api', 'openvidu-meet', '--bogus']),
      callrec(['run', '--api', 'openvidu-meet', '--checks', 'openvidu-meet.no-such-group', '--report', 'none']),
      callrec(['mock', '--api', 'openvidu-meet', '--fault', 'no-such-fault']),
      callrec(['verify', '--api', 'openvidu-meet']), // --target missing
      callrec(['run', '--api', 'openvidu-meet', '--target', `http://127.0.0.1:${port}`, '--report', 'none']),
    ]);
    assert.equal(api.code, 2);
    assert.match(api.stderr, /unknown API 'nope'/);
    assert.equal(option.code, 2);
    assert.equal(check.code, 2);
    assert.match(check.stderr, /unknown check id: openvidu-meet.no-such-group/);
    assert.equal(fault.code, 2);
    assert.match(fault.stderr, /unknown fault\(s\): no-such-fault/);
    assert.equal(verify.code, 2);
    assert.equal(unreachable.code, 2);
    assert.match(unreachable.stderr, /target unreachable/);
  });

  test('mock --list-faults names each fault and the checks it trips', async () => {
    const r = await callrec(['mock', '--api', 'openvidu-meet', '--list-faults']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^start-missing-location\n {2}.+\n {2}trips: openvidu-meet\.start\.created-with-location$/m);
  });

  test('run on the built-in mock: 0, reports written, the seed printed, a parseable last line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callrec-cli-'));
    const r = await callrec(['run', '--api', 'openvidu-meet', '--checks', 'get.not-found', '--seed', '5', '--report-dir', dir]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^Seed: {4}5$/m);
    assert.match(r.stdout, /^Decisions: strict — /m); // a callrec mock follows every decision
    assert.equal(r.stdout.trimEnd().split('\n').at(-1), '1 passed, 0 failed, 0 deviated, 0 errored, 0 not applicable, 0 not run');
    const junit = readFileSync(join(dir, 'openvidu-meet-junit.xml'), 'utf8');
    // one testcase per check × rule: a check without named rules asserted its title
    assert.match(junit, /<testcase classname="openvidu-meet\.get\.not-found" name="reading an unknown/);
    assert.doesNotMatch(junit, /<skipped/);
    assert.match(readFileSync(join(dir, 'openvidu-meet-report.html'), 'utf8'), /<b id="seed">5<\/b>/);
    assert.equal(JSON.parse(readFileSync(join(dir, 'openvidu-meet-report.json'), 'utf8')).summary.passed, 1);
  });

  test('run against an external `callrec mock` with a fault on: 1, with a curl to reproduce; Ctrl-C closes the mock', async () => {
    const mock = spawn(process.execPath, [bin, 'mock', '--api', 'openvidu-meet', '--port', '0', '--frozen-clock', '--fault', 'start-missing-location'], { cwd: repo });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      mock.stdout.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      mock.on('close', () => reject(new Error(`mock exited: ${out}`)));
    });
    assert.match(out, /callrec mock \(openvidu-meet\) listening on http:\/\/localhost:\d+\/api\/v1 {2}seed=1/);
    try {
      const r = await callrec(['run', '--api', 'openvidu-meet', '--target', url, '--checks', 'openvidu-meet.start.created-with-location', '--report', 'none', '--seed', '3']);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /1\) openvidu-meet\.start\.created-with-location/);
      assert.match(r.stdout, /Reproduce with:\n {5}curl -sS -i -X POST '/);
      assert.equal(r.stdout.trimEnd().split('\n').at(-1), '0 passed, 1 failed, 0 deviated, 0 errored, 0 not applicable, 0 not run');
    } finally {
      const closed = new Promise<number | null>((r) => mock.on('close', r));
      mock.kill('SIGINT');
      assert.equal(await closed, 0);
      assert.match(out, /closed/);
    }
  });
});

describe('callrec run against a target that answers 401 to everything', () => {
  test('exit 1; JUnit greens only rules that held (none here but what a 401 proves); decisions strict only with --strict-decisions', async () => {
    const { createServer: createHttpServer } = await import('node:http');
    const server = createHttpServer((req, res) => {
      req.resume();
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Unauthorized"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const target = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const dir = mkdtempSync(join(tmpdir(), 'callrec-401-'));
      const strictDir = mkdtempSync(join(tmpdir(), 'callrec-401-strict-'));
      const [loose, strict] = await Promise.all([
        callrec(['run', '--api', 'openvidu-meet', '--target', target, '--api-key', 'k', '--seed', '1', '--report-dir', dir]),
        callrec(['run', '--api', 'openvidu-meet', '--target', target, '--api-key', 'k', '--seed', '1', '--report', 'none', '--strict-decisions', '--checks', 'openvidu-meet.get']),
      ]);
      assert.equal(loose.code, 1, loose.stdout + loose.stderr);
      assert.match(loose.stdout, /^Decisions: not strict — /m);
      assert.match(loose.stdout, /^ {2}decisions not strict · seed 1/m);
      assert.equal(strict.code, 1, strict.stdout + strict.stderr);
      assert.match(strict.stdout, /^Decisions: strict — /m);
      assert.match(strict.stdout, /Re-run: callrec run --api openvidu-meet --target '?http:\/\/127\.0\.0\.1:\d+\/api\/v1'? --strict-decisions --checks /);

      const report = JSON.parse(readFileSync(join(dir, 'openvidu-meet-report.json'), 'utf8')) as {
        strictDecisions: boolean;
        checks: Array<{ id: string; rules: Array<{ rule: string; status: string }> }>;
      };
      assert.equal(report.strictDecisions, false);
      const xml = readFileSync(join(dir, 'openvidu-meet-junit.xml'), 'utf8');
      const unescape = (t: string) => t.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      const green = xml
        .split('<testcase ')
        .slice(1)
        .filter((c) => !/<(failure|error|skipped)/.test(c.slice(0, c.includes('</testcase>') ? c.indexOf('</testcase>') : undefined)))
        .map((c) => /^classname="([^"]*)" name="([^"]*)"/.exec(c)!)
        .map(([, cls, name]) => `${unescape(cls!)} / ${unescape(name!)}`);
      const passedRules = report.checks.flatMap((c) => c.rules.filter((r) => r.status === 'passed').map((r) => `${c.id} / ${r.rule}`));
      // Every green testcase is a rule the target really met; a 401 to everything meets none but
      // rules that expect a refusal.
      assert.deepEqual(green.sort(), passedRules.sort());
      for (const g of green) assert.match(g, /auth|401|unauth|refus|denied|key|token|credential/i, `green testcase on a 401-only target: ${g}`);

      // Exit codes with deviations: the checks that only deviated pass the run unless decisions are strict.
      const full = JSON.parse(readFileSync(join(dir, 'openvidu-meet-report.json'), 'utf8')) as { exitCode: number; checks: Array<{ id: string; status: string }> };
      assert.equal(full.exitCode, loose.code);
      const deviated = full.checks.filter((c) => c.status === 'deviated').map((c) => c.id);
      assert.ok(deviated.length > 0, 'a 401-only target breaks some decision-only rule of openvidu-meet (e.g. 405 for unknown methods)');
      const only = ['run', '--api', 'openvidu-meet', '--target', target, '--api-key', 'k', '--seed', '1', '--report', 'none', '--checks', deviated.join(',')];
      const [notStrict, strictToo] = await Promise.all([callrec(only), callrec([...only, '--strict-decisions'])]);
      assert.equal(notStrict.code, 0, notStrict.stdout + notStrict.stderr);
      assert.match(notStrict.stdout, /DEVIATIONS from callrec decisions .*not strict/);
      assert.match(notStrict.stdout, /deviates from callrec decision [\w-]+: expected /);
      assert.equal(strictToo.code, 1, strictToo.stdout + strictToo.stderr);
      assert.match(strictToo.stdout, /run FAILED \(\d+ deviated \(strict decisions\)\)/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('callrec verify and usage errors', () => {
  test('verify replays the committed Pact contracts against a running mock (0)', async () => {
    const { startMockServer } = await import('../mock/server.ts');
    const server = await startMockServer({ api: 'openvidu-meet', clock: 'frozen' });
    try {
      const r = await callrec(['verify', '--api', 'openvidu-meet', '--target', server.url], { PACT_DO_NOT_TRACK: 'true' });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /PASS/);
    } finally {
      await server.close();
    }
  });

  test('a config with a wrong type or an unknown key, or --api-key for an API without one, is a usage error (2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callrec-config-'));
    const wrongType = join(dir, 'wrong-type.json');
    const typo = join(dir, 'typo.yaml');
    writeFileSync(wrongType, JSON.stringify({ apiKey: 'k', writes: 'yes', rooms: { recordable: 42 } }));
    writeFileSync(typo, 'token: t\nchannels:\n  recordabel: c1\n');
    const [types, unknown, apiKey] = await Promise.all([
      callrec(['run', '--api', 'openvidu-meet', '--config', wrongType, '--report', 'none']),
      callrec(['run', '--api', 'horn', '--config', typo, '--report', 'none']),
      callrec(['run', '--api', 'horn', '--api-key', 'k', '--report', 'none']),
    ]);
    assert.equal(types.code, 2);
    assert.match(types.stderr, /writes: must be boolean/);
    assert.match(types.stderr, /rooms\.recordable: must be string/);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /channels\.recordabel: unknown key for horn/);
    assert.equal(apiKey.code, 2);
    assert.match(apiKey.stderr, /--api-key is not used by horn/);
  });

  test('an unknown report format or a bare --api is a usage error (2)', async () => {
    const [format, bare] = await Promise.all([callrec(['run', '--api', 'openvidu-meet', '--report', 'pdf']), callrec(['run', '--api'])]);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /unknown report format/);
    assert.equal(bare.code, 2);
  });
});
