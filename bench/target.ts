// What the bench asks of the OpenVidu Meet mock, through its documented API and control API.
import { requestJson } from './http.ts';
import type { ServerChild } from './servers.ts';

export const API = '/api/v1';
export const AUTH = { 'x-api-key': 'callrec-dev-key' };

interface Listing {
  recordings: { recordingId: string; size?: number; status: string }[];
  pagination: { isTruncated: boolean; nextPageToken?: string | null; maxItems: number };
}

export const listPath = (query: Record<string, string>) => `${API}/recordings?${new URLSearchParams(query)}`;

export const list = (mock: ServerChild, query: Record<string, string>) => requestJson<Listing>(mock.url + listPath(query), { headers: AUTH });

/** The complete recording with the biggest media file (the >6 MiB fixture in the default data set). */
export async function biggestComplete(mock: ServerChild): Promise<{ recordingId: string; size: number }> {
  const page = await list(mock, { status: 'complete', sortField: 'size', sortOrder: 'desc', maxItems: '1' });
  const r = page.recordings[0];
  if (!r || r.size === undefined) throw new Error('the mock has no complete recording to download');
  return { recordingId: r.recordingId, size: r.size };
}

/**
 * The nextPageToken that starts the page after the first `skip` items, found by walking the
 * listing page by page (the token is opaque: the only honest way to reach a deep page).
 */
export async function tokenAfter(mock: ServerChild, skip: number, pageSize: number, query: Record<string, string> = {}): Promise<string> {
  let token: string | undefined;
  for (let seen = 0; seen < skip; seen += pageSize) {
    const page = await list(mock, { ...query, maxItems: String(pageSize), ...(token ? { nextPageToken: token } : {}) });
    if (!page.pagination.nextPageToken) throw new Error(`listing ended before ${skip} items`);
    token = page.pagination.nextPageToken;
  }
  if (!token) throw new Error('skip must be at least one page');
  return token;
}

/** Replaces the mock's data with `count` generated recordings over 50 generated rooms. */
export async function seedGenerated(mock: ServerChild, count: number): Promise<void> {
  const r = await requestJson<{ generated?: { recordings: number } }>(`${mock.url}/__callrec/seed`, {
    method: 'POST',
    body: { replace: true, generate: { rooms: 50, recordings: count } },
  });
  if (r.generated?.recordings !== count) throw new Error(`seeding ${count} recordings answered ${JSON.stringify(r).slice(0, 200)}`);
}
