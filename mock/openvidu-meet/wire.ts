// A recording as the API shows it: the documented fields that are set, with the faults that
// bend the wire shape applied.
import { has } from './context.ts';
import { WIRE_FIELDS } from './types.ts';
import type { MeetContext } from './context.ts';
import { roomSecret } from './ids.ts';
import { DEFAULT_RECORDING_ACCESS } from './types.ts';
import type { MeetRecording, Recording, Room, RoomStatus } from './types.ts';

export function toWire(r: Recording): MeetRecording {
  const out: Record<string, unknown> = {};
  for (const f of WIRE_FIELDS) if (r[f] !== undefined) out[f] = r[f];
  return out as MeetRecording;
}

/** A recording as the API shows it (with the `media-size-mismatch` fault applied). */
export function present(ctx: MeetContext, r: Recording): MeetRecording {
  const wire = toWire(r);
  if (wire.size !== undefined && has(ctx, 'media-size-mismatch')) wire.size += 1;
  return wire;
}

/**
 * A room as the rooms API shows it (MeetRoom, 3.5): its recording config carries the access setting
 * (`config.recording.allowAccessTo`); moderatorUrl and speakerUrl carry the role secrets. The same
 * links are also under `access.anonymous.<role>.url`, where later releases moved them and where the
 * current tutorials read them (decision room-access-links).
 */
export function roomWire(room: Room, origin: string): Record<string, unknown> {
  const status: RoomStatus = room.closed ? 'closed' : room.participants > 0 ? 'active_meeting' : 'open';
  const link = (role: 'moderator' | 'speaker') => `${origin}/room/${encodeURIComponent(room.roomId)}?secret=${roomSecret(room.roomId, role)}`;
  return {
    roomId: room.roomId,
    roomName: room.roomName,
    creationDate: room.creationDate ?? 0,
    ...(room.autoDeletionDate !== undefined ? { autoDeletionDate: room.autoDeletionDate } : {}),
    config: {
      recording: { enabled: room.recordingEnabled, allowAccessTo: room.recordingAccess ?? DEFAULT_RECORDING_ACCESS, layout: room.layout },
      chat: { enabled: true },
      virtualBackground: { enabled: true },
    },
    moderatorUrl: link('moderator'),
    speakerUrl: link('speaker'),
    access: { anonymous: { moderator: { enabled: true, url: link('moderator') }, speaker: { enabled: true, url: link('speaker') } } },
    status,
    meetingEndAction: room.deleteWhenMeetingEnds ? 'delete' : 'none',
  };
}
