import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { CheckResult, CompletedRun, RunStarted } from '../../suites/engine/events.ts';
import { summarize, summaryLine } from '../../suites/engine/events.ts';
import { consoleReport } from '../../suites/reports/console.ts';
import { renderHtml } from '../../suites/reports/html.ts';
import { fileReports } from '../../suites/reports/index.ts';
import { renderJson } from '../../suites/reports/json.ts';
import { renderJunit } from '../../suites/reports/junit.ts';

const base = (id: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
  id: `openvidu-meet.${id}`,
  title: `Title <${id}> & "more"`,
  operations: ['getRecordings', 'getRecording'],
  specRef: '#/paths/~1recordings/get',
  needs: [],
  status,
  rules: [],
  seed: 7,
  durationMs: 20,
  calls: { getRecordings: 2 },
  statuses: { getRecordings: [200, 422] },
  logs: [],
  ...extra,
});

const curl = `curl -sS -i -X GET 'http://127.0.0.1:4010/api/v1/recordings?maxItems=3' -H 'x-api-key: callrec-dev-key'`;
const results: CheckResult[] = [
  base('pagination.ok', 'passed'),
  base('pagination.sort-order', 'failed', {
    decision: 'sort-missing-values',
    failure: {
      rule: 'pages must be ordered by <startDate> & "desc"',
      specRef: '#/paths/~1recordings/get',
      specLocation: 'specs/openvidu-meet/openapi.yaml#/paths/~1recordings/get',
      expected: 'descending',
      actual: 'ascending \u0001 with a control char',
      curl,
      operation: 'getRecordings',
      exchange: {
        request: { method: 'GET', url: 'http://127.0.0.1:4010/api/v1/recordings', headers: {} },
        response: { status: 500, headers: {}, bodyExcerpt: '{}' },
        operation: 'getRecordings',
        durationMs: 1,
      },
    },
  }),
  base('webhooks.signature', 'not-applicable', { reason: 'no webhook receiver registered with the target: set receiver.publicUrl in the config' }),
  base('zip.entries', 'errored', { error: { message: 'boom <x>', stack: 'Error: boom <x>\n    at f (a.ts:1:1)' } }),
  base('later', 'not-run', { reason: 'not run: the run stopped after 1 failed check(s) (--max-failures 1)' }),
];

const started: RunStarted = {
  type: 'run-started',
  api: 'openvidu-meet',
  apiTitle: 'OpenVidu Meet recordings',
  target: 'http://127.0.0.1:4010/api/v1',
  specFile: 'specs/openvidu-meet/openapi.yaml',
  seed: 123456,
  checks: results,
  decisions: [{ id: 'sort-missing-values', summary: 'missing values sort first in asc', appliesTo: '#/x', source: 'code' }],
  startedAt: '2026-01-01T00:00:00.000Z',
  toolVersion: '0.1.0',
  builtInMock: true,
  strictDecisions: true,
  operations: { getRecordings: { method: 'GET', path: '/recordings' }, getRecording: { method: 'GET', path: '/recordings/{recordingId}' } },
};
const run: CompletedRun = { started, finished: { type: 'run-finished', summary: summarize(results), results, durationMs: 1234 } };

/** Well-formedness without a parser: every open tag closes in order, and no raw & or < in text. */
function assertWellFormed(xml: string) {
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
  const body = xml.slice(xml.indexOf('?>') + 2);
  const stack: string[] = [];
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    const text = body.slice(i, lt === -1 ? body.length : lt);
    assert.ok(!/&(?!(amp|lt|gt|quot|apos);)/.test(text), `raw & in text: ${text.slice(0, 80)}`);
    assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text), 'control character in text');
    if (lt === -1) break;
    const gt = body.indexOf('>', lt);
    const tag = body.slice(lt + 1, gt);
    assert.ok(!tag.includes('<'), `unescaped < inside a tag: ${tag}`);
    const attrs = tag.replace(/^\/?[\w-]+/, '').replace(/\/$/, '');
    assert.match(attrs, /^(\s+[\w-]+="[^"<]*")*\s*$/, `bad attributes: ${tag}`);
    if (tag.startsWith('/')) assert.equal(stack.pop(), tag.slice(1), 'tags close in order');
    else if (!tag.endsWith('/')) stack.push(tag.split(/\s/)[0]!);
    i = gt + 1;
  }
  assert.deepEqual(stack, [], 'every tag is closed');
}

describe('JUnit XML', () => {
  const xml = renderJunit(run);

  test('is well-formed and escapes text and attributes', () => {
    assertWellFormed(xml);
    assert.ok(xml.includes('pages must be ordered by &lt;startDate&gt; &amp; &quot;desc&quot;'));
  });

  test('one testsuite per API, one testcase per check × operation, classname = check id', () => {
    assert.equal(xml.match(/<testsuite /g)!.length, 1);
    assert.match(xml, /<testsuite name="openvidu-meet" tests="10" failures="1" errors="2" skipped="4"/);
    assert.equal(xml.match(/<testcase /g)!.length, 10);
    assert.ok(xml.includes('<testcase classname="openvidu-meet.pagination.ok" name="getRecordings"'));
    assert.ok(xml.includes('<property name="seed" value="123456"/>'));
  });

  test('the failure sits on its operation with the curl in system-out; no <skipped> for checks that ran', () => {
    const cases = xml.split('<testcase ').slice(1);
    const of = (cls: string, name: string) => cases.find((c) => c.startsWith(`classname="openvidu-meet.${cls}" name="${name}"`))!;
    assert.match(of('pagination.sort-order', 'getRecordings'), /<failure message="[^"]+" type="openvidu-meet.pagination.sort-order">/);
    assert.match(of('pagination.sort-order', 'getRecordings'), /<system-out>Reproduce with:\ncurl -sS -i -X GET &apos;http/);
    assert.doesNotMatch(of('pagination.sort-order', 'getRecording'), /<failure/);
    for (const ran of ['pagination.ok', 'pagination.sort-order', 'zip.entries']) {
      for (const op of ['getRecordings', 'getRecording']) assert.doesNotMatch(of(ran, op), /<skipped/);
    }
    assert.match(of('webhooks.signature', 'getRecording'), /<skipped message="no webhook receiver registered/);
    assert.match(of('later', 'getRecordings'), /<skipped message="not run: /);
    assert.match(of('zip.entries', 'getRecordings'), /<error message="boom &lt;x&gt;" type="error">/);
  });
});

describe('JSON report', () => {
  const report = JSON.parse(renderJson(run));

  test('carries our results and a WFC-style faults block', () => {
    assert.equal(report.seed, 123456);
    assert.equal(report.checks.length, 5);
    assert.equal(report.summary.failed, 1);
    const wfc = report.wfc;
    assert.equal(wfc.toolName, 'callrec');
    assert.equal(wfc.toolVersion, '0.1.0');
    assert.equal(wfc.creationTime, '2026-01-01T00:00:01.234Z');
    assert.equal(wfc.faults.totalNumber, 1);
    assert.deepEqual(wfc.faults.foundFaults[0].operationId, 'GET:/recordings');
    assert.equal(wfc.faults.foundFaults[0].testCaseId, 'openvidu-meet.pagination.sort-order');
    assert.equal(wfc.faults.foundFaults[0].faultCategories[0].code, 100); // the response was a 500
    assert.equal(wfc.totalTests, 3); // passed, failed, errored: the ones that ran
    assert.equal(wfc.problemDetails.rest.totalHttpCalls, 6);
    assert.deepEqual(wfc.problemDetails.rest.endpointIds, ['GET:/recordings', 'GET:/recordings/{recordingId}']);
  });
});

describe('HTML report', () => {
  const html = renderHtml(run);

  test('is one self-contained file with the seed, failures first and the decisions', () => {
    assert.match(html, /^<!doctype html>/);
    assert.ok(html.includes('<b id="seed">123456</b>'));
    assert.doesNotMatch(html, /<(script|link|img)\b/); // nothing loaded from elsewhere
    assert.doesNotMatch(html, /https?:\/\/(?!127\.0\.0\.1)/);
    assert.ok(html.indexOf('Failures') < html.indexOf('All checks'));
    assert.ok(html.includes('curl -sS -i -X GET &apos;http://127.0.0.1:4010/api/v1/recordings?maxItems=3&apos;'));
    assert.ok(html.includes('id="decision-sort-missing-values"'));
    assert.ok(html.includes('Title &lt;pagination.ok&gt; &amp; &quot;more&quot;'));
  });

  test('fileReports writes <api>-junit.xml, <api>-report.json and <api>-report.html', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callrec-reports-'));
    const written: string[] = [];
    const emit = fileReports(['junit', 'json', 'html'], dir, written);
    emit(started);
    emit(run.finished);
    assert.deepEqual(readdirSync(dir).sort(), ['openvidu-meet-junit.xml', 'openvidu-meet-report.html', 'openvidu-meet-report.json']);
    assert.equal(written.length, 3);
    assert.ok(readFileSync(join(dir, 'openvidu-meet-report.html'), 'utf8').includes('123456'));
  });
});

describe('console report', () => {
  test('header, grouped checks, numbered failures with curl, decisions, and a parseable last line', () => {
    let out = '';
    const emit = consoleReport({ write: (t) => (out += t), tty: false, footer: () => ['Report: reports/x.json'] });
    emit(started);
    emit(run.finished);
    assert.match(out, /^callrec 0\.1\.0 — OpenVidu Meet recordings \(openvidu-meet\)\n/);
    assert.match(out, /Seed:    123456/);
    assert.match(out, /getRecordings  \(GET \/recordings\)\n  ✔ openvidu-meet\.pagination\.ok/);
    assert.match(out, /1\) openvidu-meet\.pagination\.sort-order — /);
    assert.match(out, /Spec:      specs\/openvidu-meet\/openapi\.yaml#\/paths\/~1recordings\/get/);
    assert.match(out, /Reproduce with:\n {5}curl -sS -i -X GET/);
    assert.match(out, /2\) openvidu-meet\.zip\.entries — .*\n {3}errored/);
    assert.match(out, /sort-missing-values: missing values sort first in asc/);
    assert.match(out, /Re-run: callrec run --api openvidu-meet --checks openvidu-meet\.pagination\.sort-order --seed 123456/);
    const lines = out.trimEnd().split('\n');
    assert.equal(lines.at(-1), summaryLine(run.finished.summary));
    assert.equal(lines.at(-1), '1 passed, 1 failed, 1 errored, 1 not applicable, 1 not run');
    assert.doesNotMatch(out, /\x1b/); // no terminal codes when not a TTY
  });
});
