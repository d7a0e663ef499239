// The recording server's callbacks (POST /recording/backend; facts §2.2): authenticated by
// Talk-Recording-Random (≥ 32 characters) and Talk-Recording-Checksum = hex HMAC-SHA256 of
// random + the exact body (compared case-insensitively); failures 403 `invalid_request`,
// throttled; unknown type 400, unknown room 404.
import fc from 'fast-check';
import { CheckFailure, type Check, type CheckContext, type TargetResponse } from '../../../core/check.ts';
import { OP, cast, createRoom, excerpt, expectError, expectStatus, requireWrites } from '../support.ts';
import { PLATFORM_MAX_ATTEMPTS, budgetOf, remaining, spend } from '../brute-force.ts';
import { backendCall, failed, newRandom, relaxThrottle, samples, secretOf, sign, signedBackend, started, stopped, secretReady, storeCall, type SignedHeaders } from '../support-recording.ts';

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

/** A one-character change of `part` that any checksum comparison must notice. */
interface Mutation {
  part: Part;
  index: number;
  shift: number;
}

function mutated(bytes: Uint8Array, random: string, checksum: string, m: Mutation): { body: Uint8Array; sig: SignedHeaders } {
  if (m.part === 'random') return { body: bytes, sig: { random: changeOne(random, m.index, m.shift, ALNUM), checksum } };
  if (m.part === 'checksum') return { body: bytes, sig: { random, checksum: changeOne(checksum, m.index, m.shift, HEX) } };
  return { body: changeByte(bytes, m.index, m.shift), sig: { random, checksum } };
}

/**
 * The mutations every run makes, one failed signature each: the checksum's LAST hex digit (a
 * comparison of a prefix misses it), a character in the middle of the random, a byte of the body.
 */
const TARGETED: readonly Mutation[] = [
  { part: 'checksum', index: 63, shift: 5 },
  { part: 'random', index: 17, shift: 11 },
  { part: 'body', index: 9, shift: 3 },
];

/**
 * Failed signatures the other checks of this suite need per run (short random 1, backend errors 2,
 * store 3): random mutations beyond the targeted ones only spend what is left above them. (With
 * the default budget of 4, the targeted changes and the short random use it up; the backend
 * errors' and the store's failed-signature rules are then not applicable, with the reason.)
 */
const RESERVED_FOR_OTHER_CHECKS = 6;

const checksumProperty: Check = {
  id: 'nextcloud-talk.backend.checksum-property',
  title: 'a correctly signed body is accepted; changing any one byte of the random, the checksum or the body gets 403',
  operations: [OP.recordingBackend],
  specRef: BACKEND_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    // Generators first: nothing slow may run between this check's requests.
    let token = '';
    const body = fc.oneof(
      fc.record({ id: fc.string({ maxLength: 20 }), extra: fc.option(fc.string({ maxLength: 30 })) }).map(({ id, extra }) => ({ valid: true, message: { id, extra } as { id: string; extra: string | null } | undefined, json: '' })),
      fc.json({ maxDepth: 2 }).map((json) => ({ valid: false, message: undefined, json })),
    );
    const textOf = (b: { valid: boolean; message?: { id: string; extra: string | null }; json: string }) =>
      b.message ? JSON.stringify({ type: 'stopped', stopped: { token, actor: { type: 'users', id: b.message.id } }, ...(b.message.extra === null ? {} : { extra: b.message.extra }) }) : b.json;
    const random = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 32, maxLength: 90 });
    const mutation = fc.record({ part: fc.constantFrom<Part>('random', 'checksum', 'body'), index: fc.nat(), shift: fc.nat() });
    const runs = Math.min(ctx.maxExamples, 40);

    token = await someRoom(ctx);
    await relaxThrottle(ctx);
    const secret = secretOf(ctx);

    const accepted = fc.asyncProperty(body, random, async (b, rnd) => {
      const bytes = new TextEncoder().encode(textOf(b));
      const good = await backendCall(ctx, bytes, { random: rnd, checksum: await sign(secret, rnd, bytes) });
      notRefused(ctx, good, 'a correctly signed callback');
      if (b.valid) expectStatus(ctx, good, 200, 'a correctly signed `stopped` for an existing room answers 200');
    });
    await ctx.rule('a correctly signed callback passes authentication (any body; a `stopped` of an existing room answers 200)', () =>
      runProperty(ctx, accepted, runs, '(body, random)'),
    );

    const refuse = async (bytes: Uint8Array, rnd: string, m: Mutation, keep = 0) => {
      const checksum = await sign(secret, rnd, bytes);
      const bad = mutated(bytes, rnd, checksum, m);
      spend(ctx, 'talkRecordingSecret', 1, keep);
      const res = await backendCall(ctx, bad.body, bad.sig);
      if (res.status !== 403) {
        ctx.fail({ rule: `a callback whose ${m.part} changed by one character fails authentication`, specRef: BACKEND_SPEC, expected: 'HTTP 403 invalid_request', actual: `HTTP ${res.status} ${excerpt(res, 120)}`, response: res, operation: OP.recordingBackend });
      }
    };
    const fixedBody = new TextEncoder().encode(JSON.stringify(stopped(token)));
    const fixedRandom = newRandom();
    // The checksum's last digit first (it tells a prefix comparison apart); the other two only
    // while the budget keeps one failure each for the short random, the backend errors and the store.
    for (const [i, m] of TARGETED.entries()) {
      await ctx.rule(`a callback whose ${m.part} changed by one character (${m.part === 'checksum' ? 'its last hex digit' : m.part === 'random' ? 'in the middle' : 'one byte'}) gets 403`, () => refuse(fixedBody, fixedRandom, m, i === 0 ? 0 : 3));
    }

    const extra = ctx.control ? runs : Math.min(runs, remaining(ctx, 'talkRecordingSecret') - RESERVED_FOR_OTHER_CHECKS);
    const name = 'any one-character change of the random, the checksum or the body gets 403 (random positions)';
    if (extra <= 0) {
      ctx.skip(name, `each example costs a failed signature, and this run's brute-force budget (${budgetOf(ctx)} per 30 minutes, see bruteForceBudget) leaves none beyond the targeted changes and the other checks`);
      return;
    }
    const mutations = fc.asyncProperty(body, random, mutation, async (b, rnd, m) => refuse(new TextEncoder().encode(textOf(b)), rnd, m));
    await ctx.rule(name, () => runProperty(ctx, mutations, extra, '(body, random, mutation)'));
  },
};

/** Runs a fast-check property inside a rule; a counterexample fails the rule with its repro. */
async function runProperty<T extends unknown[]>(ctx: CheckContext, property: fc.IAsyncProperty<T>, numRuns: number, what: string): Promise<void> {
  const out = await fc.check(property, { seed: ctx.seed, numRuns, endOnFailure: true });
  if (!out.failed) return;
  const repro = `fast-check seed ${ctx.seed}, counterexample ${what} = ${out.counterexample ? fc.stringify(out.counterexample) : '?'}`;
  if (out.errorInstance instanceof CheckFailure) ctx.fail({ ...out.errorInstance.failure, repro });
  throw out.errorInstance;
}

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
    await ctx.rule('a correctly signed callback with a 31-character random fails authentication (403 invalid_request)', async () => {
      const short = rnd.slice(0, 31);
      const checksum = await sign(secret, short, body);
      spend(ctx, 'talkRecordingSecret', 1, 2); // one each for the backend errors and the store
      expectError(ctx, await backendCall(ctx, body, { random: short, checksum }), 403, 'invalid_request', 'a 31-character random fails authentication');
    });
    await ctx.rule('a 32-character random with a correct checksum is accepted', async () => {
      const exact = rnd.slice(0, 32);
      expectStatus(ctx, await backendCall(ctx, body, { random: exact, checksum: await sign(secret, exact, body) }), 200, 'a 32-character random with a correct checksum is accepted');
    });
  },
};

const uppercaseHex: Check = {
  id: 'nextcloud-talk.backend.uppercase-hex-accepted',
  title: 'the checksum is compared case-insensitively: upper-case hex is accepted (and the underscore header names, decision recording-header-names)',
  decision: 'recording-header-names',
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
    await ctx.rule('an upper-case hex checksum is accepted', async () => {
      expectStatus(ctx, await backendCall(ctx, body, { random: rnd, checksum: sum.toUpperCase() }), 200, 'an upper-case hex checksum is accepted');
    });
    await ctx.rule('a lower-case hex checksum is accepted', async () => {
      expectStatus(ctx, await backendCall(ctx, body, { random: rnd, checksum: sum }), 200, 'a lower-case hex checksum is accepted');
    });
    // Nextcloud's Request::getHeader reads $_SERVER['HTTP_TALK_RECORDING_RANDOM'], which the docs'
    // underscore spelling reaches too under PHP-FPM; nginx and Apache 2.4 drop such headers by
    // default, so accepting them rests on our decision.
    const underscore = 'a callback signed under the underscore header names TALK_RECORDING_RANDOM / TALK_RECORDING_CHECKSUM is accepted';
    await ctx.rule(underscore, async () => {
      const res = await backendCall(ctx, body, { random: rnd, checksum: sum, underscore: true });
      if (res.status !== 200) ctx.fail({ rule: underscore, specRef: '#/components/parameters/TalkRecordingRandom', expected: 'HTTP 200', actual: `HTTP ${res.status} ${excerpt(res, 120)}`, response: res, operation: OP.recordingBackend, decision: 'recording-header-names' });
    }, { decision: 'recording-header-names' });
  },
};

/** The error message the platform writes for `code` (facts §2.2), checked once the code matched. */
function expectErrorMessage(ctx: CheckContext, res: TargetResponse, message: RegExp, rule: string): void {
  let got: unknown;
  try {
    got = (JSON.parse(res.text()) as { ocs?: { data?: { error?: { message?: unknown } } } }).ocs?.data?.error?.message;
  } catch {
    got = undefined;
  }
  if (typeof got !== 'string' || !message.test(got)) ctx.fail({ rule, specRef: `${BACKEND_SPEC}/responses`, expected: `error.message matching ${message}`, actual: `error.message ${JSON.stringify(got)}`, response: res, operation: OP.recordingBackend });
}

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
    await ctx.rule('a callback signed with another secret is 403 invalid_request', async () => {
      const rnd = newRandom();
      const checksum = await sign(`${secretOf(ctx)}-wrong`, rnd, body);
      spend(ctx, 'talkRecordingSecret', 1, 1); // one for the store
      const res = await backendCall(ctx, body, { random: rnd, checksum });
      expectError(ctx, res, 403, 'invalid_request', 'a callback signed with another secret');
      expectErrorMessage(ctx, res, /^The request could not be authenticated\.$/, 'a failed authentication says "The request could not be authenticated."');
    });
    await ctx.rule('a callback without signature headers is 403 invalid_request', async () => {
      spend(ctx, 'talkRecordingSecret', 1, 1);
      expectError(ctx, await backendCall(ctx, body, { random: '', checksum: '' }), 403, 'invalid_request', 'a callback without signature headers');
    });
    // RecordingController::backend writes 'The given type ' . json_encode($message) . ' is not
    // supported.' with $message = json_decode($json, true): PHP's defaults escape `/` as `\/` and
    // non-ASCII as lower-case \uXXXX (UTF-16 pairs above U+FFFF), an object keyed 0, 1, … (or empty) comes back a list.
    await ctx.rule('a callback of an unknown type is 400 unknown_type, its message the decoded body as PHP json_encode writes it', async () => {
      const res = await signedBackend(ctx, { type: 'paused', paused: { token, path: 'a/b', name: 'Zo\u00eb \u2603 \u{1f600}', extra: {}, pair: { 0: 'x', 1: 'y' } } });
      expectError(ctx, res, 400, 'unknown_type', 'a callback of an unknown type');
      const want = `The given type {"type":"paused","paused":{"token":"${token}","path":"a\\/b","name":"Zo\\u00eb \\u2603 \\ud83d\\ude00","extra":[],"pair":["x","y"]}} is not supported.`;
      expectErrorMessage(ctx, res, new RegExp(`^${want.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), `an unknown type says ${JSON.stringify(want)}`);
    });
    await ctx.rule('a callback without a type is 400 unknown_type', async () => {
      expectError(ctx, await signedBackend(ctx, { started: { token } }), 400, 'unknown_type', 'a callback without a type');
    });
    await ctx.rule('an empty callback object is 400 unknown_type, its message naming [] (json_decode makes {} an empty PHP array)', async () => {
      const res = await signedBackend(ctx, {});
      expectError(ctx, res, 400, 'unknown_type', 'an empty callback object');
      expectErrorMessage(ctx, res, /^The given type \[\] is not supported\.$/, 'an empty object says "The given type [] is not supported."');
    });
    for (const message of [stopped('nosuchroom0'), failed('nosuchroom0'), started('nosuchroom0', 1)]) {
      await ctx.rule(`a \`${message.type}\` for an unknown room is 404 no_such_room`, async () => {
        const res = await signedBackend(ctx, message);
        expectError(ctx, res, 404, 'no_such_room', `a \`${message.type}\` for an unknown room`);
        expectErrorMessage(ctx, res, /^Room not found\.$/, 'an unknown room says "Room not found."');
      });
    }
    // Spreed reads a known type's fields unchecked (a malformed one ends in a PHP type error, 500);
    // our decision answers it like a message naming no room, and nothing changes.
    const brokenActor = 'a `stopped` whose actor is not {type, id}, or that is no object at all, is 404 no_such_room, and the room keeps its recording status';
    await ctx.rule(brokenActor, async () => {
      const res = await signedBackend(ctx, { type: 'stopped', stopped: { token, actor: 'alice' } });
      expectError(ctx, res, 404, 'no_such_room', brokenActor);
      const none = await signedBackend(ctx, { type: 'failed', failed: null });
      expectError(ctx, none, 404, 'no_such_room', `${brokenActor} (\`failed\`: null)`);
    }, { decision: 'backend-unknown-type', operation: OP.recordingBackend });
    await ctx.rule('a `started` for a room where nobody started a recording is 404 no_such_room', async () => {
      spend(ctx, 'talkRecordingStatus'); // the platform throttles it like a failed signature
      expectError(ctx, await signedBackend(ctx, started(token, 1)), 404, 'no_such_room', 'a `started` for a room where nobody started a recording');
    });
    await ctx.rule('a correctly signed `stopped` answers 200 with data null', async () => {
      const fine = await signedBackend(ctx, stopped(token));
      expectStatus(ctx, fine, 200, 'a correctly signed `stopped` answers 200');
      const data = fine.json<{ ocs: { data: unknown } }>().ocs.data;
      if (data !== null) ctx.fail({ rule: 'a successful callback answers data null', expected: 'data null', actual: JSON.stringify(data), response: fine, operation: OP.recordingBackend });
    });
  },
};

const THROTTLE_TRIES = 15;
/** The mock's threshold and window (decision brute-force-429). */
const THRESHOLD = 10;
const WINDOW_MS = 30 * 60 * 1000;

const throttling: Check = {
  id: 'nextcloud-talk.backend.throttling',
  title: 'repeated authentication failures on the backend endpoint are throttled: 429',
  operations: [OP.recordingBackend],
  specRef: '#/components/responses/TooManyRequests',
  // Not the `control` need: the reason it cannot run elsewhere is the platform's, given below.
  needs: ['credentials', 'writes'],
  decision: 'brute-force-429',
  async run(ctx: CheckContext) {
    // Against a real server this takes more than 10 failures within 30 minutes, the later ones
    // each delayed by up to 25 s (about two minutes in all), and then locks this client's subnet
    // (its recording server too, if it shares it) out of both recording endpoints for 30 minutes.
    if (!ctx.control) {
      ctx.notApplicable(`provoking Nextcloud's brute-force protection (more than ${PLATFORM_MAX_ATTEMPTS} failures within 30 minutes, each delayed up to 25 s) would lock this client's subnet out of the recording endpoints for 30 minutes`);
    }
    const token = await someRoom(ctx);
    const body = JSON.stringify(stopped(token));
    const seen: number[] = [];
    let last: TargetResponse | undefined;
    for (let i = 0; i < THROTTLE_TRIES; i++) {
      last = await backendCall(ctx, body, { random: newRandom(), checksum: '0'.repeat(64) }, { on429: 'answer' });
      seen.push(last.status);
      if (last.status === 429) break;
      if (last.status !== 403) ctx.fail({ rule: 'an unauthenticated callback is 403 until throttled', expected: 'HTTP 403 or 429', actual: `HTTP ${last.status} ${excerpt(last, 100)}`, response: last, operation: OP.recordingBackend });
    }
    if (last?.status !== 429) {
      ctx.fail({ rule: 'repeated authentication failures are throttled', expected: `HTTP 429 within ${THROTTLE_TRIES} failed attempts`, actual: `statuses ${seen.join(',')}`, response: last, operation: OP.recordingBackend });
    }
    // The threshold is ours (decision brute-force-429): the 10th failure is still answered 403, the
    // request after it is the first 429.
    const exact = `the ${THRESHOLD}th failure is answered 403 and the request after it 429 (the threshold is ${THRESHOLD} failures)`;
    await ctx.rule(exact, () => {
      const want = [...Array<number>(THRESHOLD).fill(403), 429].join(',');
      if (seen.join(',') !== want) ctx.fail({ rule: exact, decision: 'brute-force-429', expected: `statuses ${want}`, actual: `statuses ${seen.join(',')}`, ...(last ? { response: last } : {}), operation: OP.recordingBackend });
    }, { decision: 'brute-force-429', operation: OP.recordingBackend });
    const blocked = await signedBackend(ctx, stopped(token), { on429: 'answer' });
    expectStatus(ctx, blocked, 429, 'while throttled, even a correctly signed callback is refused');
    // The window: 30 minutes of the server's (frozen) clock after the failures lift the throttle,
    // not a second earlier.
    await ctx.control!.advanceClock(WINDOW_MS - 1000);
    const early = await signedBackend(ctx, stopped(token), { on429: 'answer' });
    if (early.status !== 429) ctx.fail({ rule: 'the throttle holds until 30 minutes have passed', expected: 'HTTP 429 one second before 30 minutes of clock time have passed', actual: `HTTP ${early.status} ${excerpt(early, 100)}`, response: early, operation: OP.recordingBackend, decision: 'brute-force-429' });
    await ctx.control!.advanceClock(1000);
    const lifted = await signedBackend(ctx, stopped(token), { on429: 'answer' });
    if (lifted.status !== 200) ctx.fail({ rule: 'the throttle lifts once 30 minutes pass without a failure', expected: 'HTTP 200 when 30 minutes of clock time have passed', actual: `HTTP ${lifted.status} ${excerpt(lifted, 100)}`, response: lifted, operation: OP.recordingBackend, decision: 'brute-force-429' });
    // A sliding window: each failure counts for 30 minutes on its own. Five failures, five more ten
    // minutes later, and twenty minutes after that only the first five have aged out: five more
    // failures make ten again.
    const sliding = 'failures age out one by one: 30 minutes after the first 5 of 10 failures, 5 more make 10 again and the next request is 429';
    const fail5 = async () => {
      for (let i = 0; i < 5; i++) await backendCall(ctx, body, { random: newRandom(), checksum: '0'.repeat(64) }, { on429: 'answer' });
    };
    await fail5();
    await ctx.control!.advanceClock(10 * 60 * 1000);
    await fail5();
    await ctx.control!.advanceClock(20 * 60 * 1000);
    const half = await signedBackend(ctx, stopped(token), { on429: 'answer' });
    if (half.status !== 200) ctx.fail({ rule: sliding, expected: 'HTTP 200 once the first 5 failures are 30 minutes old (5 still count)', actual: `HTTP ${half.status} ${excerpt(half, 100)}`, response: half, operation: OP.recordingBackend, decision: 'brute-force-429' });
    await fail5();
    const again = await signedBackend(ctx, stopped(token), { on429: 'answer' });
    if (again.status !== 429) ctx.fail({ rule: sliding, expected: 'HTTP 429: the 5 failures of 20 minutes ago and 5 new ones make 10', actual: `HTTP ${again.status} ${excerpt(again, 100)}`, response: again, operation: OP.recordingBackend, decision: 'brute-force-429' });
  },
};

// RecordingController: `backend` carries #[BruteForceProtection] for both talkRecordingSecret (a bad
// signature) and talkRecordingStatus (a `started` nobody asked for); `store` only for
// talkRecordingSecret, and throttles its own bad signatures under it. So the two endpoints share
// one counter of bad signatures, while probing with `started` locks out the backend alone.
const throttleScope: Check = {
  id: 'nextcloud-talk.backend.throttle-scope',
  title: 'bad signatures on the store and the backend count together (talkRecordingSecret: 10 failed uploads throttle both); unrequested `started` callbacks (talkRecordingStatus) throttle the backend only',
  operations: [OP.recordingBackend, OP.storeRecording],
  specRef: '#/components/responses/TooManyRequests',
  needs: ['credentials', 'writes'],
  decision: 'brute-force-429',
  async run(ctx: CheckContext) {
    if (!ctx.control) ctx.notApplicable(`provoking Nextcloud's brute-force protection (more than ${PLATFORM_MAX_ATTEMPTS} failures within 30 minutes, each delayed up to 25 s) would lock this client's subnet out of the recording endpoints for 30 minutes`);
    const token = await someRoom(ctx);
    const owner = cast(ctx).owner.user;
    const upload = (checksum?: string) => storeCall(ctx, token, { owner, fileName: 'throttle-scope.webm', bytes: samples().webm, contentType: 'video/webm' }, { on429: 'answer', ...(checksum ? { checksum } : {}) });
    // The mock's threshold and window, whatever an earlier check set, and no failure counted yet.
    const fresh = () => ctx.control!.call('recording-throttle', { limit: THRESHOLD, windowMs: WINDOW_MS, clear: true });
    const statusOf = (res: TargetResponse) => `HTTP ${res.status} ${excerpt(res, 100)}`;

    const shared = `${THRESHOLD} failed upload signatures (401 each) throttle the backend too: a correctly signed callback and a correctly signed upload are then 429`;
    await ctx.rule(shared, async () => {
      await fresh();
      for (let i = 0; i < THRESHOLD; i++) {
        const res = await upload('0'.repeat(64));
        if (res.status !== 401) ctx.fail({ rule: shared, expected: `HTTP 401 for failed upload signature #${i + 1}`, actual: statusOf(res), response: res, operation: OP.storeRecording });
      }
      const callback = await signedBackend(ctx, stopped(token), { on429: 'answer' });
      if (callback.status !== 429) ctx.fail({ rule: shared, expected: `HTTP 429 for a correctly signed callback after ${THRESHOLD} failed upload signatures`, actual: statusOf(callback), response: callback, operation: OP.recordingBackend });
      const stored = await upload();
      if (stored.status !== 429) ctx.fail({ rule: shared, expected: `HTTP 429 for a correctly signed upload after ${THRESHOLD} failed upload signatures`, actual: statusOf(stored), response: stored, operation: OP.storeRecording });
    }, { operation: OP.storeRecording });

    const statusOnly = `${THRESHOLD} unrequested \`started\` callbacks (404 each) throttle the backend (429) but not the store: a correctly signed upload is stored`;
    await ctx.rule(statusOnly, async () => {
      await fresh();
      for (let i = 0; i < THRESHOLD; i++) {
        const res = await signedBackend(ctx, started(token, 1), { on429: 'answer' });
        if (res.status !== 404) ctx.fail({ rule: statusOnly, expected: `HTTP 404 for unrequested \`started\` #${i + 1}`, actual: statusOf(res), response: res, operation: OP.recordingBackend });
      }
      const callback = await signedBackend(ctx, stopped(token), { on429: 'answer' });
      if (callback.status !== 429) ctx.fail({ rule: statusOnly, expected: `HTTP 429 for a correctly signed callback after ${THRESHOLD} unrequested \`started\``, actual: statusOf(callback), response: callback, operation: OP.recordingBackend });
      const stored = await upload();
      if (stored.status !== 200) ctx.fail({ rule: statusOnly, expected: 'HTTP 200: the store is not throttled for talkRecordingStatus', actual: statusOf(stored), response: stored, operation: OP.storeRecording });
    }, { operation: OP.recordingBackend });
  },
};

export const backendChecks: Check[] = [checksumProperty, shortRandom, uppercaseHex, documentedErrors, throttling, throttleScope];
