// `callrec checks`: lists an API's checks with what they need and the decision they rest on.

import { parseArgs } from 'node:util';
import { loadModule } from '../target-config.ts';

export async function checksCommand(argv: string[]): Promise<number> {
  const { values: v } = parseArgs({ args: argv, strict: true, options: { api: { type: 'string' } } });
  const module = await loadModule(v.api);
  for (const c of module.checks) {
    process.stdout.write(`${c.id}\n  ${c.title}\n  operations: ${c.operations.join(', ') || '-'}\n  needs: ${c.needs.join(', ') || '-'}`);
    process.stdout.write(c.decision ? `\n  decision: ${c.decision}\n` : '\n');
  }
  process.stdout.write(`${module.checks.length} checks\n`);
  return 0;
}
