// OpenVidu Meet as one registered API: spec, mock, faults, checks. Node-side assembly
// (the browser entry builds the mock itself with a bytes media store).
import type { ApiModule } from '../../core/api.ts';
import { loadSpec } from '../../core/spec-load.ts';
import { faults } from '../../mock/openvidu-meet/faults.ts';
import { createOpenViduMeetMock } from '../../mock/openvidu-meet/index.ts';
import { NodeMediaStore } from '../../mock/media-store-node.ts';
import { checks } from './checks/index.ts';
import { asConfig, configSchema } from './config.ts';

const SPEC = 'specs/openvidu-meet/openapi.yaml';
export const DEV_API_KEY = 'callrec-dev-key';

export const openViduMeet: ApiModule = {
  name: 'openvidu-meet',
  title: 'OpenVidu Meet recordings',
  specPath: SPEC,
  basePath: '/api/v1',
  faults: [...faults],
  checks,
  createMock: (opts) => createOpenViduMeetMock({ ...opts, media: new NodeMediaStore(), spec: loadSpec(SPEC).validator }),
  configSchema,
  credentials: (config): Record<string, string> => {
    const key = asConfig(config).apiKey;
    return key ? { 'x-api-key': key } : {};
  },
  async mockTargetConfig(control) {
    const { token: accessToken } = await control.call<{ token: string }>('token', { kind: 'access' });
    const rooms = { recordable: 'room-alpha', other: 'room-beta', disabled: 'room-disabled', empty: 'room-empty' };
    const roomMemberTokens: Record<string, string> = {};
    for (const roomId of [rooms.recordable, rooms.other]) {
      roomMemberTokens[roomId] = (await control.call<{ token: string }>('token', { kind: 'room-member', roomId })).token;
    }
    return { apiKey: DEV_API_KEY, accessToken, rooms, roomMemberTokens, writes: true, control: true };
  },
  async registerReceiver(url, control, config) {
    if (control) {
      await control.call('webhook', { url });
      return true;
    }
    return Boolean(asConfig(config).receiver?.publicUrl);
  },
};
