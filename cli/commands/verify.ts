// `callrec verify`: Pact provider verification, delegated to suites/engine/verify.ts.

import { parseArgs } from 'node:util';
import { checkHeaderValues, loadModule } from '../target-config.ts';
import { parseHeaders, UsageError } from '../usage.ts';


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
      'api-key': { type: 'string' },
      header: { type: 'string', short: 'H', multiple: true },
    },
  });
  const module = await loadModule(v.api);
  const target = v.target ?? v.url;
  if (!target) throw new UsageError('--target is required');
  // Real credentials replace the pacts' dev ones, as `run` takes them (the key only where the API has one).
  const apiKey = v['api-key'];
  const takesApiKey = Object.hasOwn((module.configSchema.properties ?? {}) as object, 'apiKey');
  if (apiKey !== undefined && !takesApiKey) {
    throw new UsageError(`--api-key is not used by ${module.name}: pass its credential header with -H (e.g. -H 'Authorization: …')`);
  }
  const headers = parseHeaders(v.header);
  checkHeaderValues(module, apiKey !== undefined ? { apiKey } : {}, headers, '--api-key');

  // Pact's native core loads only here (verify.ts imports it lazily), not at every CLI start.
  const { runVerify } = await import('../../suites/engine/verify.ts');
  return runVerify({
    module,
    target,
    ...(v['state-url'] ? { stateUrl: v['state-url'] } : {}),
    ...(v['pact-dir'] ? { pactDir: v['pact-dir'] } : {}),
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(Object.keys(headers).length ? { headers } : {}),
  });
}
