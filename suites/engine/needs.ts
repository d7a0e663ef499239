// Whether a check can run against this target. On a server with the control API every need is
// met (the API's mockTargetConfig supplies the data); elsewhere the config must name it, or the
// check is reported not applicable with the reason — never run half-equipped, never passed.

import type { NeedKey, TargetConfig } from '../../core/suite.ts';
import type { ControlClient, Need } from '../../core/check.ts';

/** The config key (dotted path) that meets each need on a target without the control API (an API may override them). */
export const NEED_CONFIG_KEYS: Record<Need, NeedKey> = {
  control: { key: '', what: "callrec's control API (only the built-in mock has it)" },
  credentials: { key: 'apiKey', what: 'valid credentials (--api-key or apiKey in the config)' },
  room: { key: 'rooms.recordable', what: 'a room where a recording can be started' },
  recording: { key: 'recordings.complete', what: 'a finished recording with media' },
  'room-member-token': { key: 'roomMemberTokens', what: 'room-member tokens' },
  'access-token': { key: 'accessToken', what: 'an admin access token' },
  receiver: { key: 'receiver.publicUrl', what: 'a webhook receiver URL registered with the target' },
  writes: { key: 'writes', what: 'permission to create and delete data (writes: true)' },
};

export function configValue(config: TargetConfig, dotted: string): unknown {
  let value: unknown = config;
  for (const part of dotted.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const present = (v: unknown) =>
  v !== undefined && v !== null && v !== false && v !== '' && !(Array.isArray(v) && v.length === 0);

/** The reason the first unmet need blocks the check, or undefined when all are met. */
export function unmetNeed(
  needs: readonly Need[],
  config: TargetConfig,
  control: ControlClient | undefined,
  overrides: Partial<Record<Need, NeedKey>> = {},
): string | undefined {
  if (control) return undefined;
  for (const need of needs) {
    const { key, what } = overrides[need] ?? NEED_CONFIG_KEYS[need];
    if (need === 'control') return `needs ${what}`;
    if (need === 'writes' ? config.writes !== true : !present(configValue(config, key))) {
      return `needs ${what}: set ${key} in the target config`;
    }
  }
  return undefined;
}
