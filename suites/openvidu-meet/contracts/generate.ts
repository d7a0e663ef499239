// Regenerates the committed pact: `node --import tsx suites/openvidu-meet/contracts/generate.ts [DIR]`
// (DIR defaults to fixtures/pacts). Starts from a clean file because Pact merges into an existing one.
import { pactGenerator, runGeneratorIfMain } from '../../engine/pact-consumer.ts';
import { PACT_FILE, writeMeetContract } from './consumer.pact.ts';

/** Writes the pact into `dir` and returns its path. */
export const generateMeetPact = pactGenerator(PACT_FILE, writeMeetContract);

await runGeneratorIfMain(import.meta.url, generateMeetPact);
