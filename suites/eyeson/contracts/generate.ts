// Writes the Eyeson consumer pact: `node --import tsx suites/eyeson/contracts/generate.ts [DIR]`
// (DIR defaults to fixtures/pacts). Starts from a clean file because Pact merges into an existing one.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACT_FILE, writeEyesonContract } from './consumer.pact.ts';

const DEFAULT_DIR = fileURLToPath(new URL('../../../fixtures/pacts/', import.meta.url));

/** Writes the pact into `dir` and returns its path. */
export async function generateEyesonPact(dir: string = DEFAULT_DIR): Promise<string> {
  const file = join(dir, PACT_FILE);
  rmSync(file, { force: true });
  await writeEyesonContract(dir);
  return file;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = await generateEyesonPact(process.argv[2] ?? DEFAULT_DIR);
  console.log(`wrote ${file}`);
}
