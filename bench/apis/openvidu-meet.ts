// OpenVidu Meet: GET one recording vs bare, media download (throughput, RSS, aborted fds), the
// recordings listing with 1k vs 100k recordings (first page and a deep nextPageToken page), and
// among 10k recordings, random ones read and the listing with varied filters, vs bare.
import type { ApiBench } from '../api-bench.ts';
import { compareDownload, MiB } from '../download.ts';
import { fdsAfterAbortedDownloads, rssUnderParallelDownloads } from '../download-health.ts';
import { createPrng } from '../../core/prng.ts';
import { requestJson } from '../http.ts';
import { compareScale } from '../scaling.ts';
import { control, type ServerChild } from '../servers.ts';
import { compareVariedWithBare, compareWithBare } from '../vs-bare.ts';

const API = '/api/v1';
const AUTH = { 'x-api-key': 'callrec-dev-key' };
const WALK_PAGE = 100; // page size used to walk to the deep token (fewer requests)
const PAGE = { maxItems: '10' }; // the documented default page size, for the timed requests
const READS = 10_000; // recordings behind the random reads and the varied listings
const DRAWS = 1_000; // filter combinations drawn for the varied listings (duplicates dropped)
const SEED = 6; // fixes the drawn filters and the order of the requests: every run the same
const SORT_FIELDS = ['startDate', 'roomName', 'duration', 'size'] as const;

interface Listed {
  recordingId: string;
  roomId: string;
  roomName: string;
  size?: number;
  status: string;
}

interface Listing {
  recordings: Listed[];
  pagination: { isTruncated: boolean; nextPageToken?: string | null; maxItems: number };
}

const listPath = (query: Record<string, string>) => `${API}/recordings?${new URLSearchParams(query)}`;
const list = (mock: ServerChild, query: Record<string, string>) => requestJson<Listing>(mock.url + listPath(query), { headers: AUTH });

/** The complete recording with the biggest media file (the >6 MiB fixture in the default data set). */
async function biggestComplete(mock: ServerChild): Promise<{ recordingId: string; size: number }> {
  const page = await list(mock, { status: 'complete', sortField: 'size', sortOrder: 'desc', maxItems: '1' });
  const r = page.recordings[0];
  if (!r || r.size === undefined) throw new Error('the mock has no complete recording to download');
  return { recordingId: r.recordingId, size: r.size };
}

/**
 * The nextPageToken that starts the page after the first `skip` items, found by walking the
 * listing page by page (the token is opaque: the only honest way to reach a deep page).
 */
async function tokenAfter(mock: ServerChild, skip: number): Promise<string> {
  let token: string | undefined;
  for (let seen = 0; seen < skip; seen += WALK_PAGE) {
    const page = await list(mock, { maxItems: String(WALK_PAGE), ...(token ? { nextPageToken: token } : {}) });
    if (!page.pagination.nextPageToken) throw new Error(`listing ended before ${skip} items`);
    token = page.pagination.nextPageToken;
  }
  if (!token) throw new Error('skip must be at least one page');
  return token;
}

/** Every recording, walked page by page. */
async function listAll(mock: ServerChild): Promise<Listed[]> {
  const all: Listed[] = [];
  let token: string | undefined;
  do {
    const page = await list(mock, { maxItems: String(WALK_PAGE), ...(token ? { nextPageToken: token } : {}) });
    all.push(...page.recordings);
    token = page.pagination.nextPageToken ?? undefined;
  } while (token);
  return all;
}

/**
 * Listings a dashboard would ask for: by status or not, by room (id, or a word of its name) or
 * not, sorted by each field both ways, now and then only a few fields; the default page size.
 */
function variedListings(recordings: readonly Listed[]): string[] {
  const prng = createPrng(SEED);
  const statuses = [...new Set(recordings.map((r) => r.status))];
  const rooms = [...new Set(recordings.map((r) => r.roomId))];
  const words = [...new Set(recordings.flatMap((r) => r.roomName.split(' ')))];
  return Array.from({ length: DRAWS }, () => {
    const q: Record<string, string> = { ...PAGE };
    if (prng.next() < 0.5) q.status = prng.pick(statuses);
    const room = prng.next();
    if (room < 0.5) q.roomId = prng.pick(rooms);
    else if (room < 0.65) q.roomName = prng.pick(words);
    q.sortField = prng.pick(SORT_FIELDS);
    q.sortOrder = prng.pick(['asc', 'desc']);
    if (prng.next() < 0.2) q.fields = 'recordingId,roomId,status,startDate';
    return listPath(q);
  });
}

/** Replaces the mock's data with `count` generated recordings over 50 generated rooms. */
async function seedGenerated(mock: ServerChild, count: number): Promise<void> {
  const r = await control<{ generated?: { recordings: number } }>(mock, 'seed', { replace: true, generate: { rooms: 50, recordings: count } });
  if (r.generated?.recordings !== count) throw new Error(`seeding ${count} recordings answered ${JSON.stringify(r).slice(0, 200)}`);
}

export const openViduMeetBench: ApiBench = {
  api: 'openvidu-meet',
  async run(b) {
    const mock = await b.mock();
    const biggest = await biggestComplete(mock);
    const one = `${API}/recordings/${encodeURIComponent(biggest.recordingId)}`;
    const media = `${one}/media`;
    await b.section('GET one recording', () => compareWithBare(mock, { label: 'get-one', path: one, headers: AUTH }));
    await b.section('media', async () => {
      if (biggest.size <= 6 * MiB) throw new Error(`the biggest complete recording has only ${biggest.size} bytes; expected the >6 MiB fixture`);
      return [
        ...(await compareDownload(mock, { label: 'media', path: media, headers: AUTH, bare: 'fixture-file', range: () => ({ start: MiB, end: 2 * MiB - 1, label: '1 MiB' }) })),
        await rssUnderParallelDownloads('media', mock, media, AUTH),
        await fdsAfterAbortedDownloads('media', mock, media, AUTH),
      ];
    });
    await b.close(mock);
    await b.section('list 1k vs 100k', async () => {
      const [small, large] = await Promise.all([b.mock('mock-1k'), b.mock('mock-100k')]);
      await Promise.all([seedGenerated(small, 1_000), seedGenerated(large, 100_000)]);
      const deep = async (m: ServerChild, size: number) => ({ path: listPath({ ...PAGE, nextPageToken: await tokenAfter(m, Math.round(size * 0.9)) }), size });
      return compareScale({
        label: 'list',
        headers: AUTH,
        small,
        large,
        pages: [
          { name: 'first page', short: 'first', small: { path: listPath(PAGE), size: 1_000 }, large: { path: listPath(PAGE), size: 100_000 } },
          { name: 'deep page (after 90%)', short: 'deep', small: await deep(small, 1_000), large: await deep(large, 100_000) },
        ],
      });
    });
    // One mock of 10k recordings for the next two sections, made by the first that runs.
    let tenK: Promise<{ mock: ServerChild; recordings: Listed[] }> | undefined;
    const reads = () =>
      (tenK ??= (async () => {
        const m = await b.mock('mock-10k');
        await seedGenerated(m, READS);
        const recordings = await listAll(m);
        if (recordings.length !== READS) throw new Error(`walked ${recordings.length} of ${READS} recordings`);
        return { mock: m, recordings };
      })());
    await b.section('GET random recordings (10k)', async () => {
      const { mock: m, recordings } = await reads();
      const paths = recordings.map((r) => `${API}/recordings/${encodeURIComponent(r.recordingId)}`);
      return compareVariedWithBare(m, { label: 'get-random', paths, headers: AUTH, seed: SEED });
    });
    await b.section('list varied filters (10k)', async () => {
      const { mock: m, recordings } = await reads();
      return compareVariedWithBare(m, { label: 'list-varied', paths: variedListings(recordings), headers: AUTH, seed: SEED });
    });
    if (tenK) await tenK.then((t) => b.close(t.mock), () => {}); // a failed set-up was reported by its section
  },
};
