// `node --import tsx bench/msw-data.ts`: @msw/data 1.x (the design card's data layer, renamed from
// @mswjs/data) against the mock's own indexed store, on the same OpenVidu Meet recordings at 1k,
// 10k and 100k rows. Writes reports/bench-msw-data.json; ARCHITECTURE.md quotes the figures.
//
// What is measured, per row count (median of 5 rounds, CPU time of this process):
//   fill            create every record (@msw/data: create() validates each against the spec's
//                   MeetRecording JSON Schema: specSchema(), the suites' ajv as a Standard Schema)
//   lookup by id    findFirst(where recordingId) vs store.get(id)
//   page, sorted    the newest 10 of one room, as Meet's API serves them (sorted by startDate):
//                   findMany(where roomId, orderBy startDate) then the first 10, because @msw/data
//                   applies take/skip/cursor BEFORE orderBy (a `take: 10` page is the first 10 in
//                   insertion order, then sorted) vs store.page()
//   page, cursor    @msw/data's own cursor page (insertion order, starts AT the cursor record) from
//                   the middle of the collection vs store.page() after a (value, id) cursor
// BENCH_ROWS=1000,10000 limits the row counts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Collection } from '@msw/data';
import { createPrng } from '../core/prng.ts';
import { repoPath } from '../core/repo-root.ts';
import { generateRecordings } from '../mock/openvidu-meet/datasets.ts';
import { createMediaCatalogue } from '../mock/openvidu-meet/media.ts';
import { createRecordingStore, cursorOf } from '../mock/openvidu-meet/store.ts';
import type { MeetRecording, Room } from '../mock/openvidu-meet/types.ts';
import { toWire } from '../mock/openvidu-meet/wire.ts';
import type { MediaStore } from '../mock/media-store.ts';
import { specSchema } from '../suites/engine/standard-schema.ts';

const ROWS = (process.env.BENCH_ROWS ?? '1000,10000,100000').split(',').map(Number);
const NOW = Date.UTC(2026, 11, 1);

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000; // ms
};

/** Median over rounds of the CPU time per call of `fn`, in µs; each round runs `calls` calls. */
async function perCall(calls: number, fn: (i: number) => unknown): Promise<number> {
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t = cpu();
    for (let i = 0; i < calls; i++) await fn(i);
    rounds.push(((cpu() - t) * 1000) / calls);
  }
  return rounds.sort((a, b) => a - b)[2]!;
}

const rooms: Room[] = Array.from({ length: 20 }, (_, i) => ({ roomId: `room-${i}`, roomName: `Room ${i}`, participants: 0, recordingEnabled: true, layout: 'grid' }));
const media = createMediaCatalogue({ list: () => [{ name: 'clip.mp4', contentType: 'video/mp4', size: 99_348, duration: 2 }] } as unknown as MediaStore);

interface Row {
  rows: number;
  op: string;
  mswData: number;
  indexedStore: number;
}
const results: Row[] = [];
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)} ms` : `${v.toFixed(1)} µs`);

for (const n of ROWS) {
  const prng = createPrng(n);
  const recs = generateRecordings(prng, NOW, rooms, n, media, () => false);
  const wire = recs.map(toWire);
  const probeIds = Array.from({ length: 64 }, (_, i) => recs[(i * 7919) % n]!.recordingId);
  const few = Math.max(3, Math.round(20_000 / n)); // calls per round for the scanning operations

  // @msw/data: one collection, records checked against the spec as they are created.
  const collection = new Collection({ schema: specSchema<MeetRecording>('openvidu-meet', 'MeetRecording') });
  const fillStart = cpu();
  for (const w of wire) await collection.create(w);
  const fillMsw = ((cpu() - fillStart) * 1000) / n;
  const store = createRecordingStore();
  const storeStart = cpu();
  store.insertMany(recs);
  const fillStore = ((cpu() - storeStart) * 1000) / n;
  results.push({ rows: n, op: 'fill, per record', mswData: fillMsw, indexedStore: fillStore });

  results.push({
    rows: n,
    op: 'lookup by id',
    mswData: await perCall(few, (i) => collection.findFirst((q) => q.where({ recordingId: probeIds[i % 64]! }))),
    indexedStore: await perCall(10_000, (i) => store.get(probeIds[i % 64]!)),
  });

  const room = 'room-3';
  const newest = (i: number) => collection.findMany((q) => q.where({ roomId: rooms[(3 + i) % 20]!.roomId }), { orderBy: { startDate: 'desc' } }).slice(0, 10);
  // Same answer from both: the newest ten of room-3.
  const a = newest(0).map((r) => r.recordingId);
  const b = store.page({ sortField: 'startDate', sortOrder: 'desc', limit: 10, filter: (r) => r.roomId === room }).items.map((r) => r.recordingId);
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`the two pages differ at ${n} rows`);
  results.push({
    rows: n,
    op: 'page of 10, newest first, one room',
    mswData: await perCall(few, newest),
    indexedStore: await perCall(2000, (i) => store.page({ sortField: 'startDate', sortOrder: 'desc', limit: 10, filter: (r) => r.roomId === rooms[(3 + i) % 20]!.roomId })),
  });

  const middle = collection.findFirst((q) => q.where({ recordingId: recs[n >> 1]!.recordingId }))!;
  const sortedMiddle = store.page({ sortField: 'startDate', sortOrder: 'desc', limit: n >> 1 }).items.at(-1)!;
  results.push({
    rows: n,
    op: 'page of 10 after a cursor halfway',
    mswData: await perCall(few, () => collection.findMany(undefined, { cursor: middle, take: 10 })),
    indexedStore: await perCall(2000, () => store.page({ sortField: 'startDate', sortOrder: 'desc', limit: 10, after: cursorOf(sortedMiddle, 'startDate') })),
  });
  console.error(`[msw-data bench] ${n} rows done`);
}

console.log(`@msw/data 1.x vs the indexed store (OpenVidu Meet recordings; CPU time, median of 5; ${cpus().length} CPUs, shared)`);
console.log(['rows', 'operation', '@msw/data', 'indexed store', 'ratio'].join('\t'));
for (const r of results) console.log([r.rows, r.op, ms(r.mswData), ms(r.indexedStore), `${Math.round(r.mswData / r.indexedStore)}x`].join('\t'));
mkdirSync(repoPath('reports'), { recursive: true });
writeFileSync(repoPath('reports/bench-msw-data.json'), `${JSON.stringify({ version: '1.1.7', unit: 'µs', results }, null, 2)}\n`);
