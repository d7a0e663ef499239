// The reference model of chat windows (seed 004 "Receive chat messages", decision chat-order):
// history (lookIntoFuture=0) answers the ids below lastKnownMessageId (all when 0), newest first;
// the future (lookIntoFuture=1) answers the ids above it, oldest first; at most `limit` of them.
// X-Chat-Last-Given names the last id answered, the offset of the next page.

/** The ids a history page must hold, given every id of the room. */
export function historyWindow(ids: readonly number[], lastKnown: number, limit: number): number[] {
  return [...ids]
    .filter((id) => lastKnown <= 0 || id < lastKnown)
    .sort((a, b) => b - a)
    .slice(0, limit);
}

/** The ids a future page must hold (when there are any, it answers at once). */
export function futureWindow(ids: readonly number[], lastKnown: number, limit: number): number[] {
  return [...ids]
    .filter((id) => id > lastKnown)
    .sort((a, b) => a - b)
    .slice(0, limit);
}

/** Why a walk's pages, put together, are not exactly `expected` once each, or undefined. */
export function walkProblem(pages: readonly number[][], expected: readonly number[]): string | undefined {
  const seen = new Set<number>();
  for (const page of pages) {
    for (const id of page) {
      if (seen.has(id)) return `message ${id} was answered twice`;
      seen.add(id);
    }
  }
  const missing = expected.filter((id) => !seen.has(id));
  if (missing.length > 0) return `message(s) ${missing.slice(0, 5).join(', ')} were never answered (a gap between pages)`;
  const extra = [...seen].filter((id) => !expected.includes(id));
  if (extra.length > 0) return `message(s) ${extra.slice(0, 5).join(', ')} are outside the walked range`;
  return undefined;
}
