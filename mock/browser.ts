// Browser entry: msw `setupWorker` handlers over the same mock, with media held as bytes.
//   import { setupWorker } from 'msw/browser';
//   import { createBrowserHandlers, BytesMediaStore } from 'callrec/mock/browser';
//   const media = await BytesMediaStore.fetchFixtures('/fixtures/media'); // or your own bytes
//   const { handlers } = createBrowserHandlers({ api: 'openvidu-meet', origin: location.origin, media });
//   await setupWorker(...handlers).start();
// Nothing here (or below it) imports node: modules; a test bundles it for the browser to prove it.
import type { HttpHandler } from 'msw';
import type { ApiMock, ApiName } from '../core/api.ts';
import { createClock, type Clock } from '../core/clock.ts';
import { toMswHandlers } from './adapters/msw.ts';
import { createDispatch } from './control.ts';
import type { MediaStore } from './media-store.ts';
import { getMock } from './registry.ts';

export { BytesMediaStore } from './media-store.ts';

export interface BrowserHandlersOptions {
  api: ApiName;
  origin: string;
  media: MediaStore;
  seed?: number;
  faults?: string[];
  clock?: Clock;
}

/** The mock of `opts.api` (spec validation stays on the Node side), answering its prefixes and /__callrec. */
export function createBrowserHandlers(opts: BrowserHandlersOptions): { handlers: HttpHandler[]; mock: ApiMock } {
  const api = getMock(opts.api);
  const mock = api.create({ seed: opts.seed ?? 1, clock: opts.clock ?? createClock(), faults: opts.faults ?? [], media: opts.media });
  const handlers = toMswHandlers(createDispatch(mock, api.faults), { origin: opts.origin, prefixes: [...api.prefixes, '/__callrec'] });
  return { handlers, mock };
}
