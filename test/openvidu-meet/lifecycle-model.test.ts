// The reference model behind `lifecycle.model` and the range oracle behind the range checks:
// pure functions, so their rules are pinned down here without a server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyModel, expected, learnFromAnswer, observe, progress, statusViolation, type ModelRecording } from '../../suites/openvidu-meet/lifecycle-model.ts';
import { OPEN_ENDED_CAP, PLATFORM_RANGE, expectedSlice, parseContentRange, startsWithFtyp } from '../../suites/openvidu-meet/support-media.ts';

const rec = (over: Partial<ModelRecording> = {}): ModelRecording => ({ id: 'r--EG_x--u', roomId: 'r', stopped: false, seen: 'active', deleted: false, ...over });

test('statuses only move forward, and a finished status never changes', () => {
  assert.equal(statusViolation(rec(), 'active'), undefined);
  assert.equal(statusViolation(rec(), 'ending'), undefined);
  assert.match(statusViolation(rec({ seen: 'ending' }), 'active')!, /backwards/);
  assert.match(statusViolation(rec({ seen: 'complete' }), 'ending')!, /must stay complete/);
  assert.match(statusViolation(rec({ seen: 'complete' }), 'failed')!, /must stay complete/);
  assert.match(statusViolation(rec({ stopped: true }), 'active')!, /after an accepted stop/);
});

test('what each operation may answer follows what the client knows', () => {
  const running = rec();
  const stopped = rec({ stopped: true, seen: 'ending' });
  const done = rec({ stopped: true, seen: 'complete' });
  assert.deepEqual(expected.stop(running), [202]);
  assert.deepEqual(expected.stop(stopped), [409]);
  assert.deepEqual(expected.stop(done), [409]);
  assert.deepEqual(expected.delete(running), [409]);
  assert.deepEqual(expected.delete(stopped), [200, 409]); // ending may have finished meanwhile
  assert.deepEqual(expected.delete(done), [200]);
  assert.deepEqual(expected.media(running), [409]);
  assert.deepEqual(expected.media(done), [200]);
  assert.deepEqual(expected.media(rec({ seen: 'failed' })), [409]);
  assert.deepEqual(expected.get(rec({ deleted: true })), [404]);
  assert.deepEqual(expected.stop(rec({ deleted: true })), [404]);
});

test('one running recording per room blocks a start; finished ones do not', () => {
  const m = emptyModel(['a', 'b']);
  assert.deepEqual(expected.start(m, 'a'), [201]);
  m.recordings.push(rec({ roomId: 'a' }));
  assert.deepEqual(expected.start(m, 'a'), [409]);
  assert.deepEqual(expected.start(m, 'b'), [201]);
  m.recordings[0]!.stopped = true;
  assert.deepEqual(expected.start(m, 'a'), [201, 409]);
  observe(m.recordings[0]!, 'complete');
  assert.deepEqual(expected.start(m, 'a'), [201]);
});

test('answers teach the model', () => {
  const r = rec();
  learnFromAnswer(r, 'stop', 202);
  assert.equal(r.stopped, true);
  assert.equal(progress(r), 'maybe-finished');
  learnFromAnswer(r, 'media', 409);
  assert.equal(r.seen, 'ending');
  learnFromAnswer(r, 'media', 200);
  assert.equal(r.seen, 'complete');
  learnFromAnswer(r, 'delete', 200);
  assert.equal(r.deleted, true);
});

test('range oracle: clamped ends, 5 MiB open-ended cap, unsatisfiable starts', () => {
  assert.deepEqual(expectedSlice({ first: 0, last: 0 }, 100), { start: 0, end: 0 });
  assert.deepEqual(expectedSlice({ first: 99, last: 99 }, 100), { start: 99, end: 99 });
  assert.deepEqual(expectedSlice({ first: 10, last: 10_000 }, 100), { start: 10, end: 99 });
  assert.deepEqual(expectedSlice({ first: 10 }, 100), { start: 10, end: 99 });
  assert.deepEqual(expectedSlice({ first: 0 }, 6_000_000), { start: 0, end: OPEN_ENDED_CAP - 1 });
  assert.deepEqual(expectedSlice({ first: 1_000_000 }, 6_000_000), { start: 1_000_000, end: 5_999_999 });
  assert.equal(expectedSlice({ first: 100 }, 100), undefined);
  assert.equal(expectedSlice({ first: 150, last: 160 }, 100), undefined);
});

test('range syntax and Content-Range parsing', () => {
  for (const ok of ['bytes=0-', 'bytes=0-9', 'bytes=5-2']) assert.ok(PLATFORM_RANGE.test(ok), ok);
  for (const bad of ['bytes=-5', 'items=0-1', 'bytes=0-1,3-4', 'bytes=abc', 'Bytes=0-1']) assert.ok(!PLATFORM_RANGE.test(bad), bad);
  assert.deepEqual(parseContentRange('bytes 0-9/100'), { start: 0, end: 9, size: 100 });
  assert.equal(parseContentRange('bytes */100'), undefined);
  assert.equal(parseContentRange(undefined), undefined);
});

test('an MP4 is recognised by its ftyp box', () => {
  const mp4 = new Uint8Array([0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);
  assert.ok(startsWithFtyp(mp4));
  assert.ok(!startsWithFtyp(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0])));
  assert.ok(!startsWithFtyp(new Uint8Array(3)));
});
