// `callrec/server`: one API's mock as a real HTTP server (node:http, CORS, the /__callrec/ control
// API), as `callrec mock` runs it. Node only.
export { startMockServer, FROZEN_EPOCH, type MockServer, type MockServerOptions } from '../mock/server.ts';
export { mocks } from '../mock/registry.ts';
export type { ApiMock, ApiName, FaultDef } from '../core/api.ts';
