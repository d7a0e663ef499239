// Brute-force protection for the endpoints the recording server calls (Nextcloud's
// BruteForceProtection action `talkRecordingSecret`, shared by backend and store).
//
// The sources say only that failures are "throttled"; Nextcloud's throttler delays and finally
// refuses with 429. The mock cannot tell clients apart (no remote address in MockRequest), so it
// keeps one counter per action: after LIMIT failures within WINDOW on the mock clock, every request
// to that action answers 429 until the oldest counted failure leaves the window. A callrec decision:
// 10 failures per 30 minutes, changeable through the `recording-throttle` control action.

export const DEFAULT_THROTTLE_LIMIT = 10;
export const DEFAULT_THROTTLE_WINDOW_MS = 30 * 60 * 1000;

export type ThrottleAction = 'talkRecordingSecret' | 'talkRecordingStatus';

export interface Throttle {
  limit: number;
  windowMs: number;
  /** Remembers one failed attempt at `now`. */
  register(action: ThrottleAction, now: number): void;
  /** True when this action is blocked at `now`. */
  blocked(action: ThrottleAction, now: number): boolean;
  /** Failures still counted at `now`. */
  count(action: ThrottleAction, now: number): number;
  /** The failures remembered, oldest first, as last pruned (for the fault that misreads the window). */
  remembered(action: ThrottleAction): readonly number[];
  clear(): void;
}

export function createThrottle(limit = DEFAULT_THROTTLE_LIMIT, windowMs = DEFAULT_THROTTLE_WINDOW_MS): Throttle {
  const failures = new Map<ThrottleAction, number[]>(); // timestamps, oldest first
  /** The failures still inside the window at `now` (the older ones are forgotten). */
  const live = (action: ThrottleAction, now: number): number[] => {
    const kept = (failures.get(action) ?? []).filter((t) => t > now - throttle.windowMs);
    failures.set(action, kept);
    return kept;
  };
  const throttle: Throttle = {
    limit,
    windowMs,
    register(action, now) {
      live(action, now).push(now);
    },
    blocked(action, now) {
      return live(action, now).length >= throttle.limit;
    },
    count(action, now) {
      return live(action, now).length;
    },
    remembered(action) {
      return failures.get(action) ?? [];
    },
    clear() {
      failures.clear();
    },
  };
  return throttle;
}
