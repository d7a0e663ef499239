// Which checks each named fault of the horn mock must trip (`callrec selfcheck` proves it, and
// `npm test` runs it). Kept with the suites: the shipped mock knows its faults, never check ids.
import type { FaultName } from '../../mock/horn/faults.ts';

const c = (rule: string) => `horn.${rule}`;

export const trips: Record<FaultName, readonly string[]> = {
  // schema & error envelope
  'asset-state-outside-enum': [c('schema.responses-conform')],
  'start-time-as-string': [c('schema.responses-conform')],
  'error-code-lowercase': [c('errors.envelope')],
  'error-message-missing': [c('errors.envelope')],
  // roles
  'stranger-reads-recordings': [c('auth.roles')],
  'owner-not-operator': [c('auth.roles')],
  'missing-token-accepted': [c('auth.roles')],
  // record/possible and start
  'possible-counts-unconfirmed-email': [c('record.possible-and-permitted')],
  'unsupported-mode-recorded': [c('record.possible-and-permitted')],
  'not-permitted-as-500': [c('record.possible-and-permitted')],
  // lifecycle
  'ready-before-ended': [c('lifecycle.fields-in-order')],
  'ready-time-regresses': [c('lifecycle.fields-in-order')],
  'assets-of-active-recording': [c('lifecycle.fields-in-order')],
  // segments
  'single-asset-for-long-recording': [c('assets.segments')],
  'segment-times-overlap': [c('assets.segments')],
  // pagination
  'total-counts-deleted': [c('pagination.limit-offset')],
  'page-repeats-boundary-item': [c('pagination.limit-offset')],
  'order-ignored': [c('pagination.limit-offset')],
  'sort-ended-ignored': [c('pagination.limit-offset')],
  'offset-past-end-400': [c('pagination.limit-offset')],
  // download URL
  'ttl-ignored': [c('download-url.ttl')],
  'default-ttl-one-minute': [c('download-url.ttl')],
  'download-url-never-expires': [c('download-url.ttl')],
  'operator-gets-download-url': [c('download-url.owner-only')],
  // JWT
  'jwt-accepted-after-exp': [c('jwt.expiry')],
  'jwt-alg-none-accepted': [c('jwt.tampering')],
  'jwt-signature-unchecked': [c('jwt.tampering')],
  'jwt-recording-unbound': [c('jwt.tampering')],
  // events
  'event-signature-hex': [c('events.signature')],
  'event-signed-reserialized': [c('events.signature')],
  // robustness
  'bad-limit-500': [c('robustness.bad-input')],
  'bad-ttl-500': [c('robustness.bad-input')],
  'unknown-method-404': [c('robustness.bad-input')],
  'already-started-409': [c('errors.state-codes')],
  'event-timestamp-seconds': [c('events.payloads')],
  'bad-request-message-bare': [c('robustness.bad-input')],
  'unknown-asset-500': [c('robustness.unknown-ids')],
  'foreign-recording-readable': [c('robustness.foreign-and-deleted')],
  'deleted-archive-served': [c('robustness.foreign-and-deleted')],
  // credentials and contents
  'bearer-scheme-case-sensitive': [c('auth.credential-forms')],
  'archive-misses-last-segment': [c('downloads.contents')],
  'possible-accepts-invalid-email': [c('record.possible-and-permitted')],
  'accept-ranges-missing': [c('downloads.contents')],
  'same-instant-ready-reversed': [c('events.payloads')],
};
