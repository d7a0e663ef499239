// Eyeson: GET one recording vs bare, the recording's signed download link (full and ranged) vs
// bare, and a room's recording list with 1k vs 100k recordings (first page and page 90%).
import type { ApiBench } from '../api-bench.ts';
import { compareDownload, middleHalf } from '../download.ts';
import { pathOf, requestJson } from '../http.ts';
import { compareScale } from '../scaling.ts';
import { control, type ServerChild } from '../servers.ts';
import { compareWithBare } from '../vs-bare.ts';

const PAGE_SIZE = 25; // Eyeson's fixed page size
const ROOM = 'callrec-bench-room';

interface Defaults {
  apiKey: string;
  finishedRecordingId: string | null;
}

interface WireRecording {
  id: string;
  links: { download: string | null };
}

/** A room of `count` generated finished recordings (replacing the seeded rooms). */
async function seedRoom(mock: ServerChild, count: number): Promise<void> {
  const r = await control<{ generated?: { recordingIds: string[] } }>(mock, 'seed', { replace: true, generate: { count, roomId: ROOM } });
  if (r.generated?.recordingIds.length !== count) throw new Error(`seeding ${count} recordings answered ${JSON.stringify(r).slice(0, 200)}`);
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
  },
};
