// Assertions every API's checks share: each turns a broken rule into a failure with the
// response whose curl line reproduces it.
import type { CheckContext, TargetResponse } from '../../core/check.ts';

/** The start of a response body, for failure messages. */
export function excerpt(res: TargetResponse, max = 200): string {
  // Only the head is decoded: a failing rule on a media body must not decode megabytes to show 200 characters.
  const cut = res.bytes.byteLength > max * 4;
  const text = cut ? decoder.decode(res.bytes.subarray(0, max * 4)) : res.text();
  return cut || text.length > max ? `${text.slice(0, max)}…` : text;
}

const decoder = new TextDecoder();

export function expectStatus(ctx: CheckContext, res: TargetResponse, expected: number | number[], rule: string, operation?: string): void {
  const ok = Array.isArray(expected) ? expected : [expected];
  if (!ok.includes(res.status)) {
    ctx.fail({ rule, expected: `HTTP ${ok.join(' or ')}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: operation ?? res.exchange.operation });
  }
}

/**
 * Fails when the spec does not allow the response (undocumented status, schema mismatch, missing
 * header). When every issue rests on a callrec decision (a schema note, or closed objects), the
 * failure is decision-only: reported as a deviation, not a broken documented rule.
 */
export function expectConforms(ctx: CheckContext, res: TargetResponse, operationId: string): void {
  const issues = ctx.spec.validateResponse(operationId, res.status, res.headers, res.bytes);
  const documented = issues.filter((i) => !i.decision);
  const shown = documented.length ? documented : issues;
  const first = shown[0];
  if (first) {
    ctx.fail({
      rule: `${operationId} responses must match the spec`,
      specRef: first.specRef,
      expected: 'a response the spec documents',
      actual: shown.map((i) => i.message).slice(0, 3).join('; '),
      response: res,
      operation: operationId,
      ...(documented.length ? {} : { decision: first.decision! }),
    });
  }
}

/** Checks that change data on a real target run only with `writes: true` in its config. */
export function requireWrites(ctx: CheckContext, what: string): void {
  if (!ctx.control && ctx.config.writes !== true) ctx.notApplicable(`this check ${what}: set writes: true in the target config`);
}
