// Which checks each named fault of the nextcloud-talk mock must trip (`callrec selfcheck` proves it, and
// `npm test` runs it). Kept with the suites: the shipped mock knows its faults, never check ids.
import type { RecordingFaultName } from '../../mock/nextcloud-talk/faults-recording.ts';
import type { TalkFaultName } from '../../mock/nextcloud-talk/faults-talk.ts';

const c = (rule: string) => `nextcloud-talk.${rule}`;

export const trips: Record<TalkFaultName | RecordingFaultName, readonly string[]> = {
  // ---- Talk API v1 / OCS (mock/nextcloud-talk/faults-talk.ts) ----
  // OCS envelope, negotiation, status mapping
  'ocs-envelope-missing': [c('ocs.envelope')],
  'ocs-meta-status-wrong': [c('ocs.envelope')],
  'ocs-accept-json-ignored': [c('ocs.format-negotiation')],
  'ocs-xml-list-items-misnamed': [c('ocs.format-negotiation')],
  'ocs-statuscode-is-http': [c('ocs.status-mapping')],
  'ocs-http-status-always-200': [c('ocs.status-mapping')],
  // schema
  'room-type-as-string': [c('schema.responses-conform')],
  // permissions & roles
  'rename-by-non-moderator': [c('rooms.permissions')],
  'password-on-group-room': [c('rooms.permissions')],
  'promote-keeps-user-type': [c('participants.roles')],
  'owner-removable': [c('participants.roles')],
  'members-managed-by-non-moderator': [c('participants.roles')],
  'promote-owner-403': [c('participants.roles'), c('participants.one-to-one')],
  'demote-self-allowed': [c('participants.roles')],
  'guest-lists-participants': [c('guests.join-and-names')],
  // leaving and removing oneself
  'leave-room-not-member-404': [c('participants.leave-and-remove-self')],
  'remove-self-by-name-forbidden': [c('participants.leave-and-remove-self')],
  'last-moderator-may-leave': [c('participants.leave-and-remove-self')],
  // one-to-one rooms
  'one-to-one-not-readded': [c('participants.one-to-one')],
  'one-to-one-unlocked': [c('participants.one-to-one')],
  // call
  'call-flags-ignored': [c('call.join-leave-flags')],
  'call-leave-keeps-peer': [c('call.join-leave-flags')],
  // chat
  'chat-page-repeats-boundary': [c('chat.pagination-windows')],
  'chat-last-given-off-by-one': [c('chat.pagination-windows')],
  'long-poll-no-wait': [c('chat.long-poll-bounds')],
  'long-poll-timeout-uncapped': [c('chat.long-poll-bounds')],
  'chat-limit-uncapped': [c('chat.limits')],
  'chat-long-message-accepted': [c('chat.limits')],
  // read-only and lobby
  'read-only-chat-accepted': [c('rooms.read-only-and-lobby')],
  'read-only-call-accepted': [c('rooms.read-only-and-lobby')],
  'lobby-ignored': [c('rooms.read-only-and-lobby')],
  // guests
  'guest-name-not-applied': [c('guests.join-and-names')],
  'guest-password-not-checked': [c('guests.join-and-names')],
  // whole classes of operations
  'unknown-room-500': [c('ocs.unknown-and-foreign-rooms')],
  'user-added-no-message': [c('chat.room-system-messages')],
  'favorite-not-stored': [c('rooms.settings-take-effect')],
  'leave-keeps-self-joined': [c('participants.targets-and-sessions')],
  'guest-settings-allowed': [c('auth.guest-scope')],
  'mention-not-parsed': [c('chat.messages-and-mentions')],
  'call-joined-no-message': [c('call.room-live-state')],
  'form-body-ignored': [c('ocs.parameters-anywhere')],
  'signaling-other-room-relayed': [c('signaling.internal-relay')],
  'ocs-xml-booleans-as-words': [c('ocs.xml-same-data')],
  // auth
  'csrf-not-enforced': [c('auth.browser-and-api-clients')],
  'app-password-rejected': [c('auth.browser-and-api-clients')],
  'browser-session-rejected': [c('auth.browser-and-api-clients')],
  // ---- call recording (mock/nextcloud-talk/faults-recording.ts) ----
  // start: errors, permissions
  'start-status-checked-last': [c('recording.start-errors-precedence')],
  'start-invalid-status-accepted': [c('recording.start-errors-precedence')],
  'start-guest-403': [c('recording.start-permissions')],
  'start-non-moderator-allowed': [c('recording.start-permissions')],
  'start-lobby-ignored': [c('recording.start-permissions')],
  // lifecycle
  'started-callback-ignored': [c('recording.lifecycle-model')],
  'failed-reports-none': [c('recording.lifecycle-model')],
  'restart-after-failure-refused': [c('recording.lifecycle-model')],
  // stop
  'stop-clears-status-at-once': [c('recording.stop-semantics')],
  'stop-idle-400': [c('recording.stop-semantics')],
  // concurrency
  'start-race-no-claim': [c('recording.parallel-starts')],
  // backend callback authentication
  'backend-checksum-prefix-only': [c('backend.checksum-property')],
  'backend-short-random-accepted': [c('backend.short-random-rejected')],
  'backend-uppercase-hex-rejected': [c('backend.uppercase-hex-accepted')],
  'backend-auth-failure-401': [c('backend.documented-errors')],
  'backend-unknown-type-200': [c('backend.documented-errors')],
  'backend-broken-actor-ignored': [c('backend.documented-errors')],
  'backend-unknown-room-200': [c('backend.documented-errors')],
  'backend-never-throttled': [c('backend.throttling')],
  // store
  'store-checksum-over-body': [c('store.checksum-over-token')],
  'store-empty-file-accepted': [c('store.documented-errors')],
  'store-owner-not-participant-accepted': [c('store.documented-errors')],
  'store-mimetype-from-name': [c('store.mimetype-from-content')],
  'store-path-kept': [c('store.path-tricks')],
  'store-no-notification': [c('store.notification-and-file')],
  // after the store
  'share-chat-wrong-message-type': [c('recording.share-chat')],
  'dismiss-ignores-timestamp': [c('recording.notification-dismiss')],
  // Nextcloud → recording server
  'outgoing-checksum-over-body-only': [c('recording-server.outgoing-signed')],
  'outgoing-backend-header-missing': [c('recording-server.outgoing-signed')],
  'outgoing-4xx-retried': [c('recording-server.answers')],
  // recording-server callbacks: system messages
  'stopped-without-actor-posts-message': [c('recording.system-messages')],
  'started-stranger-authored-as-system': [c('recording.system-messages')],
  'dismiss-any-user': [c('recording.notification-scope')],
  'store-theora-as-audio': [c('store.every-format')],
  'simulated-upload-skipped': [c('recording.simulated-server')],
  // welcome
  'welcome-non-admin-allowed': [c('recording-server.welcome')],
  // upload limits
  'store-body-limit-8mib': [c('store.upload-limits')],
  'store-file-limit-ignored': [c('store.upload-limits')],
  // call end
  'last-leave-no-call-left': [c('recording.system-messages')],
  // round 2: v1
  'chat-read-marker-kept': [c('chat.messages-and-mentions')],
  'moderator-session-any-room': [c('auth.guest-scope')],
  'member-added-again-reset': [c('participants.targets-and-sessions')],
  'ocs-meta-paging-always': [c('ocs.xml-same-data')],
  'read-only-lobby-no-message': [c('chat.room-system-messages')],
  'same-state-posts-message': [c('chat.room-system-messages')],
  'signaling-users-unnamed': [c('signaling.internal-relay')],
  'guests-counted-as-users': [c('auth.guest-scope')],
  'call-peer-token-empty': [c('call.room-live-state')],
  'long-poll-woken-by-any-room': [c('chat.long-poll-bounds')],
  'mention-notification-as-room': [c('chat.messages-and-mentions')],
  'signaling-guests-named': [c('signaling.internal-relay')],
  'guests-keep-last-moderator': [c('auth.guest-scope')],
  // round 3: v1 (mutation survivors)
  'guest-session-outlives-removal': [c('auth.guest-scope')],
  'long-poll-waits-when-new': [c('chat.long-poll-bounds')],
  'allow-methods-unsorted': [c('ocs.unknown-and-foreign-rooms')],
  'guest-param-name-empty': [c('auth.guest-scope')],
  'guest-rejoin-new-participant': [c('auth.guest-scope')],
  'room-list-ties-unordered': [c('rooms.settings-take-effect')],
  'non-participant-type-5': [c('participants.targets-and-sessions')],
  'session-zero-found': [c('participants.targets-and-sessions')],
  'int-param-leading-digits': [c('ocs.parameters-anywhere')],
  'ocs-xml-no-declaration': [c('ocs.xml-same-data')],
  'long-poll-ends-early': [c('chat.long-poll-bounds')],
  // round 2: recording
  'outgoing-3xx-refused': [c('recording-server.answers')],
  'outgoing-ws-url-kept': [c('recording-server.answers')],
  'outgoing-content-type-form': [c('recording-server.outgoing-signed')],
  'store-content-type-strict': [c('store.mimetype-from-content')],
  'notification-subject-unrendered': [c('recording.notification-scope'), c('store.upload-limits')],
  'welcome-errors-as-connect': [c('recording-server.welcome')],
  'store-missing-file-empty': [c('store.documented-errors')],
  'store-owner-invalid-ignored': [c('store.documented-errors')],
  'store-owner-permission-ignored': [c('store.documented-errors')],
  'store-post-limit-ignored': [c('store.upload-limits')],
  'call-end-stop-answer-ignored': [c('recording-server.answers')],
  'simulated-upload-tiny': [c('recording.simulated-server')],
  'throttle-one-failure-late': [c('backend.throttling')],
  'throttle-lifts-early': [c('backend.throttling')],
  'throttle-window-from-last-failure': [c('backend.throttling')],
  // ---- round 3: recording (helper trec, issue 13 point 2) ----
  'backend-unknown-type-message-plain-json': [c('backend.documented-errors')],
  'simulated-events-in-start-order': [c('recording.simulated-server')],
  'simulated-second-stop-restarts': [c('recording.simulated-server')],
  'simulated-due-stops-running': [c('recording.simulated-server')],
  'outgoing-fourth-attempt': [c('recording-server.answers')],
  'start-error-message-set': [c('recording.start-errors-precedence')],
  'body-limit-lifted-everywhere': [c('store.upload-limits')],
  // ---- round 4: recording (helper trecb, issue 13 point 2) ----
  'store-path-double-slash': [c('store.path-tricks')],
  'store-dotfile-no-extension': [c('store.every-format')],
  'store-ogg-window-unbounded': [c('store.every-format')],
  'store-owner-file-part-read': [c('store.documented-errors')],
  'backend-underscore-headers-ignored': [c('backend.uppercase-hex-accepted')],
  // ---- round 4: v1 (helper tv1b, issue 13 point 2) ----
  'guest-param-name-unsuffixed': [c('auth.guest-scope')],
  'call-rejoin-posts-joined': [c('call.room-live-state')],
  'body-read-before-login-check': [c('auth.guest-scope')],
  'ocs-xml-control-chars-kept': [c('ocs.xml-same-data')],
  'user-renamed-by-post': [c('chat.messages-and-mentions')],
  'basic-auth-one-space-only': [c('auth.browser-and-api-clients')],
  'remove-guest-any-room': [c('auth.guest-scope')],
  'basic-auth-trailing-ignored': [c('auth.guest-scope')],
  // ---- round 5: v1 participants, call, chat, signaling (helper r5c, issue 13 point 2) ----
  'call-default-flags-in-call-only': [c('call.room-live-state')],
  'call-leave-when-out-posts-left': [c('call.room-live-state')],
  'call-end-for-everyone-ignored': [c('call.end-for-everyone')],
  'call-end-for-everyone-by-anyone': [c('call.end-for-everyone')],
  'last-moderator-owner-only': [c('participants.leave-and-remove-self')],
  'remove-guest-by-anyone': [c('auth.guest-scope')],
  'self-joined-password-asked-again': [c('guests.join-and-names')],
  'long-poll-removed-404': [c('chat.long-poll-bounds')],
  'mention-guests-suggested': [c('chat.messages-and-mentions')],
  'mention-order-unsorted': [c('chat.messages-and-mentions')],
  'chat-read-no-ping': [c('participants.last-ping')],
  'signaling-pull-no-ping': [c('signaling.internal-relay')],
  'signaling-non-object-500': [c('signaling.internal-relay')],
  'leave-answers-object': [c('schema.responses-conform')],
  'last-leave-keeps-room': [c('participants.leave-and-remove-self')],
  'signaling-unknown-target-500': [c('signaling.internal-relay')],
  'signaling-messages-redelivered': [c('signaling.internal-relay')],
  'email-loosely-validated': [c('participants.targets-and-sessions')],
  'leaving-keeps-call': [c('call.end-for-everyone')],
  'join-no-ping': [c('participants.last-ping')],
  'guest-demotes-itself': [c('auth.guest-scope')],
  'unknown-group-added': [c('participants.targets-and-sessions')],
  'chat-missing-message-accepted': [c('chat.messages-and-mentions')],
};

/**
 * Faults only the control API can reveal (the self-check without control lists them apart): the
 * rules that catch them put the server in a state a real one cannot be put in on demand. Each such
 * rule is skipped without control, with this reason in the report.
 */
export const controlOnly: Partial<Record<TalkFaultName | RecordingFaultName, string>> = {
  'store-owner-invalid-ignored': 'needs an owner whose account is unusable (store.documented-errors)',
  'store-owner-permission-ignored': 'needs an owner whose write permission is taken away (store.documented-errors)',
  'store-file-limit-ignored': "needs the target's per-file upload limit lowered (store.upload-limits)",
  'store-post-limit-ignored': "needs the target's post_max_size lowered (store.upload-limits)",
  'notification-subject-unrendered': 'the failed-upload notification needs a refused upload, made by lowering the upload limit (store.upload-limits)',
  'welcome-errors-as-connect': 'needs the target pointed at recording servers that answer errors (recording-server.welcome)',
  'long-poll-ends-early': 'half a 2 s timeout is told from the whole only by moving the clock on demand; Date headers resolve whole seconds (chat.long-poll-bounds)',
  'body-limit-lifted-everywhere': "a real server's body limit is its web server's; the 16 MiB one is the mock's (store.upload-limits)",
};
