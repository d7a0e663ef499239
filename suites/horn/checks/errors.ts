// Horn's error envelope (facts §1.3): every error body is a JSON object with exactly two string
// fields, `error` (an UPPER_SNAKE code) and `message` (human text). Provokes errors of several
// kinds — no credentials, insufficient role, unknown ids, malformed parameters, a bad JWT — and
// judges each body.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { OP, ownerAuth, excerpt, expectError, expectRefused, get, jsonOf, paths, recordableChannel, roleAuth, uniqueId } from '../support.ts';
import type { OperationId } from '../support.ts';

const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

function expectEnvelope(ctx: CheckContext, res: TargetResponse, operation: OperationId, what: string): void {
  expectRefused(ctx, res, `${what} is refused`, operation);
  const fail = (expected: string, actual: string) =>
    ctx.fail({ rule: 'an error body is exactly {error, message}, error in UPPER_SNAKE', specRef: '#/components/schemas/Error', expected, actual, response: res, operation });
  if (!/^application\/json/i.test(res.headers['content-type'] ?? '')) fail('Content-Type: application/json', `Content-Type: ${res.headers['content-type'] ?? '(none)'}`);
  const body = jsonOf(res);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) fail('a JSON object', excerpt(res));
  const b = body as Record<string, unknown>;
  const keys = Object.keys(b).sort();
  if (keys.join(',') !== 'error,message') fail('exactly the fields error and message', `fields ${JSON.stringify(keys)} in ${excerpt(res)}`);
  if (typeof b.error !== 'string' || !UPPER_SNAKE.test(b.error)) fail('`error` an UPPER_SNAKE code such as ACCESS_FORBIDDEN', `error ${JSON.stringify(b.error)}`);
  if (typeof b.message !== 'string' || b.message.trim() === '') fail('`message` a non-empty string', `message ${JSON.stringify(b.message)}`);
}

const envelope: Check = {
  id: 'horn.errors.envelope',
  title: 'every error answer is a JSON {error, message} with an UPPER_SNAKE code',
  operations: [OP.list, OP.get, OP.possible, OP.assetsByJwt],
  specRef: '#/components/schemas/Error',
  needs: ['credentials'],
  async run(ctx) {
    const channel = recordableChannel(ctx);
    // Each provoked error is its own rule, so one broken body does not hide the others.
    const cases: { what: string; operation: OperationId; call: () => Promise<TargetResponse>; refusalDecision?: string }[] = [
      { what: 'a listing without a Bearer token', operation: OP.list, call: () => get(ctx, paths.list(channel), OP.list, 'none') },
      // Who may list is our decision (`roles-per-operation`; horn.auth.roles reports it): a server that lets a stranger list has no error here.
      { what: 'a listing by a user with no role on the channel', operation: OP.list, call: () => get(ctx, paths.list(channel), OP.list, roleAuth(ctx, 'stranger')), refusalDecision: 'roles-per-operation' },
      { what: 'an unknown recording', operation: OP.get, call: () => get(ctx, paths.recording(channel, uniqueId(ctx, 'no-such-recording')), OP.get, ownerAuth(ctx)) },
      { what: 'an unknown channel', operation: OP.possible, call: () => get(ctx, paths.possible(uniqueId(ctx, 'no-such-channel')), OP.possible, ownerAuth(ctx)) },
      // Refusing a non-numeric limit is our decision (`list-parameters`): a server that takes it has no error body to judge here.
      { what: 'a non-numeric limit', operation: OP.list, call: () => get(ctx, paths.list(channel), OP.list, ownerAuth(ctx), { limit: 'many' }), refusalDecision: 'list-parameters' },
      { what: 'an asset listing with a malformed JWT', operation: OP.assetsByJwt, call: () => get(ctx, paths.assetsByJwt('not.a.jwt'), OP.assetsByJwt, 'none') },
    ];
    for (const c of cases) {
      await ctx.rule(`${c.what} is refused with a JSON {error, message} body`, async () => {
        const res = await c.call();
        if (c.refusalDecision && res.status >= 200 && res.status < 300) ctx.notApplicable(`the target accepted ${c.what} (our decision ${c.refusalDecision} says refuse; reported by its own check): no error body to judge`);
        expectEnvelope(ctx, res, c.operation, c.what);
        // The one code whose status the docs give: 403 ACCESS_FORBIDDEN for an insufficient role.
        if (c.what.includes('no role')) expectError(ctx, res, 403, 'ACCESS_FORBIDDEN', 'an insufficient role answers 403 ACCESS_FORBIDDEN', OP.list);
      }, { operation: c.operation });
    }
  },
};

export const errorChecks: Check[] = [envelope];
