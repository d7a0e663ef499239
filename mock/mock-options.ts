// The options and surface every API's mock shares beyond core/api.ts: media to serve, the spec
// to check itself against, and a tick that settles what the clock has made due.
import type { ApiMock, MockOptions } from '../core/api.ts';
import type { SpecValidator } from '../core/check.ts';
import type { MediaStore } from './media-store.ts';

export interface MediaMockOptions extends MockOptions {
  media: MediaStore;
  spec?: SpecValidator;
}

export interface TickingMock extends ApiMock {
  /** Settles every due transition now (and sends what it triggers); also reachable as control('tick'). */
  tick(): number;
}
