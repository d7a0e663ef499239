// CPU time per request: the server child's user+system CPU delta over a run, divided by the
// requests it answered. The least noisy figure on a 2-core box where the load generator itself
// takes about one core (wall-clock req/s swings with scheduling; CPU per request barely does).
import type { ServerChild } from './servers.ts';

export interface Charged<T> {
  result: T;
  cpuMicros: number;
}

/** Runs `work` and reports how much CPU the server child spent meanwhile. */
export async function charge<T>(server: ServerChild, work: () => Promise<T>): Promise<Charged<T>> {
  const before = await server.usage();
  const result = await work();
  const after = await server.usage();
  return { result, cpuMicros: after.cpuMicros - before.cpuMicros };
}
