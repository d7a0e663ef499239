// Eyeson: GET one recording vs bare, the recording's signed download link (full and ranged) vs
// bare, a room's recording list with 1k vs 100k recordings (first page and page 90%), and among
// a room's 10k recordings, random ones read and the list with varied filters, vs bare.
import type { ApiBench } from '../api-bench.ts';
import { compareDownload, middleHalf } from '../download.ts';
import { createPrng } from '../../core/prng.ts';
import { pathOf, requestJson } from '../http.ts';
import { compareScale } from '../scaling.ts';
import { control, type ServerChild } from '../servers.ts';
import { compareVariedWithBare, compareWithBare } from '../vs-bare.ts';

const PAGE_SIZE = 25; // Eyeson's fixed page size
const ROOM = 'callrec-bench-room';
const READS = 10_000; // recordings behind the random reads and the varied lists
const DRAWS = 1_000; // filter combinations drawn for the varied lists (duplicates dropped)
const SEED = 6; // fixes the drawn filters and the order of the requests: every run the same
const DAY = 86_400;

interface Defaults {
  apiKey: string;
  finishedRecordingId: string | null;
}

interface WireRecording {
  id: string;
  created_at: number; // s
  links: { download: string | null };
  room: { started_at: string };
}

/** A room of `count` generated finished recordings (replacing the seeded rooms); answers their ids. */
async function seedRoom(mock: ServerChild, count: number): Promise<string[]> {
  const r = await control<{ generated?: { recordingIds: string[] } }>(mock, 'seed', { replace: true, generate: { count, roomId: ROOM } });
  if (r.generated?.recordingIds.length !== count) throw new Error(`seeding ${count} recordings answered ${JSON.stringify(r).slice(0, 200)}`);
  return r.generated.recordingIds;
}

/** The room's recordings, walked page by page. */
async function listAll(mock: ServerChild, auth: Record<string, string>): Promise<WireRecording[]> {
  const all: WireRecording[] = [];
  for (let page = 1; ; page++) {
    const items = await requestJson<WireRecording[]>(mock.url + listPath(page), { headers: auth });
    all.push(...items);
    if (items.length < PAGE_SIZE) return all;
  }
}

const isoSeconds = (s: number) => new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Lists an archive view would ask for: the first pages, now and then only one room instance
 * (started_at), a time window (since, until or both, one to six days wide) or both.
 */
function variedLists(recordings: readonly WireRecording[]): string[] {
  const prng = createPrng(SEED);
  const instances = [...new Set(recordings.map((r) => r.room.started_at))];
  const created = recordings.map((r) => r.created_at);
  const [first, last] = [Math.min(...created), Math.max(...created)];
  return Array.from({ length: DRAWS }, () => {
    const q = new URLSearchParams({ page: String(prng.pick([1, 1, 1, 2, 2, 3, 4])) });
    if (prng.next() < 0.3) q.set('started_at', prng.pick(instances));
    const window = prng.next();
    const since = prng.int(first, last - DAY);
    const until = Math.min(last, since + prng.int(1, 6) * DAY);
    if (window < 0.6) q.set('since', isoSeconds(since));
    if (window > 0.3 && window < 0.9) q.set('until', isoSeconds(until));
    return `/rooms/${ROOM}/recordings?${q}`;
  });
}

const listPath = (page: number) => `/rooms/${ROOM}/recordings?page=${page}`;
/** The page that starts after 90 % of the room's recordings. */
const deepPage = (count: number) => Math.floor((count * 0.9) / PAGE_SIZE) + 1;

export const eyesonBench: ApiBench = {
  api: 'eyeson',
  async run(b) {
    const mock = await b.mock();
    const d = await control<Defaults>(mock, 'defaults');
    if (!d.finishedRecordingId) throw new Error('the default data set has no finished recording');
    const auth = { authorization: d.apiKey };
    const one = `/recordings/${encodeURIComponent(d.finishedRecordingId)}`;
    await b.section('GET one recording', () => compareWithBare(mock, { label: 'eyeson get-one', path: one, headers: auth }));
    await b.section('download link', async () => {
      const rec = await requestJson<WireRecording>(mock.url + one, { headers: auth });
      if (!rec.links.download) throw new Error(`recording ${rec.id} has no download link`);
      // The link is the credential: no Authorization header, as a browser would follow it.
      return compareDownload(mock, {
        label: 'eyeson download',
        path: pathOf(rec.links.download),
        headers: {},
        bare: 'fixture-file',
        range: middleHalf,
      });
    });
    await b.close(mock);
    await b.section('list 1k vs 100k', async () => {
      const [small, large] = await Promise.all([b.mock('eyeson 1k'), b.mock('eyeson 100k')]);
      await Promise.all([seedRoom(small, 1_000), seedRoom(large, 100_000)]);
      for (const [m, n] of [[small, 1_000], [large, 100_000]] as const) {
        const page = await requestJson<unknown[]>(m.url + listPath(deepPage(n)), { headers: auth });
        if (page.length !== PAGE_SIZE) throw new Error(`deep page of ${n} has ${page.length} items`);
      }
      return compareScale({
        label: 'eyeson list',
        headers: auth,
        small,
        large,
        pages: [
          { name: 'first page', short: 'first', small: { path: listPath(1), size: 1_000 }, large: { path: listPath(1), size: 100_000 } },
          {
            name: 'deep page (after 90%)',
            short: 'deep',
            small: { path: listPath(deepPage(1_000)), size: 1_000 },
            large: { path: listPath(deepPage(100_000)), size: 100_000 },
          },
        ],
      });
    });
    // One mock of 10k recordings for the next two sections, made by the first that runs.
    let tenK: Promise<{ mock: ServerChild; ids: string[]; recordings: WireRecording[] }> | undefined;
    const reads = () =>
      (tenK ??= (async () => {
        const m = await b.mock('eyeson 10k');
        const ids = await seedRoom(m, READS);
        const recordings = await listAll(m, auth);
        if (recordings.length !== READS) throw new Error(`walked ${recordings.length} of ${READS} recordings`);
        return { mock: m, ids, recordings };
      })());
    await b.section('GET random recordings (10k)', async () => {
      const { mock: m, ids } = await reads();
      const paths = ids.map((id) => `/recordings/${encodeURIComponent(id)}`);
      return compareVariedWithBare(m, { label: 'eyeson get-random', paths, headers: auth, seed: SEED });
    });
    await b.section('list varied filters (10k)', async () => {
      const { mock: m, recordings } = await reads();
      return compareVariedWithBare(m, { label: 'eyeson list-varied', paths: variedLists(recordings), headers: auth, seed: SEED });
    });
    if (tenK) await tenK.then((t) => b.close(t.mock), () => {}); // a failed set-up was reported by its section
  },
};
