// The budget of failed recording-server authentications a run may spend on one target.
//
// Nextcloud protects `POST /recording/backend` and `POST /recording/{token}/store` with its
// brute-force throttler (spreed RecordingController: `#[BruteForceProtection]` with action
// `talkRecordingSecret` on both, and `talkRecordingStatus` on the backend for a `started` nobody
// asked for). The throttler (nextcloud/server lib/private/Security/Bruteforce/Throttler.php,
// IThrottler::MAX_ATTEMPTS = 10, MAX_DELAY = 25 s) counts failures per client subnet and action:
// every later request to those endpoints first sleeps 0.1 s · 2^n (n failures in the last 12 h,
// at most 25 s), and once MORE than 10 failures fall within 30 minutes it answers 429 ("Reached
// maximum delay") before the controller runs, even to a correctly signed request.
//
// A run therefore spends at most a budget of failures per action within 30 minutes of the
// target's clock (read from its Date header). By default 4: Nextcloud starts warning about a
// client there (showBruteforceWarning), and its later requests to the endpoint sleep 1.6 s each,
// which keeps a run within its timeouts (after 7 failures every request would sleep 12.8 s, more
// than the default request timeout). A target that bypass-lists this client, or answers at once
// as callrec's mock does, may declare up to 9 (`bruteForceBudget`): under the platform's 429 (after
// 11) and the mock's (decision brute-force-429: after 10). A rule that would need more is not
// applicable, with the reason; a 429 the suite did not provoke on purpose is never a finding
// about the target (another client on the subnet, or an earlier run, may have spent the budget).
// On callrec's mock with its control API the throttle is relaxed (relaxThrottle), so no budget applies.
//
// Current Talk throttles two more actions the checks provoke: a room token that names no room
// (`talkRoomToken`, spreed InjectionMiddleware, on the room endpoints that carry the attribute)
// and a wrong room password when joining (`talkRoomPassword`, RoomController::joinRoom). The
// checks that probe them spend from the same kind of budget.

import type { CheckContext, TargetResponse } from '../../core/check.ts';
import { asConfig } from './config.ts';

export type ThrottleAction = 'talkRecordingSecret' | 'talkRecordingStatus' | 'talkRoomToken' | 'talkRoomPassword';

/** IThrottler::MAX_ATTEMPTS: more failures than this within WINDOW_MS are refused with 429. */
export const PLATFORM_MAX_ATTEMPTS = 10;
/** sleepDelayOrThrowOnMax counts the failures of the last half hour. */
export const WINDOW_MS = 30 * 60 * 1000;
/** What a run spends at most per action and window, unless the config says otherwise. */
export const DEFAULT_BUDGET = 4;
/** The most a config may sensibly declare without provoking the platform's 429 (or the mock's). */
export const MAX_SAFE_BUDGET = 9;

interface Ledger {
  /** Target-clock times (ms) of the failures this run provoked, per action. */
  spent: Record<ThrottleAction, number[]>;
  /** The target's clock as last seen, and the local time it was seen at. */
  targetNow?: { target: number; local: number };
}

// One ledger per run: the runner hands every check of a run the same config object.
const ledgers = new WeakMap<object, Ledger>();

function ledgerOf(ctx: CheckContext): Ledger {
  let l = ledgers.get(ctx.config);
  if (!l) ledgers.set(ctx.config, (l = { spent: { talkRecordingSecret: [], talkRecordingStatus: [], talkRoomToken: [], talkRoomPassword: [] } }));
  return l;
}

/** The budget per action: the config's `bruteForceBudget`, else DEFAULT_BUDGET. */
export function budgetOf(ctx: CheckContext): number {
  const b = asConfig(ctx.config).bruteForceBudget;
  return typeof b === 'number' && b >= 0 ? Math.floor(b) : DEFAULT_BUDGET;
}

/** Remembers the target's clock from a response's Date header (second resolution). */
export function observeClock(ctx: CheckContext, res: TargetResponse): void {
  const date = Date.parse(res.headers.date ?? '');
  if (Number.isFinite(date)) ledgerOf(ctx).targetNow = { target: date, local: Date.now() };
}

function targetNow(l: Ledger): number {
  return l.targetNow ? l.targetNow.target + (Date.now() - l.targetNow.local) : Date.now();
}

const live = (l: Ledger, action: ThrottleAction): number[] => {
  const now = targetNow(l);
  l.spent[action] = l.spent[action].filter((t) => t > now - WINDOW_MS);
  return l.spent[action];
};

/** Failures this run may still provoke for `action` now (Infinity with the control API). */
export function remaining(ctx: CheckContext, action: ThrottleAction): number {
  if (ctx.control) return Infinity;
  return Math.max(0, budgetOf(ctx) - live(ledgerOf(ctx), action).length);
}

const WHAT: Record<ThrottleAction, string> = {
  talkRecordingSecret: 'failed recording-server authentication(s)',
  talkRecordingStatus: '`started` callback(s) nobody asked for',
  talkRoomToken: 'request(s) for a room that does not exist',
  talkRoomPassword: 'join(s) with a wrong room password',
};

const why = (ctx: CheckContext, action: ThrottleAction, n: number, keep: number) =>
  `needs ${n} more ${WHAT[action]} (brute-force action ${action}), but this run has spent ` +
  `${live(ledgerOf(ctx), action).length} of its budget of ${budgetOf(ctx)} per 30 minutes${keep > 0 ? ` and keeps ${keep} for rules of later checks` : ''}: Nextcloud's throttler answers 429 ` +
  `once more than ${PLATFORM_MAX_ATTEMPTS} failures fall within 30 minutes and delays every request after each one (raise ` +
  `bruteForceBudget, up to ${MAX_SAFE_BUDGET}, for a target that bypass-lists this client)`;

/**
 * Spends `n` deliberate failures of `action`, or ends the current rule (or check) as not
 * applicable with the reason when the budget does not allow them. `keep` failures stay for the
 * first rules of later checks, so a small budget is shared out instead of spent by the first
 * check that asks. Call it right before sending.
 */
export function spend(ctx: CheckContext, action: ThrottleAction, n = 1, keep = 0): void {
  if (ctx.control) return;
  if (remaining(ctx, action) < n + keep) ctx.notApplicable(why(ctx, action, n, keep));
  const l = ledgerOf(ctx);
  const now = targetNow(l);
  for (let i = 0; i < n; i++) l.spent[action].push(now);
}

/** True when `n` failures of `action` may still be spent, `keep` left over (nothing is spent). */
export function canSpend(ctx: CheckContext, action: ThrottleAction, n = 1, keep = 0): boolean {
  return remaining(ctx, action) >= n + keep;
}

/**
 * A 429 from a throttled endpoint that the check did not provoke on purpose: the throttle state
 * is the target's (and its other clients'), not a verdict on the rule, so the rule is not applicable.
 */
export function throttledAway(ctx: CheckContext, res: TargetResponse): void {
  observeClock(ctx, res);
  if (res.status !== 429) return;
  const l = ledgerOf(ctx);
  const spentNow = `${live(l, 'talkRecordingSecret').length} failed signature(s) and ${live(l, 'talkRecordingStatus').length} unrequested \`started\``;
  ctx.notApplicable(
    `the target's brute-force protection refused the request (HTTP 429) after this run provoked ${spentNow} in the last 30 minutes; ` +
      'earlier runs or other clients of this subnet count too (Nextcloud keeps failures for 30 minutes, its delays for 12 hours)',
  );
}
