// Roles and recording access: a room-member token carries its role and the permissions that role
// had under its room's recording access when it was issued, and the server decides every recording
// operation with them (3.5: moderators record; moderators see and delete unless access is `admin`;
// speakers see only with `admin_moderator_speaker` and never delete or record).
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { asConfig } from '../config.ts';
import {
  OP,
  discardRecording,
  excerpt,
  expectErrorBody,
  expectStatus,
  listPage,
  meetRequest,
  roomMemberAuth,
  seedData,
  uniqueRoomId,
} from '../support.ts';
import type { MeetRecording, OperationId } from '../support.ts';

export type RecordingAccess = 'admin' | 'admin_moderator' | 'admin_moderator_speaker';
export const ACCESS_SETTINGS: readonly RecordingAccess[] = ['admin', 'admin_moderator', 'admin_moderator_speaker'];

export interface MemberPermissions {
  canRecord: boolean;
  canRetrieveRecordings: boolean;
  canDeleteRecordings: boolean;
}

/** What the token says about itself: room (`video.room`), role and permissions (`metadata` JSON). */
export interface MemberClaims {
  room: string;
  role: string;
  permissions: MemberPermissions;
}

/** Decodes (never verifies) a JWT's room-member claims; undefined when they are not there. */
export function memberClaims(token: string): MemberClaims | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.replace(/^Bearer\s+/, '').split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      video?: { room?: unknown };
      metadata?: unknown;
    };
    const meta = typeof payload.metadata === 'string' ? (JSON.parse(payload.metadata) as { role?: unknown; permissions?: Record<string, unknown> }) : undefined;
    const p = meta?.permissions;
    if (typeof payload.video?.room !== 'string' || typeof meta?.role !== 'string' || !p) return undefined;
    return {
      room: payload.video.room,
      role: meta.role,
      permissions: { canRecord: p.canRecord === true, canRetrieveRecordings: p.canRetrieveRecordings === true, canDeleteRecordings: p.canDeleteRecordings === true },
    };
  } catch {
    return undefined;
  }
}

interface MemberCase {
  label: string;
  roomId: string;
  token: string;
  /** Recordings of the room a wrong answer may delete (seeded, or listed in recordings.deletable). */
  expendable: string[];
  /** Mock: the role and the room's access setting the token was issued under (a real target's are unknown). */
  issued?: { role: 'moderator' | 'speaker'; access: RecordingAccess };
}

/**
 * What a role may do under a room's recording access (spec RecordingAccess): admin lets no room
 * member in; admin_moderator lets moderators see and delete; admin_moderator_speaker also lets
 * speakers see. Only a moderator records; a speaker never deletes.
 */
export function permissionsFor(role: 'moderator' | 'speaker', access: RecordingAccess): MemberClaims['permissions'] {
  const moderatorSees = role === 'moderator' && access !== 'admin';
  return { canRecord: role === 'moderator', canRetrieveRecordings: moderatorSees || (role === 'speaker' && access === 'admin_moderator_speaker'), canDeleteRecordings: moderatorSees };
}

/**
 * Mock: one room per access setting, two complete recordings in each, and a moderator and a speaker
 * token for it. Real target: the tokens of `roomRoleTokens` (whatever their rooms' settings: the
 * token's own permissions say what to expect).
 */
async function memberCases(ctx: CheckContext): Promise<MemberCase[]> {
  if (ctx.control) {
    const cases: MemberCase[] = [];
    for (const access of ACCESS_SETTINGS) {
      const roomId = uniqueRoomId(ctx, `acc-${access.replace(/_/g, '')}`);
      for (const role of ['moderator', 'speaker'] as const) {
        // Fresh recordings per token: one a wrong answer may delete, one a right answer may.
        const recs = await seedData(ctx, {
          rooms: [{ roomId, roomName: `Access ${access}`, participants: 2, recordingAccess: access }],
          recordings: [{ roomId, status: 'complete' }, { roomId, status: 'complete' }],
        });
        const { token } = await ctx.control.call<{ token: string }>('token', { kind: 'room-member', roomId, role });
        cases.push({ label: `${role} of a room with access ${access}`, roomId, token, expendable: recs.map((r) => r.recordingId), issued: { role, access } });
      }
    }
    return cases;
  }
  const config = asConfig(ctx.config);
  const deletable = new Set(config.recordings?.deletable ?? []);
  const cases: MemberCase[] = [];
  for (const [roomId, byRole] of Object.entries(config.roomRoleTokens ?? {})) {
    for (const [role, token] of Object.entries(byRole ?? {})) {
      if (!token) continue;
      const { page } = await listPage(ctx, { roomId, status: 'complete', maxItems: 100 });
      const expendable = page.recordings.map((r) => r.recordingId).filter((id): id is string => typeof id === 'string' && deletable.has(id));
      cases.push({ label: `${role} of room ${roomId}`, roomId, token, expendable });
    }
  }
  if (cases.length === 0) ctx.notApplicable('no role tokens: set roomRoleTokens: {roomId: {moderator, speaker}} in the target config');
  return cases;
}

const FORBIDDEN_OR_OK = (allowed: boolean, ok: number | number[]) => (allowed ? ok : 403);

async function expectDecided(ctx: CheckContext, res: TargetResponse, allowed: boolean, ok: number | number[], rule: string, operation: OperationId): Promise<void> {
  expectStatus(ctx, res, FORBIDDEN_OR_OK(allowed, ok), rule, operation);
  if (!allowed) expectErrorBody(ctx, res, `${rule} (Error body)`, operation);
}

const recordingAccess: Check = {
  id: 'openvidu-meet.auth.recording-access',
  title: "a room-member token's role and its room's recording access decide list, read, media, share URL, ZIP, delete and start",
  operations: [OP.list, OP.get, OP.media, OP.url, OP.zip, OP.delete, OP.bulkDelete, OP.start],
  specRef: '#/components/securitySchemes/roomMemberTokenHeader',
  needs: ['credentials'],
  async run(ctx: CheckContext) {
    const writes = Boolean(ctx.control || asConfig(ctx.config).writes);
    for (const c of await memberCases(ctx)) {
      const auth = roomMemberAuth(c.token);
      let claims: MemberClaims | undefined;
      const claimsRule = `${c.label}: the token names its room, role and recording permissions`;
      await ctx.rule(claimsRule, () => {
        claims = memberClaims(c.token);
        if (!claims) ctx.fail({ rule: claimsRule, expected: 'a JWT with video.room and metadata {role, permissions}', actual: 'no room-member claims in the token' });
        else if (claims.room !== c.roomId) ctx.fail({ rule: claimsRule, expected: `video.room ${c.roomId}`, actual: `video.room ${claims.room}` });
      });
      if (!claims) continue;
      const p = claims.permissions;
      if (c.issued) {
        const issued = c.issued;
        const tableRule = `${c.label}: the token carries the permissions the spec gives a ${issued.role} under ${issued.access}`;
        await ctx.rule(tableRule, () => {
          const want = permissionsFor(issued.role, issued.access);
          if (JSON.stringify(p) !== JSON.stringify(want)) ctx.fail({ rule: tableRule, specRef: '#/components/schemas/RecordingAccess', expected: JSON.stringify(want), actual: JSON.stringify(p) });
        });
      }
      const may = (yes: boolean) => (yes ? 'is served' : 'answers 403');

      const listRule = `${c.label}: GET /recordings ${may(p.canRetrieveRecordings)}`;
      await ctx.rule(listRule, async () => {
        const res = await ctx.target.request({ method: 'GET', path: '/recordings', query: { maxItems: 5 }, auth, operation: OP.list });
        await expectDecided(ctx, res, p.canRetrieveRecordings, 200, listRule, OP.list);
      }, { operation: OP.list });

      // A recording of the token's own room, read with the API key (the setting must not hide it from admins).
      const { page } = await listPage(ctx, { roomId: c.roomId, status: 'complete', maxItems: 5 });
      const rec = (page.recordings.find((r) => typeof r.recordingId === 'string' && !c.expendable.includes(r.recordingId)) ?? page.recordings[0]) as MeetRecording | undefined;
      const reads: { op: OperationId; what: string; path: string; query?: Record<string, string>; headers?: Record<string, string>; ok: number | number[] }[] = rec
        ? [
            { op: OP.get, what: 'GET /recordings/{id}', path: `/recordings/${encodeURIComponent(rec.recordingId)}`, ok: 200 },
            { op: OP.media, what: 'GET /recordings/{id}/media', path: `/recordings/${encodeURIComponent(rec.recordingId)}/media`, headers: { range: 'bytes=0-99' }, ok: [200, 206] },
            { op: OP.url, what: 'GET /recordings/{id}/url', path: `/recordings/${encodeURIComponent(rec.recordingId)}/url`, ok: 200 },
            { op: OP.zip, what: 'GET /recordings/download', path: '/recordings/download', query: { recordingIds: rec.recordingId }, ok: 200 },
          ]
        : [];
      if (!rec) ctx.skip(`${c.label}: reading a recording of its room follows canRetrieveRecordings`, `no complete recording listed in room ${c.roomId}`);
      for (const r of reads) {
        const rule = `${c.label}: ${r.what} of its room's recording ${may(p.canRetrieveRecordings)}`;
        await ctx.rule(rule, async () => {
          const res = await meetRequest(ctx, { method: 'GET', path: r.path, ...(r.query ? { query: r.query } : {}), auth: { ...auth, ...(r.headers ?? {}) }, operation: r.op });
          await expectDecided(ctx, res, p.canRetrieveRecordings, r.ok, rule, r.op);
        }, { operation: r.op });
      }

      // Deleting: a refusal is tried only on a recording a wrong answer may destroy; an acceptance only on the mock.
      const victim = c.expendable[0];
      const deletes: { op: OperationId; what: string; method: string; path: string; query?: Record<string, string> }[] = victim
        ? [
            { op: OP.delete, what: 'DELETE /recordings/{id}', method: 'DELETE', path: `/recordings/${encodeURIComponent(victim)}` },
            { op: OP.bulkDelete, what: 'DELETE /recordings?recordingIds', method: 'DELETE', path: '/recordings', query: { recordingIds: victim } },
          ]
        : [];
      for (const d of deletes) {
        const rule = `${c.label}: ${d.what} of its room's recording ${may(p.canDeleteRecordings)}`;
        if (p.canDeleteRecordings && !ctx.control) {
          ctx.skip(rule, 'the token may delete: accepting is only tried on the mock (it would use up a recording)');
          continue;
        }
        await ctx.rule(rule, async () => {
          const res = await meetRequest(ctx, { method: d.method, path: d.path, ...(d.query ? { query: d.query } : {}), auth, operation: d.op });
          await expectDecided(ctx, res, p.canDeleteRecordings, 200, rule, d.op);
        }, { operation: d.op });
        if (p.canDeleteRecordings) break; // deleted: the bulk form has nothing left to delete
      }
      if (!victim) ctx.skip(`${c.label}: deleting follows canDeleteRecordings`, `no recording of room ${c.roomId} may be deleted: list one in recordings.deletable`);

      // Starting: a refusal only (a token that may record is covered by the start checks); a wrong 201 is stopped again.
      const startRule = `${c.label}: POST /recordings for its room answers 403 without canRecord`;
      if (p.canRecord) ctx.skip(startRule, 'the token may record: the start checks cover starting with it');
      else if (!writes) ctx.skip(startRule, 'a wrong answer would start a recording: needs writes: true in the target config');
      else {
        await ctx.rule(startRule, async () => {
          const res = await meetRequest(ctx, { method: 'POST', path: '/recordings', body: { roomId: c.roomId }, auth, operation: OP.start });
          if (res.status === 201) {
            const id = (JSON.parse(res.text()) as { recordingId?: unknown }).recordingId;
            if (typeof id === 'string') await discardRecording(ctx, id);
          }
          if (res.status !== 403) ctx.fail({ rule: startRule, expected: 'HTTP 403', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.start });
          expectErrorBody(ctx, res, `${startRule} (Error body)`, OP.start);
        }, { operation: OP.start });
      }
    }
  },
};

export const recordingAccessChecks: Check[] = [recordingAccess];
