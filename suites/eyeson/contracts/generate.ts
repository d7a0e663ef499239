// Writes the Eyeson consumer pact: `node --import tsx suites/eyeson/contracts/generate.ts [DIR]`
// (DIR defaults to fixtures/pacts). Starts from a clean file because Pact merges into an existing one.
import { pactGenerator, runGeneratorIfMain } from '../../engine/pact-consumer.ts';
import { PACT_FILE, writeEyesonContract } from './consumer.pact.ts';

/** Writes the pact into `dir` and returns its path. */
export const generateEyesonPact = pactGenerator(PACT_FILE, writeEyesonContract);

await runGeneratorIfMain(import.meta.url, generateEyesonPact);
