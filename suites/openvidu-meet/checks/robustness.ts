// Robustness at the edges of HTTP: bodies over the limit are refused before they are processed,
// and methods a path does not define are 405 with an Allow header.
import type { Check, CheckContext } from '../../../core/check.ts';
import { OP, discardRecording, expectErrorBody, expectStatus, listPage, recordableRoom, requireWrites, unknownRecordingId } from '../support.ts';

/** Just over the documented limit of 64 KiB (65536 bytes). */
const OVERSIZED_PADDING = 70 * 1024;

const oversizedBody: Check = {
  id: 'openvidu-meet.robustness.oversized-body',
  title: 'a start body over 64 KiB is refused with 413 and changes nothing',
  operations: [OP.start, OP.list],
  specRef: '#/paths/~1recordings/post/responses/413',
  needs: ['credentials', 'room', 'writes'],
  decision: 'body-limit-413',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const roomId = await recordableRoom(ctx);
    const before = (await listPage(ctx, { roomId, maxItems: 100 })).page.recordings.map((r) => r.recordingId);
    // A valid start request, padded: processing it would start a recording.
    const body = { roomId, config: { layout: 'grid' }, padding: 'x'.repeat(OVERSIZED_PADDING) };
    const res = await ctx.target.request({ method: 'POST', path: '/recordings', body, operation: OP.start });
    const { res: afterRes, page } = await listPage(ctx, { roomId, maxItems: 100 });
    const created = page.recordings.filter((r) => !before.includes(r.recordingId));
    for (const r of created) if (typeof r.recordingId === 'string') await discardRecording(ctx, r.recordingId);

    expectStatus(ctx, res, 413, 'a body over 64 KiB answers 413', OP.start);
    expectErrorBody(ctx, res, 'the 413 carries an Error body', OP.start);
    if (created.length > 0) {
      ctx.fail({
        rule: 'a refused oversized body changes nothing',
        expected: `no new recording in room ${roomId}`,
        actual: `${created.length} new recording(s), e.g. ${created[0]!.recordingId}`,
        response: afterRes,
        operation: OP.list,
      });
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
        const res = await ctx.target.request({ method, path: path(id), body: {}, operation: template === '/recordings' ? OP.list : OP.get });
        const rule = `${method} ${template} answers 405 with Allow`;
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
      }
    }
  },
};

export const robustnessChecks: Check[] = [oversizedBody, unknownMethod];
