// `callrec verify`: Pact provider verification, delegated to suites/engine/verify.ts.

import { parseArgs } from 'node:util';
import type { ApiModule } from '../../core/api.ts';
import { loadModule } from '../target-config.ts';
import { UsageError } from '../usage.ts';

type RunVerify = (opts: { module: ApiModule; target: string; stateUrl?: string; pactDir?: string }) => Promise<number>;

export async function verifyCommand(argv: string[]): Promise<number> {
  const { values: v } = parseArgs({
    args: argv,
    strict: true,
    options: {
      api: { type: 'string' },
      target: { type: 'string' },
      url: { type: 'string' },
      'state-url': { type: 'string' },
      'pact-dir': { type: 'string' },
    },
  });
  const module = await loadModule(v.api);
  const target = v.target ?? v.url;
  if (!target) throw new UsageError('--target is required');

  // Loaded by path at run time: Pact is heavy, and the verifier is optional for the other commands.
  const file = '../../suites/engine/verify.ts';
  let runVerify: RunVerify | undefined;
  try {
    runVerify = ((await import(file)) as { runVerify?: RunVerify }).runVerify;
  } catch (e) {
    // Only the verifier itself missing is "not available"; a broken verifier is a real error.
    const missing = (e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes('verify.ts');
    if (!missing) throw e;
  }
  if (!runVerify) {
    process.stderr.write('callrec verify: the Pact verifier (suites/engine/verify.ts) is not available in this build\n');
    return 2;
  }
  return runVerify({
    module,
    target,
    ...(v['state-url'] ? { stateUrl: v['state-url'] } : {}),
    ...(v['pact-dir'] ? { pactDir: v['pact-dir'] } : {}),
  });
}
