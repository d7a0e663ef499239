// OpenVidu Meet's suite: checks, target config, credentials, the mock's target config, and which
// checks each of the mock's faults must trip. apis.ts joins it with the mock (mock/registry.ts).
import type { SuiteModule } from '../../core/suite.ts';
import { createOpenViduMeetMock } from '../../mock/openvidu-meet/index.ts';
import { checks } from './checks/index.ts';
import { controlOnly, trips } from './faults.ts';
import { asConfig, configSchema } from './config.ts';

const SPEC = 'specs/openvidu-meet/openapi.yaml';
export const DEV_API_KEY = 'callrec-dev-key';
/** Complete recordings listed as deletable: the delete, bulk-delete and schema checks use up to 4. */
const DELETABLE = 6;
/** The room of the recording in progress listed as recordings.active. */
const LIVE_ROOM = 'room-live';
/** A room whose recordings only admins and moderators may see (a speaker's token is refused). */
const RESTRICTED_ROOM = 'room-restricted';

export const openViduMeet: SuiteModule = {
  trips,
  controlOnly,
  checks,
  configSchema,
  credentials: (config): Record<string, string> => {
    const key = asConfig(config).apiKey;
    return key ? { 'x-api-key': key } : {};
  },
  // Stop → complete takes 3 s of the mock's clock; token TTLs (24 h) and the 24 h recording limit
  // stay far beyond a run even at 10× (2.4 h of wall time), and checks only poll.
  selfcheckClockRate: 10,
  /**
   * What an implementer lists for a real server, prepared here out of band through the control API:
   * rooms, tokens, a complete recording (and one over 5 MiB) and recordings the suite may delete,
   * all picked from the seeded data, and a recording in progress, seeded once in a room of its own.
   */
  async mockTargetConfig(control) {
    const { token: accessToken } = await control.call<{ token: string }>('token', { kind: 'access' });
    const rooms = { recordable: 'room-alpha', other: 'room-beta', disabled: 'room-disabled', empty: 'room-empty' };
    const roomMemberTokens: Record<string, string> = {};
    for (const roomId of [rooms.recordable, rooms.other]) {
      roomMemberTokens[roomId] = (await control.call<{ token: string }>('token', { kind: 'room-member', roomId })).token;
    }
    // Role tokens: both roles in the recordable room (open to all roles), a speaker of the room whose
    // recordings are deletable, and a speaker of a room whose recordings only admins and moderators see.
    await control.seed({
      rooms: [{ roomId: RESTRICTED_ROOM, roomName: 'Restricted Room', participants: 1, recordingEnabled: true, recordingAccess: 'admin_moderator' }],
      recordings: [{ roomId: RESTRICTED_ROOM, status: 'complete' }],
    });
    const roleToken = async (roomId: string, role: 'moderator' | 'speaker') =>
      (await control.call<{ token: string }>('token', { kind: 'room-member', roomId, role })).token;
    const roomRoleTokens = {
      [rooms.recordable]: { moderator: await roleToken(rooms.recordable, 'moderator'), speaker: await roleToken(rooms.recordable, 'speaker') },
      [rooms.other]: { speaker: await roleToken(rooms.other, 'speaker') },
      [RESTRICTED_ROOM]: { speaker: await roleToken(RESTRICTED_ROOM, 'speaker') },
    };
    const state = await control.state<{ recordings: { recordingId: string; roomId: string; status: string; size?: number }[] }>();
    const complete = state.recordings.filter((r) => r.status === 'complete' && typeof r.size === 'number').sort((a, b) => a.size! - b.size!);
    const small = complete.find((r) => r.roomId === rooms.recordable) ?? complete[0];
    const large = complete.findLast((r) => r.size! > 5 * 1024 * 1024);
    // Deletable: seeded recordings of the other room, never the two listed above.
    const deletable = complete
      .filter((r) => r.roomId === rooms.other && r.recordingId !== small?.recordingId && r.recordingId !== large?.recordingId)
      .slice(0, DELETABLE)
      .map((r) => r.recordingId);
    // A recording in progress, in a room of its own (the recordable rooms stay free for the start checks).
    let active = state.recordings.find((r) => r.status === 'active' && r.roomId === LIVE_ROOM)?.recordingId;
    if (!active) {
      const seeded = (await control.seed({
        rooms: [{ roomId: LIVE_ROOM, roomName: 'Live Room', participants: 2, recordingEnabled: true }],
        recordings: [{ roomId: LIVE_ROOM, status: 'active' }],
      })) as { recordings: { recordingId: string }[] };
      active = seeded.recordings[0]?.recordingId;
    }
    const recordings = {
      ...(small ? { complete: small.recordingId } : {}),
      ...(large ? { large: large.recordingId } : {}),
      ...(active ? { active } : {}),
      deletable,
    };
    return { apiKey: DEV_API_KEY, accessToken, rooms, roomMemberTokens, roomRoleTokens, recordings, writes: true, control: true };
  },
  async registerReceiver(url, control, config) {
    if (control) {
      await control.call('webhook', { url });
      return true;
    }
    return Boolean(asConfig(config).receiver?.publicUrl);
  },
};
