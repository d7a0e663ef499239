// `callrec mock`: serves one API's stateful mock until Ctrl-C.

import { parseArgs } from 'node:util';
import { loadModule } from '../target-config.ts';
import { parseInteger, UsageError } from '../usage.ts';

export async function mockCommand(argv: string[]): Promise<number> {
  const { values: v } = parseArgs({
    args: argv,
    strict: true,
    options: {
      api: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      seed: { type: 'string' },
      fault: { type: 'string', multiple: true },
      'list-faults': { type: 'boolean' },
      'frozen-clock': { type: 'boolean' },
    },
  });
  const module = await loadModule(v.api);

  if (v['list-faults']) {
    for (const f of module.faults) process.stdout.write(`${f.name}\n  ${f.description}\n  trips: ${f.trips.join(', ')}\n`);
    return 0;
  }
  const faults = v.fault ?? [];
  const unknown = faults.filter((f) => !module.faults.some((d) => d.name === f));
  if (unknown.length) throw new UsageError(`unknown fault(s): ${unknown.join(', ')} (see --list-faults)`);
  const seed = parseInteger('--seed', v.seed) ?? 1;
  const port = parseInteger('--port', v.port) ?? 4010;
  const host = v.host ?? '127.0.0.1';

  const { startMockServer } = await import('../../mock/server.ts');
  let server;
  try {
    server = await startMockServer({ api: module.name, host, port, seed, faults, clock: v['frozen-clock'] ? 'frozen' : 'real' });
  } catch (e) {
    process.stderr.write(`callrec mock: cannot listen on ${host}:${port}: ${(e as Error).message}\n`);
    return 2;
  }
  process.stdout.write(`callrec mock (${module.name}) listening on ${server.url}${module.basePath}  seed=${seed}\n`);
  if (faults.length) process.stdout.write(`faults on: ${faults.join(', ')}\n`);

  // The dev credentials are whatever the API's mock config uses; ask the running mock.
  const { createControlClient } = await import('../../suites/engine/control-client.ts');
  const devConfig = await module.mockTargetConfig(createControlClient(server.url));
  for (const [name, value] of Object.entries(module.credentials(devConfig))) process.stdout.write(`dev credentials: ${name}: ${value}\n`);
  process.stdout.write(`control API: ${server.url}/__callrec/  (Ctrl-C to stop)\n`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  process.stdout.write('callrec mock: closed\n');
  return 0;
}
