// The two consumers under contract, as plain fetch calls:
// - the Talk web client's recording calls (start, stop, dismiss the notification, share to chat),
//   an API client asking for JSON (Basic auth, OCS-APIRequest, Accept: application/json);
// - the recording server's calls to Nextcloud (backend started/stopped/failed, store), signed
//   with the shared secret, sending no Accept (it only looks at the status; facts §3).
import { createHmac } from 'node:crypto';

const V1 = '/ocs/v2.php/apps/spreed/api/v1';

/** A documented OCS failure, raised so a UI can react on `error`. */
export class TalkApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string | undefined,
  ) {
    super(`HTTP ${status}${error ? ` (${error})` : ''}`);
    this.name = 'TalkApiError';
  }
}

export interface WebClient {
  startRecording(token: string, status: 1 | 2): Promise<void>;
  stopRecording(token: string): Promise<void>;
  dismissNotification(token: string, timestamp: number): Promise<void>;
  shareToChat(token: string, fileId: number, timestamp: number): Promise<void>;
}

export function createWebClient(o: { origin: string; user: string; password: string }): WebClient {
  const headers = {
    Authorization: `Basic ${Buffer.from(`${o.user}:${o.password}`).toString('base64')}`,
    'OCS-APIRequest': 'true',
    Accept: 'application/json',
  };
  async function send(method: string, path: string, body?: unknown): Promise<void> {
    const res = await fetch(`${o.origin}${V1}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const doc = (await res.json()) as { ocs?: { meta?: { status?: string }; data?: { error?: string } | null } };
    if (res.status !== 200 || doc.ocs?.meta?.status !== 'ok') throw new TalkApiError(res.status, doc.ocs?.data?.error ?? undefined);
  }
  return {
    startRecording: (token, status) => send('POST', `/recording/${token}`, { status }),
    stopRecording: (token) => send('DELETE', `/recording/${token}`),
    dismissNotification: (token, timestamp) => send('DELETE', `/recording/${token}/notification?timestamp=${timestamp}`),
    shareToChat: (token, fileId, timestamp) => send('POST', `/recording/${token}/share-chat`, { fileId, timestamp }),
  };
}

export const checksum = (secret: string, random: string, data: string | Uint8Array) => createHmac('sha256', secret).update(random).update(data).digest('hex');

export interface RecordingServerClient {
  /** Sends exactly `body` (already serialised) to the backend endpoint; answers the HTTP status. */
  backend(body: string): Promise<number>;
  store(token: string, multipart: { body: Uint8Array; contentType: string }): Promise<number>;
}

/** `random` is fixed by the caller so the contract can record the exact signature. */
export function createRecordingServerClient(o: { origin: string; secret: string; random: string }): RecordingServerClient {
  const signed = (data: string | Uint8Array) => ({ 'OCS-APIRequest': 'true', 'Talk-Recording-Random': o.random, 'Talk-Recording-Checksum': checksum(o.secret, o.random, data) });
  return {
    async backend(body) {
      const res = await fetch(`${o.origin}${V1}/recording/backend`, { method: 'POST', headers: { ...signed(body), 'Content-Type': 'application/json' }, body });
      await res.arrayBuffer();
      return res.status;
    },
    async store(token, multipart) {
      const res = await fetch(`${o.origin}${V1}/recording/${token}/store`, { method: 'POST', headers: { ...signed(token), 'Content-Type': multipart.contentType }, body: Buffer.from(multipart.body) });
      await res.arrayBuffer();
      return res.status;
    },
  };
}
