// Bad input is the client's fault: malformed list parameters and ttls answer 400 BAD_REQUEST
// (decisions `list-parameters`, `ttl-format`), never a 5xx, and every answer is one the spec
// documents. A method a known path does not define answers 405 with an Allow header.
import type { Check, CheckContext } from '../../../core/check.ts';
import { OP, excerpt, expectConforms, expectError, get, paths, readyRecording, roleAuth } from '../support.ts';
import type { OperationId } from '../support.ts';

const BAD_LIST_QUERIES: Record<string, string>[] = [
  { limit: 'abc' },
  { limit: '12abc' },
  { limit: '' },
  { offset: 'first' },
  { sort: 'created' },
  { order: 'sideways' },
];
const BAD_TTLS = ['abc', '5x', '-1m', 'm', '1.5m'];

async function badRequest(ctx: CheckContext, operation: OperationId, path: string, query: Record<string, string>): Promise<void> {
  const res = await get(ctx, path, operation, roleAuth(ctx, 'owner'), query);
  const what = `${operation} with ${new URLSearchParams(query).toString()}`;
  if (res.status >= 500) {
    ctx.fail({ rule: 'malformed input never causes a server error', expected: '400 BAD_REQUEST', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation });
  }
  expectError(ctx, res, 400, 'BAD_REQUEST', `${what} answers 400 BAD_REQUEST`, operation);
  expectConforms(ctx, res, operation);
}

const badInput: Check = {
  id: 'horn.robustness.bad-input',
  title: 'malformed limit/offset/sort/order and ttl answer 400 BAD_REQUEST; undefined methods answer 405 with Allow',
  operations: [OP.list, OP.get, OP.downloadUrl, OP.credentials],
  specRef: '#/components/parameters/limit',
  needs: ['credentials', 'recording'],
  decision: 'list-parameters',
  async run(ctx) {
    const { channel, recording } = await readyRecording(ctx);
    for (const q of BAD_LIST_QUERIES) await badRequest(ctx, OP.list, paths.list(channel), q);
    for (const ttl of BAD_TTLS) {
      await badRequest(ctx, OP.downloadUrl, paths.recording(channel, recording.id, '/download'), { ttl });
      await badRequest(ctx, OP.credentials, paths.recording(channel, recording.id, '/credentials'), { ttl });
    }

    const known: [string, string[]][] = [
      [paths.list(channel), ['GET']],
      [paths.recording(channel, recording.id), ['GET']],
      [paths.record(channel), ['POST']],
    ];
    for (const [path, defined] of known) {
      for (const method of ['PUT', 'PATCH']) {
        const res = await ctx.target.request({ method, path, auth: roleAuth(ctx, 'owner'), body: {} });
        const allow = (res.headers['allow'] ?? '').split(',').map((m) => m.trim().toUpperCase()).filter(Boolean);
        if (res.status !== 405 || !defined.every((m) => allow.includes(m)) || allow.includes(method)) {
          ctx.fail({
            rule: 'a method a known path does not define answers 405 with an Allow header listing the defined ones',
            expected: `HTTP 405, Allow containing ${defined.join(', ')} and not ${method}`,
            actual: `HTTP ${res.status}, Allow: ${res.headers['allow'] ?? '(none)'} ${excerpt(res, 120)}`,
            response: res,
          });
        }
      }
    }
  },
};

export const robustnessChecks: Check[] = [badInput];
