// The options and surface every API's mock shares beyond core/api.ts: media to serve, the spec
// to check itself against, and a tick that settles what the clock has made due.
import type { CoreMockOptions } from './core/types.ts';
import type { DefinedMock } from './core/define-mock.ts';
import type { MediaStore } from './media-store.ts';

export interface MediaMockOptions extends CoreMockOptions {
  media: MediaStore;
}

/** A mock whose tick settles synchronously (also reachable as control('tick')). */
export type TickingMock<Ctx = unknown> = DefinedMock<Ctx, number>;
