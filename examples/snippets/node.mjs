// The same mock in-process, behind msw's setupServer: fetch to its origin never leaves Node.
import { setupServer } from 'msw/node';
import { createNodeHandlers } from 'callrec/node';

const { handlers } = createNodeHandlers({ api: 'openvidu-meet', origin: 'http://meet.test', clock: 'frozen' });
const server = setupServer(...handlers);
server.listen({ onUnhandledRequest: 'error' });
const res = await fetch('http://meet.test/api/v1/recordings?maxItems=2', { headers: { 'X-API-KEY': 'callrec-dev-key' } });
const { recordings } = await res.json();
console.log(res.status, `${recordings.length} recordings`);
server.close();
