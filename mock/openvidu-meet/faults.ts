// Named, deliberate bugs this mock can be switched into (control API or `callrec mock --fault`).
// Which checks each must trip is the suites' business (suites/openvidu-meet/faults.ts).
import type { FaultDef } from '../../core/api.ts';

export const faults = [
  // schema & status codes
  { name: 'status-outside-enum', description: 'GET /recordings/{id} reports status "recording", outside the documented enum' },
  { name: 'start-missing-location', description: 'start answers 201 without a Location header' },
  { name: 'start-empty-room-accepted', description: 'start in a room without participants answers 201 instead of 409' },
  { name: 'second-start-accepted', description: 'a second start in a room already recording answers 201' },
  { name: 'start-while-ending-accepted', description: "a start while the room's last recording is still ending answers 201 (the room is freed at the stop, not when the recording ends)" },
  { name: 'start-layout-ignored', description: "start ignores config.layout and records with the room's layout" },
  { name: 'start-race-no-lock', description: 'parallel starts in one room all succeed (no per-room lock)' },
  { name: 'bad-recording-id-404', description: 'a malformed recordingId answers 404 instead of 422 with details' },
  { name: 'malformed-json-500', description: 'a malformed JSON body on start answers 500' },
  { name: 'not-found-message-missing', description: '404 bodies lack the required `message`' },
  { name: 'validation-messages-generic', description: "422 details say 'Invalid input' for every field instead of what is wrong with it" },
  // pagination
  { name: 'page-repeats-boundary-item', description: 'each next page starts with the last item of the previous page' },
  { name: 'sort-order-ignored', description: 'sortOrder=asc is answered in descending order' },
  { name: 'max-items-not-clamped', description: 'maxItems above 100 is not clamped to 100' },
  { name: 'truncated-on-last-page', description: 'isTruncated is true (with a token) on the last page' },
  { name: 'room-name-filter-case-sensitive', description: 'roomName filter matches case-sensitively' },
  { name: 'room-name-filter-undefined', description: 'a roomId filter without roomName also lists rooms whose name contains "undefined" (the absent name filter tested as String(undefined))' },
  { name: 'fields-projection-ignored', description: 'the fields parameter is ignored' },
  { name: 'page-token-lenient', description: "nextPageToken is decoded leniently: characters outside base64url (a space, a '!') are skipped, so a corrupted token still gives a page" },
  { name: 'bad-token-restarts-listing', description: 'an undecodable nextPageToken silently returns the first page' },
  // media & ranges
  { name: 'media-size-mismatch', description: 'the recording `size` differs from the bytes the media endpoint serves' },
  { name: 'media-not-cacheable', description: 'media answers Cache-Control: no-store instead of public, max-age=3600' },
  { name: 'media-of-active-200', description: 'media of an active recording answers 200 instead of 409' },
  { name: 'range-ignored-200', description: 'a satisfiable Range is answered 200 with the whole file' },
  { name: 'content-range-end-off-by-one', description: 'Content-Range end is one past the last byte sent' },
  { name: 'unsatisfiable-range-200', description: 'a Range starting past the end answers 200 instead of 416' },
  { name: 'malformed-range-ignored', description: 'a malformed Range header is ignored (200) instead of 422' },
  { name: 'range-prefix-junk-ignored', description: 'the Range format check is not anchored: junk before bytes= (xbytes=0-1) passes it and the header is ignored (200) instead of 422' },
  { name: 'suffix-range-first-bytes', description: 'bytes=-n returns the first n bytes instead of the last n' },
  { name: 'open-ended-range-uncapped', description: 'bytes=N- returns the whole rest of the file, ignoring the 5 MiB cap' },
  // lifecycle & deletion
  { name: 'stop-completed-202', description: 'stop of a recording that is not active answers 202' },
  { name: 'stop-details-missing', description: "a recording stopped through the API completes without details (no 'End reason: StopEgress API')" },
  { name: 'status-regresses', description: 'a complete recording reads back as ending every other read' },
  { name: 'delete-active-allowed', description: 'deleting an active recording answers 200' },
  { name: 'bulk-delete-any-room', description: "a room-member token's bulk delete deletes other rooms' recordings too" },
  { name: 'only-complete-deletable', description: 'DELETE /recordings/{id} of a failed, aborted or limit_reached recording answers 409 as if it were still running' },
  { name: 'deleted-still-listed', description: 'a deleted recording still appears in listings' },
  { name: 'bulk-delete-partial-200', description: 'bulk delete with some failures answers 200' },
  { name: 'zip-includes-in-progress', description: 'the ZIP download also holds the media of recordings still in progress' },
  { name: 'zip-entry-truncated', description: 'ZIP entries are missing their last byte' },
  // auth
  { name: 'list-without-auth', description: 'GET /recordings without credentials answers 200' },
  { name: 'no-api-keys-message-generic', description: "with no API key configured, an X-API-KEY is told 'Invalid API key' instead of that no key is configured yet" },
  { name: 'any-api-key-accepted', description: 'any X-API-KEY value is accepted' },
  { name: 'room-token-sees-other-rooms', description: 'a room-member token lists and reads recordings of other rooms' },
  { name: 'access-token-starts-recording', description: 'an admin access token can start a recording' },
  { name: 'query-token-ignored', description: 'media ignores the roomMemberToken/accessToken query fallback (401)' },
  { name: 'private-secret-anonymous', description: 'a private-access secret grants anonymous access' },
  { name: 'delete-permission-ignored', description: "a room-member token may delete recordings without canDeleteRecordings (a speaker's token deletes)" },
  { name: 'recording-access-ignored', description: "a room-member token may list and read recordings without canRetrieveRecordings (the room's recording access is ignored)" },
  { name: 'record-permission-ignored', description: "a room-member token may start and stop recordings without canRecord (a speaker's token records)" },
  { name: 'expired-token-accepted', description: 'an access or room-member token past its exp claim is still accepted' },
  { name: 'bearer-prefix-optional', description: 'a JWT sent without the "Bearer " prefix is accepted' },
  // input
  { name: 'room-id-only-trimmed', description: 'roomId is only trimmed, not sanitised: characters outside [A-Za-z0-9_-] stay (room-a! names no room)' },
  { name: 'start-timeout-500', description: 'a start that times out answers 500 instead of the documented 503' },
  // rooms
  { name: 'rooms-list-bare-array', description: 'GET /rooms answers a bare array instead of {rooms, pagination}' },
  { name: 'deleted-room-still-readable', description: 'a deleted room still answers 200 on GET /rooms/{roomId}' },
  { name: 'room-status-always-open', description: 'GET /rooms/{roomId} reads status open while a meeting (participants) runs in the room, instead of active_meeting' },
  { name: 'rooms-listed-oldest-first', description: 'GET /rooms lists the oldest room first' },
  // webhooks
  { name: 'webhook-signed-wrong-bytes', description: 'X-Signature is computed over the body without the timestamp prefix' },
  { name: 'webhook-sent-as-text', description: 'webhooks are posted as Content-Type: text/plain instead of application/json' },
  { name: 'webhook-ended-without-size', description: "recordingEnded's data lacks the finished recording's size" },
  { name: 'settle-newest-first', description: 'recordings that finished while no request came are settled newest first: their recordingEnded webhooks go out latest first (ties in reverse id order)' },
  { name: 'webhook-events-reordered', description: 'recordingEnded is delivered before recordingStarted' },
  // robustness
  { name: 'oversized-body-accepted', description: 'a body over the limit is processed instead of 413' },
  { name: 'unknown-method-404', description: 'an undefined method on a known path answers 404 without Allow instead of 405' },
] as const satisfies readonly FaultDef[];

export type FaultName = (typeof faults)[number]['name'];
