// Which media fixture a recording serves. Recordings only bind to MP4 fixtures (Meet records
// MP4); the choice is deterministic (seeded prng or round-robin), and a complete recording's
// size and duration are its fixture's, so metadata and served bytes always agree.
import type { MediaStore } from '../media-store.ts';
import type { Prng } from '../../core/prng.ts';
import type { MediaFacts } from './lifecycle.ts';

export interface MediaCatalogue {
  /** MP4 fixture names, sorted. */
  readonly names: readonly string[];
  facts(name: string): MediaFacts;
  pick(prng: Prng): string;
  /** The i-th fixture, cycling: spreads a data set over every fixture (incl. the large one). */
  nth(i: number): string;
}

export function createMediaCatalogue(store: MediaStore): MediaCatalogue {
  const facts = new Map<string, MediaFacts>();
  for (const info of store.list()) {
    if (info.contentType === 'video/mp4') facts.set(info.name, { size: info.size, duration: info.duration });
  }
  const names = [...facts.keys()].sort();
  if (names.length === 0) throw new Error('openvidu-meet mock: the media store has no video/mp4 fixture');
  return {
    names,
    facts(name) {
      const f = facts.get(name);
      if (!f) throw new Error(`unknown media fixture ${name}`);
      return f;
    },
    pick: (prng) => prng.pick(names),
    nth: (i) => names[i % names.length]!,
  };
}
