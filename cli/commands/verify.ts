// `callrec verify`: Pact provider verification, delegated to suites/engine/verify.ts.

import { parseArgs } from 'node:util';
import type { ApiModule } from '../../core/api.ts';
import { loadModule } from '../target-config.ts';
import { UsageError } from '../usage.ts';


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

  // Pact's native core loads only here (verify.ts imports it lazily), not at every CLI start.
  const { runVerify } = await import('../../suites/engine/verify.ts');
  return runVerify({
    module,
    target,
    ...(v['state-url'] ? { stateUrl: v['state-url'] } : {}),
    ...(v['pact-dir'] ? { pactDir: v['pact-dir'] } : {}),
  });
}
