// No masking (issue 9 point 3): against a Horn server that lacks start and stop (a route-level
// 404 without Horn's error body), the operation is reported once as not implemented, and every
// rule that does not need it still runs on the configured recordings and passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockServer } from '../../mock/server.ts';
import { createControlClient } from '../../suites/engine/control-client.ts';
import { runChecks } from '../../suites/engine/runner.ts';
import { loadSpec } from '../../core/spec-load.ts';
import { getApi } from '../../apis.ts';

const horn = getApi('horn');

test('a target without start/stop: schema, roles, record/possible and lifecycle reads still run and pass', async () => {
  const server = await startMockServer({ api: 'horn', clock: 'real', clockRate: 60, port: 0 });
  const up = new URL(server.url);
  // In front of the mock: no control API, and POST/DELETE …/record answered as a bare framework 404.
  const proxy = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/__callrec') || (/\/record$/.test(url) && req.method !== 'GET')) {
      req.resume();
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    const out = httpRequest({ host: up.hostname, port: up.port, method: req.method, path: url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  try {
    const control = createControlClient(server.url);
    await control.reset(1);
    const { control: _marker, ...config } = await horn.mockTargetConfig(control);
    const { results } = await runChecks({
      module: horn,
      target: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      config,
      seed: 1,
      maxExamples: 5,
      checks: ['horn.schema', 'horn.auth.roles', 'horn.record', 'horn.lifecycle'],
      spec: loadSpec(horn.specPath).validator,
      decisions: [],
      strictDecisions: true,
      emit: () => {},
    });
    for (const r of results as unknown as { id: string; status: string; notImplemented?: { operation: string }[]; rules: { rule: string; status: string }[] }[]) {
      assert.equal(r.status, 'passed', `${r.id}: ${JSON.stringify(r.rules.filter((x) => x.status !== 'passed'))}`);
      assert.deepEqual(r.notImplemented?.map((n) => n.operation), ['startRecording'], r.id);
      // Nothing is "not run" (that would claim an earlier step failed); what needs start is not applicable.
      assert.ok(r.rules.every((x) => x.status === 'passed' || x.status === 'not-applicable'), `${r.id}: ${JSON.stringify(r.rules)}`);
      assert.ok(r.rules.filter((x) => x.status === 'passed').length >= 2, r.id);
    }
  } finally {
    proxy.closeAllConnections();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
    await server.close();
  }
});
