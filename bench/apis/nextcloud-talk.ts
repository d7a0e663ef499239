// Nextcloud Talk: one room (a simple read) and a signed recording-backend callback vs bare, the
// room list and a chat page against the data set size, and among 10k rooms and 10k messages,
// random rooms read and chat pages with varied parameters, vs bare. (Talk keeps recordings as
// chat files, not as a resource of their own: its simple read is a room.)
//
// The room list has no paging: it answers every room of the caller. So "flat" is judged two
// ways: a user in a fixed handful of rooms lists them as fast among 10k rooms as among 1k (the
// store indexes rooms by member), and a user in every room pays the same per room listed.
import { SIMULATED_RECORDING_SERVER } from '../../mock/nextcloud-talk/recording/sim-server.ts';
import { CHECKSUM_HEADER, RANDOM_HEADER, checksum } from '../../mock/nextcloud-talk/recording/signature.ts';
import { DEFAULT_USERS, ROOMS } from '../../mock/nextcloud-talk/datasets.ts';
import type { ApiBench } from '../api-bench.ts';
import { createPrng } from '../../core/prng.ts';
import { requestJson } from '../http.ts';
import { compareScale } from '../scaling.ts';
import { control, type ServerChild } from '../servers.ts';
import { compareVariedWithBare, compareWithBare } from '../vs-bare.ts';

const V1 = '/ocs/v2.php/apps/spreed/api/v1';
const CHAT_LIMIT = 100; // the documented default page size
const SECRET = 'callrec bench recording secret';
const READS = 10_000; // rooms behind the random reads, and messages behind the varied chat pages
const DRAWS = 1_000; // chat page parameters drawn (duplicates dropped)
const SEED = 6; // fixes the drawn parameters and the order of the requests: every run the same

/** Basic auth for a seeded user plus the headers every OCS API call carries. */
function ocs(userId: string): Record<string, string> {
  const u = DEFAULT_USERS.find((x) => x.id === userId);
  if (!u) throw new Error(`no seeded user ${userId}`);
  return { authorization: `Basic ${Buffer.from(`${u.id}:${u.password}`).toString('base64')}`, 'ocs-apirequest': 'true', accept: 'application/json' };
}

// alice owns every generated room; carol is only in three of the seeded ones.
const ALICE = ocs('alice');
const CAROL = ocs('carol');

interface Ocs<T> {
  ocs: { data: T };
}

interface Seeded {
  rooms: number;
  messages: number;
  chatRoom: string;
  /** Rooms alice and carol are in. */
  aliceRooms: number;
  carolRooms: number;
  /** Id of the message 90 % back from the newest one: the deep page is the messages below it. */
  deepLastKnown: number;
}

const chatPath = (token: string, lastKnown = 0) =>
  `${V1}/chat/${token}?lookIntoFuture=0&limit=${CHAT_LIMIT}${lastKnown ? `&lastKnownMessageId=${lastKnown}` : ''}`;

async function seed(mock: ServerChild, rooms: number, messages: number): Promise<Seeded> {
  const r = await control<{ generated?: { rooms: number; chatRoom?: string } }>(mock, 'seed', { generate: { rooms, messages, owner: 'alice' } });
  const chatRoom = r.generated?.chatRoom;
  if (r.generated?.rooms !== rooms || !chatRoom) throw new Error(`seeding answered ${JSON.stringify(r).slice(0, 200)}`);
  const count = async (h: Record<string, string>) => (await requestJson<Ocs<unknown[]>>(mock.url + `${V1}/room`, { headers: h })).ocs.data.length;
  const newest = (await requestJson<Ocs<{ id: number }[]>>(mock.url + chatPath(chatRoom), { headers: ALICE })).ocs.data[0]!.id;
  const deepLastKnown = newest - Math.round(messages * 0.9) + 1; // the chat's ids run newest-count+1 … newest
  const deep = (await requestJson<Ocs<{ id: number }[]>>(mock.url + chatPath(chatRoom, deepLastKnown), { headers: ALICE })).ocs.data;
  if (deep.length !== CHAT_LIMIT || deep[0]!.id !== deepLastKnown - 1) throw new Error(`the deep chat page below ${deepLastKnown} is not a full page`);
  return { rooms, messages, chatRoom, aliceRooms: await count(ALICE), carolRooms: await count(CAROL), deepLastKnown };
}

/** 10k rooms owned by alice and 10k messages in one of them: alice's room tokens, and the chat's. */
async function seedTenK(mock: ServerChild): Promise<{ tokens: string[]; chatRoom: string; newest: number }> {
  const r = await control<{ generated?: { rooms: number; chatRoom?: string } }>(mock, 'seed', { generate: { rooms: READS, messages: READS, owner: 'alice' } });
  const chatRoom = r.generated?.chatRoom;
  if (r.generated?.rooms !== READS || !chatRoom) throw new Error(`seeding answered ${JSON.stringify(r).slice(0, 200)}`);
  const tokens = (await requestJson<Ocs<{ token: string }[]>>(mock.url + `${V1}/room`, { headers: ALICE })).ocs.data.map((room) => room.token);
  if (tokens.length < READS) throw new Error(`alice is in ${tokens.length} rooms, expected at least ${READS}`);
  const newest = (await requestJson<Ocs<{ id: number }[]>>(mock.url + chatPath(chatRoom), { headers: ALICE })).ocs.data[0]!.id;
  return { tokens, chatRoom, newest };
}

/**
 * History pages a client scrolling back would ask for: from the newest message or from any
 * message back to the oldest, 25 to 200 at a time.
 */
function variedChatPages(chatRoom: string, newest: number): string[] {
  const prng = createPrng(SEED);
  const oldest = newest - READS + 1; // the chat's ids run oldest … newest
  return Array.from({ length: DRAWS }, () => {
    const lastKnown = prng.next() < 0.2 ? 0 : prng.int(oldest + 1, newest);
    return `${V1}/chat/${chatRoom}?lookIntoFuture=0&limit=${prng.pick([25, 50, 100, 100, 200])}${lastKnown ? `&lastKnownMessageId=${lastKnown}` : ''}`;
  });
}

/** A `stopped` callback for a room that is not recording: valid, and changes nothing, however often sent. */
async function backendCallback(mock: ServerChild): Promise<{ body: string; headers: Record<string, string> }> {
  await control(mock, 'config', { recordingServers: [{ server: SIMULATED_RECORDING_SERVER, secret: SECRET }] });
  // The recording server's wire format (Python json.dumps) and its 86-character random.
  const body = JSON.stringify({ type: 'stopped', stopped: { token: ROOMS.group } }).replace(/":/g, '": ').replace(/,"/g, ', "');
  const random = 'R'.repeat(86);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'ocs-apirequest': 'true',
      accept: 'application/json',
      [RANDOM_HEADER]: random,
      [CHECKSUM_HEADER]: await checksum(SECRET, random, body),
    },
  };
}

export const nextcloudTalkBench: ApiBench = {
  api: 'nextcloud-talk',
  async run(b) {
    const mock = await b.mock();
    await b.section('GET one room', () =>
      compareWithBare(mock, { label: 'talk get-one room', path: `${V1}/room/${ROOMS.group}`, headers: ALICE }),
    );
    await b.section('signed recording backend callback', async () => {
      const signed = await backendCallback(mock);
      return compareWithBare(mock, {
        label: 'talk backend callback',
        path: `${V1}/recording/backend`,
        method: 'POST',
        ...signed,
        noGoal: 'a signed write (HMAC over the body, OCS answer), not a simple read: for reference',
      });
    });
    await b.close(mock);
    await b.section('rooms 1k vs 10k, chat 1k vs 100k', async () => {
      const [small, large] = await Promise.all([b.mock('talk 1k'), b.mock('talk 10k')]);
      const [s, l] = await Promise.all([seed(small, 1_000, 1_000), seed(large, 10_000, 100_000)]);
      if (s.carolRooms !== l.carolRooms) throw new Error(`carol is in ${s.carolRooms} vs ${l.carolRooms} rooms`);
      const rooms = (side: Seeded, items?: number) => ({ path: `${V1}/room`, size: side.rooms, ...(items ? { items } : {}) });
      const chat = (side: Seeded, lastKnown = 0) => ({ path: chatPath(side.chatRoom, lastKnown), size: side.messages });
      return [
        ...(await compareScale({
          label: 'talk',
          headers: ALICE,
          small,
          large,
          pages: [
            {
              name: `room list of a user in ${s.carolRooms} rooms (flat = same latency among 10x the rooms)`,
              short: 'rooms (carol)',
              small: rooms(s),
              large: rooms(l),
              headers: CAROL,
            },
            {
              name: 'room list of a user in every room',
              short: 'rooms (alice)',
              small: rooms(s, s.aliceRooms),
              large: rooms(l, l.aliceRooms),
              connections: 1,
            },
          ],
        })),
        ...(await compareScale({
          label: 'talk chat',
          headers: ALICE,
          small,
          large,
          pages: [
            { name: `first page (${CHAT_LIMIT} messages)`, short: 'first', small: chat(s), large: chat(l) },
            { name: 'deep page (90% back)', short: 'deep', small: chat(s, s.deepLastKnown), large: chat(l, l.deepLastKnown) },
          ],
        })),
      ];
    });
    // One mock of 10k rooms and messages for the next two sections, made by the first that runs.
    let tenK: Promise<{ mock: ServerChild; tokens: string[]; chatRoom: string; newest: number }> | undefined;
    const reads = () =>
      (tenK ??= (async () => {
        const m = await b.mock('talk 10k');
        return { mock: m, ...(await seedTenK(m)) };
      })());
    await b.section('GET random rooms (10k)', async () => {
      const { mock: m, tokens } = await reads();
      const paths = tokens.map((t) => `${V1}/room/${t}`);
      return compareVariedWithBare(m, { label: 'talk get-random room', paths, headers: ALICE, seed: SEED });
    });
    await b.section('list varied chat pages (10k messages)', async () => {
      const { mock: m, chatRoom, newest } = await reads();
      return compareVariedWithBare(m, { label: 'talk chat list-varied', paths: variedChatPages(chatRoom, newest), headers: ALICE, seed: SEED });
    });
    if (tenK) await tenK.then((t) => b.close(t.mock), () => {}); // a failed set-up was reported by its section
  },
};
