// Chat long-polling without busy loops: a waiter per pending request, woken by the message
// that arrives in its room, or by time. Time is the mock's clock: with a frozen clock only an
// advance past the deadline (clock.advance, control `clock`/`tick`) ends the wait; with a running
// clock a real timer does too.
import type { Clock } from '../../core/clock.ts';

interface Waiter {
  room: string;
  deadline: number; // clock ms
  wake: (reason: 'message' | 'timeout') => void;
  timer?: ReturnType<typeof setTimeout>;
}

export class ChatWaiters {
  private readonly waiting = new Set<Waiter>();

  constructor(private readonly clock: Clock) {}

  get size(): number {
    return this.waiting.size;
  }

  /** Resolves 'message' when a message arrives in `room`, 'timeout' once the clock passes `deadline`. */
  wait(room: string, deadline: number): Promise<'message' | 'timeout'> {
    if (this.clock.now() >= deadline) return Promise.resolve('timeout');
    return new Promise((resolve) => {
      const w: Waiter = {
        room,
        deadline,
        wake: (reason) => {
          if (!this.waiting.delete(w)) return;
          if (w.timer) clearTimeout(w.timer);
          resolve(reason);
        },
      };
      this.waiting.add(w);
      this.arm(w);
    });
  }

  /** A message arrived in `room`: wake everybody waiting there. */
  notify(room: string): void {
    for (const w of [...this.waiting]) if (w.room === room) w.wake('message');
  }

  /** The clock moved (or was frozen/unfrozen): time out who is due, re-arm real timers. */
  clockMoved(): void {
    const now = this.clock.now();
    for (const w of [...this.waiting]) {
      if (now >= w.deadline) w.wake('timeout');
      else this.arm(w);
    }
  }

  /** Ends every wait (mock reset or close). */
  wakeAll(): void {
    for (const w of [...this.waiting]) w.wake('timeout');
  }

  private arm(w: Waiter): void {
    if (w.timer) clearTimeout(w.timer);
    w.timer = undefined;
    if (this.clock.frozen) return; // only an explicit advance moves a frozen clock
    const ms = Math.max(0, w.deadline - this.clock.now());
    w.timer = setTimeout(() => w.wake('timeout'), ms + 1);
  }
}

/** Wraps a clock so every advance/freeze/unfreeze is reported (long-polls watch it). */
export function observedClock(inner: Clock, onMove: () => void): Clock {
  return {
    now: () => inner.now(),
    advance(ms) {
      inner.advance(ms);
      onMove();
    },
    freeze(at) {
      inner.freeze(at);
      onMove();
    },
    unfreeze() {
      inner.unfreeze();
      onMove();
    },
    rewind() {
      inner.rewind();
      onMove();
    },
    get frozen() {
      return inner.frozen;
    },
  };
}
