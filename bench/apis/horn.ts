// Horn: GET one recording vs bare, the signed download URL of a recording (a ZIP of its assets,
// full and ranged) vs bare, and a channel's recording list with 1k vs 100k recordings (first
// page and an offset at 90%).
import { CHANNELS, SEEDED_TOKENS } from '../../mock/horn/datasets.ts';
import { BASE_PATH } from '../../mock/horn/paths.ts';
import type { ApiBench } from '../api-bench.ts';
import { compareDownload, middleHalf } from '../download.ts';
import { pathOf, requestJson } from '../http.ts';
import { compareScale } from '../scaling.ts';
import { control, type ServerChild } from '../servers.ts';
import { compareWithBare } from '../vs-bare.ts';

const AUTH = { authorization: `Bearer ${SEEDED_TOKENS.owner}` };
const CHANNEL = `${BASE_PATH}/channels/${CHANNELS.recordable}`;
const LIMIT = 20; // Horn's default page size

interface Listing {
  total: number;
  results: { id: string; readyTime?: number | null }[];
}

const listPath = (offset: number) => `${CHANNEL}/recordings?limit=${LIMIT}&offset=${offset}`;
const list = (mock: ServerChild, offset: number) => requestJson<Listing>(mock.url + listPath(offset), { headers: AUTH });

/** Adds `count` ready recordings to the recordable channel; answers the channel's total. */
async function seedChannel(mock: ServerChild, count: number): Promise<number> {
  const r = await control<{ generated?: { recordings: number } }>(mock, 'seed', { generate: { recordings: count } });
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
  },
};
