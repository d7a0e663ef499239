// The pure parts behind the Talk checks: the recording status machine, chat windows and the
// minimal XML reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as model from '../../suites/nextcloud-talk/recording-model.ts';
import { futureWindow, historyWindow, walkProblem } from '../../suites/nextcloud-talk/chat-windows.ts';
import { childrenNamed, parseXml, textOf } from '../../suites/nextcloud-talk/xml.ts';

test('recording model: start → starting → started → stopped, with the errors in documented order', () => {
  const m = model.initialModel();
  assert.deepEqual(model.start(m, 3), { http: 400, error: 'status' });
  assert.deepEqual(model.start(m, 2), { http: 200 });
  assert.equal(m.status, 4);
  assert.deepEqual(model.start(m, 1), { http: 400, error: 'recording' });
  model.endCall(m);
  assert.deepEqual(model.start(m, 'x'), { http: 400, error: 'status' });
  assert.deepEqual(model.start(m, 1), { http: 400, error: 'recording' }, 'recording comes before call');
  assert.deepEqual(model.stop(m), { http: 200 });
  assert.equal(m.status, 4, 'a stop only asks');
  assert.deepEqual(model.started(m, 2), { http: 200 });
  assert.equal(m.status, 2);
  assert.deepEqual(model.started(m, 1), { http: 404, error: 'no_such_room' }, 'nobody asked for a start');
  model.stopped(m);
  assert.equal(m.status, 0);
  assert.deepEqual(model.start(m, 1), { http: 400, error: 'call' });
});

test('recording model: a failure (5) allows a restart, and failed/stopped apply in any state', () => {
  const m = model.initialModel();
  model.start(m, 1);
  model.failed(m);
  assert.equal(m.status, 5);
  assert.deepEqual(model.start(m, 1), { http: 200 });
  model.started(m, 1);
  model.failed(m);
  assert.deepEqual(model.start(m, 2), { http: 200 });
  assert.equal(m.status, 4);
  model.stopped(m);
  model.stopped(m);
  assert.equal(m.status, 0);
});

test('chat windows: history newest first below lastKnown, future oldest first above it', () => {
  const ids = [3, 9, 5, 12, 7];
  assert.deepEqual(historyWindow(ids, 0, 2), [12, 9]);
  assert.deepEqual(historyWindow(ids, 9, 10), [7, 5, 3]);
  assert.deepEqual(historyWindow(ids, 3, 10), []);
  assert.deepEqual(futureWindow(ids, 5, 2), [7, 9]);
  assert.deepEqual(futureWindow(ids, 12, 2), []);
});

test('chat windows: a walk must hold every expected id exactly once', () => {
  assert.equal(walkProblem([[12, 9], [7, 5], [3]], [12, 9, 7, 5, 3]), undefined);
  assert.match(walkProblem([[12, 9], [9, 7], [5, 3]], [12, 9, 7, 5, 3]) ?? '', /9 was answered twice/);
  assert.match(walkProblem([[12, 9], [5, 3]], [12, 9, 7, 5, 3]) ?? '', /7 were never answered/);
  assert.match(walkProblem([[12, 13]], [12]) ?? '', /13 are outside/);
});

test('xml: reads the OCS envelope, self-closing tags and escapes; refuses broken documents', () => {
  const doc = parseXml('<?xml version="1.0"?>\n<ocs>\n <meta>\n  <status>ok</status>\n  <message/>\n </meta>\n <data>\n  <element><name>a &amp; b</name></element>\n  <element/>\n </data>\n</ocs>\n');
  assert.ok(doc);
  assert.equal(doc.name, 'ocs');
  assert.equal(textOf(childrenNamed(childrenNamed(doc, 'meta')[0]!, 'status')[0]!), 'ok');
  const data = childrenNamed(doc, 'data')[0]!;
  assert.deepEqual(data.children.map((c) => c.name), ['element', 'element']);
  assert.equal(textOf(childrenNamed(data.children[0]!, 'name')[0]!), 'a & b');
  assert.equal(parseXml('<ocs><meta></ocs>'), undefined);
  assert.equal(parseXml('{"ocs":{}}'), undefined);
  assert.equal(parseXml('<a></b>'), undefined);
});
