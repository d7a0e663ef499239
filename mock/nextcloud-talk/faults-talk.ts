// Named, deliberate bugs of the Talk API v1 / OCS part of the mock (control API or
// `callrec mock --fault`). The recording slice keeps its own list in faults-recording.ts; which
// checks each must trip is the suites' business (suites/nextcloud-talk/faults.ts).
import type { FaultDef } from '../../core/api.ts';

export const talkFaults = [
  // OCS envelope, negotiation, status mapping
  { name: 'ocs-envelope-missing', description: 'successful JSON answers carry the bare data instead of {ocs:{meta,data}}' },
  { name: 'ocs-meta-status-wrong', description: 'failures report meta.status "ok" instead of "failure"' },
  { name: 'ocs-accept-json-ignored', description: 'Accept: application/json is answered in XML (only format=json gives JSON)' },
  { name: 'ocs-xml-list-items-misnamed', description: 'XML lists use <item> instead of <element> for their entries' },
  { name: 'ocs-statuscode-is-http', description: 'meta.statuscode repeats the HTTP status (401) instead of the OCS code (997)' },
  { name: 'ocs-http-status-always-200', description: 'failures answer HTTP 200 (OCS v1 behaviour) on /ocs/v2.php' },
  // schema
  { name: 'room-type-as-string', description: 'room objects carry `type` as a string ("2") instead of an integer' },
  // permissions & roles
  { name: 'rename-by-non-moderator', description: 'a plain user (type 3) may rename a room (200 instead of 403)' },
  { name: 'password-on-group-room', description: 'a password can be set on a non-public room (200 instead of 403)' },
  { name: 'promote-keeps-user-type', description: 'promoting a user answers 200 but the participant stays type 3' },
  { name: 'owner-removable', description: 'a moderator may remove the owner (200 instead of 403)' },
  { name: 'members-managed-by-non-moderator', description: 'a plain user (type 3) may add and remove participants (200 instead of 403)' },
  { name: 'promote-owner-403', description: 'promoting an owner (the other member of a one-to-one room too) answers 403 instead of 400' },
  { name: 'demote-self-allowed', description: 'a moderator may demote itself (200 instead of 403)' },
  { name: 'guest-lists-participants', description: 'a plain guest (type 4) lists the participants (200 instead of 403)' },
  // leaving and removing oneself
  { name: 'leave-room-not-member-404', description: 'leaving a room one has no session in (or an unknown room) answers 404 instead of the 200 no-op' },
  { name: 'remove-self-by-name-forbidden', description: 'naming oneself in DELETE …/participants answers 403 instead of acting as removeSelf' },
  { name: 'last-moderator-may-leave', description: 'the last moderator leaves a room other users remain in (200 instead of 400)' },
  // one-to-one rooms
  { name: 'one-to-one-unlocked', description: 'a one-to-one room accepts new participants and can be deleted (200 instead of 400)' },
  { name: 'one-to-one-not-readded', description: 'who left a one-to-one room is not re-added when the other member posts or starts a call' },
  // call
  { name: 'call-flags-ignored', description: 'joining a call with `flags` records 7 (audio+video) whatever was asked' },
  { name: 'call-leave-keeps-peer', description: 'after leaving the call the participant is still listed as a call peer' },
  // chat
  { name: 'chat-page-repeats-boundary', description: 'a history page starts with the lastKnownMessageId message itself' },
  { name: 'chat-last-given-off-by-one', description: 'X-Chat-Last-Given is one below the oldest id returned, so the next page skips a message' },
  { name: 'long-poll-no-wait', description: 'lookIntoFuture=1 with nothing new answers 200 [] at once instead of waiting (then 304)' },
  { name: 'long-poll-timeout-uncapped', description: 'the long-poll timeout is not capped at 30 s' },
  { name: 'chat-limit-uncapped', description: 'limit above 200 is not capped at 200' },
  { name: 'chat-long-message-accepted', description: 'a message over 1000 characters is accepted (201 instead of 413)' },
  // read-only and lobby
  { name: 'read-only-chat-accepted', description: 'posting to a read-only room answers 201 instead of 403' },
  { name: 'read-only-call-accepted', description: 'joining the call of a read-only room answers 200 instead of 403' },
  { name: 'lobby-ignored', description: 'a non-moderator can read the chat of a room whose lobby is on (200 instead of 412)' },
  // guests
  { name: 'guest-name-not-applied', description: 'setGuestName answers 200 but chat messages keep the old guest name' },
  { name: 'guest-password-not-checked', description: 'a guest joins a password-protected room with a wrong password (200 instead of 403)' },
  // whole classes of operations (suites/nextcloud-talk/checks/room-rules.ts)
  { name: 'unknown-room-500', description: 'an operation naming a room token that does not exist fails with 500 instead of 404' },
  { name: 'user-added-no-message', description: 'adding a user answers 200 but posts no user_added system message' },
  { name: 'favorite-not-stored', description: 'addFavorite answers 200 but the room keeps isFavorite false' },
  { name: 'leave-keeps-self-joined', description: 'a user who joined a public room by its link (type 5) stays a participant after leaving it' },
  { name: 'guest-settings-allowed', description: 'a guest may set favorites and notification levels (200 instead of 404: they are per user)' },
  { name: 'mention-not-parsed', description: 'an @mention of a user stays plain text: no {mention-user1} parameter, no mention marker for the user' },
  { name: 'call-joined-no-message', description: 'joining a call that is already running posts no call_joined system message' },
  { name: 'form-body-ignored', description: 'form-urlencoded request bodies are read as no parameters (only JSON bodies and the query string count)' },
  { name: 'signaling-other-room-relayed', description: 'internal signaling relays a message to a session of another room, and without the sender in `from`' },
  { name: 'ocs-xml-booleans-as-words', description: 'XML answers write booleans as the words true/false instead of PHP\'s "1" and empty' },
  // auth
  { name: 'csrf-not-enforced', description: 'logged-in requests without OCS-APIRequest and without requesttoken are accepted instead of 412' },
  { name: 'app-password-rejected', description: 'Basic auth with a valid app password answers 401' },
  { name: 'browser-session-rejected', description: 'a browser request (session cookie + requesttoken, no OCS-APIRequest) answers 401' },
  // round 2: v1
  { name: 'chat-read-marker-kept', description: 'reading the chat does not move the reader\'s read marker: the room stays unread (and mentioning) for who read it' },
  { name: 'moderator-session-any-room', description: 'promoting or demoting by sessionId finds a guest of another room (200 and the guest changed there, instead of 404)' },
  { name: 'member-added-again-reset', description: 'adding a user who is already a member adds them again: a moderator becomes a plain user (3) and user_added is posted again' },
  { name: 'ocs-meta-paging-always', description: 'the OCS meta of every Talk answer carries totalitems and itemsperpage (0), which OCS v2 sends only when set' },
  { name: 'read-only-lobby-no-message', description: 'locking or unlocking the room (read-only) and turning the lobby on or off post no read_only / read_only_off / lobby_non_moderators / lobby_none system message' },
  { name: 'same-state-posts-message', description: 'setting read-only or the lobby to the state it already has posts its system message again' },
  { name: 'signaling-users-unnamed', description: 'the usersInRoom entries of a signaling pull carry an empty userId for users too (as if every session were a guest)' },
  { name: 'guests-counted-as-users', description: 'a room counts its connected guests in count (active users) and answers numGuests 0' },
  { name: 'call-peer-token-empty', description: 'the call\'s peers (getPeers) carry an empty token instead of the room\'s (the spec lets them leave it out, not name another)' },
  { name: 'long-poll-woken-by-any-room', description: 'a message in any room ends every pending chat long-poll (answered 304 at once when its own room has nothing new)' },
  { name: 'mention-notification-as-room', description: 'a mention notification is filed under object_type room instead of chat' },
  { name: 'signaling-guests-named', description: 'the usersInRoom entry of a guest\'s session carries the guest\'s internal id as userId instead of an empty one' },
  { name: 'guests-keep-last-moderator', description: 'the only user of a room cannot leave it while guests are in it (400: guests counted as users for the last-moderator rule)' },
  // round 3: v1 (mutation survivors)
  { name: 'guest-session-outlives-removal', description: 'a guest who left or was removed is still found by its session: promoting, demoting or removing that session again answers 200 instead of 404' },
  { name: 'long-poll-waits-when-new', description: 'lookIntoFuture=1 waits out its timeout even when newer messages are already there, instead of answering them at once' },
  { name: 'allow-methods-unsorted', description: 'a 405\'s Allow lists the path\'s methods in reverse alphabetical order (PUT, GET, DELETE) instead of alphabetically' },
  { name: 'guest-param-name-empty', description: 'the guest parameter of guest_moderator_promoted / _demoted carries an empty name for an unnamed guest instead of "Guest"' },
  { name: 'guest-rejoin-new-participant', description: 'a guest joining its room again with its session cookie becomes a new plain guest (type 4): a guest moderator loses its role' },
  { name: 'room-list-ties-unordered', description: 'getRooms orders rooms of equal lastActivity as they were joined instead of by token' },
  { name: 'non-participant-type-5', description: 'a user reading a public room it has not joined is shown participantType 5 (self-joined) instead of the non-participant default 4' },
  { name: 'session-zero-found', description: 'promoting or demoting by sessionId "0" (what a disconnected participant shows) finds such a participant instead of nobody (404)' },
  { name: 'int-param-leading-digits', description: 'setNotificationLevel reads `level` by its leading digits, as JavaScript parseInt does ("1x2" is 1, a JSON true is refused), instead of the mock\'s integer rules' },
  { name: 'ocs-xml-no-declaration', description: 'XML answers start at <ocs>, without the <?xml version="1.0"?> declaration XMLWriter writes first' },
  { name: 'long-poll-ends-early', description: 'a long-poll with nothing new ends (304) after half its timeout' },
  // round 4: v1 (mutation survivors)
  { name: 'call-rejoin-posts-joined', description: 'joining the call again while already in it posts call_joined again (spreed posts only when the session was out of the call)' },
  { name: 'body-read-before-login-check', description: 'a guest calling a user-only operation with a body that does not parse is answered 400 (body read first) instead of 401' },
  { name: 'ocs-xml-control-chars-kept', description: 'XML answers keep the control characters XML 1.0 cannot carry (U+0001 …) in their text instead of leaving them out' },
  { name: 'user-renamed-by-post', description: 'a user posting with actorDisplayName is named by it (only a guest is; spreed ignores it for users)' },
  { name: 'basic-auth-one-space-only', description: 'Basic credentials with more than one space after the scheme are refused (401) instead of read (RFC 7235: 1*SP)' },
  { name: 'remove-guest-any-room', description: 'removeGuest finds a guest session of another room (200 instead of 404)' },
  { name: 'basic-auth-trailing-ignored', description: 'Basic credentials followed by more words are read as the first token alone (200 instead of 401)' },
  { name: 'guest-param-name-unsuffixed', description: 'a Rich Object naming a named guest carries its bare name instead of spreed\'s "<name> (guest)"' },
  // round 5: v1 participants, call, chat, signaling (helper r5c, mutation survivors)
  { name: 'call-default-flags-in-call-only', description: 'joining the call without flags joins with flags 1 (in call, no audio or video) instead of the default 7' },
  { name: 'call-leave-when-out-posts-left', description: 'leaving the call while not in it posts call_left (and call_ended when nobody is in the call) instead of nothing' },
  { name: 'call-end-for-everyone-ignored', description: 'a moderator leaving the call with all=true only leaves it: the others stay in the call and nothing ends it' },
  { name: 'call-end-for-everyone-by-anyone', description: 'a plain participant leaving the call with all=true ends it for everyone (only moderators may)' },
  { name: 'last-moderator-owner-only', description: 'the last-moderator rule protects owners only: a promoted moderator who is the last one leaves while plain users remain (200 instead of 400)' },
  { name: 'remove-guest-by-anyone', description: 'a plain participant may remove a guest by its session (200 instead of 403)' },
  { name: 'self-joined-password-asked-again', description: 'a user who joined a protected public room by its link must give the password again to open another session (403 instead of 200)' },
  { name: 'long-poll-removed-404', description: 'a long-poll whose caller was removed while it waited answers 404 instead of the messages that woke it (its user_removed)' },
  { name: 'mention-guests-suggested', description: 'mention suggestions list the room\'s guests too (seed 004: users only)' },
  { name: 'mention-order-unsorted', description: 'mention suggestions come in the order participants joined instead of by display name' },
  { name: 'chat-read-no-ping', description: 'reading the chat does not refresh the caller\'s session lastPing (seed 004 no-ping: reading chat or signaling pings)' },
  { name: 'signaling-pull-no-ping', description: 'pulling signaling messages does not refresh the caller\'s session lastPing' },
  { name: 'signaling-non-object-500', description: 'a signaling message whose fn is JSON but not an object (null, a number) fails the whole send with 500 instead of being dropped' },
  { name: 'leave-answers-object', description: 'leaving a room (removeSelf) answers data {} instead of the empty list []' },
  { name: 'last-leave-keeps-room', description: 'a room its last participant left is kept (a public one still answers 200) instead of deleted' },
  { name: 'signaling-unknown-target-500', description: 'a signaling message naming a session nobody has fails the whole send with 500 instead of being dropped' },
  { name: 'signaling-messages-redelivered', description: 'a signaling pull leaves the messages it answered queued, so the next pull answers them again' },
  { name: 'email-loosely-validated', description: 'inviting by e-mail accepts anything with an @ in it (\'@x\', \'a b@x\', \'a@b@x\') instead of 400' },
  { name: 'leaving-keeps-call', description: 'closing the room session (leaveRoom) or being removed leaves the participant in the call: the call goes on with nobody able to be in it' },
  { name: 'join-no-ping', description: 'joining the room does not set the new session\'s lastPing (it keeps the old one, 0 for a first join)' },
  { name: 'guest-demotes-itself', description: 'a guest moderator may demote its own session (200 instead of 403)' },
  { name: 'unknown-group-added', description: 'adding a group nobody has (source groups) answers 200, adding nobody, instead of 404' },
] as const satisfies readonly FaultDef[];

export type TalkFaultName = (typeof talkFaults)[number]['name'];
