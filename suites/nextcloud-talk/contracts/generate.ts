// Regenerates the committed pacts: `node --import tsx suites/nextcloud-talk/contracts/generate.ts [DIR]`
// (DIR defaults to fixtures/pacts). Starts from clean files because Pact merges into existing ones.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoPath } from '../../../core/repo-root.ts';
import { SERVER_CONSUMER, WEB_CONSUMER, pactFile, writeTalkContracts } from './consumer.pact.ts';

/** Writes both pacts into `dir` and returns their paths. */
export async function generateTalkPacts(dir: string = repoPath('fixtures/pacts/')): Promise<string[]> {
  const files = [WEB_CONSUMER, SERVER_CONSUMER].map((c) => join(dir, pactFile(c)));
  for (const f of files) rmSync(f, { force: true });
  await writeTalkContracts(dir);
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const f of await generateTalkPacts(process.argv[2])) console.log(`wrote ${f}`);
}
