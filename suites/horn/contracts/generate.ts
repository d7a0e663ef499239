// Regenerates the committed pact: `node --import tsx suites/horn/contracts/generate.ts [DIR]`
// (DIR defaults to fixtures/pacts). Starts from a clean file because Pact merges into an existing one.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACT_FILE, writeHornContract } from './consumer.pact.ts';

const DEFAULT_DIR = fileURLToPath(new URL('../../../fixtures/pacts/', import.meta.url));

/** Writes the pact into `dir` and returns its path. */
export async function generateHornPact(dir: string = DEFAULT_DIR): Promise<string> {
  const file = join(dir, PACT_FILE);
  rmSync(file, { force: true });
  await writeHornContract(dir);
  return file;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = await generateHornPact(process.argv[2] ?? DEFAULT_DIR);
  console.log(`wrote ${file}`);
}
