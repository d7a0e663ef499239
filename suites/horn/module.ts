// Horn channel recordings as one registered API: spec, mock, faults, checks. Node-side assembly
// (the browser entry builds the mock itself with a bytes media store).
import type { ApiModule } from '../../core/api.ts';
import { loadSpec } from '../../core/spec-load.ts';
import { CHANNELS, DEFAULT_WEBHOOK_SECRET, SEEDED_TOKENS, createHornMock } from '../../mock/horn/index.ts';
import { faults } from '../../mock/horn/faults.ts';
import { NodeMediaStore } from '../../mock/media-store-node.ts';
import { checks } from './checks/index.ts';
import { asConfig, configSchema } from './config.ts';

const SPEC = 'specs/horn/openapi.yaml';

export const horn: ApiModule = {
  name: 'horn',
  title: 'Horn channel recordings',
  specPath: SPEC,
  basePath: '/api/v1_0',
  faults: [...faults],
  checks,
  needKeys: {
    credentials: { key: 'token', what: 'a Bearer token of a channel owner (token in the config)' },
    room: { key: 'channels.recordable', what: 'a channel that can be recorded' },
    recording: { key: 'recordings.ready', what: 'a ready recording' },
  },
  createMock: (opts) => createHornMock({ ...opts, media: new NodeMediaStore(), spec: loadSpec(SPEC).validator }),
  configSchema,
  credentials: (config): Record<string, string> => {
    const c = asConfig(config);
    const token = c.token ?? c.tokens?.owner;
    return token ? { authorization: `Bearer ${token}` } : {};
  },
  async mockTargetConfig() {
    // The seeded users' fixed tokens: they survive a control reset, which minted ones would not.
    const tokens = { owner: SEEDED_TOKENS.owner, operator: SEEDED_TOKENS.operator, stranger: SEEDED_TOKENS.stranger };
    return {
      token: tokens.owner,
      tokens,
      channels: { recordable: CHANNELS.recordable, conference: CHANNELS.conference, unconfirmed: CHANNELS.unconfirmed },
      webhookSecret: DEFAULT_WEBHOOK_SECRET,
      writes: true,
      control: true,
    };
  },
  async registerReceiver(url, control, config) {
    if (control) {
      await control.call('webhook', { url, secret: asConfig(config).webhookSecret ?? DEFAULT_WEBHOOK_SECRET });
      return true;
    }
    return Boolean(asConfig(config).receiver?.publicUrl);
  },
};
