// The team API key travels raw in `Authorization` (api-facts §6): without it, or with a key the
// target does not know, team operations are refused (401, a callrec decision on the exact code);
// a locked key answers 423 Locked (Eyeson authorization reference).
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { asConfig } from '../config.ts';
import { OP, apiKeyOf, excerpt, expectStatus, getRecording, unknownRecordingId } from '../support.ts';

type Auth = 'default' | 'none' | Record<string, string>;

/** The team reads the check uses: they exist for every API key, so no data is needed. */
const reads = (ctx: CheckContext, auth: Auth): Promise<TargetResponse>[] => [
  ctx.target.request({ method: 'GET', path: '/webhooks', auth, operation: OP.getWebhook }),
  getRecording(ctx, unknownRecordingId(ctx), auth),
];

const apiKey: Check = {
  id: 'eyeson.auth.api-key',
  title: 'team operations need the raw API key: none or an unknown one is 401, a locked one 423',
  operations: [OP.getWebhook, OP.get],
  specRef: '#/components/securitySchemes/apiKey',
  needs: ['credentials'],
  decision: 'auth-401-403',
  async run(ctx: CheckContext) {
    const key = apiKeyOf(ctx);
    if (!key) ctx.notApplicable('no API key: set apiKey (or --api-key) in the target config');

    const [withKey] = await Promise.all(reads(ctx, 'default'));
    expectStatus(ctx, withKey!, 200, 'GET /webhooks with the team API key answers 200', OP.getWebhook);

    const cases: [string, Auth][] = [
      ['no Authorization header', 'none'],
      ['an empty Authorization header', { authorization: '' }],
      ['an API key the target never issued', { authorization: `callrec-unknown-${ctx.seed}-key` }],
      ['the API key with one character changed', { authorization: key.slice(0, -1) + (key.endsWith('x') ? 'y' : 'x') }],
    ];
    for (const [what, auth] of cases) {
      for (const res of await Promise.all(reads(ctx, auth))) {
        if (res.status !== 401) {
          ctx.fail({
            rule: 'a team operation without a valid API key is refused with 401',
            expected: 'HTTP 401',
            actual: `HTTP ${res.status} with ${what}: ${excerpt(res)}`,
            response: res,
            operation: res.exchange.operation,
          });
        }
      }
    }

    const locked = asConfig(ctx.config).lockedApiKey;
    if (!locked) {
      ctx.log('no lockedApiKey in the target config: 423 Locked was not exercised');
      return;
    }
    for (const res of await Promise.all(reads(ctx, { authorization: locked }))) {
      expectStatus(ctx, res, 423, 'a locked API key answers 423 Locked', res.exchange.operation);
    }
  },
};

export const authChecks: Check[] = [apiKey];
