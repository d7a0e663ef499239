// The client under contract: the few Eyeson calls a call-recording backend makes, as plain fetch
// calls shaped like eyeson-node's (api-facts §6) — the raw API key in Authorization, JSON bodies
// (`types` as a comma list), access-key calls without credentials. Form bodies (eyeson-go/-php)
// are covered by the `sdk.body-encodings` check: Pact's binary-body matcher cannot compare them. The consumer contract (consumer.pact.ts) runs it against
// Pact's mock server, so every request it sends is what the pact records.

/** The recording fields the backend reads; the server sends more. */
export interface Recording {
  id: string;
  created_at: number;
  /** null while recording. */
  duration: number | null;
  links: { self: string; download: string | null };
  room: { id: string; started_at: string };
}

export interface Meeting {
  access_key: string;
  room: { id: string; name: string; started_at: string };
  user: { id: string; name: string };
  recording: Recording | null;
}

/** An error answer; `fromBody` when it was the API's own `{"error": "<message>"}` (not a proxy's or router's page). */
export class EyesonApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fromBody = false,
  ) {
    super(message);
    this.name = 'EyesonApiError';
  }
}

export interface EyesonClientOptions {
  /** Server origin, e.g. https://api.eyeson.team (the API has no base path). */
  origin: string;
  /** The team's API key, sent raw in Authorization. */
  apiKey: string;
  fetch?: typeof fetch;
}

/** A running meeting as GET /rooms lists it (eyeson-go RoomInfo). */
export interface RoomInfo {
  id: string;
  name: string;
  started_at: string;
  shutdown: boolean;
}

export interface EyesonClient {
  createRoom(input: { roomId: string; userName: string }): Promise<Meeting>;
  /** The team's running meetings (eyeson-go GetCurrentMeetings). */
  listCurrentMeetings(): Promise<RoomInfo[]>;
  /** Ends a meeting by a user's access key (eyeson-node stopMeeting); 204, as eyeson-php requires. */
  shutdownMeeting(accessKey: string): Promise<void>;
  startRecording(accessKey: string): Promise<void>;
  stopRecording(accessKey: string): Promise<void>;
  getRecording(recordingId: string): Promise<Recording>;
  listRoomRecordings(roomId: string, page?: number): Promise<Recording[]>;
  registerWebhook(url: string, types: string[]): Promise<void>;
}

export function createEyesonClient(opts: EyesonClientOptions): EyesonClient {
  const base = opts.origin.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? fetch;
  const enc = encodeURIComponent;

  async function send(method: string, path: string, init: { auth: boolean; json?: unknown }): Promise<Response> {
    const headers: Record<string, string> = {};
    if (init.auth) headers['Authorization'] = opts.apiKey;
    let body: string | undefined;
    if (init.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const res = await doFetch(`${base}${path}`, { method, headers, body });
    if (res.status >= 400) throw await toError(res);
    return res;
  }

  return {
    async createRoom({ roomId, userName }) {
      return (await (await send('POST', '/rooms', { auth: true, json: { id: roomId, user: { name: userName } } })).json()) as Meeting;
    },
    async listCurrentMeetings() {
      return (await (await send('GET', '/rooms', { auth: true })).json()) as RoomInfo[];
    },
    async shutdownMeeting(accessKey) {
      const res = await send('DELETE', `/rooms/${enc(accessKey)}`, { auth: false });
      // eyeson-php's Api::delete() counts only 204 as done; the backend does the same.
      if (res.status !== 204) throw new EyesonApiError(res.status, `shutdown answered ${res.status}, not 204`);
    },
    async startRecording(accessKey) {
      await send('POST', `/rooms/${enc(accessKey)}/recording`, { auth: false });
    },
    async stopRecording(accessKey) {
      await send('DELETE', `/rooms/${enc(accessKey)}/recording`, { auth: false });
    },
    async getRecording(recordingId) {
      return (await (await send('GET', `/recordings/${enc(recordingId)}`, { auth: true })).json()) as Recording;
    },
    async listRoomRecordings(roomId, page) {
      const query = page === undefined ? '' : `?page=${page}`;
      return (await (await send('GET', `/rooms/${enc(roomId)}/recordings${query}`, { auth: true })).json()) as Recording[];
    },
    async registerWebhook(url, types) {
      await send('POST', '/webhooks', { auth: true, json: { url, types: types.join(',') } });
    },
  };
}

async function toError(res: Response): Promise<EyesonApiError> {
  const text = await res.text();
  try {
    const error = (JSON.parse(text) as { error?: unknown } | null)?.error;
    if (typeof error === 'string' && error.trim() !== '') return new EyesonApiError(res.status, error, true);
  } catch {
    // not JSON: the answer of something in front of the API
  }
  return new EyesonApiError(res.status, text);
}
