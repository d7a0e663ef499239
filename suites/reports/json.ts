// The JSON report: our full results (every check with its rules), plus a block in the Web
// Fuzzing Commons report shape (faults found per operation) so tools that read WFC reports can
// consume a callrec run. A WFC fault is whatever fails the run: a broken documented rule, a
// deviation from a callrec decision when decisions are strict, an operation not implemented.

import { runFailed } from '../engine/events.ts';
import type { CheckResult, CompletedRun, FailureRecord } from '../engine/events.ts';
import { deviationText, findings, rulesOf } from './findings.ts';

export const WFC_SCHEMA_VERSION = '0.1.0';

/** WFC categories we can name with confidence; everything else is callrec-specific (9xx is reserved for tool codes). */
const WFC_HTTP_500 = { code: 100, label: 'HTTP Status 500' };
const WFC_SCHEMA = { code: 200, label: 'response does not match the schema' };
const CALLREC_RULE = { code: 900, label: 'callrec conformance rule broken' };
const CALLREC_DEVIATION = { code: 901, label: 'deviates from a callrec decision (strict decisions)' };
const CALLREC_NOT_IMPLEMENTED = { code: 902, label: 'documented operation not implemented by the target' };

export function renderJson(run: CompletedRun): string {
  const { started, finished } = run;
  const report = {
    tool: { name: 'callrec', version: started.toolVersion },
    api: started.api,
    apiTitle: started.apiTitle,
    target: started.target,
    spec: started.specFile,
    seed: started.seed,
    startedAt: started.startedAt,
    durationMs: Math.round(finished.durationMs),
    strictDecisions: started.strictDecisions,
    /** What `callrec run` exits with (0 or 1; 2 is a setup problem and writes no report). */
    exitCode: runFailed(finished.summary) ? 1 : 0,
    summary: finished.summary,
    decisions: started.decisions,
    // Every check carries `rules`; a check that never started gets the one rule reports show for it.
    checks: finished.results.map((r) => ({ ...r, rules: rulesOf(r) })),
    wfc: wfcBlock(run),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function wfcBlock({ started, finished }: CompletedRun) {
  const endpoint = (op: string) => {
    const o = started.operations[op];
    return o ? `${o.method}:${o.path}` : op;
  };
  const found = findings(finished.results);
  const ran = finished.results.filter((r) => r.status === 'passed' || r.status === 'failed' || r.status === 'deviated' || r.status === 'errored');
  const coveredHttpStatus = ran.flatMap((r) =>
    Object.entries(r.statuses)
      .filter(([op]) => op !== 'unknown')
      .map(([op, httpStatus]) => ({ endpointId: endpoint(op), testCaseId: r.id, httpStatus })),
  );
  const fault = (r: CheckResult, f: FailureRecord, category: { code: number; label: string }, text: string) => ({
    operationId: endpoint(f.operation ?? r.operations[0] ?? 'unknown'),
    testCaseId: r.id,
    faultCategories: [{ code: category.code, context: `${category.label}: ${text}` }],
  });
  const foundFaults = [
    ...found.failures.flatMap((e) =>
      e.kind === 'rule' ? [fault(e.broken.check, e.broken.failure, categoryOf(e.broken.check, e.broken.failure), `${e.broken.failure.rule} (expected ${e.broken.failure.expected}, got ${e.broken.failure.actual})`)] : [],
    ),
    ...(started.strictDecisions ? found.deviations.map((d) => fault(d.check, d.failure, CALLREC_DEVIATION, `${d.failure.rule}: ${deviationText(d)}`)) : []),
    ...finished.summary.notImplemented
      .filter((n) => !n.acknowledged)
      .map((n) => ({
        operationId: endpoint(n.operation),
        testCaseId: `${started.api}.not-implemented`,
        faultCategories: [{ code: CALLREC_NOT_IMPLEMENTED.code, context: `${CALLREC_NOT_IMPLEMENTED.label}: ${n.evidence}` }],
      })),
  ];
  return {
    schemaVersion: WFC_SCHEMA_VERSION,
    toolName: 'callrec',
    toolVersion: started.toolVersion,
    creationTime: new Date(Date.parse(started.startedAt) + finished.durationMs).toISOString(),
    faults: { totalNumber: foundFaults.length, foundFaults },
    problemDetails: {
      rest: {
        totalHttpCalls: ran.reduce((n, r) => n + Object.values(r.calls).reduce((a, b) => a + b, 0), 0),
        endpointIds: Object.keys(started.operations).map(endpoint).sort(),
        coveredHttpStatus,
      },
    },
    totalTests: ran.length,
    testFilePaths: [],
    testCases: ran.map((r) => ({ id: r.id, filePath: started.specFile, name: r.title })),
  };
}

function categoryOf(r: CheckResult, f: FailureRecord) {
  if (f.exchange?.response.status === 500) return WFC_HTTP_500;
  if (/\.schema\./.test(r.id)) return WFC_SCHEMA;
  return CALLREC_RULE;
}
