// A mock created the Node way: media served from fixtures/media on disk and answers guarded by
// the API's spec (parsed once, cached). `callrec mock`, the msw setupServer entry and the suites
// all create their mocks here; the browser entry passes bytes and no spec instead.
import type { ApiMock, MockOptions } from '../core/api.ts';
import { loadSpec } from '../core/spec-load.ts';
import { NodeMediaStore } from './media-store-node.ts';
import type { MockModule } from './registry.ts';

export function createNodeMock(module: MockModule, opts: MockOptions): ApiMock {
  return module.create({ ...opts, media: new NodeMediaStore(), spec: loadSpec(module.specPath).validator });
}
