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
  step,
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

export const authChecks: Check[] = [roles];
