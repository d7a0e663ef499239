// Deterministic pseudo-random numbers (mulberry32): the same --seed gives the same data.
export interface Prng {
  next(): number; // [0, 1)
  int(min: number, max: number): number; // inclusive
  pick<T>(items: readonly T[]): T;
  id(len: number, alphabet?: string): string;
}

export function createPrng(seed: number): Prng {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)]!,
    id: (len, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') =>
      Array.from({ length: len }, () => alphabet[int(0, alphabet.length - 1)]).join(''),
  };
}
