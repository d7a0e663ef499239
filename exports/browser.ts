// `callrec/browser`: msw `setupWorker` handlers over the same mock, for a page (no node: imports
// anywhere below; the package build bundles it for the browser platform to prove it). Media comes
// as bytes: BytesMediaStore.fetchFixtures() loads the package's files (`callrec/media/*`) from
// wherever your dev server serves them; MEDIA_CATALOG lists them without fetching.
export { createBrowserHandlers, BytesMediaStore, type BrowserHandlers, type BrowserHandlersOptions, type PersistOptions, type PersistStorage } from '../mock/browser.ts';
export { MEDIA_CATALOG, mediaInfo } from '../mock/media-catalog.ts';
export type { MediaInfo, MediaStore } from '../mock/media-store.ts';
export { mocks } from '../mock/registry.ts';
export { createClock, type Clock } from '../core/clock.ts';
export type { ApiMock, ApiName, FaultDef } from '../core/api.ts';
