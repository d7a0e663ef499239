// Which checks each named fault of the openvidu-meet mock must trip (`callrec selfcheck` proves it, and
// `npm test` runs it). Kept with the suites: the shipped mock knows its faults, never check ids.
import type { FaultName } from '../../mock/openvidu-meet/faults.ts';

const c = (rule: string) => `openvidu-meet.${rule}`;

export const trips: Record<FaultName, readonly string[]> = {
  // schema & status codes
  'status-outside-enum': [c('schema.responses-conform')],
  'start-missing-location': [c('start.created-with-location')],
  'start-empty-room-accepted': [c('start.documented-errors')],
  'second-start-accepted': [c('start.one-active-per-room')],
  'start-while-ending-accepted': [c('start.one-active-per-room')],
  'start-race-no-lock': [c('start.parallel-single-winner')],
  'start-layout-ignored': [c('start.layout')],
  'bad-recording-id-404': [c('validation.recording-id-format')],
  'malformed-json-500': [c('validation.malformed-body')],
  'not-found-message-missing': [c('get.not-found'), c('errors.documented-messages')],
  'validation-messages-generic': [c('errors.documented-messages')],
  // pagination
  'page-repeats-boundary-item': [c('pagination.no-duplicates-no-gaps')],
  'sort-order-ignored': [c('pagination.sort-order')],
  'max-items-not-clamped': [c('pagination.max-items')],
  'truncated-on-last-page': [c('pagination.truncation-flags')],
  'room-name-filter-case-sensitive': [c('pagination.filters')],
  'room-name-filter-undefined': [c('pagination.filters')],
  'fields-projection-ignored': [c('pagination.fields-projection')],
  'page-token-lenient': [c('pagination.bad-token-rejected')],
  'bad-token-restarts-listing': [c('pagination.bad-token-rejected')],
  // media & ranges
  'media-size-mismatch': [c('media.full-download')],
  'media-not-cacheable': [c('media.full-download')],
  'media-of-active-200': [c('media.in-progress-conflict')],
  'range-ignored-200': [c('ranges.partial-content')],
  'content-range-end-off-by-one': [c('ranges.exact-bytes')],
  'unsatisfiable-range-200': [c('ranges.unsatisfiable')],
  'malformed-range-ignored': [c('ranges.malformed-rejected')],
  'range-prefix-junk-ignored': [c('ranges.malformed-rejected')],
  'suffix-range-first-bytes': [c('ranges.suffix')],
  'open-ended-range-uncapped': [c('ranges.open-ended-cap')],
  // lifecycle & deletion
  'stop-completed-202': [c('lifecycle.stop-only-active'), c('lifecycle.model')],
  'stop-details-missing': [c('lifecycle.stop-only-active')],
  'status-regresses': [c('lifecycle.model')],
  'delete-active-allowed': [c('delete.lifecycle')],
  'bulk-delete-any-room': [c('auth.room-member-scope')],
  'only-complete-deletable': [c('lifecycle.abnormal-ends'), c('rooms.deletion-policies')],
  'deleted-still-listed': [c('delete.lifecycle')],
  'bulk-delete-partial-200': [c('bulk-delete.partial-failure')],
  'zip-entry-truncated': [c('zip.entries-match-media')],
  'zip-includes-in-progress': [c('zip.entries-match-media')],
  // auth
  'list-without-auth': [c('auth.missing-credentials')],
  'no-api-keys-message-generic': [c('auth.wrong-api-key')],
  'any-api-key-accepted': [c('auth.wrong-api-key')],
  'room-token-sees-other-rooms': [c('auth.room-member-scope')],
  'access-token-starts-recording': [c('auth.access-token-cannot-start')],
  'query-token-ignored': [c('auth.query-token-media')],
  'expired-token-accepted': [c('auth.token-expiry')],
  'bearer-prefix-optional': [c('auth.credential-places')],
  'private-secret-anonymous': [c('share-url.secrets')],
  'delete-permission-ignored': [c('auth.recording-access')],
  'recording-access-ignored': [c('auth.recording-access')],
  'record-permission-ignored': [c('auth.recording-access')],
  // input
  'room-id-only-trimmed': [c('validation.room-id-sanitised')],
  'start-timeout-500': [c('start.timeout-503')],
  // rooms
  'rooms-list-bare-array': [c('rooms.lifecycle')],
  'deleted-room-still-readable': [c('rooms.lifecycle')],
  'room-status-always-open': [c('rooms.meeting-status')],
  'rooms-listed-oldest-first': [c('rooms.creation-and-listing')],
  // webhooks
  'webhook-signed-wrong-bytes': [c('webhooks.signature')],
  'settle-newest-first': [c('webhooks.settle-order')],
  'webhook-sent-as-text': [c('webhooks.signature')],
  'webhook-events-reordered': [c('webhooks.order')],
  'webhook-ended-without-size': [c('webhooks.order')],
  // robustness
  'oversized-body-accepted': [c('robustness.oversized-body')],
  'unknown-method-404': [c('robustness.unknown-method')],
};

/**
 * Faults only the control API can reveal (the self-check without control lists them apart): the
 * rule that catches it needs data a real server cannot be given on demand.
 */
export const controlOnly: Partial<Record<FaultName, string>> = {
  'room-name-filter-undefined': 'needs a recording in a room whose name holds "undefined", which only seeded data gives (pagination.filters)',
  'no-api-keys-message-generic': 'needs every API key of the target removed (auth.wrong-api-key)',
};
