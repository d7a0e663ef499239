// Who may call what (facts §1.4, access control): owners ⊂ operators on a channel. Start is for
// operators (owners included), the download URL for owners only; the other operations follow the
// decision `roles-per-operation` (reads and stop for operators, credentials for owners). A user
// with no role gets 403 ACCESS_FORBIDDEN everywhere, and no token is refused everywhere.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import {
  OP,
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
} from '../support.ts';
import type { Auth, OperationId, Role } from '../support.ts';

type Caller = Role | 'nobody';

interface ReadOp {
  operation: OperationId;
  path: (channel: string, recording: string, asset: string) => string;
  /** The least role that may call it. */
  least: 'operator' | 'owner';
}

const READS: ReadOp[] = [
  { operation: OP.possible, path: (c) => paths.possible(c), least: 'operator' },
  { operation: OP.list, path: (c) => paths.list(c), least: 'operator' },
  { operation: OP.get, path: (c, r) => paths.recording(c, r), least: 'operator' },
  { operation: OP.assets, path: (c, r) => paths.recording(c, r, '/assets'), least: 'operator' },
  { operation: OP.asset, path: (c, r, a) => paths.asset(c, r, a), least: 'operator' },
  { operation: OP.downloadUrl, path: (c, r) => paths.recording(c, r, '/download'), least: 'owner' },
  { operation: OP.credentials, path: (c, r) => paths.recording(c, r, '/credentials'), least: 'owner' },
];

const mayCall = (caller: Caller, least: 'operator' | 'owner') => caller === 'owner' || (caller === 'operator' && least === 'operator');

function judge(ctx: CheckContext, res: TargetResponse, caller: Caller, allowed: boolean, what: string, operation: OperationId): void {
  if (allowed) {
    if (res.status < 200 || res.status >= 300) {
      ctx.fail({ rule: `a channel ${caller} may ${what}`, expected: 'a 2xx answer', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation });
    }
  } else if (caller === 'nobody') {
    expectRefused(ctx, res, `${what} without a Bearer token is refused`, operation);
  } else {
    expectError(ctx, res, 403, 'ACCESS_FORBIDDEN', `a channel ${caller === 'stranger' ? 'user with no role' : caller} may not ${what}`, operation);
  }
}

const authFor = (ctx: CheckContext, caller: Caller): Auth => (caller === 'nobody' ? 'none' : roleAuth(ctx, caller));

const roles: Check = {
  id: 'horn.auth.roles',
  title: 'owner, operator, user with no role and no token on every operation: each allowed or refused as documented',
  operations: Object.values(OP).filter((o) => o !== OP.assetsByJwt && o !== OP.assetByJwt && o !== OP.archive),
  specRef: '#/components/securitySchemes',
  needs: ['credentials', 'recording', 'writes'],
  decision: 'roles-per-operation',
  async run(ctx) {
    const callers: Caller[] = ['owner', 'operator', 'stranger', 'nobody'];
    const auth = Object.fromEntries(callers.map((c) => [c, authFor(ctx, c)])) as Record<Caller, Auth>;

    // Reads of a ready recording, and its hand-outs.
    const { channel, recording } = await readyRecording(ctx);
    const assets = await get(ctx, paths.recording(channel, recording.id, '/assets'), OP.assets, auth.owner);
    expectStatus(ctx, assets, 200, 'the owner may list the assets of a ready recording', OP.assets);
    const first = assets.json<{ id: string }[]>()[0];
    if (!first) return ctx.fail({ rule: 'a ready recording has assets', expected: 'at least one asset', actual: '[]', response: assets, operation: OP.assets });
    for (const op of READS) {
      for (const caller of callers) {
        const res = await get(ctx, op.path(channel, recording.id, first.id), op.operation, auth[caller]);
        judge(ctx, res, caller, mayCall(caller, op.least), `call ${op.operation}`, op.operation);
      }
    }

    // Start and stop on a channel of our own (mock) or the configured one (real, writes allowed).
    const live = await freshChannel(ctx);
    try {
      for (const caller of ['stranger', 'nobody'] as const) {
        const res = await startRecording(ctx, live, auth[caller]);
        judge(ctx, res, caller, false, 'start a recording', OP.start);
      }
      for (const caller of ['owner', 'operator'] as const) {
        const started = await startRecording(ctx, live, auth[caller]);
        judge(ctx, started, caller, true, 'start a recording (owners are operators)', OP.start);
        for (const outsider of ['stranger', 'nobody'] as const) {
          const res = await stopRecording(ctx, live, auth[outsider]);
          judge(ctx, res, outsider, false, 'stop a recording', OP.stop);
        }
        const stopped = await stopRecording(ctx, live, auth[caller]);
        judge(ctx, stopped, caller, true, 'stop the recording', OP.stop);
      }
    } finally {
      await stopQuietly(ctx, live);
    }
  },
};

export const authChecks: Check[] = [roles];
