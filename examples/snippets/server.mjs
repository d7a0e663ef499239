// The mock on a real port, in your own Node tests or scripts.
import { startMockServer } from 'callrec/server';

const meet = await startMockServer({ api: 'openvidu-meet', port: 0, clock: 'frozen' });
const res = await fetch(new URL('/api/v1/recordings', meet.url), { headers: { 'X-API-KEY': 'callrec-dev-key' } });
const { recordings } = await res.json();
console.log(res.status, `${recordings.length} recordings`);
await meet.close();
