// Named, deliberate bugs in the call-recording part of the Nextcloud Talk mock (issue 4 §2).
// Which checks each must trip is the suites' business (suites/nextcloud-talk/faults.ts).
// faults.ts joins this list with the conversation/call faults of faults-talk.ts.
import type { FaultDef } from '../../core/api.ts';

export const recordingFaults = [
  // start: errors, permissions
  { name: 'start-status-checked-last', description: 'start checks `status` after `call`: an invalid status in a room without a call answers error `call` instead of `status`' },
  { name: 'start-invalid-status-accepted', description: 'start with status 3 (not 1 or 2) answers 200 instead of 400 `status`' },
  { name: 'start-guest-403', description: 'a guest starting a recording gets 403 instead of 401' },
  { name: 'start-non-moderator-allowed', description: 'a participant without moderator rights can start a recording (200 instead of 403)' },
  { name: 'start-lobby-ignored', description: 'a non-moderator in a room with an active lobby gets 403 instead of 412' },
  // lifecycle
  { name: 'started-callback-ignored', description: 'the recording server\'s `started` is answered 200 but callRecording stays 3/4 (starting)' },
  { name: 'failed-reports-none', description: 'the recording server\'s `failed` sets callRecording to 0 instead of 5' },
  { name: 'restart-after-failure-refused', description: 'start in a room whose recording failed (5) answers 400 `recording` instead of 200' },
  // stop
  { name: 'stop-clears-status-at-once', description: 'stop sets callRecording to 0 immediately instead of waiting for the recording server\'s `stopped`' },
  { name: 'stop-idle-400', description: 'stop while nothing is recording answers 400 `recording` instead of a 200 no-op' },
  // concurrency
  { name: 'start-race-no-claim', description: 'start claims the room only after talking to the recording server, so parallel starts all answer 200' },
  // backend callback authentication
  { name: 'backend-checksum-prefix-only', description: 'only the first 16 hex digits of a backend callback\'s checksum are compared, so a checksum changed after them is accepted' },
  { name: 'backend-short-random-accepted', description: 'a Talk-Recording-Random of 31 characters is accepted (minimum is 32)' },
  { name: 'backend-uppercase-hex-rejected', description: 'the checksum is compared case-sensitively, so an upper-case hex checksum is rejected with 403' },
  { name: 'backend-underscore-headers-ignored', description: 'a callback signed under the underscore header names TALK_RECORDING_RANDOM / TALK_RECORDING_CHECKSUM fails authentication (403), though they reach PHP as the hyphen names do' },
  { name: 'backend-auth-failure-401', description: 'a backend callback that fails authentication answers 401 instead of 403 `invalid_request`' },
  { name: 'backend-broken-actor-ignored', description: 'a `stopped` callback whose actor is not {type, id} is applied as if it named nobody (200, the recording stops) instead of 404 `no_such_room`' },
  { name: 'backend-unknown-type-200', description: 'a backend callback with an unknown `type` answers 200 instead of 400 `unknown_type`' },
  { name: 'backend-unknown-room-200', description: 'a backend `stopped` for an unknown room token answers 200 instead of 404 `no_such_room`' },
  { name: 'backend-never-throttled', description: 'repeated authentication failures on the backend endpoint are never throttled (no 429)' },
  // store
  { name: 'store-checksum-over-body', description: 'store verifies the checksum over random + request body instead of random + room token' },
  { name: 'store-empty-file-accepted', description: 'a zero-byte recording is stored (200) instead of 400 `empty_file`' },
  { name: 'store-owner-not-participant-accepted', description: 'an `owner` who is not a participant of the room is accepted instead of 400 `owner_participant`' },
  { name: 'store-mimetype-from-name', description: 'the mimetype is taken from the file name, so a PNG renamed `.webm` is stored' },
  { name: 'store-path-kept', description: 'the client file name is not reduced to its basename: `../x.webm` is stored outside Talk/Recording/<token>/' },
  { name: 'store-path-double-slash', description: 'the stored path keeps empty segments (`//Talk/Recording/<token>//x.webm`), a path Nextcloud\'s normalized file tree never has' },
  { name: 'store-dotfile-no-extension', description: 'a file named only `.mp4` is taken to have no extension (400 file_extension) instead of the extension mp4 PHP pathinfo reads' },
  { name: 'store-owner-file-part-read', description: 'an `owner` sent as a file part (with a filename) is read as the owner, though PHP files it under $_FILES and Nextcloud sees no owner (400 size)' },
  { name: 'store-ogg-window-unbounded', description: 'an Ogg codec header is searched in the whole file, so one beyond the first 4 KiB still names the stream' },
  { name: 'store-no-notification', description: 'a stored recording creates no `record_file_stored` notification' },
  // after the store
  { name: 'share-chat-wrong-message-type', description: 'sharing a recording posts messageType `record-video` also for audio files' },
  { name: 'dismiss-ignores-timestamp', description: 'dismissing the notification with its timestamp leaves it listed' },
  // Nextcloud → recording server
  { name: 'outgoing-checksum-over-body-only', description: 'start/stop requests to the recording server are signed with HMAC(secret, body), without the random' },
  { name: 'outgoing-backend-header-missing', description: 'start/stop requests to the recording server lack the Talk-Recording-Backend header' },
  { name: 'outgoing-4xx-retried', description: 'a 4xx answer of the recording server is retried like a 5xx (3 attempts) and applied only after the API call answered: a stop answered 404 leaves callRecording unchanged when the stop returns' },
  // recording-server callbacks: system messages
  { name: 'stopped-without-actor-posts-message', description: 'a `stopped` callback naming no participant posts a recording_stopped system message (authored by guests/system) instead of none' },
  { name: 'started-stranger-authored-as-system', description: 'a `started` callback naming an actor who is not a participant posts recording_started by guests/system instead of guests/failed-to-get-session' },
  // notifications after the store
  { name: 'dismiss-any-user', description: 'dismissing a recording notification marks every user\'s notification of that timestamp processed, not only the caller\'s' },
  { name: 'store-theora-as-audio', description: 'an Ogg stream with a Theora (video) header is judged as Ogg audio: .ogv is refused (400 file_extension) and .ogg accepted' },
  // the simulated recording server
  { name: 'simulated-upload-skipped', description: 'the built-in recording server reports `stopped` but never uploads the recorded file, so no file is stored and nobody is notified' },
  // welcome
  { name: 'welcome-non-admin-allowed', description: 'GET …/recording/welcome/{serverId} answers a user who is not an admin (200) instead of 403' },
  // upload limits
  { name: 'store-body-limit-8mib', description: 'store bodies above 8 MiB are refused with 413, below the documented 32 MiB upload limit' },
  { name: 'store-file-limit-ignored', description: 'a file part above upload_max_filesize is stored (200) instead of answering 400 `invalid_file`' },
  // call end
  { name: 'last-leave-no-call-left', description: 'when the last participant leaves the call only `call_ended` is posted, without their `call_left` before it' },
  // round 2: recording
  { name: 'outgoing-3xx-refused', description: 'a 3xx answer of the recording server (no Location to follow) is taken as a refusal (start answers 500) instead of done, as Guzzle returns it without throwing' },
  { name: 'outgoing-ws-url-kept', description: 'a recording server configured as ws://host is asked at ws://host/api/v1/room/<token> instead of http://host/…, so nothing reaches it' },
  { name: 'outgoing-content-type-form', description: 'start/stop requests to the recording server carry Content-Type application/x-www-form-urlencoded instead of application/json' },
  { name: 'store-content-type-strict', description: 'a store upload is read as multipart only when its Content-Type starts exactly with `multipart/form-data;` (lower case, no space): others arrive without fields (400 `size`)' },
  { name: 'notification-subject-unrendered', description: 'recording notifications are listed with their subject key (`record_file_stored`, `record_file_store_fail`) instead of the rendered text ("Call recording now available", "Failed to upload call recording")' },
  { name: 'welcome-errors-as-connect', description: 'every failed welcome probe answers 500 CAN_NOT_CONNECT, also an HTTP error of the recording server (its status), a signaling server (IS_SIGNALING_SERVER) and a body that is no JSON object (JSON_INVALID)' },
  { name: 'store-missing-file-empty', description: 'a store upload without a file part answers 400 `empty_file` instead of `invalid_file`' },
  { name: 'store-owner-invalid-ignored', description: 'an owner whose account cannot be used is stored for (200) instead of 400 `owner_invalid`' },
  { name: 'store-owner-permission-ignored', description: 'an owner without write permission is stored for (200) instead of 400 `owner_permission`' },
  { name: 'call-end-stop-answer-ignored', description: 'the stop sent when the call ends ignores the recording server\'s answer: a 404 (nothing recorded there) leaves callRecording as it was instead of 5 (failed)' },
  { name: 'simulated-upload-tiny', description: 'the built-in recording server uploads a bare container header instead of the media fixture of its kind (sample.webm / sample.ogg)' },
  { name: 'throttle-one-failure-late', description: 'the brute-force throttle answers 429 only after 11 failed recording-server authentications, not after 10' },
  { name: 'throttle-window-from-last-failure', description: 'the brute-force throttle keeps every failure until 30 minutes pass without one, instead of letting each failure age out 30 minutes after it happened' },
  { name: 'throttle-lifts-early', description: 'the brute-force throttle lifts a minute before 30 minutes have passed since the failures' },
  { name: 'store-post-limit-ignored', description: 'a store body above post_max_size is parsed and stored (200) instead of arriving without `owner` (400 `size`)' },
  // round 3: recording (issue 13, point 2)
  { name: 'backend-unknown-type-message-plain-json', description: 'the unknown_type message re-encodes the callback body as plain JSON (`/` and non-ASCII kept as they are, `{}` kept) instead of as PHP json_encode writes it (`\\/`, \\uXXXX, `[]`)' },
  { name: 'simulated-events-in-start-order', description: 'the built-in recording server delivers events that fall due together in the order their recordings began, not in the order they fell due: a recording stopped later but begun earlier reports `stopped` first' },
  { name: 'body-limit-lifted-everywhere', description: 'the store\'s lifted body limit applies to every request: a 17 MiB recording-server callback is read (and answered 403/400) instead of refused with 413 above the general 16 MiB' },
  { name: 'simulated-second-stop-restarts', description: 'the built-in recording server takes a second stop of a recording that is already stopping as a new one: its end (`stopped`, the upload) is put off by another second' },
  { name: 'simulated-due-stops-running', description: 'when the built-in recording server delivers due events, it also ends every recording that is running: another room\'s `started` stops a recording in progress' },
  { name: 'outgoing-fourth-attempt', description: 'a start or stop the recording server answers 5xx is tried 4 times instead of 3, so a server that answers 503 three times and then 200 has the start taken instead of refused' },
  { name: 'start-error-message-set', description: 'a refused start (400) carries its error code as OCS meta.message instead of the empty message of a DataResponse' },
  // ---- round 5: recording (helper r5d, issue 13 point 2) ----
  { name: 'store-fail-notifies-departed-owner', description: 'an upload without `owner` (400 `size`) notifies the user who started the recording even after they left the room, instead of nobody' },
  { name: 'store-owner-remembered-after-upload', description: 'the user who started the recording stays remembered after an upload named its owner, so a later upload without `owner` notifies them again' },
  { name: 'store-file-field-taken-as-file', description: 'a `file` sent as a plain form field (no filename) is taken as the uploaded recording and stored, instead of 400 `invalid_file`' },
  { name: 'notification-call-type-group', description: 'recording notifications about a public or one-to-one room name its call as `call-type` group instead of public / one2one' },
  { name: 'store-fail-notification-no-call', description: 'the failed-upload notification (record_file_store_fail) carries no `call` parameter, so its message shows `{call}` instead of the room\'s name' },
  { name: 'store-failures-not-counted', description: 'a failed upload signature (401) is not counted by the brute-force throttle, so the store can be probed without end and never throttles the backend' },
  { name: 'store-throttled-by-status-failures', description: 'the store also answers 429 after unrequested `started` callbacks (talkRecordingStatus), which throttle only the backend' },
  { name: 'simulated-file-named-at-stop', description: 'the built-in recording server names the uploaded file after the moment it stopped instead of the moment its recorder started (`Recording YYYY-MM-DD HH-MM-SS`, as the official server names it)' },
  { name: 'simulated-stop-while-starting-records', description: 'the built-in recording server treats a stop before its recorder started like one of a running recording: it ends a second later and uploads a file, instead of ending at once with nothing to upload' },
  { name: 'simulated-unknown-stop-500', description: 'the built-in recording server answers a stop of a recording it does not know with 500 instead of 404, so stopping a failed recording answers 500' },
  { name: 'simulated-stop-without-actor-ignored', description: 'the built-in recording server ignores a stop naming nobody (`"stop":[]`, sent when the call ends): the recording runs on after the call ended' },
  { name: 'outgoing-stop-actor-dropped', description: 'a moderator\'s stop is sent to the recording server as `"stop":[]`, naming nobody (as when the call ends), so its `stopped` names nobody and no recording_stopped is posted' },
  { name: 'stopped-while-starting-posts-message', description: 'a `stopped` naming a participant while the recording is still starting (3/4) posts recording_stopped, although nothing was recorded' },
  { name: 'store-signature-before-room', description: 'an upload to an unknown room with a wrong signature answers 401 (and counts as a failed authentication) instead of 404: the signature is checked before the room is looked up' },
  { name: 'store-limits-exclusive', description: 'a store body of exactly post_max_size bytes answers 400 `size`, and a file of exactly upload_max_filesize bytes 400 `invalid_file`: the limits are taken as exclusive, where PHP refuses only what exceeds them' },
  { name: 'notification-datetime-js-iso', description: 'recording notifications carry `datetime` as JavaScript writes it (milliseconds and `Z`) instead of PHP date(\'c\') (seconds and `+00:00`)' },
  { name: 'notification-actions-both-primary', description: 'the stored-recording notification marks both actions primary, the dismiss action as well as share to chat' },
  { name: 'dismiss-clears-failure-notification', description: 'dismissing the recording notification also marks the failed-upload notification (record_file_store_fail, object type recording_information) of that timestamp processed' },
  { name: 'welcome-id-digits-at-end', description: 'a welcome serverId that only ends in digits ("a1") is looked up as a server index (404 with data null) instead of taken by no route (404 with data [])' },
  { name: 'welcome-400-passed-through', description: 'a recording server answering its welcome with HTTP 400 and a JSON body has that body passed through (200) instead of 500 {"error": "400"}' },
  { name: 'recording-without-signaling-allowed', description: 'a real recording server records with internal signaling: a start is taken instead of 400 `config` (recording needs an external signaling server)' },
  { name: 'store-ebml-doctype-near-start', description: 'the EBML DocType is looked for only in the first 64 bytes instead of the 4096 libmagic searches, so a WebM/Matroska file with a longer EBML header is refused (400 `file_mimetype`)' },
  { name: 'simulated-duplicate-start-restarts', description: 'the built-in recording server takes a start for a room whose recorder still runs as a new recording (reports `started` again) instead of ignoring it as the official server does' },
  { name: 'start-refusal-overwrites-status', description: 'a start the recording server refuses puts back the status from before the start even when the recording server reported `failed` meanwhile, so the room shows 0 instead of 5' },
  { name: 'stop-sent-when-idle', description: 'a stop while nothing records (status 0) is sent to the recording server instead of answered 200 at once with nothing sent' },
  { name: 'backend-started-fields-unchecked', description: 'a `started` whose status is not 1/2 or whose actor is missing or lacks type/id is applied (the room records video) instead of answered 404 no_such_room' },
  { name: 'store-backslash-kept', description: 'an upload\'s file name is cut at its last `/` only, not at a `\\` too as PHP\'s multipart parser does: `dir\\x.webm` is stored under that name instead of as `x.webm`' },
  { name: 'store-empty-filename-uploaded', description: 'a file part with an empty filename is taken as an upload (400 `file_extension`) instead of no upload (PHP\'s UPLOAD_ERR_NO_FILE: 400 `invalid_file`)' },
  { name: 'simulated-starts-together', description: 'when the built-in recording server delivers a due event, every recording still starting reports `started` with it, however young its start' },
  { name: 'notification-of-deleted-room-listed', description: 'a recording notification stays listed after its room was deleted (naming the room by its token, without a link) instead of being dropped as Talk\'s Notifier drops it' },
  { name: 'welcome-null-passed-through', description: 'a recording server answering its welcome with the JSON `null` has it passed through (200, data null) instead of 500 JSON_INVALID (json_decode gives no array)' },
  { name: 'stop-without-server-500', description: 'a stop while no recording server is configured answers 500 instead of 200 (Nextcloud logs "No configured recording server" and carries on)' },
  { name: 'start-without-secret-allowed', description: 'a start is taken with a recording server whose secret is empty, instead of 400 `config`' },
  { name: 'store-underscore-headers-ignored', description: 'a store upload signed under the underscore header names (TALK_RECORDING_RANDOM / _CHECKSUM) fails authentication (401), unlike a backend callback' },
  { name: 'refusal-message-empty', description: 'a start or stop the recording server refused answers 500 with an empty meta.message instead of ocs/v2.php\'s "Internal Server Error" and newline' },
  { name: 'store-control-chars-kept', description: 'an upload whose file name holds a control character is stored under that name instead of refused with 400 `file_name`' },
  { name: 'store-audio-mp4-as-video', description: 'an audio-only MPEG-4 file (ftyp brand M4A or M4B) named .mp4 is stored as video/mp4 instead of refused with 400 `file_mimetype`' },
] as const satisfies readonly FaultDef[];

export type RecordingFaultName = (typeof recordingFaults)[number]['name'];
