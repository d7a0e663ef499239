// `callrec mock`: serves one API's stateful mock until Ctrl-C.

import { parseArgs } from 'node:util';
import type { MockServer } from '../../mock/server.ts';
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
      'control-token': { type: 'string' },
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
  const controlToken = v['control-token'] ?? process.env.CALLREC_CONTROL_TOKEN;
  if (controlToken !== undefined && controlToken.length < 8) throw new UsageError('--control-token must be at least 8 characters');
  const faultTrips = Object.fromEntries(module.faults.map((f) => [f.name, f.trips]));

  const { startMockServer } = await import('../../mock/server.ts');
  let server;
  try {
    server = await startMockServer({ api: module.name, host, port, seed, faults, clock: v['frozen-clock'] ? 'frozen' : 'real', faultTrips, ...(controlToken ? { controlToken } : {}) });
  } catch (e) {
    process.stderr.write(`callrec mock: cannot listen on ${host}:${port}: ${(e as Error).message}\n`);
    return 2;
  }
  // The dev credentials are whatever the API's mock config uses; ask the running mock.
  const { createControlClient } = await import('../../suites/engine/control-client.ts');
  const devConfig = await module.mockTargetConfig(createControlClient(server.url, { token: server.controlToken }));
  process.stdout.write(mockBanner(server, module.name, seed, faults, module.credentials(devConfig)));


  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  process.stdout.write('callrec mock: closed\n');
  return 0;
}

/**
 * What `callrec mock` prints at start: where the API is (the host name a browser on this machine
 * keeps its cookies with), the dashboard and control API, and who can reach them.
 */
export function mockBanner(server: MockServer, api: string, seed: number, faults: string[], credentials: Record<string, string>): string {
  const lines = [`callrec mock (${api}) listening on ${server.baseUrl}  seed=${seed}`];
  if (faults.length) lines.push(`faults on: ${faults.join(', ')}`);
  for (const [name, value] of Object.entries(credentials)) lines.push(`dev credentials: ${name}: ${value}`);
  lines.push(`dashboard:   ${server.dashboardUrl}`);
  lines.push(`control API: ${server.origin}/__callrec/  (faults, clock, state with every secret; the mock's own pages only, no CORS)`);
  if (server.networkOrigins.length || server.controlToken) {
    if (server.networkOrigins.length) lines.push(`reachable from the network: ${server.networkOrigins.join(', ')}  (the documented API answers anyone who can reach it)`);
    lines.push(`control token: ${server.controlToken}  (required on /__callrec/ and the dashboard: header x-callrec-token or ?token=)`);
  } else {
    lines.push(`exposed to this machine only (${new URL(server.url).hostname}); a page on http://localhost:PORT keeps its cookies with the URLs above`);
  }
  lines.push('(Ctrl-C to stop)');
  return `${lines.join('\n')}\n`;
}
