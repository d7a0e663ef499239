// Horn: GET one recording vs bare, the signed download URL of a recording (a ZIP of its assets,
// full and ranged) vs bare, a channel's recording list with 1k vs 100k recordings (first page
// and an offset at 90%), and among 10k recordings, random ones read and the list with varied
// parameters, vs bare.
import { CHANNELS, SEEDED_TOKENS } from '../../mock/horn/datasets.ts';
import { BASE_PATH } from '../../mock/horn/paths.ts';
import type { ApiBench } from '../api-bench.ts';
import { compareDownload, middleHalf } from '../download.ts';
import { createPrng } from '../../core/prng.ts';
import { pathOf, requestJson } from '../http.ts';
import { compareScale } from '../scaling.ts';
import { control, type ServerChild } from '../servers.ts';
import { compareVariedWithBare, compareWithBare } from '../vs-bare.ts';

const AUTH = { authorization: `Bearer ${SEEDED_TOKENS.owner}` };
const CHANNEL = `${BASE_PATH}/channels/${CHANNELS.recordable}`;
const LIMIT = 20; // Horn's default page size
const WALK_LIMIT = 100; // Horn's largest page, to walk a channel in fewer requests
const READS = 10_000; // recordings added behind the random reads and the varied lists
const SESSIONS = 100; // channel sessions they are spread over (the `session` filter)
const DRAWS = 1_000; // parameter combinations drawn for the varied lists (duplicates dropped)
const SEED = 6; // fixes the drawn parameters and the order of the requests: every run the same

interface Listed {
  id: string;
  session: string;
  readyTime?: number | null;
}

interface Listing {
  total: number;
  results: Listed[];
}

const listPath = (offset: number, limit = LIMIT) => `${CHANNEL}/recordings?limit=${limit}&offset=${offset}`;
const list = (mock: ServerChild, offset: number, limit = LIMIT) => requestJson<Listing>(mock.url + listPath(offset, limit), { headers: AUTH });

/** The channel's recordings, walked page by page. */
async function listAll(mock: ServerChild): Promise<Listed[]> {
  const all: Listed[] = [];
  for (let offset = 0; ; offset += WALK_LIMIT) {
    const page = await list(mock, offset, WALK_LIMIT);
    all.push(...page.results);
    if (offset + WALK_LIMIT >= page.total) return all;
  }
}

/**
 * Lists a channel's archive view would ask for: now and then one session only, sorted by start
 * or end both ways, at an offset anywhere in what the filter leaves; the default page size.
 */
function variedLists(recordings: readonly Listed[]): string[] {
  const prng = createPrng(SEED);
  const perSession = new Map<string, number>();
  for (const r of recordings) if (r.session) perSession.set(r.session, (perSession.get(r.session) ?? 0) + 1);
  const sessions = [...perSession.keys()];
  return Array.from({ length: DRAWS }, () => {
    const session = prng.next() < 0.5 ? prng.pick(sessions) : undefined;
    const total = session ? perSession.get(session)! : recordings.length;
    const q = new URLSearchParams({ limit: String(LIMIT), offset: String(prng.int(0, Math.max(0, total - LIMIT))) });
    if (session) q.set('session', session);
    q.set('sort', prng.pick(['started', 'ended']));
    q.set('order', prng.pick(['asc', 'desc']));
    return `${CHANNEL}/recordings?${q}`;
  });
}

/** Adds `count` ready recordings to the recordable channel; answers the channel's total. */
async function seedChannel(mock: ServerChild, count: number, sessions?: number): Promise<number> {
  const r = await control<{ generated?: { recordings: number } }>(mock, 'seed', { generate: { recordings: count, ...(sessions ? { sessions } : {}) } });
  if (r.generated?.recordings !== count) throw new Error(`seeding ${count} recordings answered ${JSON.stringify(r).slice(0, 200)}`);
  return (await list(mock, 0)).total;
}

export const hornBench: ApiBench = {
  api: 'horn',
  async run(b) {
    const mock = await b.mock();
    const newest = (await list(mock, 0)).results.find((r) => r.readyTime != null);
    if (!newest) throw new Error('the default data set has no ready recording');
    const one = `${CHANNEL}/recordings/${encodeURIComponent(newest.id)}`;
    await b.section('GET one recording', () => compareWithBare(mock, { label: 'horn get-one', path: one, headers: AUTH }));
    await b.section('download URL', async () => {
      const { url } = await requestJson<{ url: string }>(`${mock.url}${one}/download`, { headers: AUTH });
      // The signed URL is the credential (no Bearer). The mock zips the assets per request;
      // the bare server replays the captured ZIP.
      return compareDownload(mock, { label: 'horn download', path: pathOf(url), headers: {}, bare: 'captured-bytes', range: middleHalf });
    });
    await b.close(mock);
    await b.section('list 1k vs 100k', async () => {
      const [small, large] = await Promise.all([b.mock('horn 1k'), b.mock('horn 100k')]);
      const [nSmall, nLarge] = await Promise.all([seedChannel(small, 1_000), seedChannel(large, 100_000)]);
      const deep = (n: number) => Math.round(n * 0.9);
      for (const [m, n] of [[small, nSmall], [large, nLarge]] as const) {
        const page = await list(m, deep(n));
        if (page.results.length !== LIMIT) throw new Error(`offset ${deep(n)} of ${n} gave ${page.results.length} items`);
      }
      return compareScale({
        label: 'horn list',
        headers: AUTH,
        small,
        large,
        pages: [
          { name: 'first page', short: 'first', small: { path: listPath(0), size: 1_000 }, large: { path: listPath(0), size: 100_000 } },
          {
            name: 'deep offset (90%)',
            short: 'deep',
            small: { path: listPath(deep(nSmall)), size: 1_000 },
            large: { path: listPath(deep(nLarge)), size: 100_000 },
          },
        ],
      });
    });
    // One mock with 10k more recordings for the next two sections, made by the first that runs.
    let tenK: Promise<{ mock: ServerChild; recordings: Listed[] }> | undefined;
    const reads = () =>
      (tenK ??= (async () => {
        const m = await b.mock('horn 10k');
        const total = await seedChannel(m, READS, SESSIONS);
        const recordings = await listAll(m);
        if (recordings.length !== total || total < READS) throw new Error(`walked ${recordings.length} of ${total} recordings`);
        return { mock: m, recordings };
      })());
    await b.section('GET random recordings (10k)', async () => {
      const { mock: m, recordings } = await reads();
      const paths = recordings.map((r) => `${CHANNEL}/recordings/${encodeURIComponent(r.id)}`);
      return compareVariedWithBare(m, { label: 'horn get-random', paths, headers: AUTH, seed: SEED });
    });
    await b.section('list varied parameters (10k)', async () => {
      const { mock: m, recordings } = await reads();
      return compareVariedWithBare(m, { label: 'horn list-varied', paths: variedLists(recordings), headers: AUTH, seed: SEED });
    });
    if (tenK) await tenK.then((t) => b.close(t.mock), () => {}); // a failed set-up was reported by its section
  },
};
