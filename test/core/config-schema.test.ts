import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apis } from '../../apis.ts';
import { checkConfig } from '../../cli/target-config.ts';
import { createControlClient } from '../../suites/engine/control-client.ts';
import { startMockServer } from '../../mock/server.ts';
import type { ApiName } from '../../core/api.ts';

// The config a real target would need is the config the built-in mock hands the suites: if the
// schema refused any of its keys, a user copying them into --config would get exit 2.
for (const [name, module] of Object.entries(apis)) {
  test(`${name}: the built-in mock's target config passes the config schema`, async () => {
    const server = await startMockServer({ api: name as ApiName, clock: 'frozen' });
    try {
      const config = await module!.mockTargetConfig(createControlClient(server.url));
      assert.doesNotThrow(() => checkConfig(module!, config, 'the mock config'));
    } finally {
      await server.close();
    }
  });
}

test('a wrong type and an unknown key are named by their place in the file', () => {
  const module = apis['openvidu-meet']!;
  assert.throws(() => checkConfig(module, { rooms: { recordable: 7, recordabel: 'x' }, receiver: { port: 70000 } }, '--config c.json'), (e: Error) => {
    assert.match(e.message, /^invalid --config c\.json: /);
    assert.match(e.message, /rooms\.recordable: must be string/);
    assert.match(e.message, /rooms\.recordabel: unknown key for openvidu-meet/);
    assert.match(e.message, /receiver\.port: must be <= 65535/);
    return true;
  });
  assert.doesNotThrow(() => checkConfig(module, { apiKey: 'k', receiver: { port: 0, host: '0.0.0.0', publicUrl: 'http://ci:9999/hooks' }, writes: true }, 'c'));
});
