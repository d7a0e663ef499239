// Bad input is the client's fault. Documented: a badly formed request is BAD_REQUEST, the client's
// error (errors.html), so it is never answered with a 5xx. Ours: which inputs are malformed and that
// they answer exactly 400 BAD_REQUEST (decisions `list-parameters`, `ttl-format`), and that a method
// a known path does not define answers 405 with an Allow header (RFC 9110 lets a server answer 404
// there; METHOD_NOT_ALLOWED is one of our codes, decision `recording-error-codes`). One rule per input.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { OP, ownerAuth, dependents, excerpt, expectConforms, expectError, get, jsonOf, paths, readyRecording, recordableChannel, step } from '../support.ts';
import type { OperationId } from '../support.ts';
import { decodeJwtParts } from '../jwt-forge.ts';
import { ttlMs } from '../ttl.ts';

const BAD_LIST_QUERIES: Record<string, string>[] = [
  { limit: 'abc' },
  { limit: '12abc' },
  { limit: '' },
  { offset: 'first' },
  { sort: 'created' },
  { order: 'sideways' },
  { limit: '0' },
  { limit: '101' },
  { limit: '-1' },
  { limit: 'x5' },
  { limit: '1.0' },
  { offset: '-1' },
  { offset: 'x3' },
  { offset: '3x' },
  { sort: '' },
  { order: 'ASC' },
  { session: '' },
];
const BAD_TTLS = ['abc', '5x', '-1m', 'm', '1.5m', '0m', '1w', '31d', '721h', 'x1m', '1m5'];
/** Accepted edges (decision list-parameters, ttl-format); `limit=10&offset=10` is the docs' own example. */
const GOOD_LIST_QUERIES: Record<string, string>[] = [
  { limit: '10', offset: '10', sort: 'started', order: 'desc' },
  { limit: '1' },
  { limit: '9', offset: '0' },
  { limit: '100' },
  { offset: '1' },
  { sort: 'ended', order: 'asc' },
];
const GOOD_TTLS = ['30d', '720h', '1s', '59m', '2h'];
const BAD_REQUEST_PREFIX = 'Badly formed request from client: ';

const what = (operation: OperationId, query: Record<string, string>) => `${operation} with ${new URLSearchParams(query).toString() || '(empty)'}`;

async function badRequest(ctx: CheckContext, operation: OperationId, path: string, query: Record<string, string>, { decision }: { decision: string }): Promise<void> {
  const w = what(operation, query);
  let res: TargetResponse | undefined;
  await ctx.rule(`${w} is not answered with a server error`, async () => {
    res = await get(ctx, path, operation, ownerAuth(ctx), query);
    if (res.status >= 500) ctx.fail({ rule: `${w} is not answered with a server error`, expected: 'a 4xx (BAD_REQUEST), or a 2xx if the server takes it', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation });
  }, { operation });
  if (!res) return ctx.notRun(`${w} answers 400 BAD_REQUEST`, 'no answer to judge', { decision, operation });
  const answer = res;
  await ctx.rule(`${w} answers 400 BAD_REQUEST`, () => {
    expectError(ctx, answer, 400, 'BAD_REQUEST', `${w} answers 400 BAD_REQUEST`, operation);
    expectConforms(ctx, answer, operation);
  }, { decision, operation });
  // Documented (errors.html): BAD_REQUEST's message is "Badly formed request from client: $message".
  const body = jsonOf(answer) as { error?: unknown; message?: unknown } | undefined;
  if (body?.error !== 'BAD_REQUEST') return;
  const message = `${w}: the BAD_REQUEST message is "${BAD_REQUEST_PREFIX}<what is wrong>"`;
  await ctx.rule(message, () => {
    const m = typeof body.message === 'string' ? body.message : '';
    if (!m.startsWith(BAD_REQUEST_PREFIX) || m.slice(BAD_REQUEST_PREFIX.length).trim() === '') {
      ctx.fail({ rule: message, expected: `"${BAD_REQUEST_PREFIX}" and what is wrong`, actual: JSON.stringify(body.message), response: answer, operation });
    }
  }, { operation });
  const names = `${w}: the BAD_REQUEST message names the parameter`;
  await ctx.rule(names, () => {
    const [param] = Object.keys(query);
    if (param && !(typeof body.message === 'string' && body.message.includes(param))) ctx.fail({ rule: names, expected: `a message naming ${param}`, actual: JSON.stringify(body.message), response: answer, operation, decision });
  }, { operation, decision });
}

/** A well-formed query answers 200 (a page within limit, or the credentials/URL). */
async function accepted(ctx: CheckContext, operation: OperationId, path: string, query: Record<string, string>, decision?: string): Promise<void> {
  const w = what(operation, query);
  await ctx.rule(`${w} is accepted`, async () => {
    // A hand-out's lifetime is judged between the Date of a request just before it and its own:
    // the server may be slow or (a mock met without control) run its clock faster than ours.
    const before = query.ttl === undefined ? Number.NaN : Date.parse((await get(ctx, path, operation, ownerAuth(ctx), query)).headers['date'] ?? '');
    const res = await get(ctx, path, operation, ownerAuth(ctx), query);
    if (res.status !== 200) return ctx.fail({ rule: `${w} is accepted`, expected: 'HTTP 200', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation, ...(decision ? { decision } : {}) });
    // A ttl is the hand-out's lifetime: the JWT's exp - iat (decision jwt-claims), the URL's expires - Date (decision download-url-form).
    const lifetime = query.ttl === undefined ? undefined : ttlMs(query.ttl);
    if (lifetime !== undefined) {
      const body = jsonOf(res) as { jwt?: string; url?: string } | undefined;
      const claims = typeof body?.jwt === 'string' ? decodeJwtParts(body.jwt)?.payload : undefined;
      const expires = typeof body?.url === 'string' && /^https?:/.test(body.url) ? Number(new URL(body.url).searchParams.get('expires')) : Number.NaN;
      const date = Date.parse(res.headers['date'] ?? '');
      if (claims && typeof claims.exp === 'number' && typeof claims.iat === 'number' && Math.abs((claims.exp - claims.iat) * 1000 - lifetime) > 1000) {
        ctx.fail({ rule: `${w}: the JWT lives for the ttl`, expected: `exp - iat = ${lifetime / 1000} s`, actual: `exp - iat = ${claims.exp - claims.iat} s`, response: res, operation, decision: 'jwt-claims' });
      }
      // Date headers count whole seconds: a second of slack on each side.
      const from = (Number.isFinite(before) ? before : date) + lifetime - 1000;
      const to = date + lifetime + 2000;
      if (Number.isFinite(expires) && Number.isFinite(date) && (expires < from || expires > to)) {
        ctx.fail({ rule: `${w}: the URL lives for the ttl`, expected: `expires between ${from} and ${to} (Date of the request before and of this one, + ${lifetime} ms)`, actual: `expires ${expires}, expires - Date = ${expires - date} ms`, response: res, operation, decision: 'download-url-form' });
      }
    }
    const results = (jsonOf(res) as { results?: unknown[] } | undefined)?.results;
    if (operation === OP.list && (!Array.isArray(results) || results.length > Number(query.limit ?? 20))) {
      ctx.fail({ rule: `${w} is accepted`, expected: `a page of at most ${query.limit ?? 20} results`, actual: excerpt(res), response: res, operation });
    }
  }, { operation, ...(decision ? { decision } : {}) });
}

const badInput: Check = {
  id: 'horn.robustness.bad-input',
  title: 'malformed limit/offset/sort/order and ttl: never a 5xx, and 400 BAD_REQUEST; undefined methods answer 405 with Allow',
  operations: [OP.list, OP.get, OP.downloadUrl, OP.credentials],
  specRef: '#/components/parameters/limit',
  needs: ['credentials'],
  decision: 'list-parameters',
  async run(ctx) {
    const channel = recordableChannel(ctx);
    for (const q of BAD_LIST_QUERIES) await badRequest(ctx, OP.list, paths.list(channel), q, { decision: 'list-parameters' });
    for (const q of GOOD_LIST_QUERIES) await accepted(ctx, OP.list, paths.list(channel), q, q.offset === '10' ? undefined : 'list-parameters');
    // The ttl routes need a recording: the configured (mock: seeded) ready one.
    let recording: string | undefined;
    const found = await step(ctx, 'the ready recording reads back', async () => {
      recording = (await readyRecording(ctx, { idOnly: true })).recording.id;
    });
    for (const ttl of BAD_TTLS) {
      for (const [operation, suffix] of [[OP.downloadUrl, '/download'], [OP.credentials, '/credentials']] as const) {
        if (found === 'passed' && recording) await badRequest(ctx, operation, paths.recording(channel, recording, suffix), { ttl }, { decision: 'ttl-format' });
        else dependents(ctx, found, [`${what(operation, { ttl })} is refused`], 'a ready recording to ask about');
      }
    }
    for (const ttl of GOOD_TTLS) {
      for (const [operation, suffix] of [[OP.downloadUrl, '/download'], [OP.credentials, '/credentials']] as const) {
        if (found === 'passed' && recording) await accepted(ctx, operation, paths.recording(channel, recording, suffix), { ttl }, 'ttl-format');
        else dependents(ctx, found, [`${what(operation, { ttl })} is accepted`], 'a ready recording to ask about', { decision: 'ttl-format' });
      }
    }

    const known: [string, string[]][] = [
      [paths.list(channel), ['GET']],
      ...(recording ? [[paths.recording(channel, recording), ['GET']] as [string, string[]]] : []),
      [paths.record(channel), ['POST']],
    ];
    const rule = 'a method a known path does not define answers 405 with an Allow header listing the defined ones';
    for (const [path, defined] of known) {
      for (const method of ['PUT', 'PATCH']) {
        await ctx.rule(`${rule} (${method} ${path})`, async () => {
          const res = await ctx.target.request({ method, path, auth: ownerAuth(ctx), body: {} });
          const allow = (res.headers['allow'] ?? '').split(',').map((m) => m.trim().toUpperCase()).filter(Boolean);
          if (res.status !== 405 || !defined.every((m) => allow.includes(m)) || allow.includes(method)) {
            ctx.fail({ rule, expected: `HTTP 405, Allow containing ${defined.join(', ')} and not ${method}`, actual: `HTTP ${res.status}, Allow: ${res.headers['allow'] ?? '(none)'} ${excerpt(res, 120)}`, response: res, decision: 'recording-error-codes' });
          }
        });
      }
    }
  },
};

export const robustnessChecks: Check[] = [badInput];
