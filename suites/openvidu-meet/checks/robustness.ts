// Robustness at the edges of HTTP: bodies over the limit are refused before they are processed,
// and methods a path does not define are 405 with an Allow header.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { OP, discardRecording, expectErrorBody, expectStatus, listPage, meetRequest, recordableRoom, requireWrites, unknownRecordingId } from '../support.ts';
import type { MeetRecording } from '../support.ts';

/** Just over callrec's limit of 64 KiB (65536 bytes): decision body-limit-413. */
const OVER_DECIDED_LIMIT = 70 * 1024;
/**
 * Over the platform's own limit: its server parses JSON with express.json() and its default limit
 * of 100 KB (OpenVidu/openvidu-meet meet-ce/backend/src/server.ts), which refuses larger bodies
 * with 413 before any handler runs.
 */
const OVER_PLATFORM_LIMIT = 128 * 1024;

const oversizedBody: Check = {
  id: 'openvidu-meet.robustness.oversized-body',
  title: 'a start body over the limit is refused with 413 and changes nothing (platform: 100 KB; callrec decision: 64 KiB)',
  operations: [OP.start, OP.list],
  specRef: '#/paths/~1recordings/post/responses/413',
  needs: ['credentials', 'room', 'writes'],
  decision: 'body-limit-413',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const roomId = await recordableRoom(ctx);
    const sizes: { padding: number; what: string; decision?: string }[] = [
      { padding: OVER_PLATFORM_LIMIT, what: 'over 100 KB (the platform parser\'s limit)' },
      { padding: OVER_DECIDED_LIMIT, what: 'over 64 KiB (callrec\'s limit)', decision: 'body-limit-413' },
    ];
    for (const { padding, what, decision } of sizes) {
      const opts = decision ? { decision } : {};
      let res: TargetResponse | undefined;
      let created: Partial<MeetRecording>[] = [];
      let afterRes: TargetResponse | undefined;
      const sent = await ctx.rule(`a start body ${what} is sent and the room listed around it`, async () => {
        const before = (await listPage(ctx, { roomId, maxItems: 100 })).page.recordings.map((r) => r.recordingId);
        // A valid start request, padded: processing it would start a recording.
        const body = { roomId, config: { layout: 'grid' }, padding: 'x'.repeat(padding) };
        res = await meetRequest(ctx, { method: 'POST', path: '/recordings', body, operation: OP.start });
        const after = await listPage(ctx, { roomId, maxItems: 100 });
        afterRes = after.res;
        created = after.page.recordings.filter((r) => !before.includes(r.recordingId));
        for (const r of created) if (typeof r.recordingId === 'string') await discardRecording(ctx, r.recordingId);
      });
      if (!sent) continue;
      await ctx.rule(`a start body ${what} answers 413`, () => expectStatus(ctx, res!, 413, `a start body ${what} answers 413`, OP.start), opts);
      await ctx.rule(`a refused body ${what} starts nothing`, () => {
        if (created.length > 0) {
          ctx.fail({
            rule: `a start body ${what} changes nothing`,
            expected: `no new recording in room ${roomId}`,
            actual: `${created.length} new recording(s), e.g. ${created[0]!.recordingId}`,
            response: afterRes,
            operation: OP.list,
          });
        }
      }, opts);
      // The platform's parser answers its 413 through the framework's default handler: an Error body is callrec's.
      await ctx.rule(`the 413 for a body ${what} carries an Error body`, () => {
        expectErrorBody(ctx, res!, 'the 413 carries an Error body', OP.start);
      }, { decision: 'body-limit-413' });
    }
  },
};

const PATHS: { path: (id: string) => string; template: string; defined: string[] }[] = [
  { path: () => '/recordings', template: '/recordings', defined: ['GET', 'POST', 'DELETE'] },
  { path: (id) => `/recordings/${encodeURIComponent(id)}`, template: '/recordings/{recordingId}', defined: ['GET', 'DELETE'] },
];

const unknownMethod: Check = {
  id: 'openvidu-meet.robustness.unknown-method',
  title: 'PUT and PATCH on known paths answer 405 with an Allow header listing the defined methods',
  operations: [OP.list, OP.get],
  specRef: '#/components/responses/MethodNotAllowed',
  needs: ['credentials'],
  decision: 'method-not-allowed-405',
  async run(ctx: CheckContext) {
    const id = unknownRecordingId(ctx);
    for (const { path, template, defined } of PATHS) {
      for (const method of ['PUT', 'PATCH']) {
        const rule = `${method} ${template} answers 405 with Allow`;
        // The platform answers 404 {error: "Path Not Found"} here (its catch-all route), so every
        // rule of this check rests on callrec's decision alone: a deviation, not a failure.
        await ctx.rule(rule, async () => {
          const res = await ctx.target.request({ method, path: path(id), body: {}, operation: template === '/recordings' ? OP.list : OP.get });
          expectStatus(ctx, res, 405, rule);
          const allow = (res.headers['allow'] ?? '').split(',').map((m) => m.trim().toUpperCase()).filter(Boolean);
          const missing = defined.filter((m) => !allow.includes(m));
          if (missing.length > 0 || allow.includes(method)) {
            ctx.fail({
              rule: `the Allow header of a 405 lists the methods ${template} defines`,
              specRef: '#/components/headers/Allow',
              expected: `Allow containing ${defined.join(', ')} (and not ${method})`,
              actual: res.headers['allow'] === undefined ? 'no Allow header' : `Allow: ${res.headers['allow']}`,
              response: res,
            });
          }
        }, { decision: 'method-not-allowed-405' });
      }
    }
  },
};

export const robustnessChecks: Check[] = [oversizedBody, unknownMethod];
