// One bounded memo for every pure function the request path repeats (spec verdicts, operation
// lookups, signatures, prepared keys, decoded credentials): a Map in insertion order, the oldest
// entry dropped when full. Platform-neutral.

/** Stores `value` under `key` in `memo`, dropping the oldest entry first when `max` are held. */
export function remember<K, V>(memo: Map<K, V>, key: K, value: V, max: number): V {
  if (memo.size >= max && !memo.has(key)) memo.delete(memo.keys().next().value!);
  memo.set(key, value);
  return value;
}
