// Horn's suite: checks, target config, credentials, the mock's target config, and which
// checks each of the mock's faults must trip. apis.ts joins it with the mock (mock/registry.ts).
import type { SuiteModule } from '../../core/suite.ts';
import { CHANNELS, DEFAULT_WEBHOOK_SECRET, SEEDED_TOKENS, USERS, createHornMock } from '../../mock/horn/index.ts';
import { checks } from './checks/index.ts';
import { trips } from './faults.ts';
import { asConfig, configSchema } from './config.ts';

/** What mockTargetConfig adds to the seeded data (ids no data set uses). */
const OTHER_CHANNEL = '6f1c2a9e-5b7d-4c1e-9a30-0000000000f1';
const INVALID_EMAIL_CHANNEL = '6f1c2a9e-5b7d-4c1e-9a30-0000000000f2';
const INVALID_EMAIL_OWNER = 990;

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
    // A second channel with a recording of its own, and a channel whose only owner confirmed an
    // address that is no e-mail: what an implementer names in the config for the checks that
    // otherwise make them through the control API.
    await control.call('channel', { id: OTHER_CHANNEL, name: 'Other panel', serviceMode: 'panel', owners: [USERS.owner.id], operators: [USERS.operator.id] });
    const other = (await control.seed({ recordings: [{ channel: OTHER_CHANNEL, state: 'ready', durationMs: 10 * 60_000 }] })) as { recordings?: { id: string }[] };
    await control.call('user', { id: INVALID_EMAIL_OWNER, email: 'owner example.com', emailConfirmed: true });
    await control.call('channel', { id: INVALID_EMAIL_CHANNEL, name: 'Invalid e-mail panel', serviceMode: 'panel', owners: [INVALID_EMAIL_OWNER], operators: [USERS.operator.id] });
    const foreign = other.recordings?.[0]?.id;
    return {
      token: tokens.owner,
      tokens,
      channels: { recordable: CHANNELS.recordable, conference: CHANNELS.conference, unconfirmed: CHANNELS.unconfirmed, invalidEmail: INVALID_EMAIL_CHANNEL },
      ...(ready && long ? { recordings: { ready: ready.id, long: long.id, ...(foreign ? { foreign } : {}) } } : {}),
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
