// Which checks each named fault of the eyeson mock must trip (`callrec selfcheck` proves it, and
// `npm test` runs it). Kept with the suites: the shipped mock knows its faults, never check ids.
import type { FaultName } from '../../mock/eyeson/faults.ts';

const c = (rule: string) => `eyeson.${rule}`;

export const trips: Record<FaultName, readonly string[]> = {
  // schema & statuses
  'duration-as-string': [c('schema.responses-conform')],
  'list-wrapped-in-object': [c('schema.responses-conform')],
  'second-start-201': [c('recording.start-stop-statuses')],
  'shutdown-room-404': [c('recording.start-stop-statuses')],
  'start-body-returned': [c('recording.start-stop-statuses')],
  'shutdown-200': [c('recording.start-stop-statuses')],
  // auth
  'any-api-key-accepted': [c('auth.api-key')],
  'missing-api-key-accepted': [c('auth.api-key')],
  'locked-key-401': [c('auth.api-key')],
  // lifecycle (started → stopped → finished, told apart by duration and links.download)
  'download-before-duration': [c('lifecycle.fields-in-order')],
  'duration-regresses': [c('lifecycle.fields-in-order')],
  // pagination
  'page-repeats-last-item': [c('pagination.pages')],
  'page-size-24': [c('pagination.pages')],
  'out-of-range-page-repeats-last': [c('pagination.pages')],
  'since-ignored': [c('pagination.time-filters')],
  'until-ignored': [c('pagination.time-filters')],
  'started-at-ignored': [c('pagination.time-filters')],
  // download links
  'expired-link-served': [c('download.link-expiry')],
  'link-expires-early': [c('download.link-expiry')],
  'range-ignored-200': [c('download.ranges')],
  'content-range-end-off-by-one': [c('download.ranges')],
  // retention
  'recordings-never-expire': [c('retention.fourteen-days')],
  'recordings-expire-after-7-days': [c('retention.fourteen-days')],
  // webhooks
  'webhook-signed-wrong-key': [c('webhooks.signature')],
  'webhook-signature-base64': [c('webhooks.signature')],
  'webhook-stop-missing': [c('webhooks.transitions')],
  'webhook-finish-before-stop': [c('webhooks.transitions')],
  'webhook-links-default-origin': [c('webhooks.transitions')],
  // delete
  'deleted-still-readable': [c('delete.lifecycle')],
  'deleted-still-listed': [c('delete.lifecycle')],
  'delete-twice-200': [c('delete.lifecycle')],
  // SDK body encodings
  'form-body-rejected': [c('sdk.body-encodings')],
  'json-body-rejected': [c('sdk.body-encodings')],
  'bracketed-keys-ignored': [c('sdk.body-encodings')],
  // rooms: options and current meetings
  'room-options-ignored': [c('rooms.options-honoured')],
  'current-meetings-include-shutdown': [c('rooms.current-meetings')],
  'current-meetings-all-teams': [c('rooms.current-meetings')],
  // robustness
  'unknown-method-404': [c('robustness.bad-input')],
  'malformed-json-500': [c('robustness.bad-input')],
  'multipart-file-parts-read': [c('rooms.input-validation')],
  'recording-room-never-shutdown': [c('recording.start-stop-statuses')],
  // every operation, every input
  'duration-whole-minutes': [c('recording.fields')],
  'webhook-types-ignored': [c('webhooks.bookkeeping')],
  'bearer-api-key-accepted': [c('auth.every-operation')],
  'unknown-access-key-500': [c('robustness.unknown-ids')],
  'room-name-ignored': [c('rooms.input-validation')],
  'webhook-replace-keeps-id': [c('webhooks.registration')],
};
