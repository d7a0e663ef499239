// The upload of a recording (store) and what follows it: checksum over random + room token,
// the documented errors in order, mimetype from the content, path tricks, the file and its
// notification, dismissing it, sharing the file to the chat, and the notifications listing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API, ROOM, SAMPLE_OGG, SAMPLE_WEBM, call, errorOf, newMock, room, store } from './mock-recording-helpers.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const filesOf = (mock: Awaited<ReturnType<typeof newMock>>, user: string) => [...(mock.ctx.store.files.get(user)?.values() ?? [])];

test('store: 200, the file in /Talk/Recording/<token>/ and a record_file_stored notification', async () => {
  const mock = await newMock();
  const r = await store(mock, ROOM, { owner: 'alice', fileName: 'call.webm' });
  assert.equal(r.status, 200);
  assert.equal(r.json!.ocs.data, null);
  const [file] = filesOf(mock, 'alice');
  assert.equal(file!.path, '/Talk/Recording/teamroom22/call.webm');
  assert.deepEqual(file!.bytes, SAMPLE_WEBM);
  assert.equal(file!.mimetype, 'video/webm');
  const note = mock.ctx.store.notifications.find((n) => n.subject === 'record_file_stored')!;
  assert.deepEqual({ user: note.user, objectType: note.objectType, objectId: note.objectId, objectIdParam: note.subjectParameters.objectId, timestamp: note.timestamp }, {
    user: 'alice', objectType: 'recording', objectId: ROOM, objectIdParam: file!.fileId, timestamp: Math.floor(mock.clock.now() / 1000),
  });
  // The recording status does not matter for a store.
  assert.equal(room(mock).callRecording, 0);
  await mock.close();
});

test('store checksum is over random + room token, not the body: 401 invalid_request otherwise', async () => {
  const mock = await newMock();
  const r = await store(mock, ROOM, { owner: 'alice', signData: 'the body, say' });
  assert.equal(r.status, 401);
  assert.equal(r.json!.ocs.meta.statuscode, 401);
  assert.deepEqual(r.json!.ocs.data, { type: 'error', error: { code: 'invalid_request', message: 'The request could not be authenticated.' } });
  assert.equal((await store(mock, ROOM, { owner: 'alice', random: 'short-random' })).status, 401);
  assert.equal(filesOf(mock, 'alice').length, 0);
  await mock.close();
});

test('[decision nextcloud-talk/store-error-codes] store errors in order: 404 room, size, owner_participant, invalid_file, empty_file, file_mimetype, file_extension, file_name, owner_invalid, owner_permission', async () => {
  const mock = await newMock();
  assert.equal((await store(mock, 'nosuchroom', { owner: 'alice' })).status, 404);
  // No owner (as when PHP drops an oversized body): size, and the remembered owner hears of it.
  room(mock).recordingOwner = 'alice';
  let r = await store(mock, ROOM, {});
  assert.equal(r.status, 400);
  assert.equal(errorOf(r), 'size');
  assert.ok(mock.ctx.store.notifications.some((n) => n.subject === 'record_file_store_fail' && n.objectType === 'recording_information' && n.user === 'alice'));
  await mock.control('recording-upload-limit', { bytes: 1000 });
  assert.equal(errorOf(await store(mock, ROOM, { owner: 'alice' })), 'size');
  await mock.control('recording-upload-limit', { bytes: 32 * 1024 * 1024 });
  // dave is no participant of the room (and an unknown owner neither).
  assert.equal(errorOf(await store(mock, ROOM, { owner: 'dave', bytes: new Uint8Array() })), 'owner_participant');
  assert.equal(errorOf(await store(mock, ROOM, { owner: 'nobody' })), 'owner_participant');
  assert.equal(errorOf(await store(mock, ROOM, { owner: 'alice', noFile: true })), 'invalid_file');
  assert.equal(errorOf(await store(mock, ROOM, { owner: 'alice', bytes: new Uint8Array(), fileName: 'x.png' })), 'empty_file');
  assert.equal(errorOf(await store(mock, ROOM, { owner: 'alice', bytes: PNG, fileName: 'x.webm' })), 'file_mimetype');
  assert.equal(errorOf(await store(mock, ROOM, { owner: 'alice', bytes: new TextEncoder().encode('hello'), fileName: 'x.webm' })), 'file_mimetype');
  assert.equal(errorOf(await store(mock, ROOM, { owner: 'alice', bytes: SAMPLE_WEBM, fileName: 'x.ogg' })), 'file_extension');
  assert.equal(errorOf(await store(mock, ROOM, { owner: 'alice', bytes: SAMPLE_WEBM, fileName: 'noextension' })), 'file_extension');
  assert.equal(errorOf(await store(mock, ROOM, { owner: 'alice', bytes: SAMPLE_WEBM, fileName: 'a\u0001b.webm' })), 'file_name');
  await mock.control('recording-owner', { userId: 'alice', state: 'invalid' });
  assert.equal(errorOf(await store(mock, ROOM, { owner: 'alice' })), 'owner_invalid');
  await mock.control('recording-owner', { userId: 'alice', state: 'permission' });
  assert.equal(errorOf(await store(mock, ROOM, { owner: 'alice' })), 'owner_permission');
  await mock.control('recording-owner', { userId: 'alice', state: 'ok' });
  assert.equal(filesOf(mock, 'alice').length, 0);
  assert.equal((await store(mock, ROOM, { owner: 'alice', fileName: 'CALL.WEBM' })).status, 200);
  await mock.close();
});

test('[decision nextcloud-talk/store-formats] mimetype comes from the content: an Ogg named .ogg passes whatever the part type, a PNG named .webm does not', async () => {
  const mock = await newMock();
  assert.equal((await store(mock, ROOM, { owner: 'bob', bytes: SAMPLE_OGG, fileName: 'audio.ogg' })).status, 200);
  assert.equal(filesOf(mock, 'bob')[0]!.mimetype, 'audio/ogg');
  assert.equal(errorOf(await store(mock, ROOM, { owner: 'bob', bytes: PNG, fileName: 'fake.webm' })), 'file_mimetype');
  await mock.close();
});

test('path tricks: only the basename of the client file name is used', async () => {
  const mock = await newMock();
  for (const name of ['../../../evil.webm', '/etc/evil.webm', 'a/../../evil.webm', './evil.webm']) {
    assert.equal((await store(mock, ROOM, { owner: 'alice', fileName: name })).status, 200, name);
  }
  assert.deepEqual(filesOf(mock, 'alice').map((f) => f.path), ['/Talk/Recording/teamroom22/evil.webm']);
  await mock.close();
});

test('[decision nextcloud-talk/notifications-endpoint] [decision nextcloud-talk/timestamp-integer] notifications listing, dismiss by timestamp, share to chat as record-video/record-audio', async () => {
  const mock = await newMock();
  assert.equal((await store(mock, ROOM, { owner: 'alice', fileName: 'video.webm' })).status, 200);
  mock.clock.advance(5000);
  assert.equal((await store(mock, ROOM, { owner: 'alice', bytes: SAMPLE_OGG, fileName: 'audio.ogg' })).status, 200);
  const list = await call(mock, 'GET', '/ocs/v2.php/apps/notifications/api/v2/notifications', { user: 'alice' });
  assert.equal(list.status, 200);
  const notes = list.json!.ocs.data as { object_type: string; subject: string; datetime: string; messageRichParameters: { file: { id: string; path: string } } }[];
  assert.equal(notes.length, 2);
  assert.equal(notes[0]!.subject, 'Call recording now available');
  assert.equal(notes[0]!.messageRichParameters.file.path, 'Talk/Recording/teamroom22/audio.ogg', 'newest first');
  const [audio, video] = filesOf(mock, 'alice').sort((a, b) => b.fileId - a.fileId);
  const tsOf = (iso: string) => Date.parse(iso) / 1000;
  // Carol is no moderator.
  assert.equal((await call(mock, 'DELETE', `${API}/${ROOM}/notification?timestamp=${tsOf(notes[1]!.datetime)}`, { user: 'carol' })).status, 403);
  assert.equal((await call(mock, 'DELETE', `${API}/nosuchroom/notification?timestamp=1`, { user: 'alice' })).status, 404);
  assert.equal((await call(mock, 'DELETE', `${API}/${ROOM}/notification?timestamp=abc`, { user: 'alice' })).status, 400);
  // A wrong timestamp dismisses nothing; the right one dismisses that notification only.
  assert.equal((await call(mock, 'DELETE', `${API}/${ROOM}/notification?timestamp=1`, { user: 'alice' })).status, 200);
  assert.equal(((await call(mock, 'GET', '/ocs/v2.php/apps/notifications/api/v2/notifications', { user: 'alice' })).json!.ocs.data as unknown[]).length, 2);
  assert.equal((await call(mock, 'DELETE', `${API}/${ROOM}/notification?timestamp=${tsOf(notes[1]!.datetime)}`, { user: 'alice' })).status, 200);
  const after = (await call(mock, 'GET', '/ocs/v2.php/apps/notifications/api/v2/notifications', { user: 'alice' })).json!.ocs.data as typeof notes;
  assert.deepEqual(after.map((n) => n.messageRichParameters.file.path), ['Talk/Recording/teamroom22/audio.ogg']);
  // Share both files: message types follow the mimetype; sharing the audio one clears its notification.
  assert.equal((await call(mock, 'POST', `${API}/${ROOM}/share-chat`, { user: 'alice', form: { fileId: video!.fileId, timestamp: 0 } })).status, 200);
  let last = mock.ctx.store.lastMessage(ROOM)!;
  assert.deepEqual([last.systemMessage, last.messageType, last.messageParameters.file!.id], ['file_shared', 'record-video', String(video!.fileId)]);
  assert.equal((await call(mock, 'POST', `${API}/${ROOM}/share-chat`, { user: 'alice', form: { fileId: audio!.fileId, timestamp: tsOf(notes[0]!.datetime) } })).status, 200);
  last = mock.ctx.store.lastMessage(ROOM)!;
  assert.deepEqual([last.systemMessage, last.messageType], ['file_shared', 'record-audio']);
  assert.equal(((await call(mock, 'GET', '/ocs/v2.php/apps/notifications/api/v2/notifications', { user: 'alice' })).json!.ocs.data as unknown[]).length, 0);
  // Someone else's file, or no file: 400 file. Non-moderator: 403.
  const foreign = await call(mock, 'POST', `${API}/${ROOM}/share-chat`, { user: 'bob', form: { fileId: audio!.fileId, timestamp: 0 } });
  assert.equal(foreign.status, 400);
  assert.equal(errorOf(foreign), 'file');
  assert.equal(errorOf(await call(mock, 'POST', `${API}/${ROOM}/share-chat`, { user: 'alice', form: { fileId: 999999, timestamp: 0 } })), 'file');
  assert.equal((await call(mock, 'POST', `${API}/${ROOM}/share-chat`, { user: 'carol', form: { fileId: audio!.fileId, timestamp: 0 } })).status, 403);
  // The listing needs a login.
  assert.equal((await call(mock, 'GET', '/ocs/v2.php/apps/notifications/api/v2/notifications')).status, 401);
  await mock.close();
});
