// Writes the Eyeson consumer pact: `node --import tsx suites/eyeson/contracts/generate.ts [DIR]`
// (DIR defaults to fixtures/pacts). Starts from a clean file because Pact merges into an existing one.
import { PACTS_DIR, isMainModule, regeneratePacts } from '../../engine/pact-consumer.ts';
import { PACT_FILE, writeEyesonContract } from './consumer.pact.ts';

/** Writes the pact into `dir` and returns its path. */
export async function generateEyesonPact(dir: string = PACTS_DIR): Promise<string> {
  const [file] = await regeneratePacts(dir, [PACT_FILE], writeEyesonContract);
  return file!;
}

if (isMainModule(import.meta.url)) {
  const file = await generateEyesonPact(process.argv[2] ?? PACTS_DIR);
  console.log(`wrote ${file}`);
}
