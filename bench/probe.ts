// Child side of the resource probe: answers {type:'usage'} over IPC with this process's
// CPU time (µs, user+system) and RSS, so the parent can charge CPU per request exactly.
export interface Usage {
  cpuMicros: number;
  rss: number; // bytes
}

export interface UsageReply {
  type: 'usage';
  id: number;
  usage: Usage;
}

export function answerUsageRequests(): void {
  process.on('message', (m: { type?: string; id?: number }) => {
    if (m?.type !== 'usage') return;
    const { user, system } = process.cpuUsage();
    const reply: UsageReply = { type: 'usage', id: m.id ?? 0, usage: { cpuMicros: user + system, rss: process.memoryUsage().rss } };
    process.send?.(reply);
  });
}
