// In-process entry for Node tests: msw `setupServer` handlers over the same mock.
//   const { handlers, mock } = createNodeHandlers({ api: 'openvidu-meet', origin: 'http://meet.test' });
//   const server = setupServer(...handlers); server.listen();
// (For a real port in-process, use startMockServer({ api, port: 0 }) from ./server.ts.)
import { readFileSync } from 'node:fs';
import type { HttpHandler } from 'msw';
import type { ApiMock, ApiName } from '../core/api.ts';
import { createClock, type Clock } from '../core/clock.ts';
import type { FileBody } from '../core/http.ts';
import { toMswHandlers } from './adapters/msw.ts';
import { createDispatch } from './control.ts';
import { createNodeMock } from './node-mock.ts';
import { getMock } from './registry.ts';
import { FROZEN_EPOCH } from './server.ts';

export interface NodeHandlersOptions {
  api: ApiName;
  origin: string;
  seed?: number;
  faults?: string[];
  clock?: 'real' | 'frozen' | Clock;
  strictSpec?: boolean;
}

/** Media in tests is small: read the range into memory (the HTTP server streams instead). */
const readFile = (b: FileBody) => new Uint8Array(readFileSync(b.path).subarray(b.start, b.end + 1));

export function createNodeHandlers(opts: NodeHandlersOptions): { handlers: HttpHandler[]; mock: ApiMock } {
  const module = getMock(opts.api);
  const clock =
    typeof opts.clock === 'object' ? opts.clock : opts.clock === 'frozen' ? createClock({ start: FROZEN_EPOCH, frozen: true }) : createClock();
  const mock = createNodeMock(module, { seed: opts.seed ?? 1, clock, faults: opts.faults ?? [], strictSpec: opts.strictSpec ?? false });
  const handlers = toMswHandlers(createDispatch(mock, module.faults), {
    origin: opts.origin,
    prefixes: [module.basePath, '/__callrec'],
    readFile,
  });
  return { handlers, mock };
}
