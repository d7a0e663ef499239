// The recording API v1 routes (facts §2.1) plus a minimal notifications listing, below /ocs/v2.php.
// Start/stop are marked public so the handler itself answers guests (401) the way Nextcloud's
// core does. The two endpoints the recording server calls are public pages but, having no
// NoCSRFRequired, still need `OCS-APIRequest: true` (the recording server always sends it).
// A body that does not parse as parameters is no error here (rawBody): Nextcloud then simply sees
// no parameters, and each endpoint answers with its own documented error.
import type { Route } from '../router.ts';
import { dismissNotification, shareToChat } from './handlers/after-store.ts';
import { recordingBackend } from './handlers/backend.ts';
import { listNotifications } from './handlers/notifications.ts';
import { startRecording, stopRecording } from './handlers/record.ts';
import { storeRecording } from './handlers/store.ts';
import { recordingWelcome } from './handlers/welcome.ts';

const BASE = '/apps/spreed/api/v1/recording';

export const recordingRoutes: Route[] = [
  { method: 'POST', pattern: `${BASE}/backend`, handler: recordingBackend, access: 'public', rawBody: true },
  { method: 'GET', pattern: `${BASE}/welcome/{serverId}`, handler: recordingWelcome },
  { method: 'POST', pattern: `${BASE}/{token}`, handler: startRecording, access: 'public', rawBody: true },
  { method: 'DELETE', pattern: `${BASE}/{token}`, handler: stopRecording, access: 'public', rawBody: true },
  { method: 'POST', pattern: `${BASE}/{token}/store`, handler: storeRecording, access: 'public', rawBody: true },
  { method: 'DELETE', pattern: `${BASE}/{token}/notification`, handler: dismissNotification, access: 'public', rawBody: true },
  { method: 'POST', pattern: `${BASE}/{token}/share-chat`, handler: shareToChat, access: 'public', rawBody: true },
  { method: 'GET', pattern: '/apps/notifications/api/v2/notifications', handler: listNotifications },
];
