// Bad input gets a documented 4xx, never a 5xx, and changes nothing: malformed JSON is 400, an
// unsupported Content-Type 415, a body over 64 KiB 413 (callrec decision body-encodings); a
// method a known path does not define is 405 with an Allow header (RFC 9110 §15.5.6); generated
// hostile ids, queries and bodies are answered with responses the spec documents.
import fc from 'fast-check';
import type { Check, CheckContext, TargetRequest } from '../../../core/check.ts';
import { checkProperty } from '../../engine/property.ts';
import { OP, excerpt, expectConforms, expectStatus, jsonOf, type OperationId } from '../support.ts';

const MALFORMED_JSON = ['{"user":', '{user: {name: "x"}}', "{'user':{'name':'x'}}", '{"user":{"name":"x"},}', 'not json', '{"a":1}{"b":2}'];

/** Paths the API defines, the methods each defines, and a method it does not. */
const PATHS: { path: string; defined: string[]; operation: OperationId }[] = [
  { path: '/rooms', defined: ['POST'], operation: OP.createRoom },
  { path: '/recordings/ffffffffffffffffffffffff', defined: ['GET', 'DELETE'], operation: OP.get },
  { path: '/rooms/callrec-no-room/recordings', defined: ['GET'], operation: OP.list },
  { path: '/webhooks', defined: ['GET', 'POST'], operation: OP.getWebhook },
];

async function unknownMethods(ctx: CheckContext): Promise<void> {
  for (const { path, defined, operation } of PATHS) {
    for (const method of ['PUT', 'PATCH']) {
      const res = await ctx.target.request({ method, path, body: {}, operation });
      expectStatus(ctx, res, 405, `${method} ${path} (a method the path does not define) answers 405`, operation);
      const allow = (res.headers['allow'] ?? '').split(',').map((m) => m.trim().toUpperCase()).filter(Boolean);
      const missing = defined.filter((m) => !allow.includes(m));
      if (missing.length > 0 || allow.includes(method)) {
        ctx.fail({ rule: 'a 405 carries an Allow header listing the methods the path defines', expected: `Allow containing ${defined.join(', ')} (not ${method})`, actual: res.headers['allow'] === undefined ? 'no Allow header' : `Allow: ${res.headers['allow']}`, response: res, operation });
      }
    }
  }
}

async function badBodies(ctx: CheckContext): Promise<void> {
  const webhookBefore = excerpt(await ctx.target.request({ method: 'GET', path: '/webhooks', operation: OP.getWebhook }), 2000);
  for (const body of MALFORMED_JSON) {
    for (const [path, operation] of [['/rooms', OP.createRoom], ['/webhooks', OP.registerWebhook]] as const) {
      const res = await ctx.target.request({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body, operation });
      expectStatus(ctx, res, 400, `a malformed JSON body on POST ${path} answers 400`, operation);
      const err = jsonOf<{ error?: unknown }>(ctx, res, 'a 400 carries an error body');
      if (typeof err?.error !== 'string') ctx.fail({ rule: 'an error answer is {"error": "<message>"}', specRef: '#/components/schemas/Error', expected: 'a string error', actual: excerpt(res), response: res, operation });
    }
  }
  const plain = await ctx.target.request({ method: 'POST', path: '/webhooks', headers: { 'content-type': 'text/plain' }, body: 'url=https://callrec.invalid/x&types=recording_update', operation: OP.registerWebhook });
  expectStatus(ctx, plain, 415, 'an unsupported Content-Type answers 415', OP.registerWebhook);
  const huge = `user%5Bname%5D=x&padding=${'x'.repeat(70 * 1024)}`;
  const big = await ctx.target.request({ method: 'POST', path: '/webhooks', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `url=https%3A%2F%2Fcallrec.invalid%2Fbig&types=recording_update&${huge}`, operation: OP.registerWebhook });
  expectStatus(ctx, big, 413, 'a body over 64 KiB answers 413', OP.registerWebhook);
  const after = await ctx.target.request({ method: 'GET', path: '/webhooks', operation: OP.getWebhook });
  if (excerpt(after, 2000) !== webhookBefore) {
    ctx.fail({ rule: 'refused registrations change nothing', expected: `GET /webhooks still ${webhookBefore.slice(0, 120)}`, actual: excerpt(after), response: after, operation: OP.getWebhook });
  }
}

// ---- generated hostile requests ----

/** Built on first use, not at import: fast-check's generators are costly to build, and every
 * CLI command imports every check module. */
let requestArbitrary: ReturnType<typeof buildRequestArb> | undefined;
function buildRequestArb() {
  const hostileSegment = fc.oneof(
    fc.constantFrom('%2e%2e', '..%2F..%2Fetc', '%00', 'a'.repeat(300), encodeURIComponent('réc😀'), '%20x%20', encodeURIComponent("'; DROP TABLE--")),
    fc.string({ maxLength: 30 }).map((s) => encodeURIComponent(s) || 'x'),
  );
  const hostileQuery = fc.dictionary(fc.constantFrom('page', 'since', 'until', 'started_at', '__proto__', 'x'), fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('-1', '1e309', 'NaN', '2026-13-45T99:99:99Z', '', '0x10', '99999999999')), { maxKeys: 3 });
  const hostileBody = fc.oneof(
    fc.json({ maxDepth: 2 }),
    fc.constantFrom(...MALFORMED_JSON),
    fc.record({ user: fc.oneof(fc.constant(null), fc.string(), fc.record({ name: fc.oneof(fc.string(), fc.integer(), fc.constant('')) })), id: fc.oneof(fc.string({ maxLength: 140 }), fc.integer()), options: fc.record({ recording_available: fc.oneof(fc.boolean(), fc.string({ maxLength: 5 })) }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
    fc.record({ url: fc.oneof(fc.webUrl(), fc.string()), types: fc.oneof(fc.constantFrom('recording_update', 'room_update,recording_update', 'bogus', ''), fc.array(fc.string({ maxLength: 8 }))) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  );
  const auth = fc.constantFrom<TargetRequest['auth']>('default', 'none', { authorization: 'wrong-key' });

  const requestArb: fc.Arbitrary<{ req: Omit<TargetRequest, 'operation'>; operation: OperationId }> = fc.oneof(
    fc.tuple(hostileSegment, auth).map(([id, a]) => ({ req: { method: 'GET', path: `/recordings/${id}`, auth: a }, operation: OP.get })),
    fc.tuple(hostileSegment, auth).map(([id, a]) => ({ req: { method: 'DELETE', path: `/recordings/${id}`, auth: a }, operation: OP.delete })),
    fc.tuple(hostileSegment, hostileQuery, auth).map(([id, q, a]) => ({ req: { method: 'GET', path: `/rooms/${id}/recordings`, query: q, auth: a }, operation: OP.list })),
    fc.tuple(hostileSegment, fc.constantFrom('POST', 'DELETE')).map(([key, m]) => ({ req: { method: m, path: `/rooms/${key}/recording`, auth: 'none' as const }, operation: m === 'POST' ? OP.start : OP.stop })),
    fc.tuple(hostileBody, fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'application/xml'), auth).map(([body, type, a]) => ({ req: { method: 'POST', path: '/rooms', headers: { 'content-type': type }, body, auth: a }, operation: OP.createRoom })),
    fc.tuple(hostileBody, auth).map(([body, a]) => ({ req: { method: 'POST', path: '/webhooks', headers: { 'content-type': 'application/json' }, body, auth: a }, operation: OP.registerWebhook })),
    fc.tuple(hostileSegment, hostileQuery).map(([f, q]) => ({ req: { method: 'GET', path: `/downloads/${f}.webm`, query: q, auth: 'none' as const }, operation: OP.download })),
  );
  return requestArb;
}

const badInput: Check = {
  id: 'eyeson.robustness.bad-input',
  title: 'bad input gets a documented 4xx (400 malformed JSON, 405 + Allow, 413, 415), never a 5xx',
  operations: [OP.createRoom, OP.registerWebhook, OP.get, OP.list],
  specRef: '#/components/requestBodies/CreateRoom',
  needs: ['credentials'],
  decision: 'body-encodings',
  async run(ctx: CheckContext) {
    await unknownMethods(ctx);
    await badBodies(ctx);
    // Some generated requests are valid and would join meetings or replace the webhook.
    if (!ctx.control && !(ctx.config as { writes?: boolean }).writes) {
      ctx.log('writes not allowed: generated requests were not sent');
      return;
    }
    await checkProperty(
      ctx,
      (requestArbitrary ??= buildRequestArb()),
      async ({ req, operation }) => {
        const res = await ctx.target.request({ ...req, operation });
        if (res.status >= 500) ctx.fail({ rule: 'bad input never causes a server error', expected: 'a documented 4xx', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation });
        // Writes that happened to be valid (a room joined, a webhook registered) are fine: only the shape is judged.
        expectConforms(ctx, res, operation);
      },
      { numRuns: 40 },
    );
  },
};

export const robustnessChecks: Check[] = [badInput];
