// The team API key travels raw in `Authorization` (api-facts §6): without it, or with a key the
// target does not know, team operations are refused — documented: the reference lists 403
// "UNAUTHORIZED" and the official clients map 401 and 403 to an authentication failure, so either
// refusal passes the documented rule, and a 403 only deviates from our decision auth-401-403
// (401 for a missing or unknown key). A locked key answers 423 Locked (authorization reference).
// One rule per operation and way of asking, so every operation is reported.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { asConfig } from '../config.ts';
import { OP, apiKeyOf, excerpt, expectStatus, getRecording, unknownRecordingId } from '../support.ts';

type Auth = 'default' | 'none' | Record<string, string>;

/** The team reads the check uses: they exist for every API key, so no data is needed. */
const READS: { name: string; operation: string; send(ctx: CheckContext, auth: Auth): Promise<TargetResponse> }[] = [
  { name: 'GET /webhooks', operation: OP.getWebhook, send: (ctx, auth) => ctx.target.request({ method: 'GET', path: '/webhooks', auth, operation: OP.getWebhook }) },
  { name: 'GET /recordings/{id}', operation: OP.get, send: (ctx, auth) => getRecording(ctx, unknownRecordingId(ctx), auth) },
];

/** Statuses that refuse a request for its credentials (reference: 403 "UNAUTHORIZED"; clients: 401, 403). */
const REFUSALS = [401, 403];

const apiKey: Check = {
  id: 'eyeson.auth.api-key',
  title: 'team operations need the raw API key: none or an unknown one is refused (401), a locked one 423',
  operations: [OP.getWebhook, OP.get],
  specRef: '#/components/securitySchemes/apiKey',
  needs: ['credentials'],
  decision: 'auth-401-403',
  async run(ctx: CheckContext) {
    const key = apiKeyOf(ctx);
    if (!key) ctx.notApplicable('no API key: set apiKey (or --api-key) in the target config');

    await ctx.rule('GET /webhooks with the team API key answers 200', async () => {
      expectStatus(ctx, await READS[0]!.send(ctx, 'default'), 200, 'GET /webhooks with the team API key answers 200', OP.getWebhook);
    }, { operation: OP.getWebhook });

    const cases: [string, Auth][] = [
      ['no Authorization header', 'none'],
      ['an empty Authorization header', { authorization: '' }],
      ['an API key the target never issued', { authorization: `callrec-unknown-${ctx.seed}-key` }],
      ['the API key with one character changed', { authorization: key.slice(0, -1) + (key.endsWith('x') ? 'y' : 'x') }],
    ];
    for (const read of READS) {
      for (const [what, auth] of cases) {
        await ctx.rule(`${read.name} with ${what} is refused`, async () => {
          const res = await read.send(ctx, auth);
          if (!REFUSALS.includes(res.status)) {
            ctx.fail({ rule: 'a team operation without a valid API key is refused (401 or 403)', expected: 'HTTP 401 (or the documented 403)', actual: `HTTP ${res.status} with ${what}: ${excerpt(res)}`, response: res, operation: read.operation });
          }
          if (res.status !== 401) {
            ctx.fail({ rule: 'a missing or unknown API key answers 401', decision: 'auth-401-403', specRef: '#/components/responses/Unauthorized', expected: 'HTTP 401', actual: `HTTP ${res.status} with ${what}: ${excerpt(res)}`, response: res, operation: read.operation });
          }
        }, { operation: read.operation });
      }
    }

    const locked = asConfig(ctx.config).lockedApiKey;
    for (const read of READS) {
      const rule = `${read.name} with a locked API key answers 423 Locked`;
      if (!locked) {
        ctx.skip(rule, 'no lockedApiKey in the target config: 423 Locked cannot be exercised', { operation: read.operation, specRef: '#/components/responses/Locked' });
        continue;
      }
      await ctx.rule(rule, async () => {
        expectStatus(ctx, await read.send(ctx, { authorization: locked }), 423, 'a locked API key answers 423 Locked', read.operation);
      }, { operation: read.operation, specRef: '#/components/responses/Locked' });
    }
  },
};

export const authChecks: Check[] = [apiKey];
