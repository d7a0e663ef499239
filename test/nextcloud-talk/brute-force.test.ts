// The brute-force budget of the Talk recording checks: a run provokes at most the budget of
// failed recording-server authentications per action and 30 minutes of the target's clock, a
// rule that needs more is not applicable, and a 429 it did not provoke is never a verdict.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NotApplicable, type CheckContext, type TargetResponse } from '../../core/check.ts';
import { DEFAULT_BUDGET, MAX_SAFE_BUDGET, PLATFORM_MAX_ATTEMPTS, canSpend, remaining, spend, throttledAway } from '../../suites/nextcloud-talk/brute-force.ts';

function context(config: Record<string, unknown> = {}, control = false): CheckContext {
  return {
    config,
    ...(control ? { control: {} } : {}),
    notApplicable(reason: string): never {
      throw new NotApplicable(reason);
    },
  } as unknown as CheckContext;
}

const answer = (status: number, date: Date): TargetResponse => ({ status, headers: { date: date.toUTCString() } }) as unknown as TargetResponse;

test('the budgets stay under the platform limit (429 only after more than 10 failures in 30 minutes) and the mock\'s (from the 10th)', () => {
  assert.ok(MAX_SAFE_BUDGET <= PLATFORM_MAX_ATTEMPTS - 1);
  // The default keeps Nextcloud's delay before each later request at 0.1 s · 2^4 = 1.6 s.
  assert.ok(DEFAULT_BUDGET <= 4 && DEFAULT_BUDGET <= MAX_SAFE_BUDGET);
});

test('a run spends at most its budget per action; the next rule needing one is not applicable with the reason', () => {
  const ctx = context();
  for (let i = 0; i < DEFAULT_BUDGET; i++) spend(ctx, 'talkRecordingSecret');
  assert.equal(remaining(ctx, 'talkRecordingSecret'), 0);
  assert.equal(canSpend(ctx, 'talkRecordingSecret'), false);
  assert.throws(() => spend(ctx, 'talkRecordingSecret'), (e) => e instanceof NotApplicable && /brute-force action talkRecordingSecret/.test(e.reason) && /429/.test(e.reason));
  // The other action has its own count, as on the platform.
  assert.equal(remaining(ctx, 'talkRecordingStatus'), DEFAULT_BUDGET);
  // Another run (another config object) starts with the whole budget.
  assert.equal(remaining(context(), 'talkRecordingSecret'), DEFAULT_BUDGET);
});

test('failures older than 30 minutes of the target clock (its Date header) no longer count', () => {
  const ctx = context();
  const t0 = new Date('2026-12-03T10:00:00Z');
  throttledAway(ctx, answer(200, t0));
  spend(ctx, 'talkRecordingSecret', 4);
  throttledAway(ctx, answer(200, new Date(t0.getTime() + 29 * 60_000)));
  assert.equal(remaining(ctx, 'talkRecordingSecret'), DEFAULT_BUDGET - 4);
  throttledAway(ctx, answer(200, new Date(t0.getTime() + 31 * 60_000)));
  assert.equal(remaining(ctx, 'talkRecordingSecret'), DEFAULT_BUDGET);
});

test('bruteForceBudget in the config sets the budget; 0 makes every deliberate failure not applicable', () => {
  const none = context({ bruteForceBudget: 0 });
  assert.throws(() => spend(none, 'talkRecordingSecret'), NotApplicable);
  const more = context({ bruteForceBudget: 40 });
  spend(more, 'talkRecordingSecret', 40);
  assert.equal(remaining(more, 'talkRecordingSecret'), 0);
});

test('with the control API (the throttle relaxed on the mock) nothing is counted', () => {
  const ctx = context({}, true);
  spend(ctx, 'talkRecordingSecret', 1000);
  assert.equal(remaining(ctx, 'talkRecordingSecret'), Infinity);
});

test('a 429 from a throttled endpoint is not applicable (the throttle state is not the rule verdict); other answers pass', () => {
  const ctx = context();
  throttledAway(ctx, answer(403, new Date()));
  assert.throws(() => throttledAway(ctx, answer(429, new Date())), (e) => e instanceof NotApplicable && /HTTP 429/.test(e.reason));
});

test('a rule may leave failures for later checks: it is not applicable rather than spend them', () => {
  const ctx = context({ bruteForceBudget: 4 });
  spend(ctx, 'talkRecordingSecret'); // 3 left
  assert.throws(() => spend(ctx, 'talkRecordingSecret', 1, 3), (e) => e instanceof NotApplicable && /keeps 3 for rules of later checks/.test(e.reason));
  assert.equal(remaining(ctx, 'talkRecordingSecret'), 3, 'a refused spend spends nothing');
  spend(ctx, 'talkRecordingSecret', 1, 2);
  assert.equal(canSpend(ctx, 'talkRecordingSecret', 1, 2), false);
  assert.equal(canSpend(ctx, 'talkRecordingSecret', 1, 1), true);
});
