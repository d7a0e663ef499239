// Query parameters of the list operation (facts §1.4): limit, offset, sort, order, session.
// Decisions (`list-parameters`): limit 1..100, default 20; offset ≥ 0, default 0; an offset past
// the end is an empty page, not an error; anything else malformed is 400 BAD_REQUEST.
import type { SortKey, SortOrder } from './store.ts';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export interface ListQuery {
  session?: string;
  limit: number;
  offset: number;
  sort: SortKey;
  order: SortOrder;
}

const INTEGER = /^(0|[1-9][0-9]{0,8})$/;

export function parseListQuery(q: URLSearchParams): { ok: true; value: ListQuery } | { ok: false; message: string } {
  const limitRaw = q.get('limit');
  const offsetRaw = q.get('offset');
  const sort = q.get('sort') ?? 'started';
  const order = q.get('order') ?? 'desc';
  const session = q.get('session');
  if (limitRaw !== null && !(INTEGER.test(limitRaw) && Number(limitRaw) >= 1 && Number(limitRaw) <= MAX_LIMIT))
    return { ok: false, message: `limit must be an integer between 1 and ${MAX_LIMIT}` };
  if (offsetRaw !== null && !INTEGER.test(offsetRaw)) return { ok: false, message: 'offset must be a non-negative integer' };
  if (sort !== 'started' && sort !== 'ended') return { ok: false, message: "sort must be 'started' or 'ended'" };
  if (order !== 'asc' && order !== 'desc') return { ok: false, message: "order must be 'asc' or 'desc'" };
  if (session !== null && session.length === 0) return { ok: false, message: 'session must not be empty' };
  return {
    ok: true,
    value: {
      ...(session !== null ? { session } : {}),
      limit: limitRaw === null ? DEFAULT_LIMIT : Number(limitRaw),
      offset: offsetRaw === null ? 0 : Number(offsetRaw),
      sort,
      order,
    },
  };
}
