// The registry: one line per API.
import type { ApiModule, ApiName } from './core/api.ts';
import { eyeson } from './suites/eyeson/module.ts';
import { horn } from './suites/horn/module.ts';
import { nextcloudTalk } from './suites/nextcloud-talk/module.ts';
import { openViduMeet } from './suites/openvidu-meet/module.ts';

export const apis: Partial<Record<ApiName, ApiModule>> = {
  'openvidu-meet': openViduMeet,
  'nextcloud-talk': nextcloudTalk,
  eyeson,
  horn,
};

export function getApi(name: string): ApiModule {
  const module = apis[name as ApiName];
  if (!module) throw new Error(`unknown API '${name}' (known: ${Object.keys(apis).join(', ')})`);
  return module;
}
