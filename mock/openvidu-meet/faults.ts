// Named, deliberate bugs this mock can be switched into (control API or `callrec mock --fault`).
// Each one names the checks that must fail while it is on; `callrec selfcheck` proves it.
import type { FaultDef } from '../../core/api.ts';

const c = (rule: string) => `openvidu-meet.${rule}`;

export const faults = [
  // schema & status codes
  { name: 'status-outside-enum', description: 'GET /recordings/{id} reports status "recording", outside the documented enum', trips: [c('schema.responses-conform')] },
  { name: 'start-missing-location', description: 'start answers 201 without a Location header', trips: [c('start.created-with-location')] },
  { name: 'start-empty-room-accepted', description: 'start in a room without participants answers 201 instead of 409', trips: [c('start.documented-errors')] },
  { name: 'second-start-accepted', description: 'a second start in a room already recording answers 201', trips: [c('start.one-active-per-room')] },
  { name: 'start-race-no-lock', description: 'parallel starts in one room all succeed (no per-room lock)', trips: [c('start.parallel-single-winner')] },
  { name: 'bad-recording-id-404', description: 'a malformed recordingId answers 404 instead of 422 with details', trips: [c('validation.recording-id-format')] },
  { name: 'malformed-json-500', description: 'a malformed JSON body on start answers 500', trips: [c('validation.malformed-body')] },
  { name: 'not-found-message-missing', description: '404 bodies lack the required `message`', trips: [c('get.not-found')] },
  // pagination
  { name: 'page-repeats-boundary-item', description: 'each next page starts with the last item of the previous page', trips: [c('pagination.no-duplicates-no-gaps')] },
  { name: 'sort-order-ignored', description: 'sortOrder=asc is answered in descending order', trips: [c('pagination.sort-order')] },
  { name: 'max-items-not-clamped', description: 'maxItems above 100 is not clamped to 100', trips: [c('pagination.max-items')] },
  { name: 'truncated-on-last-page', description: 'isTruncated is true (with a token) on the last page', trips: [c('pagination.truncation-flags')] },
  { name: 'room-name-filter-case-sensitive', description: 'roomName filter matches case-sensitively', trips: [c('pagination.filters')] },
  { name: 'fields-projection-ignored', description: 'the fields parameter is ignored', trips: [c('pagination.fields-projection')] },
  { name: 'bad-token-restarts-listing', description: 'an undecodable nextPageToken silently returns the first page', trips: [c('pagination.bad-token-rejected')] },
  // media & ranges
  { name: 'media-size-mismatch', description: 'the recording `size` differs from the bytes the media endpoint serves', trips: [c('media.full-download')] },
  { name: 'media-of-active-200', description: 'media of an active recording answers 200 instead of 409', trips: [c('media.in-progress-conflict')] },
  { name: 'range-ignored-200', description: 'a satisfiable Range is answered 200 with the whole file', trips: [c('ranges.partial-content')] },
  { name: 'content-range-end-off-by-one', description: 'Content-Range end is one past the last byte sent', trips: [c('ranges.exact-bytes')] },
  { name: 'unsatisfiable-range-200', description: 'a Range starting past the end answers 200 instead of 416', trips: [c('ranges.unsatisfiable')] },
  { name: 'malformed-range-ignored', description: 'a malformed Range header is ignored (200) instead of 422', trips: [c('ranges.malformed-rejected')] },
  { name: 'suffix-range-first-bytes', description: 'bytes=-n returns the first n bytes instead of the last n', trips: [c('ranges.suffix')] },
  { name: 'open-ended-range-uncapped', description: 'bytes=N- returns the whole rest of the file, ignoring the 5 MiB cap', trips: [c('ranges.open-ended-cap')] },
  // lifecycle & deletion
  { name: 'stop-completed-202', description: 'stop of a recording that is not active answers 202', trips: [c('lifecycle.stop-only-active'), c('lifecycle.model')] },
  { name: 'status-regresses', description: 'a complete recording reads back as ending every other read', trips: [c('lifecycle.model')] },
  { name: 'delete-active-allowed', description: 'deleting an active recording answers 200', trips: [c('delete.lifecycle')] },
  { name: 'deleted-still-listed', description: 'a deleted recording still appears in listings', trips: [c('delete.lifecycle')] },
  { name: 'bulk-delete-partial-200', description: 'bulk delete with some failures answers 200', trips: [c('bulk-delete.partial-failure')] },
  { name: 'zip-entry-truncated', description: 'ZIP entries are missing their last byte', trips: [c('zip.entries-match-media')] },
  // auth
  { name: 'list-without-auth', description: 'GET /recordings without credentials answers 200', trips: [c('auth.missing-credentials')] },
  { name: 'any-api-key-accepted', description: 'any X-API-KEY value is accepted', trips: [c('auth.wrong-api-key')] },
  { name: 'room-token-sees-other-rooms', description: 'a room-member token lists and reads recordings of other rooms', trips: [c('auth.room-member-scope')] },
  { name: 'access-token-starts-recording', description: 'an admin access token can start a recording', trips: [c('auth.access-token-cannot-start')] },
  { name: 'query-token-ignored', description: 'media ignores the roomMemberToken/accessToken query fallback (401)', trips: [c('auth.query-token-media')] },
  { name: 'private-secret-anonymous', description: 'a private-access secret grants anonymous access', trips: [c('share-url.secrets')] },
  // webhooks
  { name: 'webhook-signed-wrong-bytes', description: 'X-Signature is computed over the body without the timestamp prefix', trips: [c('webhooks.signature')] },
  { name: 'webhook-events-reordered', description: 'recordingEnded is delivered before recordingStarted', trips: [c('webhooks.order')] },
  // robustness
  { name: 'oversized-body-accepted', description: 'a body over the limit is processed instead of 413', trips: [c('robustness.oversized-body')] },
  { name: 'unknown-method-404', description: 'an undefined method on a known path answers 404 without Allow instead of 405', trips: [c('robustness.unknown-method')] },
] as const satisfies readonly FaultDef[];

export type FaultName = (typeof faults)[number]['name'];
