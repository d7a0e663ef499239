// The registry of suites, built on the registry of mocks (mock/registry.ts): one line per API.
// Each API's mock (created the Node way: media files, spec guard) and its suite are joined into
// the ApiModule the runner, the self-check and the CLI use.
import type { ApiName } from './core/api.ts';
import type { ApiModule, SuiteModule } from './core/suite.ts';
import { createNodeMock } from './mock/node-mock.ts';
import { mocks, type MockModule } from './mock/registry.ts';
import { eyeson } from './suites/eyeson/module.ts';
import { horn } from './suites/horn/module.ts';
import { nextcloudTalk } from './suites/nextcloud-talk/module.ts';
import { openViduMeet } from './suites/openvidu-meet/module.ts';

const suites: Record<ApiName, SuiteModule> = {
  'openvidu-meet': openViduMeet,
  'nextcloud-talk': nextcloudTalk,
  eyeson,
  horn,
};

/** One API as the suites see it. A fault the suite gives no checks to trip keeps an empty list (the self-check reports it). */
function join(mock: MockModule, suite: SuiteModule): ApiModule {
  const { trips, controlOnly, ...rest } = suite;
  return {
    ...rest,
    name: mock.name,
    title: mock.title,
    specPath: mock.specPath,
    basePath: mock.basePath,
    faults: mock.faults.map((f) => ({ name: f.name, description: f.description, trips: [...(trips[f.name] ?? [])], ...(controlOnly?.[f.name] ? { controlOnly: controlOnly[f.name] } : {}) })),
    createMock: (opts) => createNodeMock(mock, opts),
  };
}

export const apis: Partial<Record<ApiName, ApiModule>> = Object.fromEntries(
  (Object.keys(suites) as ApiName[]).map((name) => [name, join(mocks[name], suites[name])]),
);

export function getApi(name: string): ApiModule {
  const module = apis[name as ApiName];
  if (!module) throw new Error(`unknown API '${name}' (known: ${Object.keys(apis).join(', ')})`);
  return module;
}
