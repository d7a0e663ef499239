// Browser entry: msw `setupWorker` handlers over the same mock, with media held as bytes.
//   import { setupWorker } from 'msw/browser';
//   import { createBrowserHandlers, BytesMediaStore } from 'callrec/mock/browser';
//   const media = await BytesMediaStore.fetchFixtures('/fixtures/media'); // or your own bytes
//   const { handlers } = createBrowserHandlers({ api: 'openvidu-meet', origin: location.origin, media });
//   await setupWorker(...handlers).start();
// Nothing here (or below it) imports node: modules; a test bundles it for the browser to prove it.
import type { HttpHandler } from 'msw';
import type { ApiMock, ApiName, FaultDef } from '../core/api.ts';
import { createClock, type Clock } from '../core/clock.ts';
import { toMswHandlers } from './adapters/msw.ts';
import { createDispatch } from './control.ts';
import type { MediaStore } from './media-store.ts';
import { faults as eyesonFaults } from './eyeson/faults.ts';
import { createEyesonMock } from './eyeson/index.ts';
import { faults as openViduMeetFaults } from './openvidu-meet/faults.ts';
import { createOpenViduMeetMock } from './openvidu-meet/index.ts';
import { faults as nextcloudTalkFaults } from './nextcloud-talk/faults.ts';
import { createNextcloudTalkMock } from './nextcloud-talk/index.ts';
import { faults as hornFaults } from './horn/faults.ts';
import { createHornMock } from './horn/index.ts';

export { BytesMediaStore } from './media-store.ts';

export interface BrowserHandlersOptions {
  api: ApiName;
  origin: string;
  media: MediaStore;
  seed?: number;
  faults?: string[];
  clock?: Clock;
}

interface BrowserApi {
  /** Path prefixes the mock answers; everything else on the origin passes through (page files, other APIs). */
  prefixes: string[];
  faults: readonly FaultDef[];
  create(opts: BrowserHandlersOptions & { clock: Clock }): ApiMock;
}

// The browser registry: one line per API (spec validation stays on the Node side).
const browserApis: Partial<Record<ApiName, BrowserApi>> = {
  'openvidu-meet': {
    prefixes: ['/api/v1'],
    faults: openViduMeetFaults,
    create: (o) => createOpenViduMeetMock({ seed: o.seed ?? 1, clock: o.clock, faults: o.faults ?? [], media: o.media }),
  },
  'nextcloud-talk': { prefixes: ['/ocs/v2.php'], faults: nextcloudTalkFaults, create: (o) => createNextcloudTalkMock({ seed: o.seed ?? 1, clock: o.clock, faults: o.faults ?? [], media: o.media }) },
  eyeson: { prefixes: ['/rooms', '/recordings', '/webhooks', '/downloads'], faults: eyesonFaults, create: (o) => createEyesonMock({ seed: o.seed ?? 1, clock: o.clock, faults: o.faults ?? [], media: o.media }) },
  horn: { prefixes: ['/api/v1_0'], faults: hornFaults, create: (o) => createHornMock({ seed: o.seed ?? 1, clock: o.clock, faults: o.faults ?? [], media: o.media }) },
};

export function createBrowserHandlers(opts: BrowserHandlersOptions): { handlers: HttpHandler[]; mock: ApiMock } {
  const api = browserApis[opts.api];
  if (!api) throw new Error(`API '${opts.api}' has no browser mock`);
  const mock = api.create({ ...opts, clock: opts.clock ?? createClock() });
  const handlers = toMswHandlers(createDispatch(mock, api.faults), { origin: opts.origin, prefixes: [...api.prefixes, '/__callrec'] });
  return { handlers, mock };
}
