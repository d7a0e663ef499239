// The registry of mocks: one entry per API, for Node and the browser alike (nothing here or below
// imports node: modules). The suites build on it in apis.ts; the mock knows no check ids.
import type { ApiMock, ApiName, FaultDef } from '../core/api.ts';
import type { CoreMockOptions } from './core/types.ts';
import type { MediaStore } from './media-store.ts';
import { createEyesonMock, faults as eyesonFaults } from './eyeson/index.ts';
import { createHornMock, faults as hornFaults } from './horn/index.ts';
import { createNextcloudTalkMock, faults as nextcloudTalkFaults } from './nextcloud-talk/index.ts';
import { RECORDING_CONTROL_ACTIONS } from './nextcloud-talk/recording/index.ts';
import { createOpenViduMeetMock, faults as openViduMeetFaults } from './openvidu-meet/index.ts';

/** What a mock is given where it runs: media to serve (files in Node, bytes in a browser), and a spec to guard its answers by. */
export interface CreateMockOptions extends CoreMockOptions {
  media: MediaStore;
}

export interface MockModule {
  name: ApiName;
  title: string;
  /** Spec file, relative to the repo root. */
  specPath: string;
  /** Base path of the documented API on the wire, e.g. "/api/v1" ('' when it has none). */
  basePath: string;
  /** Path prefixes the mock answers; in a browser everything else on the origin passes through. */
  prefixes: readonly string[];
  faults: readonly FaultDef[];
  /** The API's own control actions (POST /__callrec/action/<name>); `tick` is every mock's, `webhook-flush` where it sends webhooks. */
  actions: readonly string[];
  create(opts: CreateMockOptions): ApiMock;
}

export const mocks: Readonly<Record<ApiName, MockModule>> = {
  'openvidu-meet': {
    name: 'openvidu-meet',
    title: 'OpenVidu Meet recordings',
    specPath: 'specs/openvidu-meet/openapi.yaml',
    basePath: '/api/v1',
    prefixes: ['/api/v1'],
    faults: openViduMeetFaults,
    actions: ['seed', 'room', 'webhook', 'webhook-flush', 'token', 'apiKeys', 'finish', 'provider-state', 'tick'],
    create: createOpenViduMeetMock,
  },
  'nextcloud-talk': {
    name: 'nextcloud-talk',
    title: 'Nextcloud Talk (call recording + Talk API v1)',
    specPath: 'specs/nextcloud-talk/openapi.yaml',
    basePath: '/ocs/v2.php',
    prefixes: ['/ocs/v2.php'],
    faults: nextcloudTalkFaults,
    actions: ['seed', 'user', 'token', 'config', 'outbox', 'room', 'provider-state', 'tick', ...RECORDING_CONTROL_ACTIONS],
    create: createNextcloudTalkMock,
  },
  eyeson: {
    name: 'eyeson',
    title: 'Eyeson recordings',
    specPath: 'specs/eyeson/openapi.yaml',
    basePath: '',
    prefixes: ['/rooms', '/recordings', '/webhooks', '/downloads'],
    faults: eyesonFaults,
    actions: ['seed', 'room', 'shutdown', 'lock-key', 'apiKeys', 'webhook', 'webhook-flush', 'defaults', 'provider-state', 'tick'],
    create: createEyesonMock,
  },
  horn: {
    name: 'horn',
    title: 'Horn channel recordings',
    specPath: 'specs/horn/openapi.yaml',
    basePath: '/api/v1_0',
    prefixes: ['/api/v1_0'],
    faults: hornFaults,
    actions: ['seed', 'provider-state', 'token', 'webhook', 'webhook-flush', 'channel', 'user', 'delete-recording', 'tick'],
    create: createHornMock,
  },
};

export function getMock(name: string): MockModule {
  const module = (mocks as Partial<Record<string, MockModule>>)[name];
  if (!module) throw new Error(`unknown API '${name}' (known: ${Object.keys(mocks).join(', ')})`);
  return module;
}
