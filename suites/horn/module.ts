// Horn's suite: checks, target config, credentials, the mock's target config, and which
// checks each of the mock's faults must trip. apis.ts joins it with the mock (mock/registry.ts).
import type { SuiteModule } from '../../core/suite.ts';
import { CHANNELS, DEFAULT_WEBHOOK_SECRET, SEEDED_TOKENS, createHornMock } from '../../mock/horn/index.ts';
import { checks } from './checks/index.ts';
import { trips } from './faults.ts';
import { asConfig, configSchema } from './config.ts';

const SPEC = 'specs/horn/openapi.yaml';

export const horn: SuiteModule = {
  trips,
  checks,
  needKeys: {
    credentials: { key: 'token', what: 'a Bearer token of a channel owner (token in the config)' },
    room: { key: 'channels.recordable', what: 'a channel that can be recorded' },
    recording: { key: 'recordings.ready', what: 'a ready recording' },
  },
  configSchema,
  credentials: (config): Record<string, string> => {
    const c = asConfig(config);
    const token = c.token ?? c.tokens?.owner;
    return token ? { authorization: `Bearer ${token}` } : {};
  },
  async mockTargetConfig(control) {
    // The seeded users' fixed tokens: they survive a control reset, which minted ones would not.
    const tokens = { owner: SEEDED_TOKENS.owner, operator: SEEDED_TOKENS.operator, stranger: SEEDED_TOKENS.stranger };
    // What an implementer lists: a finished recording with media, and one of several 30-minute
    // segments (checks met without the control API read these instead of seeding their own).
    const seeded = (await control.seed({
      recordings: [
        { channel: CHANNELS.recordable, state: 'ready', durationMs: 12 * 60_000 },
        { channel: CHANNELS.recordable, state: 'ready', durationMs: 75 * 60_000 },
      ],
    })) as { recordings?: { id: string }[] };
    const [ready, long] = seeded.recordings ?? [];
    return {
      token: tokens.owner,
      tokens,
      channels: { recordable: CHANNELS.recordable, conference: CHANNELS.conference, unconfirmed: CHANNELS.unconfirmed },
      ...(ready && long ? { recordings: { ready: ready.id, long: long.id } } : {}),
      webhookSecret: DEFAULT_WEBHOOK_SECRET,
      writes: true,
      control: true,
    };
  },
  // Met without the control API the mock's clock runs this much faster than wall time: a download
  // URL's default 5 minutes pass in 5 s, processing a segment (30 s) in half a second. The TTL
  // and lifecycle checks measure time on the server's clock (its Date header), so the rate cannot
  // make a URL look expired early; it only decides how long they wait. Every credential another
  // check uses asks for a ttl of at least 10 minutes (10 s of wall time here).
  selfcheckClockRate: 60,
  async registerReceiver(url, control, config) {
    if (control) {
      await control.call('webhook', { url, secret: asConfig(config).webhookSecret ?? DEFAULT_WEBHOOK_SECRET });
      return true;
    }
    return Boolean(asConfig(config).receiver?.publicUrl);
  },
};
