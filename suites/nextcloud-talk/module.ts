// Nextcloud Talk (Talk API v1 + call recording API v1) as one registered API: spec, mock,
// faults, checks. Node-side assembly (the browser entry builds the mock without spec or media files).
import { existsSync } from 'node:fs';
import type { ApiModule } from '../../core/api.ts';
import type { SpecValidator } from '../../core/check.ts';
import { repoPath } from '../../core/repo-root.ts';
import { loadSpec } from '../../core/spec-load.ts';
import { NodeMediaStore } from '../../mock/media-store-node.ts';
import { DEFAULT_USERS, ROOM_PASSWORD, ROOMS } from '../../mock/nextcloud-talk/datasets.ts';
import { faults } from '../../mock/nextcloud-talk/faults.ts';
import { createNextcloudTalkMock } from '../../mock/nextcloud-talk/index.ts';
import { MAX_SAFE_BUDGET } from './brute-force.ts';
import { checks } from './checks/index.ts';
import { asConfig, configSchema } from './config.ts';

const SPEC = 'specs/nextcloud-talk/openapi.yaml';
/** The recording secret the mock shares with the registered receiver (the spreed integration tests' value). */
export const MOCK_RECORDING_SECRET = 'the recording secret';

/** The spec's validator once the spec exists (the mock then checks its own answers against it). */
function specValidator(): SpecValidator | undefined {
  return existsSync(repoPath(SPEC)) ? loadSpec(SPEC).validator : undefined;
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

const cred = (id: string) => {
  const u = DEFAULT_USERS.find((x) => x.id === id)!;
  return { user: u.id, password: u.password };
};

export const nextcloudTalk: ApiModule = {
  name: 'nextcloud-talk',
  title: 'Nextcloud Talk (call recording + Talk API v1)',
  specPath: SPEC,
  basePath: '/ocs/v2.php',
  faults: [...faults],
  // Without the control API the chat long-poll checks wait on the server's clock (30 s timeouts,
  // the 60 s cap): ten times faster keeps the self-check short. Nothing the checks hold expires
  // on that clock (sessions, signatures and rooms do not), so it creates no false failure.
  selfcheckClockRate: 10,
  checks,
  needKeys: {
    credentials: { key: 'user', what: 'a Nextcloud user who may create rooms (user and password in the config)' },
  },
  createMock: (opts) => {
    const spec = specValidator();
    return createNextcloudTalkMock({ ...opts, media: new NodeMediaStore(), ...(spec ? { spec } : {}) });
  },
  // API clients authenticate with Basic auth and mark themselves with OCS-APIRequest (facts §2.4);
  // JSON is asked for by Accept so every answer is parseable (checks override it to test XML).
  configSchema,
  credentials: (config): Record<string, string> => {
    const c = asConfig(config);
    if (!c.user || c.password === undefined) return {};
    return { authorization: basic(c.user, c.password), 'ocs-apirequest': 'true', accept: 'application/json' };
  },
  async mockTargetConfig(control) {
    const { appPassword } = await control.call<{ appPassword: string }>('token', { kind: 'app-password', user: 'alice' });
    const session = await control.call<{ cookie: string; requesttoken: string }>('token', { kind: 'session', user: 'alice' });
    return {
      ...cred('alice'),
      users: { member: cred('bob'), other: cred('carol'), outsider: cred('dave') },
      appPassword,
      browserSession: { cookie: session.cookie, requesttoken: session.requesttoken },
      rooms: { ...ROOMS },
      roomPassword: ROOM_PASSWORD,
      recordingSecret: MOCK_RECORDING_SECRET,
      // The mock refuses with 429 from the 10th failure but never delays a request, like a server
      // that bypass-lists the suite for delays: the most a run may spend under its 429 (see brute-force.ts).
      bruteForceBudget: MAX_SAFE_BUDGET,
      writes: true,
      control: true,
    };
  },
  // The receiver plays the recording server: Nextcloud sends it start/stop requests. On the mock
  // this is what an admin sets up on a real server for recording to work at all: the recording
  // server with its secret, recording on, and an external signaling server (facts §2.2).
  async registerReceiver(url, control, config) {
    if (control) {
      await control.call('config', {
        recordingServers: [{ server: url, secret: MOCK_RECORDING_SECRET }],
        recordingEnabled: true,
        signaling: { mode: 'external', server: 'wss://signaling.callrec.invalid' },
      });
      return true;
    }
    return Boolean(asConfig(config).receiver?.publicUrl);
  },
};
