// Regenerates the committed pacts: `node --import tsx suites/nextcloud-talk/contracts/generate.ts [DIR]`
// (DIR defaults to fixtures/pacts). Starts from clean files because Pact merges into existing ones.
import { PACTS_DIR, regeneratePacts, runGeneratorIfMain } from '../../engine/pact-consumer.ts';
import { SERVER_CONSUMER, WEB_CONSUMER, pactFile, writeTalkContracts } from './consumer.pact.ts';

/** Writes both pacts into `dir` and returns their paths. */
export const generateTalkPacts = (dir: string = PACTS_DIR): Promise<string[]> => regeneratePacts(dir, [WEB_CONSUMER, SERVER_CONSUMER].map(pactFile), writeTalkContracts);

await runGeneratorIfMain(import.meta.url, generateTalkPacts);
