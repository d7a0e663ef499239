// Bad input gets a documented 4xx, never a 5xx, and changes nothing. Which 4xx is mostly ours to
// decide: malformed JSON 400, an unsupported Content-Type 415 and a body over 64 KiB 413 rest on
// callrec decision body-encodings, and a method a known path does not define being 405 with an
// Allow header (RFC 9110 §15.5.6) on decision method-not-allowed-405: the platform documents none of
// them, so those rules are decision-only. That bad input gets no server error and that generated
// hostile ids, queries and bodies are answered with responses the spec documents is documented.
//
// The generators are built before the first request (building some of fast-check's arbitraries
// takes seconds on a busy machine; done between requests it let the target close the idle
// keep-alive connection under us), and they are cheap ones.
import fc from 'fast-check';
import { NotImplemented, type Check, type CheckContext, type TargetRequest, type TargetResponse } from '../../../core/check.ts';
import { checkProperty } from '../../engine/property.ts';
import { OP, excerpt, expectConforms, jsonOf, type OperationId } from '../support.ts';

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
      if (res.status >= 500) ctx.fail({ rule: 'an undefined method never causes a server error', expected: 'a 4xx', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation });
      if (res.status !== 405) {
        ctx.fail({ rule: `${method} ${path} (a method the path does not define) answers 405`, decision: 'method-not-allowed-405', expected: 'HTTP 405', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation });
      }
      const allow = (res.headers['allow'] ?? '').split(',').map((m) => m.trim().toUpperCase()).filter(Boolean);
      const missing = defined.filter((m) => !allow.includes(m));
      if (missing.length > 0 || allow.includes(method)) {
        // RFC 9110 §15.5.6 requires Allow on every 405: documented once the 405 is given.
        ctx.fail({ rule: 'a 405 carries an Allow header listing the methods the path defines', expected: `Allow containing ${defined.join(', ')} (not ${method})`, actual: res.headers['allow'] === undefined ? 'no Allow header' : `Allow: ${res.headers['allow']}`, response: res, operation });
      }
    }
  }
}

/** GET /webhooks as text: what a refused registration must leave unchanged. */
/**
 * The registration GET /webhooks shows, without its delivery bookkeeping (last_request_sent_at,
 * last_response_code): a delivery the target makes meanwhile changes those, not the registration.
 */
const webhookNow = async (ctx: CheckContext) => registrationOf(await ctx.target.request({ method: 'GET', path: '/webhooks', operation: OP.getWebhook }));
function registrationOf(res: TargetResponse): string {
  try {
    const hook = JSON.parse(res.text()) as { id?: unknown; url?: unknown; types?: unknown };
    if (hook && typeof hook === 'object') return JSON.stringify({ id: hook.id, url: hook.url, types: hook.types });
  } catch {
    // Not JSON: compare the body as it is.
  }
  return excerpt(res, 2000);
}

async function malformedJson(ctx: CheckContext): Promise<void> {
  for (const body of MALFORMED_JSON) {
    for (const [path, operation] of [['/rooms', OP.createRoom], ['/webhooks', OP.registerWebhook]] as const) {
      const res = await ctx.target.request({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body, operation });
      if (res.status >= 500) ctx.fail({ rule: 'a malformed JSON body never causes a server error', expected: 'a 4xx', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation });
      if (res.status !== 400) ctx.fail({ rule: `a malformed JSON body on POST ${path} answers 400`, decision: 'body-encodings', expected: 'HTTP 400', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation });
      const err = jsonOf<{ error?: unknown }>(ctx, res, 'a 400 carries an error body');
      if (typeof err?.error !== 'string') ctx.fail({ rule: 'an error answer is {"error": "<message>"}', specRef: '#/components/schemas/Error', expected: 'a string error', actual: excerpt(res), response: res, operation });
    }
  }
}

/**
 * Sends one registration we expect refused; a 5xx is a documented failure, another status than
 * `status` a deviation. `accepted` learns when the target took it (then the webhook may have changed).
 */
async function refusedRegistration(ctx: CheckContext, contentType: string, body: string, status: number, what: string, accepted: { by?: string }): Promise<void> {
  const res = await ctx.target.request({ method: 'POST', path: '/webhooks', headers: { 'content-type': contentType }, body, operation: OP.registerWebhook });
  if (res.status < 300) accepted.by ??= `${what} was accepted (HTTP ${res.status})`;
  if (res.status >= 500) ctx.fail({ rule: `${what} never causes a server error`, expected: 'a 4xx', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.registerWebhook });
  if (res.status !== status) ctx.fail({ rule: `${what} answers ${status}`, decision: 'body-encodings', expected: `HTTP ${status}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.registerWebhook });
}

// ---- generated hostile requests ----

/** Built once, at the start of the check (never at import: every CLI command imports every check module). */
let requestArbitrary: ReturnType<typeof buildRequestArb> | undefined;
function buildRequestArb() {
  // Webhook URLs, valid and not: a few shapes and a free path, instead of fc.webUrl() (whose
  // construction alone blocked the event loop for seconds on a loaded machine).
  const url = fc.oneof(
    fc.constantFrom('https://callrec.invalid/hook', 'http://127.0.0.1:9/x', 'ftp://callrec.invalid/x', 'https://', 'javascript:alert(1)', 'https://[::1]:99999/', 'http://user:pw@callrec.invalid/'),
    fc.string({ maxLength: 24 }).map((p) => `https://callrec.invalid/${encodeURIComponent(p)}`),
  );
  const hostileSegment = fc.oneof(
    fc.constantFrom('%2e%2e', '..%2F..%2Fetc', '%00', 'a'.repeat(300), encodeURIComponent('réc😀'), '%20x%20', encodeURIComponent("'; DROP TABLE--")),
    fc.string({ maxLength: 30 }).map((s) => encodeURIComponent(s) || 'x'),
  );
  const hostileQuery = fc.dictionary(fc.constantFrom('page', 'since', 'until', 'started_at', '__proto__', 'x'), fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('-1', '1e309', 'NaN', '2026-13-45T99:99:99Z', '', '0x10', '99999999999')), { maxKeys: 3 });
  const hostileBody = fc.oneof(
    fc.json({ maxDepth: 2 }),
    fc.constantFrom(...MALFORMED_JSON),
    fc.record({ user: fc.oneof(fc.constant(null), fc.string(), fc.record({ name: fc.oneof(fc.string(), fc.integer(), fc.constant('')) })), id: fc.oneof(fc.string({ maxLength: 140 }), fc.integer()), options: fc.record({ recording_available: fc.oneof(fc.boolean(), fc.string({ maxLength: 5 })) }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
    fc.record({ url: fc.oneof(url, fc.string()), types: fc.oneof(fc.constantFrom('recording_update', 'room_update,recording_update', 'bogus', ''), fc.array(fc.string({ maxLength: 8 }))) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
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
    const requests = (requestArbitrary ??= buildRequestArb()); // before the first request

    await ctx.rule('an undefined method on a known path answers 405 with Allow', () => unknownMethods(ctx), { decision: 'method-not-allowed-405', specRef: '#/paths' });

    const hookBefore = await currentWebhook(ctx);
    const before = await webhookNow(ctx);
    // A target may legitimately take what we decided to refuse (a larger body limit, say): then
    // its webhook may have changed, and "refused changes nothing" has nothing to judge.
    const accepted: { by?: string } = {};
    try {
      await ctx.rule('a malformed JSON body answers 400 with an error body', () => malformedJson(ctx), { decision: 'body-encodings' });
      await ctx.rule('an unsupported Content-Type answers 415', () => refusedRegistration(ctx, 'text/plain', 'url=https://callrec.invalid/x&types=recording_update', 415, 'an unsupported Content-Type', accepted), { decision: 'body-encodings' });
      const padding = `user%5Bname%5D=x&padding=${'x'.repeat(70 * 1024)}`;
      await ctx.rule('a body over 64 KiB answers 413', () => refusedRegistration(ctx, 'application/x-www-form-urlencoded', `url=https%3A%2F%2Fcallrec.invalid%2Fbig&types=recording_update&${padding}`, 413, 'a body over 64 KiB', accepted), { decision: 'body-encodings' });
      await ctx.rule('refused registrations change nothing', async () => {
        if (accepted.by) ctx.notApplicable(`${accepted.by}: the webhook may have changed by right`);
        const after = await ctx.target.request({ method: 'GET', path: '/webhooks', operation: OP.getWebhook });
        if (registrationOf(after) !== before) {
          ctx.fail({ rule: 'refused registrations change nothing', expected: `GET /webhooks still ${before.slice(0, 120)}`, actual: excerpt(after), response: after, operation: OP.getWebhook });
        }
      }, { operation: OP.getWebhook });
    } finally {
      if (accepted.by) await restoreWebhook(ctx, hookBefore);
    }

    // Some generated requests are valid and would join meetings or replace the webhook.
    const generatedRule = 'generated hostile requests get documented answers, never a 5xx';
    if (!ctx.control && !(ctx.config as { writes?: boolean }).writes) {
      ctx.skip(generatedRule, 'some generated requests are valid writes (join a meeting, replace the webhook): set writes: true in the target config');
      return;
    }
    const hook = await currentWebhook(ctx);
    const missing = new Map<string, NotImplemented>();
    try {
      await ctx.rule(generatedRule, () =>
        checkProperty(
          ctx,
          requests,
          async ({ req, operation }) => {
            let res: TargetResponse;
            try {
              res = await ctx.target.request({ ...req, operation });
            } catch (e) {
              // An operation the target lacks: its samples are skipped (and reported below), the others judged.
              if (!(e instanceof NotImplemented)) throw e;
              missing.set(e.operation, e);
              return;
            }
            if (res.status >= 500) ctx.fail({ rule: 'bad input never causes a server error', expected: 'a documented 4xx', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation });
            // Writes that happened to be valid (a room joined, a webhook registered) are fine: only the shape is judged.
            if (operation !== OP.download) return expectConforms(ctx, res, operation);
            // The link host is not part of the documented API: its answers rest on decision download-endpoint.
            const issues = ctx.spec.validateResponse(operation, res.status, res.headers, res.bytes);
            if (issues.length > 0) {
              ctx.fail({ rule: `${operation} responses must match the spec`, decision: 'download-endpoint', specRef: issues[0]!.specRef, expected: 'a response the spec documents', actual: issues.map((i) => i.message).slice(0, 3).join('; '), response: res, operation });
            }
          },
          { numRuns: 40 },
        ),
      );
      for (const e of missing.values()) {
        await ctx.rule(`generated hostile requests to ${e.operation}`, () => {
          throw e;
        }, { operation: e.operation });
      }
    } finally {
      await restoreWebhook(ctx, hook);
    }
  },
};

interface WebhookWire {
  id?: string;
  url?: string;
  types?: string[];
}

async function currentWebhook(ctx: CheckContext): Promise<WebhookWire | null> {
  const res = await ctx.target.request({ method: 'GET', path: '/webhooks', operation: OP.getWebhook });
  if (res.status !== 200) return null;
  try {
    return JSON.parse(res.text()) as WebhookWire | null;
  } catch {
    return null;
  }
}

/** A generated registration may have replaced the team's webhook: put the one that was there back. */
async function restoreWebhook(ctx: CheckContext, before: WebhookWire | null): Promise<void> {
  const now = await currentWebhook(ctx);
  if (now?.url === before?.url && JSON.stringify(now?.types) === JSON.stringify(before?.types)) return;
  if (now?.id) await ctx.target.request({ method: 'DELETE', path: `/webhooks/${encodeURIComponent(now.id)}`, operation: OP.deleteWebhook });
  if (before?.url) {
    const types = (before.types ?? ['recording_update']).join(',');
    await ctx.target.request({ method: 'POST', path: '/webhooks', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `url=${encodeURIComponent(before.url)}&types=${encodeURIComponent(types)}`, operation: OP.registerWebhook });
  }
}

export const robustnessChecks: Check[] = [badInput];
