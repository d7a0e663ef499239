// Browser entry: msw `setupWorker` handlers over the same mock, with media held as bytes.
//   import { setupWorker } from 'msw/browser';
//   import { createBrowserHandlers, BytesMediaStore } from 'callrec/mock/browser';
//   const media = await BytesMediaStore.fetchFixtures('/fixtures/media'); // or your own bytes
//   const { handlers } = createBrowserHandlers({ api: 'openvidu-meet', origin: location.origin, media });
//   await setupWorker(...handlers).start();
// With `persist: true` the state survives a page reload (mock/persist.ts: the requests that
// changed it are kept in localStorage and replayed, for every API alike).
// Nothing here (or below it) imports node: modules; a test bundles it for the browser to prove it.
import type { HttpHandler } from 'msw';
import type { ApiMock, ApiName } from '../core/api.ts';
import { createClock, type Clock } from '../core/clock.ts';
import { toMswHandlers } from './adapters/msw.ts';
import { createDispatch } from './control.ts';
import type { MediaStore } from './media-store.ts';
import { createPersistentMock, type PersistOptions } from './persist.ts';
import { getMock } from './registry.ts';

export { BytesMediaStore } from './media-store.ts';
export type { PersistOptions, PersistStorage } from './persist.ts';

export interface BrowserHandlersOptions {
  api: ApiName;
  origin: string;
  media: MediaStore;
  seed?: number;
  faults?: string[];
  clock?: Clock;
  /**
   * Keep the state across page reloads (off by default: a reload starts from the seed). `true`
   * stores under `callrec:<api>` in localStorage; a stored state made with another seed or other
   * initial faults is ignored. Not with `clock` (the journal rebuilds its own).
   */
  persist?: boolean | PersistOptions;
}

export interface BrowserHandlers {
  handlers: HttpHandler[];
  mock: ApiMock;
  /** Settles once a persisted state has been replayed (requests wait for it anyway). */
  ready: Promise<void>;
  /** Drops the persisted state (no-op without `persist`): the next page load starts from the seed. */
  forget(): void;
}

/** The mock of `opts.api` (spec validation stays on the Node side), answering its prefixes and /__callrec. */
export function createBrowserHandlers(opts: BrowserHandlersOptions): BrowserHandlers {
  const api = getMock(opts.api);
  const prefixes = { origin: opts.origin, prefixes: [...api.prefixes, '/__callrec'] };
  if (opts.persist) {
    if (opts.clock) throw new Error('createBrowserHandlers: persist rebuilds the clock from its journal; do not pass clock as well');
    const p = createPersistentMock({ api: opts.api, seed: opts.seed ?? 1, faults: opts.faults ?? [], media: opts.media, persist: opts.persist === true ? {} : opts.persist });
    return { handlers: toMswHandlers(p.dispatch, prefixes), mock: p.mock, ready: p.ready, forget: p.forget };
  }
  const mock = api.create({ seed: opts.seed ?? 1, clock: opts.clock ?? createClock(), faults: opts.faults ?? [], media: opts.media });
  return { handlers: toMswHandlers(createDispatch(mock, api.faults), prefixes), mock, ready: Promise.resolve(), forget: () => {} };
}
