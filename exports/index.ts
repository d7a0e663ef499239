// `callrec`: the suites' programmatic API. Run an API's checks against a target (or the built-in
// mock) and write the same reports as `callrec run`; the pieces below runSuite are for callers
// that wire their own run (their own reporter, a mock they started themselves).
export { runSuite, type RunSuiteOptions, type RunSuiteResult } from '../suites/engine/run-suite.ts';
export { apis, getApi } from '../apis.ts';
export { runChecks, type RunOptions, type RunOutcome } from '../suites/engine/runner.ts';
export { loadApiSpec } from '../suites/engine/spec.ts';
export { createControlClient, hasControlApi, type MockControlClient } from '../suites/engine/control-client.ts';
export { resolveBaseUrl } from '../suites/engine/target-client.ts';
export { runFailed, summaryLine } from '../suites/engine/events.ts';
export type { CheckResult, CheckStatus, CompletedRun, Emit, RuleResult, RunEvent, RunSummary } from '../suites/engine/events.ts';
export { consoleReport, type ConsoleOptions } from '../suites/reports/console.ts';
export { fileReports, FILE_FORMATS, type FileFormat } from '../suites/reports/index.ts';
export { fanOut, onCompletion } from '../suites/reports/collect.ts';
export { renderHtml } from '../suites/reports/html.ts';
export { renderJson } from '../suites/reports/json.ts';
export { renderJunit } from '../suites/reports/junit.ts';
export { TOOL_VERSION } from '../suites/engine/version.ts';
export type { ApiName } from '../core/api.ts';
export type { ApiModule, TargetConfig } from '../core/suite.ts';
export { specSchema, type StandardSchemaV1 } from '../suites/engine/standard-schema.ts';
