// A controllable clock. Real time by default (so a frontend sees recordings progress),
// frozen and advanced by hand in tests and self-checks (so runs are deterministic).

export interface Clock {
  now(): number; // ms since epoch
  /** Moves time forward by `ms` (also when frozen). */
  advance(ms: number): void;
  /** Stops the clock at its current reading (or at `at`). */
  freeze(at?: number): void;
  /** Lets the clock run with real time again, from its current reading. */
  unfreeze(): void;
  /** A frozen clock goes back to its start reading (so a reset replays byte-identically); a running one keeps time. */
  rewind(): void;
  readonly frozen: boolean;
}

export function createClock(opts: { start?: number; frozen?: boolean; realNow?: () => number } = {}): Clock {
  const realNow = opts.realNow ?? Date.now;
  const start = opts.start ?? realNow();
  let base = start; // clock reading at `anchor`
  let anchor = realNow();
  let frozen = opts.frozen ?? false;
  const read = () => (frozen ? base : base + (realNow() - anchor));
  return {
    now: read,
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError('clock can only move forward');
      base = read() + ms;
      anchor = realNow();
    },
    freeze(at) {
      base = at ?? read();
      anchor = realNow();
      frozen = true;
    },
    unfreeze() {
      base = read();
      anchor = realNow();
      frozen = false;
    },
    rewind() {
      if (frozen) base = start;
    },
    get frozen() {
      return frozen;
    },
  };
}
