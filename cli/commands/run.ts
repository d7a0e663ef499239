// `callrec run`: checks a target (or the built-in mock) and writes the reports.

import { parseArgs } from 'node:util';
import type { TargetConfig } from '../../core/suite.ts';
import type { ControlClient } from '../../core/check.ts';
import { receiverAddress } from '../../suites/engine/context.ts';
import { ControlTokenError, createControlClient, hasControlApi, mockApiName } from '../../suites/engine/control-client.ts';
import { probePort } from '../../suites/engine/receiver.ts';
import { runFailed } from '../../suites/engine/events.ts';
import { runChecks } from '../../suites/engine/runner.ts';
import { parseShard, selectChecks, UnknownCheckError } from '../../suites/engine/select.ts';
import { loadApiSpec } from '../../suites/engine/spec.ts';
import { resolveBaseUrl } from '../../suites/engine/target-client.ts';
import { fanOut } from '../../suites/reports/collect.ts';
import { consoleReport } from '../../suites/reports/console.ts';
import { fileReports, parseFormats, prepareReportDir } from '../../suites/reports/index.ts';
import { checkConfig, checkHeaderValues, checkNotImplemented, loadConfigFile, loadModule, mergeConfig, operationIds } from '../target-config.ts';
import { parseHeaders, parseInteger, randomSeed, SetupError, splitList, UsageError } from '../usage.ts';

export const DEFAULT_MAX_EXAMPLES = 25;

/** `--api all` (the default without --target): every registered API against its built-in mock, one after another. */
export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: { api: { type: 'string' }, target: { type: 'string' }, url: { type: 'string' }, checks: { type: 'string' } },
  });
  if (values.api === true) throw new UsageError('--api needs a value: an API name or all');
  const api = typeof values.api === 'string' ? values.api : undefined;
  if (api !== undefined && api !== 'all') return runOne(argv);
  if (values.target !== undefined || values.url !== undefined) throw new UsageError('--api is required with --target (a target serves one API)');
  const { apis } = await import('../../apis.ts');
  const rest = withoutOption(argv, '--api');
  // One seed for the whole run, printed by every API's report.
  if (!rest.some((a) => a === '--seed' || a.startsWith('--seed='))) rest.push('--seed', String(randomSeed()));
  // With --checks, only the APIs those ids (or prefixes) belong to.
  const selectors = typeof values.checks === 'string' && values.checks !== 'all' ? values.checks.split(',').map((c) => c.trim()) : undefined;
  const belongs = (name: string) => (c: string) => c === name || c.startsWith(`${name}.`);
  const stray = selectors?.filter((c) => !Object.keys(apis).some((name) => belongs(name)(c)));
  if (stray?.length) throw new UsageError(`no API has checks named ${stray.join(',')} (ids start with the API name, e.g. openvidu-meet.)`);
  const names = Object.keys(apis).filter((name) => !selectors || selectors.some(belongs(name)));
  let code = 0;
  for (const name of names) {
    // Each API gets only the ids (or prefixes) that are its own.
    const own = selectors ? ['--checks', selectors.filter(belongs(name)).join(',')] : [];
    code = Math.max(code, await runOne([...(selectors ? withoutOption(rest, '--checks') : rest), ...own, '--api', name]));
  }
  return code;
}

function withoutOption(argv: string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === name) i++;
    else if (!a.startsWith(`${name}=`)) out.push(a);
  }
  return out;
}

async function runOne(argv: string[]): Promise<number> {
  const { values: v } = parseArgs({
    args: argv,
    strict: true,
    options: {
      api: { type: 'string' },
      target: { type: 'string' },
      url: { type: 'string' },
      'api-key': { type: 'string' },
      header: { type: 'string', short: 'H', multiple: true },
      config: { type: 'string' },
      seed: { type: 'string' },
      checks: { type: 'string' },
      'exclude-checks': { type: 'string' },
      'max-examples': { type: 'string' },
      'max-failures': { type: 'string' },
      shard: { type: 'string' },
      report: { type: 'string' },
      'report-dir': { type: 'string' },
      timeout: { type: 'string' },
      'max-body': { type: 'string' },
      'strict-decisions': { type: 'boolean' },
      'control-token': { type: 'string' },
    },
  });
  const module = await loadModule(v.api);
  const fileConfig = await loadConfigFile(v.config);
  const given = v.target ?? v.url;
  // $CALLREC_API_KEY is for real targets only: the built-in mock has its own dev key.
  const apiKey =
    v['api-key'] ?? (typeof fileConfig.apiKey === 'string' ? fileConfig.apiKey : undefined) ?? (given ? process.env.CALLREC_API_KEY || undefined : undefined);
  checkConfig(module, fileConfig, `--config ${v.config}`);
  // Only APIs whose config has an apiKey take one; the others name their credentials in --config.
  const takesApiKey = Object.hasOwn((module.configSchema.properties ?? {}) as object, 'apiKey');
  if (v['api-key'] !== undefined && !takesApiKey) {
    throw new UsageError(`--api-key is not used by ${module.name}: put its credentials in --config (${module.needKeys?.credentials?.key ?? 'see the README'})`);
  }
  const maxBodyBytes = parseInteger('--max-body', v['max-body'], 1);
  const userConfig: TargetConfig = { ...fileConfig, ...(apiKey && takesApiKey ? { apiKey } : {}), ...(maxBodyBytes ? { maxBodyBytes } : {}) };
  const headers = parseHeaders(v.header);
  const configSource = v.config ? `--config ${v.config}` : 'the flags';
  checkNotImplemented(userConfig, await operationIds(module), configSource);
  checkHeaderValues(module, userConfig, headers, configSource);
  const seed = parseInteger('--seed', v.seed) ?? randomSeed();
  const maxExamples = parseInteger('--max-examples', v['max-examples'], 1) ?? DEFAULT_MAX_EXAMPLES;
  const maxFailures = parseInteger('--max-failures', v['max-failures'], 1);
  const timeoutMs = parseInteger('--timeout', v.timeout, 1);
  let formats;
  try {
    formats = v.report === 'none' ? [] : parseFormats(v.report ?? 'junit,json,html');
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const reportDir = v['report-dir'] ?? 'reports';
  if (formats.length) {
    try {
      prepareReportDir(reportDir);
    } catch (e) {
      throw new SetupError((e as Error).message);
    }
  }
  // The receiver port a check will listen on: taken now, every webhook check would error later.
  const receiver = receiverAddress(userConfig);
  if (receiver.port !== 0) {
    const taken = await probePort(receiver.host, receiver.port);
    if (taken) throw new SetupError(`the webhook receiver cannot listen on ${receiver.host}:${receiver.port} (receiver.port in ${configSource}): ${taken === 'EADDRINUSE' ? 'the port is in use' : taken}`);
  }
  let shard;
  try {
    shard = v.shard ? parseShard(v.shard) : undefined;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const checks = v.checks === undefined || v.checks === 'all' ? 'all' : splitList(v.checks)!;
  const excludeChecks = splitList(v['exclude-checks']) ?? [];
  try {
    selectChecks(module.name, module.checks, { checks, excludeChecks });
  } catch (e) {
    if (e instanceof UnknownCheckError) throw new UsageError(`${e.message} (see 'callrec checks --api ${module.name}')`);
    throw e;
  }
  const spec = loadApiSpec(module);

  let target: string;
  let control: ControlClient | undefined;
  let close = async () => {};
  if (given) {
    try {
      target = resolveBaseUrl(given, module.basePath);
    } catch {
      throw new UsageError(`--target must be an http(s) URL, got "${given}"`);
    }
    const problem = await probe(target);
    if (problem) {
      process.stderr.write(`callrec run: target unreachable: ${target} (${problem})\n`);
      return 2;
    }
    // A `callrec mock` started elsewhere speaks the control API: use it like the built-in one.
    // A guarded one (on a network address, or started with --control-token) wants its token.
    const token = { token: v['control-token'] };
    let speaksControl: boolean;
    try {
      speaksControl = await hasControlApi(target, token);
    } catch (e) {
      if (e instanceof ControlTokenError) throw new SetupError(e.message);
      throw e;
    }
    if (speaksControl) {
      // Another API's mock answers every request with 404s: say so instead of failing every check.
      const serves = await mockApiName(target, token);
      if (serves && serves !== module.name) throw new SetupError(`--target ${given} is a callrec mock of ${serves}, not ${module.name}`);
      control = createControlClient(target, token);
    }
  } else {
    const { startMockServer } = await import('../../mock/server.ts');
    const server = await startMockServer({ api: module.name, clock: 'frozen', port: 0, seed });
    target = resolveBaseUrl(server.url, module.basePath);
    control = createControlClient(server.url);
    close = () => server.close();
  }

  const written: string[] = [];
  try {
    const outcome = await runChecks({
      module,
      target,
      config: userConfig,
      ...(control
        ? { control, refreshConfig: async () => mergeConfig(await module.mockTargetConfig(control), userConfig) }
        : {}),
      seed,
      maxExamples,
      checks,
      excludeChecks,
      ...(maxFailures ? { maxFailures } : {}),
      ...(shard ? { shard } : {}),
      spec: spec.validator,
      decisions: spec.decisions,
      headers,
      // The user's own key stays out of curl lines; the mock's dev key is public.
      maskApiKey: Boolean(apiKey),
      ...(timeoutMs ? { timeoutMs } : {}),
      builtInMock: !given,
      // Without the flag the runner decides: strict on a callrec mock (control API), else not.
      ...(v['strict-decisions'] ? { strictDecisions: true } : {}),
      ...(v.config || v['strict-decisions'] ? { rerunFlags: [...(v.config ? ['--config', v.config] : []), ...(v['strict-decisions'] ? ['--strict-decisions'] : [])] } : {}),
      emit: fanOut(fileReports(formats, reportDir, written), consoleReport({ footer: () => written.map((p) => `Report: ${p}`) })),
    });
    // 1: a documented rule failed, a check errored, an unacknowledged operation is missing, or a
    // deviation from a callrec decision under strict decisions (see runFailed).
    return runFailed(outcome.summary) ? 1 : 0;
  } finally {
    await close();
  }
}

/** Any HTTP answer means reachable; only a transport failure does not. */
async function probe(url: string): Promise<string | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'manual' });
    await res.arrayBuffer().catch(() => undefined);
    return undefined;
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? (e as Error).message;
  }
}
