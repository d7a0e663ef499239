// Running a fast-check property inside a check. fast-check catches what a property throws, so a
// CheckFailure raised by ctx.fail comes back wrapped; this unwraps it and adds what reproduces
// the run: the seed (derived from the run's --seed), the shrink path and the counterexample.
import fc from 'fast-check';
import { CheckFailure } from '../../core/check.ts';
import type { CheckContext } from '../../core/check.ts';

/**
 * Generation stops after this long; a run cut short after some examples without a failure passes
 * on those examples, one cut short before any example asserted nothing and is not applicable.
 */
const DEFAULT_TIME_LIMIT_MS = 10_000;

/** Runs `property` with the check's seed and at most min(ctx.maxExamples, numRuns) examples. */
export async function runProperty<T>(
  ctx: CheckContext,
  property: fc.IAsyncProperty<T>,
  opts: { numRuns: number; timeLimitMs?: number; what?: string },
): Promise<void> {
  const out = await fc.check(property, {
    seed: ctx.seed,
    numRuns: Math.max(1, Math.min(ctx.maxExamples, opts.numRuns)),
    interruptAfterTimeLimit: opts.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
  });
  if (!out.failed) {
    if (out.numRuns === 0) ctx.notApplicable(`${opts.what ?? 'the property'}: no example ran within the time limit`);
    return;
  }
  const repro =
    `fast-check seed ${ctx.seed} (callrec run --seed reproduces it), path "${out.counterexamplePath ?? ''}", ` +
    `after ${out.numRuns} run(s) and ${out.numShrinks} shrink(s)\n` +
    `${opts.what ?? 'counterexample'}: ${out.counterexample ? clip(fc.stringify(out.counterexample)) : '?'}`;
  const err = out.errorInstance;
  if (err instanceof CheckFailure) throw new CheckFailure({ ...err.failure, repro: err.failure.repro ? `${err.failure.repro}\n${repro}` : repro });
  throw err instanceof Error ? err : new Error(String(err ?? 'property failed'));
}

/** The common case: one arbitrary, one async body. */
export function checkProperty<T>(
  ctx: CheckContext,
  arb: fc.Arbitrary<T>,
  body: (value: T) => Promise<void>,
  opts: { numRuns: number; timeLimitMs?: number },
): Promise<void> {
  return runProperty(ctx, fc.asyncProperty(arb, async (v) => void (await body(v))), opts);
}

const clip = (s: string) => (s.length > 1500 ? `${s.slice(0, 1500)}…` : s);
