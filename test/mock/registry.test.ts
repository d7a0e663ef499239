// One registry of mocks (mock/registry.ts) under one registry of suites (apis.ts), and the line
// between them: the mock names its faults, the suites say which checks each must trip.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { apis } from '../../apis.ts';
import { repoPath } from '../../core/repo-root.ts';
import { createNodeMock } from '../../mock/node-mock.ts';
import { mocks } from '../../mock/registry.ts';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

test('apis.ts registers a suite for every mock, and nothing else', () => {
  assert.deepEqual(Object.keys(apis).sort(), Object.keys(mocks).sort());
});

test('every fault of every mock has checks to trip in its suite', () => {
  for (const api of Object.values(apis)) {
    for (const f of api!.faults) assert.ok(f.trips.length > 0, `${api!.name}: fault ${f.name} trips no check`);
  }
});

test('the mock tree names no check id', () => {
  const ids = Object.values(apis).flatMap((a) => a!.checks.map((c) => c.id));
  for (const module of Object.values(mocks)) {
    for (const f of module.faults) assert.deepEqual(Object.keys(f).sort(), ['description', 'name'], `${module.name}: ${f.name}`);
  }
  for (const file of sources(repoPath('mock'))) {
    const text = readFileSync(file, 'utf8');
    for (const id of ids) assert.ok(!text.includes(`'${id}'`) && !text.includes(`"${id}"`), `${file} names check ${id}`);
  }
});

test('every control action a mock lists is one it answers', async () => {
  for (const module of Object.values(mocks)) {
    const mock = createNodeMock(module, { seed: 1 });
    try {
      for (const action of module.actions) {
        const res = await mock.control(action, {});
        assert.notEqual(res.status, 404, `${module.name}: action ${action} is unknown (${String(res.body)})`);
      }
      assert.equal((await mock.control('no-such-action', {})).status, 404, module.name);
    } finally {
      await mock.close();
    }
  }
});
