// The recording server's callbacks (POST /recording/backend; facts §2.2): authenticated by
// Talk-Recording-Random (≥ 32 characters) and Talk-Recording-Checksum = hex HMAC-SHA256 of
// random + the exact body (compared case-insensitively); failures 403 `invalid_request`,
// throttled; unknown type 400, unknown room 404.
import fc from 'fast-check';
import { CheckFailure, type Check, type CheckContext, type TargetResponse } from '../../../core/check.ts';
import { OP, cast, createRoom, excerpt, expectError, expectStatus, requireWrites } from '../support.ts';
import { backendCall, failed, newRandom, relaxThrottle, secretOf, sign, signedBackend, started, stopped, secretReady } from '../support-recording.ts';

const BACKEND_SPEC = '#/paths/~1apps~1spreed~1api~1v1~1recording~1backend/post';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

/** A room the backend checks can send `stopped`/`failed` for (its owner is the config user). */
async function someRoom(ctx: CheckContext): Promise<string> {
  requireWrites(ctx);
  await secretReady(ctx);
  const c = cast(ctx);
  return createRoom(ctx, c.owner, 2);
}

function notRefused(ctx: CheckContext, res: TargetResponse, what: string): void {
  if (res.status === 401 || res.status === 403) {
    ctx.fail({ rule: `${what} passes authentication`, specRef: BACKEND_SPEC, expected: 'not 401/403', actual: `HTTP ${res.status} ${excerpt(res, 120)}`, response: res, operation: OP.recordingBackend });
  }
}

type Part = 'random' | 'checksum' | 'body';

/** Changes exactly one character of `s` at `index` (mod length) to a different one from `alphabet`. */
function changeOne(s: string, index: number, shift: number, alphabet: string): string {
  const i = index % s.length;
  const at = alphabet.indexOf(s[i]!);
  // From a known character, step 1…n-1 places on (never back to itself); an unknown one can take any.
  const next = at < 0 ? alphabet[shift % alphabet.length]! : alphabet[(at + 1 + (shift % (alphabet.length - 1))) % alphabet.length]!;
  return s.slice(0, i) + next + s.slice(i + 1);
}

function changeByte(body: Uint8Array, index: number, shift: number): Uint8Array {
  const out = new Uint8Array(body);
  const i = index % out.length;
  out[i] = (out[i]! + 1 + (shift % 255)) % 256;
  return out;
}

const checksumProperty: Check = {
  id: 'nextcloud-talk.backend.checksum-property',
  title: 'a correctly signed body is accepted; changing any one byte of the random, the checksum or the body gets 403',
  operations: [OP.recordingBackend],
  specRef: BACKEND_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    const token = await someRoom(ctx);
    await relaxThrottle(ctx);
    const secret = secretOf(ctx);
    const body = fc.oneof(
      fc.record({ id: fc.string({ maxLength: 20 }), extra: fc.option(fc.string({ maxLength: 30 })) }).map(({ id, extra }) => ({ valid: true, text: JSON.stringify({ type: 'stopped', stopped: { token, actor: { type: 'users', id } }, ...(extra === null ? {} : { extra }) }) })),
      fc.json({ maxDepth: 2 }).map((text) => ({ valid: false, text })),
    );
    const random = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 32, maxLength: 90 });
    const mutation = fc.record({ part: fc.constantFrom<Part>('random', 'checksum', 'body'), index: fc.nat(), shift: fc.nat() });
    const property = fc.asyncProperty(body, random, mutation, async (b, rnd, mut) => {
      const bytes = new TextEncoder().encode(b.text);
      const checksum = await sign(secret, rnd, bytes);
      const good = await backendCall(ctx, bytes, { random: rnd, checksum });
      notRefused(ctx, good, 'a correctly signed callback');
      if (b.valid) expectStatus(ctx, good, 200, 'a correctly signed `stopped` for an existing room answers 200');
      const bad =
        mut.part === 'random'
          ? await backendCall(ctx, bytes, { random: changeOne(rnd, mut.index, mut.shift, ALNUM), checksum })
          : mut.part === 'checksum'
            ? await backendCall(ctx, bytes, { random: rnd, checksum: changeOne(checksum, mut.index, mut.shift, HEX) })
            : await backendCall(ctx, changeByte(bytes, mut.index, mut.shift), { random: rnd, checksum });
      if (bad.status !== 403) {
        ctx.fail({ rule: `a callback whose ${mut.part} changed by one byte fails authentication`, specRef: BACKEND_SPEC, expected: 'HTTP 403 invalid_request', actual: `HTTP ${bad.status} ${excerpt(bad, 120)}`, response: bad, operation: OP.recordingBackend });
      }
    });
    const out = await fc.check(property, { seed: ctx.seed, numRuns: Math.min(ctx.maxExamples, 40), endOnFailure: true });
    if (!out.failed) return;
    const repro = `fast-check seed ${ctx.seed}, counterexample (body, random, mutation) = ${out.counterexample ? fc.stringify(out.counterexample) : '?'}`;
    if (out.errorInstance instanceof CheckFailure) ctx.fail({ ...out.errorInstance.failure, repro });
    throw out.errorInstance;
  },
};

const shortRandom: Check = {
  id: 'nextcloud-talk.backend.short-random-rejected',
  title: 'a Talk-Recording-Random of 31 characters is refused (403) even when correctly signed; 32 is enough',
  operations: [OP.recordingBackend],
  specRef: '#/components/parameters/TalkRecordingRandom/schema',
  needs: ['credentials', 'writes'],
  decision: 'recording-random-min-length',
  async run(ctx: CheckContext) {
    const token = await someRoom(ctx);
    const secret = secretOf(ctx);
    const body = JSON.stringify(stopped(token));
    const rnd = newRandom();
    const short = rnd.slice(0, 31);
    const res31 = await backendCall(ctx, body, { random: short, checksum: await sign(secret, short, body) });
    expectError(ctx, res31, 403, 'invalid_request', 'a 31-character random fails authentication');
    const exact = rnd.slice(0, 32);
    const res32 = await backendCall(ctx, body, { random: exact, checksum: await sign(secret, exact, body) });
    expectStatus(ctx, res32, 200, 'a 32-character random with a correct checksum is accepted');
  },
};

const uppercaseHex: Check = {
  id: 'nextcloud-talk.backend.uppercase-hex-accepted',
  title: 'the checksum is compared case-insensitively: upper-case hex is accepted',
  operations: [OP.recordingBackend],
  specRef: '#/components/parameters/TalkRecordingChecksum',
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    const token = await someRoom(ctx);
    const secret = secretOf(ctx);
    const body = JSON.stringify(stopped(token));
    let rnd = newRandom();
    let sum = await sign(secret, rnd, body);
    while (!/[a-f]/.test(sum)) {
      rnd = newRandom();
      sum = await sign(secret, rnd, body);
    }
    const upper = await backendCall(ctx, body, { random: rnd, checksum: sum.toUpperCase() });
    expectStatus(ctx, upper, 200, 'an upper-case hex checksum is accepted');
    const lower = await backendCall(ctx, body, { random: rnd, checksum: sum });
    expectStatus(ctx, lower, 200, 'a lower-case hex checksum is accepted');
  },
};

const documentedErrors: Check = {
  id: 'nextcloud-talk.backend.documented-errors',
  title: 'failed authentication 403 invalid_request; unknown type 400 unknown_type; unknown room 404 no_such_room',
  operations: [OP.recordingBackend],
  specRef: `${BACKEND_SPEC}/responses`,
  needs: ['credentials', 'writes'],
  decision: 'recording-error-shapes',
  async run(ctx: CheckContext) {
    const token = await someRoom(ctx);
    await relaxThrottle(ctx);
    const body = JSON.stringify(stopped(token));
    const rnd = newRandom();
    const wrong = await backendCall(ctx, body, { random: rnd, checksum: await sign(`${secretOf(ctx)}-wrong`, rnd, body) });
    expectError(ctx, wrong, 403, 'invalid_request', 'a callback signed with another secret');
    const bare = await backendCall(ctx, body, { random: '', checksum: '' });
    expectError(ctx, bare, 403, 'invalid_request', 'a callback without signature headers');
    const unknownType = await signedBackend(ctx, { type: 'paused', paused: { token } });
    expectError(ctx, unknownType, 400, 'unknown_type', 'a callback of an unknown type');
    const noType = await signedBackend(ctx, { started: { token } });
    expectError(ctx, noType, 400, 'unknown_type', 'a callback without a type');
    for (const message of [stopped('nosuchroom0'), failed('nosuchroom0'), started('nosuchroom0', 1)]) {
      const res = await signedBackend(ctx, message);
      expectError(ctx, res, 404, 'no_such_room', `a \`${message.type}\` for an unknown room`);
    }
    const notStarting = await signedBackend(ctx, started(token, 1));
    expectError(ctx, notStarting, 404, 'no_such_room', 'a `started` for a room where nobody started a recording');
    const fine = await signedBackend(ctx, stopped(token));
    expectStatus(ctx, fine, 200, 'a correctly signed `stopped` answers 200');
    const data = fine.json<{ ocs: { data: unknown } }>().ocs.data;
    if (data !== null) ctx.fail({ rule: 'a successful callback answers data null', expected: 'data null', actual: JSON.stringify(data), response: fine, operation: OP.recordingBackend });
  },
};

const THROTTLE_TRIES = 15;

const throttling: Check = {
  id: 'nextcloud-talk.backend.throttling',
  title: 'repeated authentication failures on the backend endpoint are throttled: 429',
  operations: [OP.recordingBackend],
  specRef: '#/components/responses/TooManyRequests',
  needs: ['credentials', 'writes', 'control'],
  decision: 'brute-force-429',
  async run(ctx: CheckContext) {
    // Against a real server this would lock the suite's address out of the endpoint for a while.
    if (!ctx.control) ctx.notApplicable('provoking the brute-force protection would lock this client out of a real server');
    const token = await someRoom(ctx);
    const body = JSON.stringify(stopped(token));
    const seen: number[] = [];
    let last: TargetResponse | undefined;
    for (let i = 0; i < THROTTLE_TRIES; i++) {
      last = await backendCall(ctx, body, { random: newRandom(), checksum: '0'.repeat(64) });
      seen.push(last.status);
      if (last.status === 429) break;
      if (last.status !== 403) ctx.fail({ rule: 'an unauthenticated callback is 403 until throttled', expected: 'HTTP 403 or 429', actual: `HTTP ${last.status} ${excerpt(last, 100)}`, response: last, operation: OP.recordingBackend });
    }
    if (last?.status !== 429) {
      ctx.fail({ rule: 'repeated authentication failures are throttled', expected: `HTTP 429 within ${THROTTLE_TRIES} failed attempts`, actual: `statuses ${seen.join(',')}`, response: last, operation: OP.recordingBackend });
    }
    const blocked = await signedBackend(ctx, stopped(token));
    expectStatus(ctx, blocked, 429, 'while throttled, even a correctly signed callback is refused');
  },
};

export const backendChecks: Check[] = [checksumProperty, shortRandom, uppercaseHex, documentedErrors, throttling];
