// Rooms as the official clients use them beyond recording.
// * Meeting options: eyeson-php (tests/fixtures/room_options) sends `options[...]` form keys and
//   reads the same options back from the room response; eyeson-go passes `options[...]` keys as
//   given; eyeson-node sends an `options` object (its MeetingOptions list names and defaults).
//   What a client sent must come back in `options` — the issue's example is widescreen, answered
//   false whatever was sent. Defaults for options not sent, and the per-instance scope, are the
//   `room-options` decision.
// * Current meetings: eyeson-go GetCurrentMeetings reads GET /rooms as an array of room infos.
//   That a shut-down meeting is no longer listed and another team's never is, is the
//   `current-meetings` decision.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { asConfig } from '../config.ts';
import { OP, excerpt, expectStatus, freshMeeting, getRoom, jsonOf, requireWrites, shutdownMeeting, uniqueId } from '../support.ts';

const OPTIONS_SPEC = '#/components/schemas/RoomOptions';
const LIST_SPEC = '#/paths/~1rooms/get';

interface RoomInfoWire {
  id: string;
  name: string;
  ready: boolean;
  started_at: string;
  shutdown: boolean;
  guest_token: string;
}

interface RoomWire {
  access_key: string;
  room: RoomInfoWire;
  options: Record<string, unknown>;
}

/** What eyeson-php sends for a meeting with options (booleans as 1/0, as http_build_query writes them). */
const FORM_OPTIONS: Record<string, string> = {
  show_names: '0',
  show_label: '0',
  exit_url: 'https://callrec.invalid/bye',
  broadcast_available: '0',
  layout_available: '0',
  reaction_available: '0',
  guest_token_available: '0',
};
/** What an eyeson-go caller passes as `options[...]` keys (strings as written). */
const GO_OPTIONS: Record<string, string> = { widescreen: 'true', sfu_mode: 'screencast', background_color: '#336699', audio_insert: 'enabled', lock_available: 'true', kick_available: 'false' };
/** The same meaning, as typed values. */
const FORM_EXPECTED: Record<string, unknown> = {
  show_names: false, show_label: false, exit_url: 'https://callrec.invalid/bye', broadcast_available: false, layout_available: false, reaction_available: false, guest_token_available: false,
  widescreen: true, sfu_mode: 'screencast', background_color: '#336699', audio_insert: 'enabled', lock_available: true, kick_available: false,
};
/** eyeson-node: an options object with JSON values. */
const JSON_OPTIONS: Record<string, unknown> = { widescreen: true, show_names: false, audio_insert_position: { x: 10, y: 20 }, custom_fields: { locale: 'de', hide_chat: true } };

const formBody = (roomId: string, options: Record<string, string>) =>
  [`id=${encodeURIComponent(roomId)}`, `user%5Bname%5D=${encodeURIComponent('callrec options')}`, ...Object.entries(options).map(([k, v]) => `${encodeURIComponent(`options[${k}]`)}=${encodeURIComponent(v)}`)].join('&');

/** The sent options the response does not answer as sent: `name: sent → answered`. */
function mismatches(options: Record<string, unknown> | undefined, expected: Record<string, unknown>): string[] {
  return Object.entries(expected)
    .filter(([k, v]) => JSON.stringify(options?.[k]) !== JSON.stringify(v))
    .map(([k, v]) => `${k}: sent ${JSON.stringify(v)}, answered ${JSON.stringify(options?.[k])}`);
}

function expectOptions(ctx: CheckContext, res: TargetResponse, expected: Record<string, unknown>, rule: string, operation: string): RoomWire {
  const room = jsonOf<RoomWire>(ctx, res, rule);
  const wrong = mismatches(room?.options, expected);
  if (wrong.length > 0) ctx.fail({ rule, specRef: OPTIONS_SPEC, expected: JSON.stringify(expected), actual: wrong.join('; '), response: res, operation });
  return room;
}

const optionsHonoured: Check = {
  id: 'eyeson.rooms.options-honoured',
  title: 'the meeting options a client sends (form `options[...]` keys or a JSON object) come back in the room response',
  operations: [OP.createRoom, OP.getRoom],
  specRef: OPTIONS_SPEC,
  needs: ['credentials', 'writes'],
  decision: 'room-options',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    let formRoom: RoomWire | undefined;
    await ctx.rule('options sent as form keys (eyeson-php 1/0, eyeson-go strings) are answered as sent', async () => {
      const body = formBody(uniqueId(ctx, 'opts-form'), { ...FORM_OPTIONS, ...GO_OPTIONS });
      const res = await ctx.target.request({ method: 'POST', path: '/rooms', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, operation: OP.createRoom });
      expectStatus(ctx, res, 201, 'POST /rooms with options answers 201', OP.createRoom);
      formRoom = expectOptions(ctx, res, FORM_EXPECTED, 'options sent as form keys are answered as sent', OP.createRoom);
    }, { operation: OP.createRoom });
    await ctx.rule('options sent as a JSON object (eyeson-node) are answered as sent', async () => {
      const res = await ctx.target.request({ method: 'POST', path: '/rooms', body: { id: uniqueId(ctx, 'opts-json'), user: { name: 'callrec options' }, options: JSON_OPTIONS }, operation: OP.createRoom });
      expectStatus(ctx, res, 201, 'POST /rooms with options answers 201', OP.createRoom);
      expectOptions(ctx, res, JSON_OPTIONS, 'options sent as a JSON object are answered as sent', OP.createRoom);
    }, { operation: OP.createRoom });
    if (!formRoom) {
      ctx.notRun('GET /rooms/{access_key} answers the options the meeting started with', 'the meeting with options was not started');
      ctx.notRun('options not sent keep their documented defaults', 'the meeting with options was not started');
      return;
    }
    const started = formRoom;
    await ctx.rule('GET /rooms/{access_key} answers the options the meeting started with', async () => {
      const res = await getRoom(ctx, started.access_key);
      expectStatus(ctx, res, 200, 'a running meeting is readable by its access key', OP.getRoom);
      expectOptions(ctx, res, FORM_EXPECTED, 'GET /rooms/{access_key} answers the options the meeting started with', OP.getRoom);
    }, { operation: OP.getRoom });
    await ctx.rule('options not sent keep their documented defaults', async () => {
      const res = await getRoom(ctx, started.access_key);
      expectOptions(ctx, res, { recording_available: true }, 'options not sent keep their documented defaults', OP.getRoom);
    }, { operation: OP.getRoom, decision: 'room-options' });
  },
};

async function listMeetings(ctx: CheckContext, rule: string, auth?: Record<string, string>): Promise<{ res: TargetResponse; rooms: RoomInfoWire[] }> {
  const res = await ctx.target.request({ method: 'GET', path: '/rooms', operation: OP.listMeetings, ...(auth ? { auth } : {}) });
  expectStatus(ctx, res, 200, rule, OP.listMeetings);
  const rooms = jsonOf<RoomInfoWire[]>(ctx, res, rule);
  if (!Array.isArray(rooms)) ctx.fail({ rule, specRef: LIST_SPEC, expected: 'a JSON array of room infos', actual: excerpt(res), response: res, operation: OP.listMeetings });
  return { res, rooms };
}

const currentMeetings: Check = {
  id: 'eyeson.rooms.current-meetings',
  title: 'GET /rooms lists the team\'s running meetings: a new one is listed as its room, a shut-down one is not, another team never sees it',
  operations: [OP.listMeetings, OP.createRoom, OP.shutdown],
  specRef: LIST_SPEC,
  needs: ['credentials', 'writes'],
  decision: 'current-meetings',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const meeting = await freshMeeting(ctx);
    const roomRes = await getRoom(ctx, meeting.accessKey);
    expectStatus(ctx, roomRes, 200, 'a running meeting is readable by its access key', OP.getRoom);
    const own = jsonOf<RoomWire>(ctx, roomRes, 'GET /rooms/{access_key} answers the room response').room;
    await ctx.rule('a running meeting is listed by GET /rooms with the room of its room response', async () => {
      const { res, rooms } = await listMeetings(ctx, 'GET /rooms answers 200 with an array');
      const listed = rooms.find((r) => r?.id === meeting.roomId);
      const fields = ['id', 'name', 'started_at', 'shutdown', 'guest_token'] as const;
      const pick = (r: RoomInfoWire | undefined) => JSON.stringify(fields.map((f) => r?.[f]));
      if (pick(listed) !== pick(own)) {
        ctx.fail({ rule: 'a running meeting is listed with its room', specRef: LIST_SPEC, expected: `an entry ${pick(own)} (${fields.join(', ')})`, actual: listed ? pick(listed) : `no entry with id ${meeting.roomId} among ${rooms.length}`, response: res, operation: OP.listMeetings });
      }
    }, { operation: OP.listMeetings });
    const other = asConfig(ctx.config).otherApiKey;
    if (other) {
      await ctx.rule('another team\'s API key does not see the meeting', async () => {
        const { res, rooms } = await listMeetings(ctx, 'GET /rooms with another team\'s key answers 200', { authorization: other });
        if (rooms.some((r) => r?.id === meeting.roomId)) {
          ctx.fail({ rule: 'another team\'s API key does not see the meeting', specRef: LIST_SPEC, expected: `no entry with id ${meeting.roomId}`, actual: excerpt(res), response: res, operation: OP.listMeetings });
        }
      }, { operation: OP.listMeetings, decision: 'current-meetings' });
    } else ctx.skip('another team\'s API key does not see the meeting', 'needs otherApiKey in the target config', { operation: OP.listMeetings });
    const down = await shutdownMeeting(ctx, meeting.accessKey);
    if (down.status < 200 || down.status > 299) {
      ctx.notRun('a shut-down meeting is no longer listed', `the shutdown answered ${down.status}`, { operation: OP.listMeetings });
      return;
    }
    await ctx.rule('a shut-down meeting is no longer listed', async () => {
      const { res, rooms } = await listMeetings(ctx, 'GET /rooms answers 200 with an array');
      const listed = rooms.find((r) => r?.id === meeting.roomId);
      if (listed) ctx.fail({ rule: 'a shut-down meeting is no longer listed', specRef: LIST_SPEC, expected: `no entry with id ${meeting.roomId}`, actual: JSON.stringify(listed), response: res, operation: OP.listMeetings });
    }, { operation: OP.listMeetings, decision: 'current-meetings' });
  },
};

export const roomChecks: Check[] = [optionsHonoured, currentMeetings];
