// The suites' programmatic API in one call (the `callrec` package entry): what `callrec run`
// does after parsing its flags. Against a target when given one (its control API used when it
// is a callrec mock), else against the API's built-in mock on a free port with a frozen clock.

import type { ApiName } from '../../core/api.ts';
import type { ControlClient } from '../../core/check.ts';
import type { TargetConfig } from '../../core/suite.ts';
import { getApi } from '../../apis.ts';
import { DEFAULT_MAX_EXAMPLES } from '../../cli/commands/run.ts';
import { mergeConfig } from '../../cli/target-config.ts';
import { createControlClient, hasControlApi } from './control-client.ts';
import { runFailed, type Emit } from './events.ts';
import { runChecks, type RunOutcome } from './runner.ts';
import { loadApiSpec } from './spec.ts';
import { resolveBaseUrl } from './target-client.ts';
import { fanOut } from '../reports/collect.ts';
import { consoleReport } from '../reports/console.ts';
import { fileReports, type FileFormat } from '../reports/index.ts';

export interface RunSuiteOptions {
  api: ApiName;
  /** Origin (or origin + base path) of the server to judge; omitted: the built-in mock. */
  target?: string;
  /** What the suite cannot create on a real server (see the README's keys per API). */
  config?: TargetConfig;
  /** Same seed, same run (default 1). */
  seed?: number;
  /** Check ids or id prefixes (default: all). */
  checks?: readonly string[];
  /** Property-based examples per check (default: the CLI's). */
  maxExamples?: number;
  /** Report files to write into `reportDir` (default: none). */
  reports?: readonly FileFormat[];
  reportDir?: string;
  /** Where the console report goes (default: stdout; `false` for none). */
  console?: ((text: string) => void) | false;
  /** Another consumer of the run's events (e.g. your own reporter). */
  emit?: Emit;
}

export interface RunSuiteResult extends RunOutcome {
  /** What `callrec run` turns into exit code 1. */
  failed: boolean;
  /** Report files written. */
  written: string[];
}

export async function runSuite(opts: RunSuiteOptions): Promise<RunSuiteResult> {
  const module = getApi(opts.api);
  const spec = loadApiSpec(module);
  const seed = opts.seed ?? 1;
  let target: string;
  let control: ControlClient | undefined;
  let close = async () => {};
  if (opts.target) {
    target = resolveBaseUrl(opts.target, module.basePath);
    if (await hasControlApi(target)) control = createControlClient(target);
  } else {
    const { startMockServer } = await import('../../mock/server.ts');
    const server = await startMockServer({ api: module.name, clock: 'frozen', port: 0, seed });
    target = resolveBaseUrl(server.url, module.basePath);
    control = createControlClient(server.url);
    close = () => server.close();
  }
  const config = opts.config ?? {};
  const written: string[] = [];
  const emits: Emit[] = [fileReports(opts.reports ?? [], opts.reportDir ?? 'reports', written)];
  if (opts.console !== false) emits.push(consoleReport({ ...(opts.console ? { write: opts.console, tty: false } : {}) }));
  if (opts.emit) emits.push(opts.emit);
  try {
    const outcome = await runChecks({
      module,
      target,
      config,
      ...(control ? { control, refreshConfig: async () => mergeConfig(await module.mockTargetConfig(control), config) } : {}),
      seed,
      maxExamples: opts.maxExamples ?? DEFAULT_MAX_EXAMPLES,
      checks: opts.checks ?? 'all',
      spec: spec.validator,
      decisions: spec.decisions,
      builtInMock: !opts.target,
      emit: fanOut(...emits),
    });
    return { ...outcome, failed: runFailed(outcome.summary), written };
  } finally {
    await close();
  }
}
