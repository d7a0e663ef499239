// The seeded world: three users with fixed Bearer tokens plus a stranger, three channels that
// cover what recording depends on (mode, owner e-mail), and a seed-dependent history of
// recordings. Ids of users, channels and tokens are fixed so contracts and configs can name them;
// recording ids and times depend on the seed.
import type { Prng } from '../../core/prng.ts';
import { readyAt } from './lifecycle.ts';
import type { Channel, Recording, User } from './types.ts';

export const USERS = {
  owner: { id: 101, handle: 'olivia-owner', email: 'olivia@horn.test', emailConfirmed: true },
  operator: { id: 102, handle: 'oscar-operator', email: 'oscar@horn.test', emailConfirmed: true },
  stranger: { id: 103, handle: 'sam-stranger', email: 'sam@horn.test', emailConfirmed: true },
  unconfirmedOwner: { id: 104, handle: 'una-unconfirmed', email: 'una@horn.test', emailConfirmed: false },
} as const satisfies Record<string, User>;
export type SeededRole = keyof typeof USERS;

/** Fixed Bearer tokens of the seeded users (more can be minted with the `token` control action). */
export const SEEDED_TOKENS: Record<SeededRole, string> = {
  owner: 'horn-owner-token',
  operator: 'horn-operator-token',
  stranger: 'horn-stranger-token',
  unconfirmedOwner: 'horn-unconfirmed-owner-token',
};

export const CHANNELS = {
  /** panel mode, owner with a confirmed e-mail: recording is possible and permitted. */
  recordable: '6f1c2a9e-5b7d-4c1e-9a30-000000000001',
  /** conference mode: start answers RECORDING_NOT_PERMITTED. */
  conference: '6f1c2a9e-5b7d-4c1e-9a30-000000000002',
  /** panel mode, but its only owner has not confirmed the e-mail: record/possible is false. */
  unconfirmed: '6f1c2a9e-5b7d-4c1e-9a30-000000000003',
} as const;

export function defaultUsers(): User[] {
  return Object.values(USERS).map((u) => ({ ...u }));
}

export function defaultChannels(prng: Prng): Channel[] {
  const ch = (id: string, name: string, serviceMode: Channel['serviceMode'], owners: number[]): Channel => ({
    id,
    name,
    serviceMode,
    owners,
    operators: [USERS.operator.id],
    session: uuid(prng),
    active: true,
  });
  return [
    ch(CHANNELS.recordable, 'Weekly panel', 'panel', [USERS.owner.id]),
    ch(CHANNELS.conference, 'Team conference', 'conference', [USERS.owner.id]),
    ch(CHANNELS.unconfirmed, 'Unconfirmed panel', 'panel', [USERS.unconfirmedOwner.id]),
  ];
}

/** A v4-shaped UUID from the seeded prng. */
export function uuid(prng: Prng): string {
  const hex = prng.id(32, '0123456789abcdef');
  const variant = '89ab'[prng.int(0, 3)];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface GenerateOptions {
  channel: string;
  count: number;
  /** Sessions the recordings spread over. */
  sessions: string[];
  /** Every generated recording ends before this. */
  now: number;
  /** Fraction soft-deleted (kept for `total` faults). */
  deletedShare?: number;
}

/**
 * Ready recordings in the past, one every 20 to 120 minutes going back from `now`, lasting 5 to
 * 95 minutes (so many have several 30-minute segments). Some overlap (the API does not forbid
 * it for past recordings), so end order differs from start order and `sort=ended` is observable.
 */
export function generateRecordings(prng: Prng, o: GenerateOptions, taken: (id: string) => boolean): Recording[] {
  const out: Recording[] = [];
  let start = o.now - 24 * 3600_000;
  for (let i = 0; i < o.count; i++) {
    start -= prng.int(20, 120) * 60_000 + prng.int(0, 59_999);
    let id = uuid(prng);
    while (taken(id)) id = uuid(prng);
    const endTime = start + prng.int(5, 95) * 60_000 + prng.int(0, 59_999);
    const r: Recording = { id, channel: o.channel, session: prng.pick(o.sessions), startTime: start, endTime };
    r.readyTime = readyAt(r as Recording & { endTime: number });
    if (o.deletedShare && prng.next() < o.deletedShare) r.deleted = true;
    out.push(r);
  }
  return out;
}

/** The default history: 24 recordings (3 deleted on average) on the recordable channel, 4 on the conference one. */
export function defaultRecordings(prng: Prng, now: number): Recording[] {
  const sessions = [uuid(prng), uuid(prng), uuid(prng)];
  const main = generateRecordings(prng, { channel: CHANNELS.recordable, count: 27, sessions, now }, () => false);
  // Three deleted recordings, always: listings must not count them.
  for (const i of [3, 11, 19]) main[i]!.deleted = true;
  // Two recordings that outlast the next one started, always: sort=ended must differ from sort=started.
  for (const i of [5, 14]) {
    const longer = main[i]!;
    longer.endTime = main[i - 1]!.endTime! + 60_000;
    longer.readyTime = readyAt(longer as Recording & { endTime: number });
  }
  const conference = generateRecordings(prng, { channel: CHANNELS.conference, count: 4, sessions: [uuid(prng)], now }, () => false);
  return [...main, ...conference];
}
