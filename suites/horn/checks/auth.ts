// Who may call what (facts §1.4, access control): owners ⊂ operators on a channel. Documented:
// start is for operators (owners included), the download URL for owners only, an insufficient
// role answers 403 ACCESS_FORBIDDEN (errors.html), and every call needs a Bearer token. Who may
// read, ask for credentials and stop is our decision `roles-per-operation` (reads and stop for
// operators, credentials for owners; stop itself is the extension `stop-endpoint`): those rules
// are decision-only. One rule per operation and caller, so every operation is reported.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import {
  OP,
  ownerAuth,
  excerpt,
  expectError,
  expectRefused,
  expectStatus,
  freshChannel,
  get,
  paths,
  readyRecording,
  roleAuth,
  startRecording,
  stopQuietly,
  stopRecording,
  dependents,
  jsonOf,
  step,
  ACCESS_FORBIDDEN_MESSAGE,
} from '../support.ts';
import { asConfig } from '../config.ts';
import type { Auth, OperationId, Role } from '../support.ts';

type Caller = Role | 'nobody';

interface ReadOp {
  operation: OperationId;
  path: (channel: string, recording: string, asset: string) => string;
  /** The least role that may call it. */
  least: 'operator' | 'owner';
  /** Set when who may call it rests only on a callrec decision. */
  decision?: string;
}

const ROLES = 'roles-per-operation';
const READS: ReadOp[] = [
  { operation: OP.possible, path: (c) => paths.possible(c), least: 'operator', decision: ROLES },
  { operation: OP.list, path: (c) => paths.list(c), least: 'operator', decision: ROLES },
  { operation: OP.get, path: (c, r) => paths.recording(c, r), least: 'operator', decision: ROLES },
  { operation: OP.assets, path: (c, r) => paths.recording(c, r, '/assets'), least: 'operator', decision: ROLES },
  { operation: OP.asset, path: (c, r, a) => paths.asset(c, r, a), least: 'operator', decision: ROLES },
  // Documented: "Only channel owner can invoke that call".
  { operation: OP.downloadUrl, path: (c, r) => paths.recording(c, r, '/download'), least: 'owner' },
  { operation: OP.credentials, path: (c, r) => paths.recording(c, r, '/credentials'), least: 'owner', decision: ROLES },
];

const mayCall = (caller: Caller, least: 'operator' | 'owner') => caller === 'owner' || (caller === 'operator' && least === 'operator');
const callerName = (c: Caller) => (c === 'nobody' ? 'a caller without a Bearer token' : c === 'stranger' ? 'a user with no role on the channel' : `a channel ${c}`);

function judge(ctx: CheckContext, res: TargetResponse, caller: Caller, allowed: boolean, rule: string, operation: OperationId, decision?: string): void {
  const d = decision ? { decision } : {};
  if (allowed) {
    if (res.status < 200 || res.status >= 300) {
      ctx.fail({ rule, expected: 'a 2xx answer', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation, ...d });
    }
  } else if (caller === 'nobody') {
    // Documented: every call needs Authorization (conventions.html); the 401 code is ours.
    expectRefused(ctx, res, rule, operation);
  } else {
    if (res.status >= 200 && res.status < 300) ctx.fail({ rule, expected: 'a refusal (403 ACCESS_FORBIDDEN)', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation, ...d });
    expectError(ctx, res, 403, 'ACCESS_FORBIDDEN', rule, operation);
    // Documented (errors.html): ACCESS_FORBIDDEN says "User role is insufficient for this operation".
    const message = (jsonOf(res) as { message?: unknown } | undefined)?.message;
    if (message !== ACCESS_FORBIDDEN_MESSAGE) ctx.fail({ rule: `${rule}: with the documented message`, expected: JSON.stringify(ACCESS_FORBIDDEN_MESSAGE), actual: JSON.stringify(message), response: res, operation });
  }
}

const authFor = (ctx: CheckContext, caller: Caller): Auth => (caller === 'nobody' ? 'none' : roleAuth(ctx, caller));
const CALLERS: Caller[] = ['owner', 'operator', 'stranger', 'nobody'];

const roles: Check = {
  id: 'horn.auth.roles',
  title: 'owner, operator, user with no role and no token on every operation: each allowed or refused as documented',
  operations: Object.values(OP).filter((o) => o !== OP.assetsByJwt && o !== OP.assetByJwt && o !== OP.archive),
  specRef: '#/components/securitySchemes',
  needs: ['credentials'],
  decision: ROLES,
  async run(ctx) {
    // Reads of a ready recording, and its hand-outs: every operation × caller is its own rule.
    let target: { channel: string; recording: string; asset: string } | undefined;
    const found = await step(ctx, 'the owner lists the assets of the ready recording', async () => {
      const { channel, recording } = await readyRecording(ctx, { idOnly: true });
      const assets = await get(ctx, paths.recording(channel, recording.id, '/assets'), OP.assets, ownerAuth(ctx));
      expectStatus(ctx, assets, 200, 'the owner lists the assets of a ready recording', OP.assets);
      const first = assets.json<{ id: string }[]>()[0];
      if (!first) return ctx.fail({ rule: 'a ready recording has assets', expected: 'at least one asset', actual: '[]', response: assets, operation: OP.assets });
      target = { channel, recording: recording.id, asset: first.id };
    });
    for (const op of READS) {
      for (const caller of CALLERS) {
        const allowed = mayCall(caller, op.least);
        const rule = `${callerName(caller)} ${allowed ? 'may' : 'may not'} call ${op.operation}`;
        // Refusing a caller without a token is documented whatever the operation.
        const decision = caller === 'nobody' ? undefined : op.decision;
        const opts = { operation: op.operation, ...(decision ? { decision } : {}) };
        if (found !== 'passed' || !target) {
          dependents(ctx, found, [rule], 'a ready recording with an asset to call it on', opts);
          continue;
        }
        const t = target;
        await ctx.rule(rule, async () => {
          const res = await get(ctx, op.path(t.channel, t.recording, t.asset), op.operation, authFor(ctx, caller));
          judge(ctx, res, caller, allowed, rule, op.operation, decision);
        }, opts);
      }
    }

    // Start and stop on a channel of our own (mock) or the configured one (real, writes allowed).
    const writes = 'start and stop by each caller';
    if (!ctx.control && asConfig(ctx.config).writes !== true) return ctx.skip(writes, 'writes not allowed: set writes: true in the target config');
    let live: string | undefined;
    const ready = await step(ctx, 'a recordable channel is idle for start and stop', async () => {
      live = await freshChannel(ctx);
    });
    if (ready !== 'passed' || !live) return dependents(ctx, ready, [writes], 'an idle recordable channel');
    const ch = live;
    try {
      for (const caller of ['stranger', 'nobody'] as const) {
        const rule = `${callerName(caller)} may not start a recording`;
        await ctx.rule(rule, async () => judge(ctx, await startRecording(ctx, ch, authFor(ctx, caller)), caller, false, rule, OP.start), { operation: OP.start });
      }
      for (const caller of ['owner', 'operator'] as const) {
        const rule = `${callerName(caller)} may start a recording (owners are operators)`;
        const started = await step(ctx, rule, async () => judge(ctx, await startRecording(ctx, ch, authFor(ctx, caller)), caller, true, rule, OP.start), { operation: OP.start });
        const stopOpts = { operation: OP.stop, decision: 'stop-endpoint' };
        for (const outsider of ['stranger', 'nobody'] as const) {
          const r = `${callerName(outsider)} may not stop the recording ${caller === 'owner' ? 'an owner' : 'an operator'} started`;
          if (started !== 'passed') dependents(ctx, started, [r], 'a started recording', stopOpts);
          else await ctx.rule(r, async () => judge(ctx, await stopRecording(ctx, ch, authFor(ctx, outsider)), outsider, false, r, OP.stop, outsider === 'nobody' ? undefined : 'stop-endpoint'), outsider === 'nobody' ? { operation: OP.stop } : stopOpts);
        }
        const r = `${callerName(caller)} may stop the recording`;
        if (started !== 'passed') dependents(ctx, started, [r], 'a started recording', stopOpts);
        else await ctx.rule(r, async () => judge(ctx, await stopRecording(ctx, ch, authFor(ctx, caller)), caller, true, r, OP.stop, 'stop-endpoint'), stopOpts);
        await stopQuietly(ctx, ch);
      }
    } finally {
      await stopQuietly(ctx, ch);
    }
  },
};

/** The owner's Bearer token itself (mock: the seeded owner's; real: tokens.owner or token). */
function ownerToken(ctx: CheckContext): string {
  const cfg = asConfig(ctx.config);
  const token = cfg.tokens?.owner ?? cfg.token;
  if (!token) ctx.notApplicable('needs the owner token itself: set tokens.owner (or token) in the target config');
  return token;
}

/**
 * The same owner token in every form and place a client might send it. Documented: every call
 * needs `Authorization: Bearer <TOKEN>` (conventions.html), so a token elsewhere (query) or
 * without the scheme is refused; the scheme is case-insensitive and may be followed by several
 * spaces (RFC 9110 §11.1, §11.4), so those forms are accepted; a 401 names its scheme in
 * WWW-Authenticate (RFC 9110 §11.6.1). A download JWT is no user token (decision jwt-claims:
 * it only downloads), and the exact 401 code is ours (decision roles-per-operation).
 */
const credentialForms: Check = {
  id: 'horn.auth.credential-forms',
  title: 'the owner token in every form (scheme case, spaces, no scheme, query, a download JWT as Bearer) on every Bearer operation: accepted or refused as RFC 9110 and the docs say',
  operations: Object.values(OP).filter((o) => o !== OP.assetsByJwt && o !== OP.assetByJwt && o !== OP.archive),
  specRef: '#/components/securitySchemes/bearerAuth',
  needs: ['credentials', 'recording'],
  async run(ctx) {
    const token = ownerToken(ctx);
    let target: { channel: string; recording: string; asset: string; jwt?: string } | undefined;
    const found = await step(ctx, 'the owner reads the assets and credentials of the ready recording', async () => {
      const { channel, recording } = await readyRecording(ctx, { idOnly: true });
      const assets = await get(ctx, paths.recording(channel, recording.id, '/assets'), OP.assets, ownerAuth(ctx));
      expectStatus(ctx, assets, 200, 'the owner lists the assets of a ready recording', OP.assets);
      const first = assets.json<{ id: string }[]>()[0];
      if (!first) return ctx.fail({ rule: 'a ready recording has assets', expected: 'at least one asset', actual: '[]', response: assets, operation: OP.assets });
      const cred = await get(ctx, paths.recording(channel, recording.id, '/credentials'), OP.credentials, ownerAuth(ctx), { ttl: '1d' });
      const jwt = cred.status === 200 ? cred.json<{ jwt?: unknown }>().jwt : undefined;
      target = { channel, recording: recording.id, asset: first.id, ...(typeof jwt === 'string' ? { jwt } : {}) };
    });
    const forms: { what: string; headers: Record<string, string>; query?: Record<string, string>; accept: boolean; decision?: string; code?: string }[] = [
      { what: 'a lower-case scheme (bearer TOKEN)', headers: { authorization: `bearer ${token}` }, accept: true },
      { what: 'an upper-case scheme (BEARER TOKEN)', headers: { authorization: `BEARER ${token}` }, accept: true },
      { what: 'two spaces after the scheme', headers: { authorization: `Bearer  ${token}` }, accept: true },
      { what: 'the token without a scheme', headers: { authorization: token }, accept: false },
      { what: 'the token after another scheme (Basic)', headers: { authorization: `Basic ${token}` }, accept: false },
      { what: 'another scheme ending in Bearer (X-Bearer TOKEN)', headers: { authorization: `X-Bearer ${token}` }, accept: false },
      // RFC 9110 gives the token no spaces; whether a lenient server may read past them is ours to say.
      { what: 'the token with trailing text', headers: { authorization: `Bearer ${token} extra` }, accept: false, decision: 'roles-per-operation' },
      { what: 'the scheme without a token', headers: { authorization: 'Bearer' }, accept: false },
      { what: 'the token in the query (access_token), no header', headers: {}, query: { access_token: token }, accept: false },
      { what: 'the token in the query (token), no header', headers: {}, query: { token }, accept: false },
      { what: 'an unknown token', headers: { authorization: `Bearer ${token}x` }, accept: false, decision: 'roles-per-operation', code: 'UNAUTHORIZED' },
    ];
    let unchallenged: TargetResponse | undefined;
    const ops = (t: NonNullable<typeof target>) => READS.map((op) => ({ operation: op.operation, path: op.path(t.channel, t.recording, t.asset) }));
    for (const form of [...forms, { what: 'a download JWT as Bearer token', headers: {}, accept: false, decision: 'jwt-claims', jwt: true }]) {
      const name = `${form.what}: ${form.accept ? 'accepted' : 'refused'} on every Bearer operation`;
      const opts = 'decision' in form && form.decision ? { decision: form.decision } : {};
      if (found !== 'passed' || !target) {
        dependents(ctx, found, [name], 'a ready recording with an asset', opts);
        continue;
      }
      const t = target;
      await ctx.rule(name, async () => {
        let headers = form.headers;
        if ('jwt' in form) {
          if (!t.jwt) ctx.notApplicable('the target handed out no download credentials to try as a Bearer token');
          headers = { authorization: `Bearer ${t.jwt}` };
        }
        for (const { operation, path } of ops(t)) {
          const res = await ctx.target.request({ method: 'GET', path, operation, auth: 'none', headers, ...('query' in form && form.query ? { query: form.query } : {}) });
          const ok = res.status >= 200 && res.status < 300;
          if (form.accept ? !ok : res.status < 400 || res.status >= 500) {
            ctx.fail({ rule: name, expected: form.accept ? 'a 2xx answer' : 'a 4xx refusal', actual: `${operation}: HTTP ${res.status} ${excerpt(res)}`, response: res, operation, ...opts });
          }
          if ('code' in form && form.code) expectError(ctx, res, 401, form.code, name, operation);
          if (res.status === 401 && !/\S/.test(res.headers['www-authenticate'] ?? '')) unchallenged ??= res;
        }
      }, opts);
    }
    // RFC 9110 §11.6.1: a server generating a 401 MUST send WWW-Authenticate with at least one challenge.
    const challenge = 'every 401 carries a WWW-Authenticate challenge (RFC 9110 §11.6.1)';
    if (found !== 'passed') return dependents(ctx, found, [challenge], 'a ready recording with an asset');
    await ctx.rule(challenge, () => {
      if (unchallenged) ctx.fail({ rule: challenge, expected: 'WWW-Authenticate: Bearer …', actual: `HTTP 401 without WWW-Authenticate ${excerpt(unchallenged)}`, response: unchallenged });
    });
  },
};

export const authChecks: Check[] = [roles, credentialForms];
