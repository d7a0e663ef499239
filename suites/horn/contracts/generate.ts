// Regenerates the committed pact: `node --import tsx suites/horn/contracts/generate.ts [DIR]`
// (DIR defaults to fixtures/pacts). Starts from a clean file because Pact merges into an existing one.
import { pactGenerator, runGeneratorIfMain } from '../../engine/pact-consumer.ts';
import { PACT_FILE, writeHornContract } from './consumer.pact.ts';

/** Writes the pact into `dir` and returns its path. */
export const generateHornPact = pactGenerator(PACT_FILE, writeHornContract);

await runGeneratorIfMain(import.meta.url, generateHornPact);
