// POST /recordings: what a successful start answers, the documented refusals, and that a room
// records at most one recording at a time — also under a burst of parallel starts.
import type { Check, CheckContext } from '../../../core/check.ts';
import { asConfig } from '../config.ts';
import {
  OP,
  discardRecording,
  excerpt,
  expectErrorBody,
  expectStatus,
  expectValidationError,
  getRecording,
  meetRequest,
  recordableRoom,
  requireWrites,
  settle,
  startRecording,
  uniqueRoomId,
} from '../support.ts';
import { stopRecording } from '../support-media.ts';
import type { MeetRecording } from '../support.ts';

const START_REF = '#/paths/~1recordings/post';

const createdWithLocation: Check = {
  id: 'openvidu-meet.start.created-with-location',
  title: 'start answers 201 with the active recording and a Location that reads it back',
  operations: [OP.start, OP.get],
  specRef: `${START_REF}/responses/201`,
  needs: ['credentials', 'room', 'writes'],
  decision: 'start-returns-active',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const roomId = await recordableRoom(ctx);
    const res = await startRecording(ctx, roomId);
    expectStatus(ctx, res, 201, 'start in a recordable room must answer 201', OP.start);
    const rec = res.json<MeetRecording>();
    try {
      await ctx.rule('the started recording is starting or active and belongs to the requested room', () => {
        if ((rec.status !== 'active' && rec.status !== 'starting') || rec.roomId !== roomId) {
          ctx.fail({
            rule: 'the started recording is starting or active and belongs to the requested room',
            expected: `status starting or active, roomId ${roomId}`,
            actual: `status ${String(rec.status)}, roomId ${String(rec.roomId)}`,
            response: res,
            operation: OP.start,
          });
        }
      });
      // The platform answers `active` once the egress runs (api-facts §5.4): that is what
      // start-returns-active adds; a server answering `starting` only deviates from it.
      await ctx.rule('the started recording is active (not starting)', () => {
        if (rec.status !== 'active') {
          ctx.fail({ rule: 'the started recording is active', expected: 'status active', actual: `status ${String(rec.status)}`, response: res, operation: OP.start });
        }
      }, { decision: 'start-returns-active' });
      await ctx.rule('a 201 from start carries a Location that reads the recording back', async () => {
        const location = res.headers['location'];
        if (!location) {
          ctx.fail({ rule: 'a 201 from start carries a Location header', specRef: '#/components/headers/Location', expected: 'a Location header', actual: 'none', response: res, operation: OP.start });
        }
        const url = new URL(location, ctx.target.baseUrl).toString();
        const back = await ctx.target.request({ method: 'GET', path: url, operation: OP.get });
        expectStatus(ctx, back, 200, 'the Location of a new recording must be readable', OP.get);
        const read = back.json<MeetRecording>();
        if (read.recordingId !== rec.recordingId) {
          ctx.fail({
            rule: 'Location names the recording just created',
            specRef: '#/components/headers/Location',
            expected: `recordingId ${rec.recordingId}`,
            actual: `recordingId ${String(read.recordingId)}`,
            response: back,
            operation: OP.get,
          });
        }
      }, { specRef: '#/components/headers/Location' });
    } finally {
      if (typeof rec.recordingId === 'string') await discardRecording(ctx, rec.recordingId);
    }
  },
};

/** A room in a particular state. Mock: seeded fresh; real target: the configured one, or undefined. */
async function roomWith(ctx: CheckContext, kind: 'disabled' | 'empty'): Promise<string | undefined> {
  if (ctx.control) {
    const roomId = uniqueRoomId(ctx, kind);
    const room = kind === 'disabled' ? { roomId, roomName: `Room ${roomId}`, participants: 2, recordingEnabled: false } : { roomId, roomName: `Room ${roomId}`, participants: 0, recordingEnabled: true };
    await ctx.control.seed({ rooms: [room] });
    return roomId;
  }
  return asConfig(ctx.config).rooms?.[kind];
}

const documentedErrors: Check = {
  id: 'openvidu-meet.start.documented-errors',
  title: 'start refuses unknown rooms (404), disabled rooms (403), empty rooms (409) and bad bodies (422)',
  operations: [OP.start],
  specRef: START_REF,
  needs: ['credentials'],
  async run(ctx: CheckContext) {
    const created: string[] = [];
    // If a refusal is wrongly accepted on a real server, do not leave a recording running.
    const refused = async (body: unknown, status: number, rule: string) =>
      ctx.rule(rule, async () => {
        const res = await meetRequest(ctx, { method: 'POST', path: '/recordings', body, operation: OP.start });
        if (res.status === 201) {
          const id = (JSON.parse(res.text()) as { recordingId?: unknown }).recordingId;
          if (typeof id === 'string') created.push(id);
        }
        expectStatus(ctx, res, status, rule, OP.start);
        expectErrorBody(ctx, res, `${rule} (Error body)`, OP.start);
      });
    // Bodies are built before the first request.
    const bodies: { body: unknown; field: RegExp; what: string }[] = [
      { body: {}, field: /(^|\.)roomId$/, what: 'a body without roomId' },
      { body: { roomId: 42 }, field: /(^|\.)roomId$/, what: 'a numeric roomId' },
      { body: { roomId: '   ' }, field: /(^|\.)roomId$/, what: 'a roomId that is empty after trimming' },
      { body: { roomId: uniqueRoomId(ctx, 'layout'), config: { layout: 'mosaic-3d' } }, field: /layout$/, what: 'an unknown config.layout' },
    ];
    try {
      await refused({ roomId: uniqueRoomId(ctx, 'no-such-room') }, 404, 'start in a room that does not exist answers 404');

      const disabledRule = 'start in a room with recording disabled answers 403';
      const disabled = await roomWith(ctx, 'disabled');
      if (disabled) await refused({ roomId: disabled }, 403, disabledRule);
      else ctx.skip(disabledRule, 'no room with recording disabled: set rooms.disabled in the target config');

      const emptyRule = 'start in a room without participants answers 409';
      const empty = await roomWith(ctx, 'empty');
      if (empty) await refused({ roomId: empty }, 409, emptyRule);
      else ctx.skip(emptyRule, 'no room without participants: set rooms.empty in the target config');

      for (const { body, field, what } of bodies) {
        const rule = `start with ${what} answers 422 naming the field`;
        await ctx.rule(rule, async () => {
          const res = await meetRequest(ctx, { method: 'POST', path: '/recordings', body, operation: OP.start });
          expectValidationError(ctx, res, field, rule, OP.start);
        });
      }
    } finally {
      for (const id of created) await discardRecording(ctx, id);
    }
  },
};

/**
 * One recording per room at a time, until it has ended: the platform holds a room's recording lock
 * from the start until the media server reports the end (egress_ended), so a recording that is
 * still `ending` after its stop keeps the room (facts §5.4; the platform's recording service).
 */
const oneActivePerRoom: Check = {
  id: 'openvidu-meet.start.one-active-per-room',
  title: 'a second start in a room that is recording, or whose recording is still ending, answers 409; once it has ended the room records again',
  operations: [OP.start, OP.stop],
  specRef: `${START_REF}/responses/409`,
  needs: ['credentials', 'room', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const roomId = await recordableRoom(ctx);
    const first = await startRecording(ctx, roomId);
    expectStatus(ctx, first, 201, 'start in a recordable room must answer 201', OP.start);
    const firstId = first.json<MeetRecording>().recordingId;
    const ids = [firstId];
    const started = (res: { status: number; json<T>(): T }) => {
      if (res.status === 201) ids.push(res.json<MeetRecording>().recordingId);
    };
    try {
      await ctx.rule('a room that is already recording refuses a second start with 409', async () => {
        const second = await startRecording(ctx, roomId);
        started(second);
        expectStatus(ctx, second, 409, 'a room that is already recording refuses a second start with 409', OP.start);
        expectErrorBody(ctx, second, 'the 409 of a second start has an Error body', OP.start);
      });
      const ENDING = 'a room whose recording is still ending after its stop refuses a start with 409';
      const AGAIN = 'once its recording has ended, the room records again (201)';
      const stop = await stopRecording(ctx, firstId);
      if (stop.status !== 202) {
        for (const r of [ENDING, AGAIN]) ctx.notRun(r, `the recording could not be stopped (HTTP ${stop.status})`);
        return;
      }
      if (stop.json<MeetRecording>().status !== 'ending') ctx.skip(ENDING, 'the stop answered the recording already finished');
      else {
        await ctx.rule(ENDING, async () => {
          const during = await startRecording(ctx, roomId);
          started(during);
          if (during.status === 201) {
            // A real server may have finished the recording between the two requests: only a start
            // while it still reads as ending breaks the rule.
            const now = (await getRecording(ctx, firstId)).json<MeetRecording>();
            if (now.status === 'ending') {
              ctx.fail({ rule: ENDING, expected: 'HTTP 409 while the stopped recording is ending', actual: `HTTP 201 ${excerpt(during)}; ${firstId} still ending`, response: during, operation: OP.start });
            }
            return;
          }
          expectStatus(ctx, during, 409, ENDING, OP.start);
        });
      }
      await ctx.rule(AGAIN, async () => {
        await settle(ctx, firstId);
        if (ids.length > 1) return; // a start already went through above: the room was free
        const again = await startRecording(ctx, roomId);
        started(again);
        expectStatus(ctx, again, 201, AGAIN, OP.start);
      });
    } finally {
      for (const id of ids) await discardRecording(ctx, id);
    }
  },
};

const parallelSingleWinner: Check = {
  id: 'openvidu-meet.start.parallel-single-winner',
  title: 'parallel starts in one room: exactly one 201, the others 409',
  operations: [OP.start],
  specRef: `${START_REF}/responses/409`,
  needs: ['credentials', 'room', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const roomId = await recordableRoom(ctx);
    const n = ctx.control ? 100 : 20;
    const all = await Promise.all(Array.from({ length: n }, () => startRecording(ctx, roomId)));
    const winners = all.filter((r) => r.status === 201);
    try {
      const odd = all.find((r) => r.status !== 201 && r.status !== 409);
      if (odd) {
        ctx.fail({ rule: 'each of the parallel starts answers 201 or 409', expected: 'HTTP 201 or 409', actual: `HTTP ${odd.status} ${excerpt(odd)}`, response: odd, operation: OP.start });
      }
      if (winners.length !== 1) {
        ctx.fail({
          rule: 'parallel starts in one room let exactly one recording start',
          expected: `1 × 201 and ${n - 1} × 409`,
          actual: `${winners.length} × 201 and ${n - winners.length} × 409`,
          response: winners[1] ?? all[0],
          operation: OP.start,
          repro: `send ${n} POST /recordings {"roomId":"${roomId}"} at once (e.g. xargs -P ${n} with the curl line)`,
        });
      }
    } finally {
      for (const w of winners) {
        const id = (JSON.parse(w.text()) as { recordingId?: unknown }).recordingId;
        if (typeof id === 'string') await discardRecording(ctx, id);
      }
    }
  },
};

/**
 * The documented 503 "timed out while starting". A real server cannot be made to stall on demand, so
 * this needs the control API (`stall-start` makes the next start time out).
 */
const startTimeout: Check = {
  id: 'openvidu-meet.start.timeout-503',
  title: 'a start that times out answers 503 with an Error body, and the room can record again',
  operations: [OP.start],
  specRef: `${START_REF}/responses/503`,
  needs: ['control', 'room', 'writes'],
  async run(ctx: CheckContext) {
    if (!ctx.control) ctx.notApplicable('a real server cannot be made to stall a start: needs the control API (stall-start)');
    const roomId = await recordableRoom(ctx);
    await ctx.control.call('stall-start', { count: 1 });
    await ctx.rule('a start the media server never confirms answers 503 with an Error body', async () => {
      const res = await startRecording(ctx, roomId);
      if (res.status === 201) await discardRecording(ctx, res.json<MeetRecording>().recordingId);
      expectStatus(ctx, res, 503, 'a start that times out answers 503', OP.start);
      expectErrorBody(ctx, res, 'a start that times out answers 503 (Error body)', OP.start);
    }, { operation: OP.start });
    await ctx.rule('after a timed-out start the room starts a recording (201)', async () => {
      const res = await startRecording(ctx, roomId);
      expectStatus(ctx, res, 201, 'after a timed-out start the room starts a recording', OP.start);
      await discardRecording(ctx, res.json<MeetRecording>().recordingId);
    }, { operation: OP.start, decision: 'start-timeout-503' });
  },
};


/**
 * The layout a recording is made with (facts §5.4, §5.6: the start test's layout override, and
 * "empty config uses room default"): `config.layout` when the start names one, the room's recording
 * layout otherwise; the recording shows it from the 201 on.
 */
const layoutChosen: Check = {
  id: 'openvidu-meet.start.layout',
  title: "a recording is made with the layout its start names, or else with its room's",
  operations: [OP.start, OP.get, 'getRoom'],
  specRef: '#/components/schemas/StartRecordingRequest',
  needs: ['credentials', 'room', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const asked = 'a start with config.layout single-speaker answers and reads back that layout';
    await ctx.rule(asked, async () => {
      const roomId = await recordableRoom(ctx);
      const res = await meetRequest(ctx, { method: 'POST', path: '/recordings', body: { roomId, config: { layout: 'single-speaker' } }, operation: OP.start });
      expectStatus(ctx, res, 201, `${asked} (HTTP 201)`, OP.start);
      const rec = res.json<MeetRecording>();
      try {
        const back = await meetRequest(ctx, { method: 'GET', path: `/recordings/${encodeURIComponent(rec.recordingId)}`, operation: OP.get });
        const read = back.json<MeetRecording>();
        if (rec.layout !== 'single-speaker' || read.layout !== 'single-speaker') {
          ctx.fail({ rule: asked, expected: 'layout single-speaker in the 201 and in GET', actual: `201: ${String(rec.layout)}, GET: ${String(read.layout)}`, response: back, operation: OP.start });
        }
      } finally {
        await discardRecording(ctx, rec.recordingId);
      }
    });
    const fallback = "a start without config records with its room's layout";
    await ctx.rule(fallback, async () => {
      const roomId = await recordableRoom(ctx);
      const room = await ctx.target.request({ method: 'GET', path: `/rooms/${encodeURIComponent(roomId)}`, operation: 'getRoom' });
      const layout = room.status === 200 ? room.json<{ config?: { recording?: { layout?: unknown } } }>().config?.recording?.layout : undefined;
      if (typeof layout !== 'string') ctx.notApplicable(`the room's layout cannot be read (GET /rooms/${roomId}: HTTP ${room.status})`);
      const res = await startRecording(ctx, roomId);
      expectStatus(ctx, res, 201, `${fallback} (HTTP 201)`, OP.start);
      const rec = res.json<MeetRecording>();
      try {
        if (rec.layout !== layout) ctx.fail({ rule: fallback, expected: `layout ${layout}`, actual: `layout ${String(rec.layout)}`, response: res, operation: OP.start });
      } finally {
        await discardRecording(ctx, rec.recordingId);
      }
    });
  },
};

export const startChecks: Check[] = [createdWithLocation, documentedErrors, oneActivePerRoom, parallelSingleWinner, startTimeout, layoutChosen];
