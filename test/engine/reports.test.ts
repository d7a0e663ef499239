import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { CheckResult, CompletedRun, FailureRecord, RunStarted } from '../../suites/engine/events.ts';
import { runFailed, summarize, summaryLine } from '../../suites/engine/events.ts';
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
const sortFailure: FailureRecord = {
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
};
const tokenDeviation: FailureRecord = {
  rule: 'an undecodable nextPageToken is 422',
  specRef: '#/components/parameters/nextPageToken',
  specLocation: 'specs/openvidu-meet/openapi.yaml#/components/parameters/nextPageToken',
  expected: '422 naming nextPageToken',
  actual: '500 "Unexpected error while getting recordings"',
  curl: `curl -sS -i -X GET 'http://127.0.0.1:4010/api/v1/recordings?nextPageToken=zz' -H 'x-api-key: callrec-dev-key'`,
  operation: 'getRecordings',
  decision: 'bad-page-token-422',
};
const results: CheckResult[] = [
  base('pagination.ok', 'passed', { rules: [{ rule: 'Title <pagination.ok> & "more"', status: 'passed' }] }),
  base('pagination.sort-order', 'failed', {
    decision: 'sort-missing-values',
    failure: sortFailure,
    rules: [
      { rule: 'first page answers 200', status: 'passed' },
      { rule: sortFailure.rule, status: 'failed', specRef: sortFailure.specRef, failure: sortFailure },
      { rule: 'ties broken by id', status: 'not-run', reason: 'needs an ordered page' },
    ],
  }),
  base('webhooks.signature', 'not-applicable', { reason: 'no webhook receiver registered with the target: set receiver.publicUrl in the config' }),
  base('zip.entries', 'errored', { error: { message: 'boom <x>', stack: 'Error: boom <x>\n    at f (a.ts:1:1)' }, rules: [{ rule: 'zip lists entries', status: 'passed' }] }),
  base('later', 'not-run', { reason: 'not run: the run stopped after 1 failed check(s) (--max-failures 1)' }),
  base('pagination.bad-token', 'deviated', {
    failure: tokenDeviation,
    rules: [
      { rule: 'a bad maxItems is 422', status: 'passed' },
      { rule: tokenDeviation.rule, status: 'deviated', decision: 'bad-page-token-422', failure: tokenDeviation },
      { rule: 'more items than the walk budget', status: 'not-applicable', reason: 'the target lists 3100 recordings, the walk budget is 3000' },
    ],
  }),
  base('start.public', 'passed', {
    operations: ['startRecording'],
    rules: [
      { rule: 'start answers 201', status: 'not-applicable', operation: 'startRecording', reason: 'needs startRecording, which the target does not implement' },
      { rule: 'list answers 200', status: 'passed' },
    ],
    notImplemented: [{ operation: 'startRecording', evidence: 'POST /recordings answered 404 Path Not Found (not the API error body)', acknowledged: false }],
  }),
  base('get.stops-early', 'failed', {
    failure: { ...sortFailure, rule: 'get answers 200', expected: '200', actual: '401' },
    rules: [{ rule: 'get answers 200', status: 'failed', failure: { ...sortFailure, rule: 'get answers 200', expected: '200', actual: '401' } }],
    stoppedEarly: 'stopped at the first broken rule (get answers 200): later steps did not run',
  }),
];

const started: RunStarted = {
  type: 'run-started',
  api: 'openvidu-meet',
  apiTitle: 'OpenVidu Meet recordings',
  target: 'http://127.0.0.1:4010/api/v1',
  specFile: 'specs/openvidu-meet/openapi.yaml',
  seed: 123456,
  checks: results,
  decisions: [
    { id: 'sort-missing-values', summary: 'missing values sort first in asc', appliesTo: '#/x', source: 'code' },
    { id: 'bad-page-token-422', summary: 'an undecodable nextPageToken is 422', appliesTo: '#/components/parameters/nextPageToken', source: 'api-facts §5.3' },
  ],
  startedAt: '2026-01-01T00:00:00.000Z',
  toolVersion: '0.1.0',
  builtInMock: true,
  strictDecisions: true,
  operations: {
    getRecordings: { method: 'GET', path: '/recordings' },
    getRecording: { method: 'GET', path: '/recordings/{recordingId}' },
    startRecording: { method: 'POST', path: '/recordings' },
  },
};
/** The same results under strict decisions (a callrec mock) and not (a real server without --strict-decisions). */
const runOf = (strict: boolean): CompletedRun => ({
  started: { ...started, strictDecisions: strict },
  finished: { type: 'run-finished', summary: summarize(results, strict), results, durationMs: 1234 },
});
const run = runOf(true);
const lenient = runOf(false);

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

/** Testcases of a JUnit document as {classname, name, kind}. */
function testcases(xml: string) {
  return xml
    .split('<testcase ')
    .slice(1)
    .map((c) => {
      const [, classname, name] = /^classname="([^"]*)" name="([^"]*)"/.exec(c)!;
      const body = c.slice(0, c.indexOf('</testcase>') === -1 ? undefined : c.indexOf('</testcase>'));
      const kind = /<failure/.test(body) ? 'failure' : /<error/.test(body) ? 'error' : /<skipped/.test(body) ? 'skipped' : 'passed';
      return { classname: classname!, name: name!, kind, body };
    });
}

describe('JUnit XML', () => {
  const xml = renderJunit(run);
  const cases = testcases(xml);
  const of = (cls: string, name: string) => {
    const found = cases.find((c) => c.classname === `openvidu-meet.${cls}` && c.name === name);
    assert.ok(found, `no testcase ${cls} / ${name}`);
    return found;
  };

  test('is well-formed and escapes text and attributes', () => {
    assertWellFormed(xml);
    assertWellFormed(renderJunit(lenient));
    assert.ok(xml.includes('pages must be ordered by &lt;startDate&gt; &amp; &quot;desc&quot;'));
  });

  test('one testsuite per API, one testcase per check × rule, classname = check id, counts match the cases', () => {
    assert.equal(xml.match(/<testsuite /g)!.length, 1);
    // rules: 1 + 3 + (n/a check) 1 + (errored) 1 + error case 1 + (not run) 1 + 3 + 2 + 1 + rest-of-check 1, and 1 not-implemented operation
    assert.equal(cases.length, 16);
    const n = (k: string) => cases.filter((c) => c.kind === k).length;
    assert.match(xml, new RegExp(`<testsuite name="openvidu-meet" tests="16" failures="${n('failure')}" errors="${n('error')}" skipped="${n('skipped')}"`));
    assert.deepEqual({ failure: n('failure'), error: n('error'), skipped: n('skipped'), passed: n('passed') }, { failure: 4, error: 1, skipped: 6, passed: 5 });
    assert.ok(xml.includes('<property name="seed" value="123456"/>'));
    assert.ok(xml.includes('<property name="strictDecisions" value="true"/>'));
    assert.ok(renderJunit(lenient).includes('<property name="strictDecisions" value="false"/>'));
  });

  test('a failure sits on its rule only, with the curl in system-out; the other rules keep their own outcome', () => {
    assert.equal(of('pagination.sort-order', 'first page answers 200').kind, 'passed');
    const failed = of('pagination.sort-order', 'pages must be ordered by &lt;startDate&gt; &amp; &quot;desc&quot;');
    assert.match(failed.body, /<failure message="[^"]+" type="openvidu-meet.pagination.sort-order">/);
    assert.match(failed.body, /<system-out>Reproduce with:\ncurl -sS -i -X GET &apos;http/);
    assert.match(of('pagination.sort-order', 'ties broken by id').body, /<skipped message="not run: needs an ordered page"\/>/);
    assert.match(of('webhooks.signature', 'Title &lt;webhooks.signature&gt; &amp; &quot;more&quot;').body, /<skipped message="not applicable: no webhook receiver registered/);
    assert.match(of('later', 'Title &lt;later&gt; &amp; &quot;more&quot;').body, /<skipped message="not run: not run: the run stopped/);
    assert.equal(of('zip.entries', 'zip lists entries').kind, 'passed');
    assert.match(of('zip.entries', 'rest of the check (errored)').body, /<error message="boom &lt;x&gt;" type="error">/);
    assert.match(of('get.stops-early', 'rest of the check (not run)').body, /<skipped message="stopped at the first broken rule \(get answers 200\)/);
  });

  test('no green testcase for a rule that failed, deviated, was not applicable or did not run', () => {
    const green = cases.filter((c) => c.kind === 'passed').map((c) => `${c.classname} / ${c.name}`);
    const passedRules = results.flatMap((r) => r.rules.filter((x) => x.status === 'passed').map((x) => `${r.id} / ${x.rule}`));
    assert.deepEqual(green.sort(), passedRules.map((x) => x.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')).sort());
  });

  test('a deviation is a failure when strict, a visible skipped testcase naming the decision when not', () => {
    const strictCase = of('pagination.bad-token', 'an undecodable nextPageToken is 422');
    assert.equal(strictCase.kind, 'failure');
    assert.match(strictCase.body, /message="deviates from callrec decision bad-page-token-422: expected 422 naming nextPageToken, got 500/);
    const loose = testcases(renderJunit(lenient)).find((c) => c.classname === 'openvidu-meet.pagination.bad-token' && c.name === 'an undecodable nextPageToken is 422')!;
    assert.equal(loose.kind, 'skipped');
    assert.match(loose.body, /<skipped message="deviates from callrec decision bad-page-token-422: expected 422 naming nextPageToken, got 500 &quot;Unexpected error while getting recordings&quot; \(not strict: does not fail the run\)"\/>/);
    assert.match(loose.body, /<system-out>Reproduce with:\ncurl .*nextPageToken=zz/);
  });

  test('an operation the target does not implement is one failing testcase in <api>.not-implemented (skipped when acknowledged)', () => {
    const ni = cases.filter((c) => c.classname === 'openvidu-meet.not-implemented');
    assert.equal(ni.length, 1);
    assert.equal(ni[0]!.name, 'startRecording (POST /recordings)');
    assert.equal(ni[0]!.kind, 'failure');
    assert.match(ni[0]!.body, /404 Path Not Found/);
    assert.equal(of('start.public', 'start answers 201').kind, 'skipped');
    const acked = results.map((r) => (r.notImplemented ? { ...r, notImplemented: r.notImplemented.map((n) => ({ ...n, acknowledged: true })) } : r));
    const xml2 = renderJunit({ started, finished: { type: 'run-finished', summary: summarize(acked, true), results: acked, durationMs: 1 } });
    assert.equal(testcases(xml2).find((c) => c.classname === 'openvidu-meet.not-implemented')!.kind, 'skipped');
  });
});

describe('JSON report', () => {
  const report = JSON.parse(renderJson(run));

  test('carries our results with their rules, the summary and a WFC-style faults block', () => {
    assert.equal(report.seed, 123456);
    assert.equal(report.strictDecisions, true);
    assert.equal(report.exitCode, 1);
    assert.equal(report.checks.length, 8);
    assert.deepEqual(
      report.checks[1].rules.map((r: { status: string }) => r.status),
      ['passed', 'failed', 'not-run'],
    );
    // a check that never started still shows the one rule reports give it
    assert.deepEqual(report.checks[4].rules, [{ rule: 'Title <later> & "more"', status: 'not-run', reason: 'not run: the run stopped after 1 failed check(s) (--max-failures 1)' }]);
    assert.equal(report.summary.failed, 2);
    assert.equal(report.summary.deviated, 1);
    assert.equal(report.summary.strictDecisions, true);
    assert.deepEqual(report.summary.notImplemented, [{ operation: 'startRecording', evidence: 'POST /recordings answered 404 Path Not Found (not the API error body)', acknowledged: false }]);
    const wfc = report.wfc;
    assert.equal(wfc.toolName, 'callrec');
    assert.equal(wfc.toolVersion, '0.1.0');
    assert.equal(wfc.creationTime, '2026-01-01T00:00:01.234Z');
    // two broken documented rules, the strict deviation, the missing operation
    assert.equal(wfc.faults.totalNumber, 4);
    assert.equal(wfc.faults.foundFaults.length, 4);
    assert.deepEqual(wfc.faults.foundFaults[0].operationId, 'GET:/recordings');
    assert.equal(wfc.faults.foundFaults[0].testCaseId, 'openvidu-meet.pagination.sort-order');
    assert.equal(wfc.faults.foundFaults[0].faultCategories[0].code, 100); // the response was a 500
    assert.match(wfc.faults.foundFaults[2].faultCategories[0].context, /deviates from callrec decision bad-page-token-422/);
    assert.deepEqual(wfc.faults.foundFaults[3], {
      operationId: 'POST:/recordings',
      testCaseId: 'openvidu-meet.not-implemented',
      faultCategories: [{ code: 902, context: 'documented operation not implemented by the target: POST /recordings answered 404 Path Not Found (not the API error body)' }],
    });
    for (const f of wfc.faults.foundFaults) {
      assert.equal(typeof f.operationId, 'string');
      assert.equal(typeof f.testCaseId, 'string');
      for (const c of f.faultCategories) assert.ok(Number.isInteger(c.code) && typeof c.context === 'string');
    }
    assert.equal(wfc.totalTests, 6); // passed, failed, deviated, errored: the ones that ran
    assert.equal(wfc.problemDetails.rest.totalHttpCalls, 12);
    assert.deepEqual(wfc.problemDetails.rest.endpointIds, ['GET:/recordings', 'GET:/recordings/{recordingId}', 'POST:/recordings']);
  });

  test('without strict decisions a deviation is reported in the rules but is no WFC fault and does not fail the run', () => {
    const loose = JSON.parse(renderJson(lenient));
    assert.equal(loose.strictDecisions, false);
    assert.equal(loose.checks[5].rules[1].status, 'deviated');
    assert.equal(loose.checks[5].rules[1].failure.decision, 'bad-page-token-422');
    assert.equal(loose.wfc.faults.totalNumber, 3);
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

  test('shows counts incl. deviated, the deviations, the operations not implemented, every rule and whether decisions are strict', () => {
    assert.match(html, /<div class="count deviated"><b>1<\/b>deviated<\/div>/);
    assert.match(html, /<div class="count not-implemented"><b>1<\/b>not implemented<\/div>/);
    assert.match(html, /<h2 id="deviations">Deviations from callrec decisions<\/h2>/);
    assert.ok(html.includes('deviates from callrec decision bad-page-token-422: expected 422 naming nextPageToken'));
    assert.match(html, /<h2 id="not-implemented">Not implemented by the target<\/h2>/);
    assert.ok(html.includes('<code>startRecording</code> (POST <code>/recordings</code>)'));
    assert.ok(html.includes('<span class="st-not-run">not run</span> ties broken by id — needs an ordered page'));
    assert.ok(html.includes('<span class="st-not-applicable">not applicable</span> more items than the walk budget — the target lists 3100 recordings'));
    assert.ok(html.includes('rest of the check — stopped at the first broken rule'));
    assert.match(html, /data-strict="true"/);
    assert.match(renderHtml(lenient), /data-strict="false">not strict/);
    assert.ok(html.indexOf('Failures') < html.indexOf('Deviations') && html.indexOf('Deviations') < html.indexOf('Not implemented by the target'));
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
  const render = (r: CompletedRun) => {
    let out = '';
    const emit = consoleReport({ write: (t) => (out += t), tty: false, footer: () => ['Report: reports/x.json'] });
    emit(r.started);
    emit(r.finished);
    return out;
  };

  test('header, grouped checks, numbered failures with curl, decisions, and a parseable last line', () => {
    const out = render(run);
    assert.match(out, /^callrec 0\.1\.0 — OpenVidu Meet recordings \(openvidu-meet\)\n/);
    assert.match(out, /Seed:    123456/);
    assert.match(out, /Decisions: strict — a deviation from a callrec decision fails the run/);
    assert.match(out, /getRecordings  \(GET \/recordings\)\n  ✔ openvidu-meet\.pagination\.ok/);
    assert.match(out, /1\) openvidu-meet\.pagination\.sort-order — /);
    assert.match(out, /Spec:      specs\/openvidu-meet\/openapi\.yaml#\/paths\/~1recordings\/get/);
    assert.match(out, /Reproduce with:\n {5}curl -sS -i -X GET/);
    assert.match(out, /2\) openvidu-meet\.zip\.entries — .*\n {3}errored/);
    assert.match(out, /3\) openvidu-meet\.get\.stops-early — /);
    // the decisions listed are those deviations rest on; a check's label does not make its failure one
    assert.match(out, /DECISIONS the deviations rest on .*\n {2}bad-page-token-422: an undecodable nextPageToken is 422 {2}\[api-facts §5\.3\]/);
    assert.doesNotMatch(out, /sort-missing-values/);
    assert.match(out, /Re-run: callrec run --api openvidu-meet --checks openvidu-meet\.pagination\.sort-order --seed 123456/);
    const lines = out.trimEnd().split('\n');
    assert.equal(lines.at(-1), summaryLine(run.finished.summary));
    assert.equal(lines.at(-1), '2 passed, 2 failed, 1 deviated, 1 errored, 1 not applicable, 1 not run, 1 operation(s) not implemented');
    assert.match(out, /run FAILED \(2 check\(s\) failed, 1 errored, 1 deviated \(strict decisions\), 1 operation\(s\) not implemented\)/);
    assert.doesNotMatch(out, /\x1b/); // no terminal codes when not a TTY
  });

  test('rules that did not pass are listed under their check with the reason; a check that stopped early says so', () => {
    const out = render(run);
    assert.match(out, /✘ openvidu-meet\.pagination\.sort-order {2}.*\[1\/3 rules passed\]\n {6}✘ pages must be ordered .* \(see 1\)\n {6}· ties broken by id {2}— not run: needs an ordered page\n/);
    assert.match(out, / {6}– more items than the walk budget {2}— not applicable: the target lists 3100 recordings, the walk budget is 3000\n/);
    assert.match(out, /! openvidu-meet\.zip\.entries .* \(see 2\)\n/);
    assert.match(out, /✘ openvidu-meet\.get\.stops-early .*\n {6}✘ get answers 200 \(see 3\)\n {6}· stopped at the first broken rule \(get answers 200\): later steps did not run\n/);
    assert.match(out, /– openvidu-meet\.webhooks\.signature {2}.* — no webhook receiver registered/);
  });

  test('deviations have their own section, numbered after the failures, naming the decision and what came back', () => {
    const out = render(run);
    assert.match(out, /DEVIATIONS from callrec decisions \(.*strict: they fail this run\)\n\n4\) openvidu-meet\.pagination\.bad-token — .*\n {3}deviates from callrec decision bad-page-token-422: expected 422 naming nextPageToken, got 500 "Unexpected error while getting recordings"\n {3}Rule: {6}an undecodable nextPageToken is 422\n {3}Spec: .*\n {3}Operation: getRecordings \(GET \/recordings\)\n {3}Reproduce with:\n {5}curl .*nextPageToken=zz/);
    assert.match(out, /≠ an undecodable nextPageToken is 422 {2}— deviates from callrec decision bad-page-token-422 \(see 4\)/);
    assert.ok(out.indexOf('FAILURES') < out.indexOf('DEVIATIONS'));
    const loose = render(lenient);
    assert.match(loose, /Decisions: not strict — deviations from callrec decisions are reported/);
    assert.match(loose, /DEVIATIONS from callrec decisions \(.*not strict: they do not fail this run/);
    assert.match(loose, /run FAILED \(2 check\(s\) failed, 1 errored, 1 operation\(s\) not implemented\)/);
  });

  test('operations not implemented are listed once in their own section', () => {
    const out = render(run);
    assert.match(out, /NOT IMPLEMENTED BY THE TARGET .*\n\n {2}✘ startRecording \(POST \/recordings\)\n {6}POST \/recordings answered 404 Path Not Found/);
    assert.equal(out.match(/✘ startRecording \(POST/g)!.length, 1);
    assert.match(out, / {6}– start answers 201 {2}— not applicable: needs startRecording, which the target does not implement/);
  });

  test('a run that only deviates passes unless decisions are strict', () => {
    const only = [results[0]!, results[5]!];
    const at = (strict: boolean) => render({ started: { ...started, strictDecisions: strict }, finished: { type: 'run-finished', summary: summarize(only, strict), results: only, durationMs: 5 } });
    assert.match(at(false), /run passed \(1 deviated from callrec decisions, not strict\)/);
    assert.match(at(true), /run FAILED \(1 deviated \(strict decisions\)\)/);
    assert.equal(at(false).trimEnd().split('\n').at(-1), '1 passed, 0 failed, 1 deviated, 0 errored, 0 not applicable, 0 not run');
  });
});

describe('runFailed: the exit code of callrec run', () => {
  const sum = (rs: CheckResult[], strict: boolean) => summarize(rs, strict);
  const passed = base('a', 'passed', { rules: [{ rule: 'a', status: 'passed' }] });
  const na = base('b', 'not-applicable', { reason: 'empty target' });
  const deviated = results[5]!;
  const failed = results[1]!;
  const errored = results[3]!;
  const missing = results[6]!;

  test('0 when every check passed, some not applicable, and deviations when not strict', () => {
    assert.equal(runFailed(sum([passed, na], false)), false);
    assert.equal(runFailed(sum([passed, na], true)), false);
    assert.equal(runFailed(sum([passed, deviated], false)), false);
  });

  test('1 for a failed documented rule, an error, a strict deviation, an unacknowledged missing operation', () => {
    assert.equal(runFailed(sum([passed, failed], false)), true);
    assert.equal(runFailed(sum([passed, errored], false)), true);
    assert.equal(runFailed(sum([passed, deviated], true)), true);
    assert.equal(runFailed(sum([passed, missing], false)), true);
    const acknowledged = { ...missing, notImplemented: missing.notImplemented!.map((n) => ({ ...n, acknowledged: true })) };
    assert.equal(runFailed(sum([passed, acknowledged], false)), false);
  });
});

test('JUnit: a rule asserted twice in one check gets two testcases with distinct names', () => {
  const twice = base('twice', 'failed', {
    rules: [
      { rule: 'answers 200', status: 'passed' },
      { rule: 'answers 200', status: 'failed', failure: { ...sortFailure, rule: 'answers 200' } },
    ],
  });
  const xml = renderJunit({ started, finished: { type: 'run-finished', summary: summarize([twice], true), results: [twice], durationMs: 1 } });
  assert.deepEqual(
    testcases(xml).map((c) => [c.name, c.kind]),
    [
      ['answers 200', 'passed'],
      ['answers 200 #2', 'failure'],
    ],
  );
});

test('console: curl lines that read the key from the environment come with the note saying so', () => {
  const masked = base('masked', 'failed', {
    rules: [{ rule: 'r', status: 'failed', failure: { ...sortFailure, curl: `curl -sS -i 'http://x/api/v1/recordings' -H "x-api-key: \${CALLREC_API_KEY}"` } }],
  });
  let out = '';
  const emit = consoleReport({ write: (t) => (out += t), tty: false });
  emit(started);
  emit({ type: 'run-finished', summary: summarize([masked], true), results: [masked], durationMs: 1 });
  assert.match(out, /Note: the curl lines read the API key from \$CALLREC_API_KEY/);
});
