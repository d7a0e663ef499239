// Not in the README: the test type-checks this file in the scratch project (tsc, strict) to prove
// the declarations resolve through `exports` and say something (an unknown API is an error).
import { runSuite, type RunSuiteResult } from 'callrec';
import { startMockServer, type MockServer } from 'callrec/server';
import { createNodeHandlers } from 'callrec/node';
import { BytesMediaStore, createBrowserHandlers, MEDIA_CATALOG, type MediaInfo } from 'callrec/browser';

export async function typed(): Promise<number> {
  const server: MockServer = await startMockServer({ api: 'eyeson', port: 0, faults: [] });
  await server.close();
  // @ts-expect-error: 'zoom' is not an API callrec knows
  await startMockServer({ api: 'zoom' });
  const { handlers } = createNodeHandlers({ api: 'nextcloud-talk', origin: 'http://talk.test' });
  const first: MediaInfo | undefined = MEDIA_CATALOG[0];
  const media = new BytesMediaStore([{ name: 'a.webm', contentType: 'video/webm', duration: 1, bytes: new Uint8Array(8) }]);
  const browser = createBrowserHandlers({ api: 'horn', origin: 'http://horn.test', media });
  const result: RunSuiteResult = await runSuite({ api: 'horn', console: false });
  // @ts-expect-error: the summary counts are numbers
  const wrong: string = result.summary.passed;
  return handlers.length + browser.handlers.length + (first?.size ?? 0) + wrong.length;
}
