// Credentials and identifiers on every operation. Documented (authorization reference; api-facts
// §6): team operations take the API key raw in `Authorization`, a locked key answers 423 on every
// request that sends it, an access key in the path is the only credential of meeting operations,
// and a client's mistake is answered with a 4xx that says so — eyeson-ruby reads the message from
// the body's `error` — never a 5xx. Ours (decision auth-401-403): exactly 401 for a missing or
// unknown key, 403 for a known key touching another team's room or webhook; the key in any other
// form or place (a Bearer prefix, the query) is just an unknown key.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { asConfig } from '../config.ts';
import { OP, apiKeyOf, excerpt, expectConforms, finishedRecording, uniqueId, unknownRecordingId } from '../support.ts';
import type { OperationId } from '../support.ts';

type Auth = 'default' | 'none' | Record<string, string>;

interface Call {
  name: string;
  operation: OperationId;
  method: string;
  path: string;
  /** Writes something when the credentials are (wrongly) accepted: only with control or writes allowed. */
  writes?: boolean;
  body?: unknown;
  /** Without an Authorization header the path names an access key (decision shutdown-by-room-id): only header forms apply. */
  headerOnly?: boolean;
}

const enc = encodeURIComponent;
const send = (ctx: CheckContext, c: Call, auth: Auth, query?: Record<string, string>) =>
  ctx.target.request({ method: c.method, path: c.path, operation: c.operation, auth, ...(c.body !== undefined ? { body: c.body } : {}), ...(query ? { query } : {}) });

/** A 4xx whose body is `{"error": "<non-empty message>"}` (eyeson-ruby raises with body['error']). */
function refusedWithMessage(ctx: CheckContext, res: TargetResponse, rule: string, operation: string, statuses?: number[]): void {
  if (res.status < 400 || res.status >= 500 || (statuses && !statuses.includes(res.status))) {
    ctx.fail({ rule, expected: statuses ? `HTTP ${statuses.join(' or ')}` : 'a 4xx refusal', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation });
  }
  let body: unknown;
  try {
    body = JSON.parse(res.text());
  } catch {
    body = undefined;
  }
  const message = (body as { error?: unknown } | null | undefined)?.error;
  if (typeof message !== 'string' || message.trim() === '') ctx.fail({ rule: `${rule}: the body says why in "error"`, expected: '{"error": "<message>"}', actual: excerpt(res), response: res, operation });
}

/** The team operations, on data that exists for every key (or on ids nobody has). */
function teamCalls(ctx: CheckContext, finished: string | undefined): Call[] {
  const room = asConfig(ctx.config).rooms?.recordable;
  const recording = finished ?? unknownRecordingId(ctx);
  return [
    { name: 'GET /rooms', operation: OP.listMeetings, method: 'GET', path: '/rooms' },
    ...(room ? [{ name: 'GET /rooms/{room_id}/recordings', operation: OP.list, method: 'GET', path: `/rooms/${enc(room)}/recordings` }] : []),
    { name: 'GET /recordings/{id}', operation: OP.get, method: 'GET', path: `/recordings/${enc(recording)}` },
    { name: 'DELETE /recordings/{id}', operation: OP.delete, method: 'DELETE', path: `/recordings/${enc(recording)}`, writes: true },
    { name: 'GET /webhooks', operation: OP.getWebhook, method: 'GET', path: '/webhooks' },
    { name: 'POST /webhooks', operation: OP.registerWebhook, method: 'POST', path: '/webhooks', body: { url: 'https://hooks.example.com/callrec', types: 'recording_update' }, writes: true },
    { name: 'DELETE /webhooks/{id}', operation: OP.deleteWebhook, method: 'DELETE', path: `/webhooks/${uniqueId(ctx, 'hook')}`, writes: true },
    { name: 'POST /rooms', operation: OP.createRoom, method: 'POST', path: '/rooms', body: { user: { name: 'callrec' }, id: uniqueId(ctx, 'auth-room') }, writes: true },
    ...(room ? [{ name: 'DELETE /rooms/{room_id}', operation: OP.shutdown, method: 'DELETE', path: `/rooms/${enc(room)}`, writes: true, headerOnly: true }] : []),
  ];
}

const everyOperation: Check = {
  id: 'eyeson.auth.every-operation',
  title: 'every team operation: no key, an unknown key, the key with a Bearer prefix or in the query are refused (401, with {error}); a locked key is 423',
  operations: [OP.listMeetings, OP.list, OP.get, OP.delete, OP.getWebhook, OP.registerWebhook, OP.deleteWebhook, OP.createRoom, OP.shutdown],
  specRef: '#/components/securitySchemes/apiKey',
  needs: ['credentials'],
  decision: 'auth-401-403',
  async run(ctx) {
    const key = apiKeyOf(ctx) ?? ctx.notApplicable('no API key: set apiKey (or --api-key) in the target config');
    const finished = await finishedRecording(ctx).then((r) => r.id).catch(() => undefined);
    const writesOk = Boolean(ctx.control) || asConfig(ctx.config).writes === true;
    const forms: { what: string; auth: Auth; query?: Record<string, string>; decision?: string }[] = [
      { what: 'no Authorization header', auth: 'none' },
      { what: 'an unknown API key', auth: { authorization: `${key}-not` } },
      { what: 'the API key with a Bearer prefix', auth: { authorization: `Bearer ${key}` }, decision: 'auth-401-403' },
      { what: 'the API key in the query (api_key), no header', auth: 'none', query: { api_key: key }, decision: 'auth-401-403' },
      { what: 'the API key in the query (access_key), no header', auth: 'none', query: { access_key: key }, decision: 'auth-401-403' },
    ];
    const locked = asConfig(ctx.config).lockedApiKey;
    for (const call of teamCalls(ctx, finished)) {
      if (call.writes && !writesOk) {
        ctx.skip(`${call.name}: wrong credentials are refused`, 'a wrongly accepted request would write: needs writes: true in the target config', { operation: call.operation });
        continue;
      }
      for (const form of forms) {
        if (call.headerOnly && form.auth === 'none') continue;
        const rule = `${call.name} with ${form.what} is refused`;
        const opts = { operation: call.operation, ...(form.decision ? { decision: form.decision } : {}) };
        await ctx.rule(rule, async () => {
          const res = await send(ctx, call, form.auth, form.query);
          // Documented: refused (reference 403 "UNAUTHORIZED", clients 401/403); exactly 401 is ours.
          refusedWithMessage(ctx, res, rule, call.operation, [401, 403]);
          if (res.status !== 401) ctx.fail({ rule: `${rule} with 401`, decision: 'auth-401-403', expected: 'HTTP 401', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: call.operation });
        }, opts);
      }
      const lockedRule = `${call.name} with a locked API key answers 423 Locked`;
      if (!locked) ctx.skip(lockedRule, 'no lockedApiKey in the target config', { operation: call.operation });
      else {
        await ctx.rule(lockedRule, async () => {
          const res = await send(ctx, call, { authorization: locked });
          refusedWithMessage(ctx, res, lockedRule, call.operation, [423]);
        }, { operation: call.operation });
      }
    }
  },
};

const unknownIds: Check = {
  id: 'eyeson.robustness.unknown-ids',
  title: 'unknown, malformed and other teams\' ids on every operation: a documented 4xx with {error}, never a 5xx; a changed download link serves nothing',
  operations: Object.values(OP),
  specRef: '#/components/responses/NotFound',
  needs: ['credentials'],
  async run(ctx) {
    const odd = [unknownRecordingId(ctx), uniqueId(ctx, 'no-such'), 'ü ;,%', 'x'.repeat(300), '.webm'];
    const judge = async (what: string, call: Call, auth: Auth, statuses?: number[], decision?: string) => {
      await ctx.rule(what, async () => {
        const res = await send(ctx, call, auth);
        refusedWithMessage(ctx, res, what, call.operation, statuses);
        expectConforms(ctx, res, call.operation);
      }, { operation: call.operation, ...(decision ? { decision } : {}) });
    };
    for (const id of odd) {
      const label = JSON.stringify(id.slice(0, 24));
      // Access-key operations: the key names nothing (no Authorization: the key is the credential).
      for (const [name, operation, method, suffix] of [
        ['GET /rooms/{key}', OP.getRoom, 'GET', ''],
        ['POST /rooms/{key}/recording', OP.start, 'POST', '/recording'],
        ['DELETE /rooms/{key}/recording', OP.stop, 'DELETE', '/recording'],
        ['DELETE /rooms/{key}', OP.shutdown, 'DELETE', ''],
      ] as const) {
        await judge(`${name} with unknown access key ${label} is 404`, { name, operation, method, path: `/rooms/${enc(id)}${suffix}` }, 'none', [404]);
      }
      // Team operations on ids the team does not have.
      await judge(`GET /recordings/${label} (unknown) is 404`, { name: 'get', operation: OP.get, method: 'GET', path: `/recordings/${enc(id)}` }, 'default', [404]);
      await judge(`DELETE /recordings/${label} (unknown) is 404`, { name: 'delete', operation: OP.delete, method: 'DELETE', path: `/recordings/${enc(id)}` }, 'default', [404]);
      await judge(`GET /rooms/${label}/recordings (unknown room) is 404`, { name: 'list', operation: OP.list, method: 'GET', path: `/rooms/${enc(id)}/recordings` }, 'default', [404]);
      await judge(`DELETE /webhooks/${label} (unknown) is 404`, { name: 'unhook', operation: OP.deleteWebhook, method: 'DELETE', path: `/webhooks/${enc(id)}` }, 'default', [404]);
      await judge(`DELETE /rooms/${label} by room id with the API key (unknown room) is 404`, { name: 'shutdown', operation: OP.shutdown, method: 'DELETE', path: `/rooms/${enc(id)}` }, 'default', [404], 'shutdown-by-room-id');
      await judge(`GET /downloads/${label} (not a recording's file) is 404`, { name: 'download', operation: OP.download, method: 'GET', path: `/downloads/${enc(id)}` }, 'none', [404], 'download-endpoint');
    }
    await judge('GET /downloads/{unknown}.webm without a signature is 403', { name: 'download', operation: OP.download, method: 'GET', path: `/downloads/${unknownRecordingId(ctx)}.webm` }, 'none', [403], 'download-link-ttl');

    // A shut-down meeting's access key on every meeting operation: 410 Gone with {error} (authorization reference; decision gone-after-shutdown for "every").
    const gone = asConfig(ctx.config).accessKeys?.shutdown;
    if (!gone) ctx.skip("a shut-down meeting's access key is 410 on every meeting operation", 'needs accessKeys.shutdown in the target config');
    else {
      for (const [name, operation, method, suffix] of [
        ['GET /rooms/{key}', OP.getRoom, 'GET', ''],
        ['POST /rooms/{key}/recording', OP.start, 'POST', '/recording'],
        ['DELETE /rooms/{key}/recording', OP.stop, 'DELETE', '/recording'],
        ['DELETE /rooms/{key}', OP.shutdown, 'DELETE', ''],
      ] as const) {
        await judge(`${name} with a shut-down meeting's access key is 410 Gone`, { name, operation, method, path: `/rooms/${enc(gone)}${suffix}` }, 'none', [410], name === 'GET /rooms/{key}' ? undefined : 'gone-after-shutdown');
      }
    }
    // Bodies the API cannot take, and a method it does not define: each a 4xx that says why.
    const bodies: [string, Call, Record<string, string>, number, string][] = [
      ['POST /rooms with a text/plain body is 415', { name: 'create', operation: OP.createRoom, method: 'POST', path: '/rooms', body: 'user=x' }, { 'content-type': 'text/plain' }, 415, 'body-encodings'],
      ['POST /rooms with a body over 64 KiB is 413', { name: 'create', operation: OP.createRoom, method: 'POST', path: '/rooms', body: `user%5Bname%5D=${'x'.repeat(70_000)}` }, { 'content-type': 'application/x-www-form-urlencoded' }, 413, 'body-encodings'],
      ['PUT /rooms is 405 with Allow', { name: 'put', operation: OP.createRoom, method: 'PUT', path: '/rooms' }, {}, 405, 'method-not-allowed-405'],
    ];
    for (const [what, call, headers, status, decision] of bodies) {
      await ctx.rule(what, async () => {
        if (!ctx.control && asConfig(ctx.config).writes !== true) ctx.notApplicable('a wrongly accepted POST /rooms would start a meeting: needs writes: true');
        const res = await ctx.target.request({ method: call.method, path: call.path, operation: call.operation, headers, ...(call.body !== undefined ? { body: call.body } : {}) });
        refusedWithMessage(ctx, res, what, call.operation, [status]);
        if (status === 405 && !/GET/.test(res.headers['allow'] ?? '')) ctx.fail({ rule: what, expected: 'Allow naming GET and POST', actual: `Allow: ${res.headers['allow'] ?? '(none)'}`, response: res, operation: call.operation, decision });
      }, { operation: call.operation, decision });
    }

    // Another team's key on this team's room and recording (decision auth-401-403: 403 for a room; a recording is simply not theirs, 404).
    const other = asConfig(ctx.config).otherApiKey;
    const room = asConfig(ctx.config).rooms?.recordable;
    const finished = await finishedRecording(ctx).catch(() => undefined);
    if (!other || !room) ctx.skip("another team's key on this team's room and recording is refused", 'needs otherApiKey and rooms.recordable in the target config');
    else {
      await judge("another team's key listing this team's room is 403", { name: 'list', operation: OP.list, method: 'GET', path: `/rooms/${enc(room)}/recordings` }, { authorization: other }, [403], 'auth-401-403');
      if (finished) {
        await judge("another team's key reading this team's recording is 404", { name: 'get', operation: OP.get, method: 'GET', path: `/recordings/${enc(finished.id)}` }, { authorization: other }, [404], 'auth-401-403');
        await judge("another team's key deleting this team's recording is 404", { name: 'delete', operation: OP.delete, method: 'DELETE', path: `/recordings/${enc(finished.id)}` }, { authorization: other }, [404], 'auth-401-403');
      }
    }

    // A finished recording's download link with one part changed (decision download-link-ttl: 403).
    const link = finished?.links?.download;
    const parts: [string, (u: URL) => void][] = [
      ['another file', (u) => (u.pathname = u.pathname.replace(/[^/]+$/, `${unknownRecordingId(ctx)}.webm`))],
      ['a later expiry', (u) => u.searchParams.set('expires', String(Number(u.searchParams.get('expires')) + 1))],
      ['a non-numeric expiry', (u) => u.searchParams.set('expires', 'soon')],
      ['the expiry with a leading space', (u) => u.searchParams.set('expires', ` ${u.searchParams.get('expires')}`)],
      ['the expiry with a trailing space', (u) => u.searchParams.set('expires', `${u.searchParams.get('expires')} `)],
      ['no expiry', (u) => u.searchParams.delete('expires')],
      ['no signature', (u) => u.searchParams.delete('signature')],
      ['a changed signature', (u) => {
        const s = u.searchParams.get('signature') ?? '';
        u.searchParams.set('signature', `${s.startsWith('0') ? '1' : '0'}${s.slice(1)}`);
      }],
      ['a file that is not a recording', (u) => (u.pathname = u.pathname.replace(/[^/]+$/, 'x.txt'))],
    ];
    for (const [what, change] of parts) {
      const rule = `the download link with ${what} serves nothing`;
      if (typeof link !== 'string' || !/[?&]signature=/.test(link) || !/[?&]expires=\d+/.test(link)) {
        ctx.skip(rule, 'no finished recording with a link of the form …?expires&signature', { decision: 'download-link-ttl' });
        continue;
      }
      const u = new URL(link);
      change(u);
      await ctx.rule(rule, async () => {
        const res = await ctx.target.request({ method: 'GET', path: u.toString(), auth: 'none', operation: OP.download });
        refusedWithMessage(ctx, res, rule, OP.download, what === 'a file that is not a recording' ? [404] : [403]);
        // A changed link is not an expired one: the 403 says its signature is wrong (decision download-link-ttl).
        const said = (() => { try { return (JSON.parse(res.text()) as { error?: unknown }).error; } catch { return undefined; } })();
        if (res.status === 403 && !(typeof said === 'string' && /signature/i.test(said) && !/expired/i.test(said))) ctx.fail({ rule, expected: '{"error": "… signature …"}, not an expiry', actual: excerpt(res), response: res, operation: OP.download, decision: 'download-link-ttl' });
      }, { operation: OP.download, decision: 'download-link-ttl' });
    }

    // A Range the server cannot use is ignored (RFC 9110 §14.2 allows it; decision download-endpoint: the whole file).
    if (typeof link === 'string') {
      await ctx.rule('the download link with a malformed Range answers the whole file', async () => {
        const res = await ctx.target.request({ method: 'GET', path: link, auth: 'none', headers: { range: 'bytes=abc' }, operation: OP.download });
        if (res.status !== 200 || res.headers['content-length'] !== String(res.bytes.byteLength) || res.bytes.byteLength === 0) ctx.fail({ rule: 'the download link with a malformed Range answers the whole file', expected: 'HTTP 200 with the whole file', actual: `HTTP ${res.status}, ${res.bytes.byteLength} bytes`, response: res, operation: OP.download, decision: 'download-endpoint' });
      }, { operation: OP.download, decision: 'download-endpoint' });
    }

    // Last: the finished recording deleted, its link handed out before is dead (decision delete-running-recording: gone is 404).
    const deleted = 'a deleted recording is 404 everywhere, its earlier download link included';
    if (!finished || typeof link !== 'string' || !(ctx.control || asConfig(ctx.config).writes === true) || asConfig(ctx.config).recordings?.finished === finished.id) {
      ctx.skip(deleted, 'needs a finished recording of our own to delete (writes: true)', { decision: 'delete-running-recording' });
      return;
    }
    await ctx.rule(deleted, async () => {
      const del = await send(ctx, { name: 'delete', operation: OP.delete, method: 'DELETE', path: `/recordings/${enc(finished.id)}` }, 'default');
      const again = await send(ctx, { name: 'get', operation: OP.get, method: 'GET', path: `/recordings/${enc(finished.id)}` }, 'default');
      const file = await ctx.target.request({ method: 'GET', path: link, auth: 'none', operation: OP.download });
      if (del.status !== 200 || again.status !== 404 || file.status !== 404) ctx.fail({ rule: deleted, expected: 'DELETE 200, then GET 404 and the link 404', actual: `DELETE ${del.status}, GET ${again.status}, link ${file.status} ${excerpt(file)}`, response: file, operation: OP.download, decision: 'delete-running-recording' });
    }, { operation: OP.delete, decision: 'delete-running-recording' });
  },
};

export const identifierChecks: Check[] = [everyOperation, unknownIds];
