// Nextcloud Talk's suite: checks, target config, credentials, the mock's target config, and which
// checks each of the mock's faults must trip. apis.ts joins it with the mock (mock/registry.ts).
import { existsSync } from 'node:fs';
import type { SuiteModule } from '../../core/suite.ts';
import type { SpecValidator } from '../../core/check.ts';
import { repoPath } from '../../core/repo-root.ts';
import { DEFAULT_USERS, ROOM_PASSWORD, ROOMS } from '../../mock/nextcloud-talk/datasets.ts';
import { createNextcloudTalkMock } from '../../mock/nextcloud-talk/index.ts';
import { MAX_SAFE_BUDGET } from './brute-force.ts';
import { checks } from './checks/index.ts';
import { controlOnly, trips } from './faults.ts';
import { asConfig, configSchema } from './config.ts';

const SPEC = 'specs/nextcloud-talk/openapi.yaml';
/** The recording secret the mock shares with the registered receiver (the spreed integration tests' value). */
export const MOCK_RECORDING_SECRET = 'the recording secret';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

const cred = (id: string) => {
  const u = DEFAULT_USERS.find((x) => x.id === id)!;
  return { user: u.id, password: u.password };
};

export const nextcloudTalk: SuiteModule = {
  trips,
  controlOnly,
  // Without the control API the chat long-poll checks wait on the server's clock (30 s timeouts,
  // the 30 s cap): ten times faster keeps the self-check short. Nothing the checks hold expires
  // on that clock (sessions, signatures and rooms do not), so it creates no false failure.
  selfcheckClockRate: 10,
  checks,
  needKeys: {
    credentials: { key: 'user', what: 'a Nextcloud user who may create rooms (user and password in the config)' },
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
      inviteGroup: 'team',
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
