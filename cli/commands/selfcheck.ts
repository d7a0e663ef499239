// `callrec selfcheck`: proves each check can fail (see suites/engine/selfcheck.ts).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runSelfcheck } from '../../suites/engine/selfcheck.ts';
import { loadApiSpec } from '../../suites/engine/spec.ts';
import { renderSelfcheck } from '../../suites/reports/selfcheck.ts';
import { loadModule } from '../target-config.ts';
import { parseInteger, splitList, UsageError } from '../usage.ts';
import { DEFAULT_MAX_EXAMPLES } from './run.ts';

export async function selfcheckCommand(argv: string[]): Promise<number> {
  const { values: v } = parseArgs({
    args: argv,
    strict: true,
    options: {
      api: { type: 'string' },
      seeds: { type: 'string' },
      'max-examples': { type: 'string' },
      'report-dir': { type: 'string' },
      'without-control': { type: 'boolean' },
      'clock-rate': { type: 'string' },
      matrix: { type: 'boolean' },
    },
  });
  const module = await loadModule(v.api);
  const seeds = (splitList(v.seeds) ?? ['1', '2', '3']).map((s) => parseInteger('--seeds', s)!);
  if (seeds.length === 0) throw new UsageError('--seeds needs at least one seed');
  const maxExamples = parseInteger('--max-examples', v['max-examples'], 1) ?? DEFAULT_MAX_EXAMPLES;
  const spec = loadApiSpec(module);

  const result = await runSelfcheck({
    module,
    seeds,
    maxExamples,
    spec: spec.validator,
    decisions: spec.decisions,
    withoutControl: v['without-control'] ?? false,
    clockRate: parseInteger('--clock-rate', v['clock-rate'], 1) ?? module.selfcheckClockRate ?? 1,
    matrix: v.matrix ?? false,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const dir = v['report-dir'] ?? 'reports';
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${module.name}-selfcheck${v['without-control'] ? '-without-control' : ''}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`Report: ${file}\n`);
  process.stdout.write(renderSelfcheck(result));
  return result.ok ? 0 : 1;
}
