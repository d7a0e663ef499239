// May this channel be recorded? (facts §1.4) record/possible is true iff at least one owner has a
// valid, confirmed e-mail; start in a channel mode that does not support recording answers
// RECORDING_NOT_PERMITTED — with HTTP 400 (decision `recording-not-permitted-400`, the status is
// not published), never a 5xx and never a recording.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { asConfig } from '../config.ts';
import { OP, excerpt, expectError, expectStatus, freshChannel, get, paths, recordableChannel, roleAuth, startRecording, stopRecording } from '../support.ts';

/** The answer of record/possible: `{possible: boolean}` (decision), a bare boolean tolerated. */
function possibleOf(ctx: CheckContext, res: TargetResponse): boolean {
  expectStatus(ctx, res, 200, 'record/possible answers 200 for an operator of the channel', OP.possible);
  const body = res.json<unknown>();
  if (typeof body === 'boolean') return body;
  const value = (body as { possible?: unknown } | null)?.possible;
  if (typeof value !== 'boolean') {
    ctx.fail({ rule: 'record/possible answers whether recording can start', expected: '{"possible": true|false}', actual: excerpt(res), response: res, operation: OP.possible });
  }
  return value;
}

function channel(ctx: CheckContext, key: 'conference' | 'unconfirmed', what: string): string {
  const id = asConfig(ctx.config).channels?.[key];
  if (!id) ctx.notApplicable(`needs ${what}: set channels.${key} in the target config`);
  return id;
}

const possibleAndPermitted: Check = {
  id: 'horn.record.possible-and-permitted',
  title: 'record/possible follows the owners\' confirmed e-mail; an unsupported channel mode is refused with 400 RECORDING_NOT_PERMITTED',
  operations: [OP.possible, OP.start, OP.stop],
  specRef: '#/paths/~1channels~1{uuid}~1record/post',
  needs: ['credentials', 'room', 'writes'],
  decision: 'recording-not-permitted-400',
  async run(ctx) {
    const operator = roleAuth(ctx, 'operator');
    const conference = channel(ctx, 'conference', 'a channel whose mode does not support recording');
    const unconfirmed = channel(ctx, 'unconfirmed', 'a channel whose owners have no confirmed e-mail');

    const recordable = recordableChannel(ctx);
    const yes = await get(ctx, paths.possible(recordable), OP.possible, operator);
    if (!possibleOf(ctx, yes)) {
      ctx.fail({ rule: 'recording is possible when an owner has a confirmed e-mail', expected: 'possible: true', actual: excerpt(yes), response: yes, operation: OP.possible });
    }
    const no = await get(ctx, paths.possible(unconfirmed), OP.possible, operator);
    if (possibleOf(ctx, no)) {
      ctx.fail({ rule: 'recording is not possible when no owner has a confirmed e-mail', expected: 'possible: false', actual: excerpt(no), response: no, operation: OP.possible });
    }

    // Refused in the unsupported mode: the documented code, a client error, and nothing recorded.
    const refused = await startRecording(ctx, conference, operator);
    try {
      expectError(ctx, refused, 400, 'RECORDING_NOT_PERMITTED', 'start in an unsupported channel mode answers RECORDING_NOT_PERMITTED', OP.start);
    } finally {
      if (refused.status >= 200 && refused.status < 300) await stopRecording(ctx, conference, operator).catch(() => undefined);
    }

    // Permitted in a recordable channel.
    const live = await freshChannel(ctx);
    try {
      const started = await startRecording(ctx, live, operator);
      expectStatus(ctx, started, 200, 'start in a recordable channel answers 200', OP.start);
    } finally {
      // Stop is a harness extension (decision `stop-endpoint`): clean up, judge nothing.
      await stopRecording(ctx, live, operator).catch(() => undefined);
    }
  },
};

export const recordChecks: Check[] = [possibleAndPermitted];
