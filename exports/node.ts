// `callrec/node`: msw `setupServer` handlers over the same mock, in-process (Node tests).
// Media is served from the package's fixture files and answers are guarded by the API's spec.
export { createNodeHandlers, type NodeHandlersOptions } from '../mock/node.ts';
export { FROZEN_EPOCH } from '../mock/server.ts';
export { mocks } from '../mock/registry.ts';
export { createClock, type Clock } from '../core/clock.ts';
export type { ApiMock, ApiName, FaultDef } from '../core/api.ts';
