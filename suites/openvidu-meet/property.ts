// Running a fast-check property inside a check. fast-check catches what the property throws, so
// a CheckFailure raised by ctx.fail would come back wrapped in fast-check's own error; this
// helper unwraps it and adds what reproduces the run: the seed, the path and the counterexample.
import fc from 'fast-check';
import { CheckFailure } from '../../core/check.ts';
import type { CheckContext } from '../../core/check.ts';

export interface PropertyOptions {
  /** Upper bound for this property; the run uses min(ctx.maxExamples, numRuns). */
  numRuns: number;
  /** Stop generating (and shrinking) after this long; a run cut short without a failure passes. */
  timeLimitMs?: number;
}

export async function checkProperty<T>(
  ctx: CheckContext,
  arb: fc.Arbitrary<T>,
  body: (value: T) => Promise<void>,
  opts: PropertyOptions,
): Promise<void> {
  const details = await fc.check(
    fc.asyncProperty(arb, async (v) => {
      await body(v);
    }),
    { seed: ctx.seed, numRuns: Math.max(1, Math.min(ctx.maxExamples, opts.numRuns)), interruptAfterTimeLimit: opts.timeLimitMs ?? 8000 },
  );
  if (!details.failed) return;
  const repro =
    `fast-check seed ${details.seed}, path "${details.counterexamplePath ?? ''}" (callrec run --seed reproduces it); ` +
    `counterexample: ${safeJson(details.counterexample)}`;
  const cause = details.errorInstance;
  if (cause instanceof CheckFailure) {
    throw new CheckFailure({ ...cause.failure, repro: cause.failure.repro ? `${cause.failure.repro}\n${repro}` : repro });
  }
  throw cause instanceof Error ? cause : new Error(String(cause ?? 'property failed'));
}

function safeJson(v: unknown): string {
  try {
    const s = JSON.stringify(v);
    return s.length > 1500 ? `${s.slice(0, 1500)}…` : s;
  } catch {
    return String(v);
  }
}
