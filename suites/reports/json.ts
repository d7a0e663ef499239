// The JSON report: our full results, plus a block in the Web Fuzzing Commons report shape
// (faults found per operation) so tools that read WFC reports can consume a callrec run.

import type { CheckResult, CompletedRun } from '../engine/events.ts';

export const WFC_SCHEMA_VERSION = '0.1.0';

/** WFC categories we can name with confidence; everything else is callrec-specific (9xx is reserved for tool codes). */
const WFC_HTTP_500 = { code: 100, label: 'HTTP Status 500' };
const WFC_SCHEMA = { code: 200, label: 'response does not match the schema' };
const CALLREC_RULE = { code: 900, label: 'callrec conformance rule broken' };

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
    summary: finished.summary,
    decisions: started.decisions,
    checks: finished.results,
    wfc: wfcBlock(run),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function wfcBlock({ started, finished }: CompletedRun) {
  const endpoint = (op: string) => {
    const o = started.operations[op];
    return o ? `${o.method}:${o.path}` : op;
  };
  const failed = finished.results.filter((r) => r.status === 'failed' && r.failure);
  const ran = finished.results.filter((r) => r.status === 'passed' || r.status === 'failed' || r.status === 'errored');
  const coveredHttpStatus = ran.flatMap((r) =>
    Object.entries(r.statuses)
      .filter(([op]) => op !== 'unknown')
      .map(([op, httpStatus]) => ({ endpointId: endpoint(op), testCaseId: r.id, httpStatus })),
  );
  return {
    schemaVersion: WFC_SCHEMA_VERSION,
    toolName: 'callrec',
    toolVersion: started.toolVersion,
    creationTime: new Date(Date.parse(started.startedAt) + finished.durationMs).toISOString(),
    faults: {
      totalNumber: failed.length,
      foundFaults: failed.map((r) => {
        const f = r.failure!;
        const op = f.operation ?? r.operations[0] ?? 'unknown';
        const category = categoryOf(r);
        return {
          operationId: endpoint(op),
          testCaseId: r.id,
          faultCategories: [{ code: category.code, context: `${category.label}: ${f.rule} (expected ${f.expected}, got ${f.actual})` }],
        };
      }),
    },
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

function categoryOf(r: CheckResult) {
  if (r.failure?.exchange?.response.status === 500) return WFC_HTTP_500;
  if (/\.schema\./.test(r.id)) return WFC_SCHEMA;
  return CALLREC_RULE;
}
