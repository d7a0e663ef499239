// May this channel be recorded? (facts §1.4) record/possible is true iff at least one owner has a
// valid, confirmed e-mail; start in a channel mode that does not support recording answers
// RECORDING_NOT_PERMITTED (documented) with HTTP 400 (decision `recording-not-permitted-400`: the
// status is not published, so only that expectation is decision-only), and never a recording.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { asConfig } from '../config.ts';
import { OP, roleAuthOr, dependents, excerpt, expectError, expectStatus, expectSuccess, freshChannel, get, jsonOf, paths, recordableChannel, requireWrites, startRecording, step, stopRecording } from '../support.ts';

/** The answer of record/possible: `{possible: boolean}` (decision), a bare boolean tolerated. */
function possibleOf(ctx: CheckContext, res: TargetResponse): boolean {
  expectStatus(ctx, res, 200, 'record/possible answers 200 for an operator of the channel', OP.possible);
  const body = res.json<unknown>();
  if (typeof body === 'boolean') return body;
  const value = (body as { possible?: unknown } | null)?.possible;
  if (typeof value !== 'boolean') {
    // The answer's shape is not published (decision `record-possible-shape`).
    ctx.fail({ rule: 'record/possible answers whether recording can start', expected: '{"possible": true|false}', actual: excerpt(res), response: res, operation: OP.possible, decision: 'record-possible-shape' });
  }
  return value;
}

function channel(ctx: CheckContext, key: 'conference' | 'unconfirmed', what: string): string {
  const id = asConfig(ctx.config).channels?.[key];
  if (!id) ctx.notApplicable(`needs ${what}: set channels.${key} in the target config`);
  return id;
}

const NOT_PERMITTED = 'start in an unsupported channel mode answers RECORDING_NOT_PERMITTED and records nothing';

const possibleAndPermitted: Check = {
  id: 'horn.record.possible-and-permitted',
  title: 'record/possible follows the owners\' confirmed e-mail; an unsupported channel mode is refused with 400 RECORDING_NOT_PERMITTED',
  operations: [OP.possible, OP.start, OP.stop],
  specRef: '#/paths/~1channels~1{uuid}~1record/post',
  needs: ['credentials', 'room'],
  decision: 'recording-not-permitted-400',
  async run(ctx) {
    const operator = roleAuthOr(ctx, 'operator')!;
    const recordable = recordableChannel(ctx);

    // Documented: possible iff at least one owner has a valid, confirmed e-mail (the answer's shape is ours, a bare boolean is taken too).
    await ctx.rule('recording is possible when an owner has a confirmed e-mail', async () => {
      const yes = await get(ctx, paths.possible(recordable), OP.possible, operator);
      if (!possibleOf(ctx, yes)) ctx.fail({ rule: 'recording is possible when an owner has a confirmed e-mail', expected: 'possible: true', actual: excerpt(yes), response: yes, operation: OP.possible });
    });
    await ctx.rule('recording is not possible when no owner has a confirmed e-mail', async () => {
      const unconfirmed = channel(ctx, 'unconfirmed', 'a channel whose owners have no confirmed e-mail');
      const no = await get(ctx, paths.possible(unconfirmed), OP.possible, operator);
      if (possibleOf(ctx, no)) ctx.fail({ rule: 'recording is not possible when no owner has a confirmed e-mail', expected: 'possible: false', actual: excerpt(no), response: no, operation: OP.possible });
    });

    // Refused in the unsupported mode: the documented code, never a recording. Its status is not
    // published: 400 is our decision, so that expectation is a rule of its own.
    let refused: TargetResponse | undefined;
    const conference = asConfig(ctx.config).channels?.conference;
    const refusedOk = await step(ctx, NOT_PERMITTED, async () => {
      requireWrites(ctx);
      const id = channel(ctx, 'conference', 'a channel whose mode does not support recording');
      const res = await startRecording(ctx, id, operator);
      refused = res;
      const body = jsonOf(res) as { error?: unknown } | undefined;
      if ((res.status >= 200 && res.status < 300) || body?.error !== 'RECORDING_NOT_PERMITTED') {
        ctx.fail({ rule: NOT_PERMITTED, expected: 'an error answer with error RECORDING_NOT_PERMITTED', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.start });
      }
    }, { operation: OP.start });
    if (refused && refused.status >= 200 && refused.status < 300 && conference) await stopRecording(ctx, conference, operator).catch(() => undefined);
    const status = 'RECORDING_NOT_PERMITTED is answered with HTTP 400';
    if (refusedOk === 'passed' && refused) {
      const res = refused;
      await ctx.rule(status, () => expectError(ctx, res, 400, 'RECORDING_NOT_PERMITTED', status, OP.start), { decision: 'recording-not-permitted-400', operation: OP.start });
    } else dependents(ctx, refusedOk, [status], 'a RECORDING_NOT_PERMITTED answer', { decision: 'recording-not-permitted-400' });

    // Not possible → start refused too (decision unconfirmed-email-blocks-start).
    const blocked = 'start in a channel without a confirmed owner e-mail answers 400 RECORDING_NOT_PERMITTED';
    await ctx.rule(blocked, async () => {
      requireWrites(ctx);
      const unconfirmed = channel(ctx, 'unconfirmed', 'a channel whose owners have no confirmed e-mail');
      const res = await startRecording(ctx, unconfirmed, operator);
      if (res.status >= 200 && res.status < 300) await stopRecording(ctx, unconfirmed, operator).catch(() => undefined);
      expectError(ctx, res, 400, 'RECORDING_NOT_PERMITTED', blocked, OP.start);
    }, { decision: 'unconfirmed-email-blocks-start', operation: OP.start });

    // Mock: owners whose confirmed address is not a valid one (documented: "a valid, confirmed e-mail"),
    // a second owner that is enough alone, and a channel that is not active (decision panel-only-recording).
    const invalid = ['owner example.com', 'owner@example', '@example.com', 'own er@example.com', 'owner@example.com x', 'x owner@example.com', 'owner@exa mple.com', 'owner@.com'];
    if (!ctx.control) {
      const invalidChannel = asConfig(ctx.config).channels?.invalidEmail;
      const rule = 'an owner whose confirmed e-mail is not a valid address does not make recording possible';
      if (invalidChannel === undefined) ctx.skip(rule, 'needs the control API to give an owner such an address, or channels.invalidEmail in the target config');
      else {
        await ctx.rule(rule, async () => {
          const res = await get(ctx, paths.possible(invalidChannel), OP.possible, operator);
          if (possibleOf(ctx, res)) ctx.fail({ rule, expected: 'possible: false for channels.invalidEmail', actual: excerpt(res), response: res, operation: OP.possible });
        }, { operation: OP.possible });
      }
      ctx.skip('one owner with a valid confirmed e-mail among others is enough', 'needs the control API to make such owners');
      ctx.skip('an inactive channel cannot be recorded', 'needs the control API to make a channel inactive', { decision: 'panel-only-recording' });
    } else {
      const control = ctx.control;
      await ctx.rule('an owner whose confirmed e-mail is not a valid address does not make recording possible', async () => {
        for (const [i, email] of invalid.entries()) {
          const user = 900 + i;
          await control.call('user', { id: user, email, emailConfirmed: true });
          const id = await freshChannel(ctx, { owners: [user] });
          const res = await get(ctx, paths.possible(id), OP.possible, operator);
          if (possibleOf(ctx, res)) ctx.fail({ rule: 'an owner whose confirmed e-mail is not a valid address does not make recording possible', expected: `possible: false for the owner's address ${JSON.stringify(email)}`, actual: excerpt(res), response: res, operation: OP.possible });
        }
      }, { operation: OP.possible });
      await ctx.rule('one owner with a valid confirmed e-mail among others is enough', async () => {
        await control.call('user', { id: 950, email: 'late@example.com', emailConfirmed: false });
        await control.call('user', { id: 951, email: 'first.last@mail.example.org', emailConfirmed: true });
        const id = await freshChannel(ctx, { owners: [950, 951] });
        const res = await get(ctx, paths.possible(id), OP.possible, operator);
        if (!possibleOf(ctx, res)) ctx.fail({ rule: 'one owner with a valid confirmed e-mail among others is enough', expected: 'possible: true', actual: excerpt(res), response: res, operation: OP.possible });
        expectSuccess(ctx, await startRecording(ctx, id, operator), 'start succeeds when one of several owners has a confirmed e-mail', OP.start);
      }, { operation: OP.possible });
      await ctx.rule('an inactive channel cannot be recorded', async () => {
        const id = await freshChannel(ctx, { active: false });
        expectError(ctx, await startRecording(ctx, id, operator), 400, 'RECORDING_NOT_PERMITTED', 'start in an inactive channel answers 400 RECORDING_NOT_PERMITTED', OP.start);
      }, { decision: 'panel-only-recording', operation: OP.start });
    }

    // Permitted in a recordable channel (documented: any operator may start).
    await ctx.rule('start in a recordable channel succeeds', async () => {
      const live = await freshChannel(ctx);
      try {
        expectSuccess(ctx, await startRecording(ctx, live, operator), 'start in a recordable channel succeeds', OP.start);
      } finally {
        // Stop is a harness extension (decision `stop-endpoint`): clean up, judge nothing.
        await stopRecording(ctx, live, operator).catch(() => undefined);
      }
    }, { operation: OP.start });
  },
};

export const recordChecks: Check[] = [possibleAndPermitted];
