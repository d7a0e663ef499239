// Child process: one callrec mock (BENCH_API) on a free port (frozen clock, so nothing moves
// while we measure). Sends {type:'ready', url} once listening, then answers usage probes.
import type { ApiName } from '../core/api.ts';
import { startMockServer } from '../mock/server.ts';
import { answerUsageRequests } from './probe.ts';

const seed = Number(process.env.BENCH_SEED ?? 1);
const api = (process.env.BENCH_API ?? 'openvidu-meet') as ApiName;
const server = await startMockServer({ api, seed, clock: 'frozen' });
answerUsageRequests();
process.send?.({ type: 'ready', url: server.url });
process.on('disconnect', () => void server.close().finally(() => process.exit(0)));
