// Horn's error envelope (facts §1.3): every error body is a JSON object with exactly two string
// fields, `error` (an UPPER_SNAKE code) and `message` (human text). Provokes errors of several
// kinds — no credentials, insufficient role, unknown ids, malformed parameters, a bad JWT — and
// judges each body.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { OP, excerpt, expectError, expectRefused, get, jsonOf, paths, recordableChannel, roleAuth, uniqueId } from '../support.ts';
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
    const owner = roleAuth(ctx, 'owner');
    const stranger = roleAuth(ctx, 'stranger');

    const noToken = await get(ctx, paths.list(channel), OP.list, 'none');
    expectEnvelope(ctx, noToken, OP.list, 'a listing without a Bearer token');

    // The one code whose status the docs give: 403 ACCESS_FORBIDDEN for an insufficient role.
    const forbidden = await get(ctx, paths.list(channel), OP.list, stranger);
    expectEnvelope(ctx, forbidden, OP.list, 'a listing by a user with no role on the channel');
    expectError(ctx, forbidden, 403, 'ACCESS_FORBIDDEN', 'an insufficient role answers 403 ACCESS_FORBIDDEN', OP.list);

    const unknownRecording = await get(ctx, paths.recording(channel, uniqueId(ctx, 'no-such-recording')), OP.get, owner);
    expectEnvelope(ctx, unknownRecording, OP.get, 'an unknown recording');

    const unknownChannel = await get(ctx, paths.possible(uniqueId(ctx, 'no-such-channel')), OP.possible, owner);
    expectEnvelope(ctx, unknownChannel, OP.possible, 'an unknown channel');

    const badLimit = await get(ctx, paths.list(channel), OP.list, owner, { limit: 'many' });
    expectEnvelope(ctx, badLimit, OP.list, 'a non-numeric limit');

    const badJwt = await get(ctx, paths.assetsByJwt('not.a.jwt'), OP.assetsByJwt, 'none');
    expectEnvelope(ctx, badJwt, OP.assetsByJwt, 'an asset listing with a malformed JWT');
  },
};

export const errorChecks: Check[] = [envelope];
