// `npm run mutate [-- --api NAME] [--sample N --seed S] [--files REGEX] [--max-minutes M]`: how strong are the checks
// against faults nobody chose? StrykerJS mutates one API's mock (its handler and domain code) and
// judges every mutant by `callrec run --api NAME` against the mutated built-in mock: the run fails
// (exit ≠ 0) → killed; it passes → survived. Prints `mutation score: K/N` per API and leaves
// Stryker's HTML and JSON reports in reports/mutation/<api>/. A measurement like `npm run bench`,
// not part of `npm test`.
//
// How mutants run: Stryker copies the project into .stryker-tmp/sandbox-*/ (without dist/, so the
// CLI's esbuild bundle is rebuilt there from the instrumented sources on the first run) with every
// mutant compiled in behind a switch (mutant switching); each run sets __STRYKER_ACTIVE_MUTANT__,
// which the instrumented code reads from process.env at call time, also inside the bundle.
// What is mutated: mock/<api>/**/*.ts except datasets.ts, control.ts and faults.ts; fault switches
// (`has(ctx, …)` lookups, the expressions they fix, the branches only a fault runs) are left alone
// by the `fault-switch` ignorer in scripts/mutate/plugins.mjs, so the product code carries no
// Stryker comments.
// Equivalent mutants (no HTTP-visible difference) are listed per API with the reason in
// scripts/mutate/equivalents/<api>.json (format: scripts/mutate/equivalents.mjs); a survivor that
// matches one is counted as Equivalent and left out of N. The raw figure is printed beside it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadEquivalents, matchEquivalent, sourceReader } from './mutate/equivalents.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const APIS = ['openvidu-meet', 'nextcloud-talk', 'eyeson', 'horn'];
/** Not handler or domain code: seeded data sets, control actions, the fault catalogue, at any depth
 * (Talk's recording slice has its own control.ts and faults-recording.ts). */
const NOT_MUTATED = /^(datasets|control|faults(-[a-z]+)?)\.ts$/;
/** The seed every mutant's run uses, so a verdict depends on the mutant alone. */
const RUN_SEED = 1;

const { values: opts } = parseArgs({
  options: {
    api: { type: 'string', default: 'all' },
    sample: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'max-minutes': { type: 'string' },
    concurrency: { type: 'string', default: '1' },
    // Only the files whose path under mock/<api>/ matches (e.g. `^recording/`): for work on one slice;
    // a score meant for the whole API is measured without it.
    files: { type: 'string' },
    'keep-sandbox': { type: 'boolean', default: false },
  },
});
const apis = opts.api === 'all' ? APIS : opts.api.split(',');
for (const api of apis) if (!APIS.includes(api)) fail(`unknown --api ${api} (one of ${APIS.join(', ')}, or all)`);
const sampleSize = opts.sample === undefined ? undefined : positive('--sample', opts.sample);
const seed = Number.parseInt(opts.seed, 10);
if (!Number.isSafeInteger(seed)) fail('--seed takes an integer');
const deadline = opts['max-minutes'] === undefined ? Infinity : Date.now() + positive('--max-minutes', opts['max-minutes']) * 60_000;
const concurrency = positive('--concurrency', opts.concurrency);
let onlyFiles;
try {
  onlyFiles = opts.files === undefined ? undefined : new RegExp(opts.files);
} catch {
  fail(`--files takes a regular expression, not ${JSON.stringify(opts.files)}`);
}

function fail(message) {
  console.error(`mutate: ${message}`);
  process.exit(2);
}
function positive(name, raw) {
  const n = Number(raw);
  if (!(n > 0)) fail(`${name} takes a positive number`);
  return n;
}

/** The files Stryker mutates for one API, relative to the root. */
function mutatedFiles(api) {
  const out = [];
  const visit = (dir) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) visit(rel);
      else if (e.name.endsWith('.ts') && !NOT_MUTATED.test(e.name)) out.push(rel);
    }
  };
  visit(`mock/${api}`);
  const prefix = `mock/${api}/`;
  return out.filter((f) => !onlyFiles || onlyFiles.test(f.slice(prefix.length))).sort();
}

/** Every mutant Stryker would make (fault switches left out), listed by its own instrumenter. */
async function listMutants(files) {
  const { Instrumenter } = await import('@stryker-mutator/instrumenter');
  const { faultSwitchReason } = await import('./mutate/plugins.mjs');
  const quiet = { debug() {}, info() {}, warn() {}, isDebugEnabled: () => false };
  const instrumenter = new Instrumenter(quiet);
  const input = files.map((f) => ({ name: join(root, f), mutate: true, content: readFileSync(join(root, f), 'utf8') }));
  const { mutants } = await instrumenter.instrument(input, {
    plugins: null,
    excludedMutations: [],
    ignorers: [{ shouldIgnore: faultSwitchReason }],
  });
  return mutants.filter((m) => m.status !== 'Ignored');
}

/** mulberry32: a small seeded PRNG, so `--sample N --seed S` picks the same mutants every time. */
function prng(s) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Picks N mutants (seeded shuffle). Stryker selects mutants by the source range of the node they
 * replace, so every mutant on a picked node runs: the sample holds N or a few more.
 */
function pickSample(mutants, n, s) {
  const nodeKey = (m) => `${m.fileName}@${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column}`;
  const byNode = new Map();
  for (const m of mutants) byNode.set(nodeKey(m), [...(byNode.get(nodeKey(m)) ?? []), m]);
  const order = [...mutants];
  const rnd = prng(s);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const chosen = new Set();
  let count = 0;
  for (const m of order) {
    if (count >= n) break;
    const key = nodeKey(m);
    if (chosen.has(key)) continue;
    chosen.add(key);
    count += byNode.get(key).length;
  }
  // Stryker's `mutate` ranges: 1-based lines; the sample ignorer reads babel's (also 1-based) lines.
  const ranges = [];
  const sample = {};
  for (const key of chosen) {
    const { fileName, location: l } = byNode.get(key)[0];
    const span = `${l.start.line + 1}:${l.start.column}-${l.end.line + 1}:${l.end.column}`;
    ranges.push(`${relative(root, fileName)}:${span}`);
    (sample[fileName] ??= []).push(span);
  }
  return { ranges: ranges.sort(), sample, count };
}

/** Stryker's verdicts → the score: killed and timed-out mutants are detected (Stryker's rule). */
function tally(statuses) {
  const c = {};
  for (const s of statuses) c[s] = (c[s] ?? 0) + 1;
  const detected = (c.Killed ?? 0) + (c.Timeout ?? 0);
  const valid = detected + (c.Survived ?? 0) + (c.NoCoverage ?? 0);
  return { counts: c, detected, valid };
}

function sandboxes() {
  try {
    return readdirSync(join(root, '.stryker-tmp')).filter((n) => n.startsWith('sandbox-'));
  } catch {
    return [];
  }
}

function runStryker(configFile, env) {
  return new Promise((resolve) => {
    const bin = join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js');
    // Own process group, so a time limit stops Stryker and every child it started, and nothing else.
    const child = spawn(process.execPath, [bin, 'run', configFile], { cwd: root, env, stdio: 'inherit', detached: true });
    let timer;
    let stopped = false;
    const sandboxesBefore = new Set(sandboxes());
    if (deadline !== Infinity) {
      timer = setTimeout(() => {
        console.log(`mutate: --max-minutes reached, stopping Stryker`);
        stopped = true;
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {}
      }, Math.max(0, deadline - Date.now()));
    }
    child.on('exit', (code) => {
      clearTimeout(timer);
      // A stopped Stryker leaves its sandbox behind: remove the one this run made.
      if (stopped && !opts['keep-sandbox']) for (const s of sandboxes()) if (!sandboxesBefore.has(s)) rmSync(join(root, '.stryker-tmp', s), { recursive: true, force: true });
      resolve({ code, stopped });
    });
  });
}

const summary = [];
for (const api of apis) {
  if (Date.now() >= deadline) {
    summary.push(`${api}: not run (--max-minutes reached)`);
    continue;
  }
  const outDir = join(root, 'reports/mutation', api);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const files = mutatedFiles(api);
  if (files.length === 0) fail(`--files ${opts.files} matches no file of mock/${api}/`);
  let mutate = files;
  const env = { ...process.env, CALLREC_MUTATE_PROGRESS: join(outDir, 'progress.ndjson') };
  let note = '';
  if (sampleSize !== undefined) {
    const all = await listMutants(files);
    const picked = pickSample(all, sampleSize, seed);
    mutate = picked.ranges;
    writeFileSync(join(outDir, 'sample.json'), `${JSON.stringify({ seed, requested: sampleSize, mutants: picked.count, of: all.length, ranges: picked.ranges }, null, 2)}\n`);
    writeFileSync(join(outDir, 'sample-locations.json'), JSON.stringify(picked.sample));
    env.CALLREC_MUTATE_SAMPLE = join(outDir, 'sample-locations.json');
    note = ` (sample of ${picked.count} of ${all.length} mutants, seed ${seed}${onlyFiles ? `, files ${onlyFiles.source}` : ''})`;
    console.log(`mutate ${api}: sampled ${picked.count} of ${all.length} mutants (seed ${seed})`);
  }
  const config = {
    $schema: '../../../node_modules/@stryker-mutator/core/schema/stryker-schema.json',
    testRunner: 'command',
    commandRunner: { command: `node cli/bin.mjs run --api ${api} --seed ${RUN_SEED} --report none` },
    coverageAnalysis: 'off',
    mutate,
    appendPlugins: [join(root, 'scripts/mutate/plugins.mjs')],
    ignorers: sampleSize === undefined ? ['fault-switch'] : ['fault-switch', 'sample'],
    reporters: ['html', 'json', 'progress-append-only', 'callrec-progress'],
    htmlReporter: { fileName: relative(root, join(outDir, 'index.html')) },
    jsonReporter: { fileName: relative(root, join(outDir, 'mutation.json')) },
    // dist/ stays out of the sandbox: the bundle must be rebuilt from the instrumented sources there.
    ignorePatterns: ['/dist', '/test', '/examples', '/bench', '/fixtures/pacts', '/fixtures/clients', '/reports'],
    tempDirName: '.stryker-tmp',
    // Stryker rewrites the sandbox's tsconfig.json through the TypeScript 5 API, which TypeScript 7
    // lacks (it crashes); a name no file has turns that step off. esbuild still reads tsconfig.json.
    tsconfigFile: 'tsconfig.stryker-skip.json',
    concurrency,
    timeoutMS: 30_000,
    // --keep-sandbox: leave .stryker-tmp/sandbox-*/ to replay one mutant by hand
    // (`__STRYKER_ACTIVE_MUTANT__=ID node cli/bin.mjs run --api NAME --seed 1` in that folder).
    cleanTempDir: !opts['keep-sandbox'],
  };
  const configFile = join(outDir, 'stryker.config.json');
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  const started = Date.now();
  const { code, stopped } = await runStryker(configFile, env);
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const reportFile = join(outDir, 'mutation.json');
  let results;
  let partial = false;
  // The mutated sources as Stryker read them (its report carries them), so an edit made while it ran cannot shift a match.
  const reportSources = new Map();
  if (!stopped && existsSync(reportFile)) {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    for (const [fileName, f] of Object.entries(report.files)) if (typeof f.source === 'string') reportSources.set(relative(root, join(root, fileName)), f.source);
    results = Object.entries(report.files).flatMap(([fileName, f]) => f.mutants.map((m) => ({ ...m, fileName: m.fileName ?? fileName })));
  } else {
    partial = true;
    const progress = env.CALLREC_MUTATE_PROGRESS;
    results = existsSync(progress) ? readFileSync(progress, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  }
  const equivalents = loadEquivalents(root, api);
  const fromTree = sourceReader(root);
  const readSource = (file) => reportSources.get(file) ?? fromTree(file);
  const rawStatuses = results.map((m) => m.status).filter((s) => s !== 'Ignored');
  const raw = tally(rawStatuses);
  const equivalent = results.filter((m) => m.status === 'Survived' && matchEquivalent(equivalents, m, root, readSource));
  if (equivalent.length) writeFileSync(join(outDir, 'equivalents.json'), `${JSON.stringify(equivalent, null, 2)}\n`);
  const statuses = results.map((m) => (equivalent.includes(m) ? 'Equivalent' : m.status));
  const { counts, detected, valid } = tally(statuses.filter((s) => s !== 'Ignored'));
  const pct = valid ? ` (${((100 * detected) / valid).toFixed(1)}%)` : '';
  const equivalentNote = equivalent.length ? ` · ${equivalent.length} equivalent excluded (raw ${raw.detected}/${raw.valid})` : '';
  const line = `${api}: mutation score: ${detected}/${valid}${pct}${equivalentNote}${note}${partial ? ` — stopped after ${minutes} min, only the mutants that ran` : ''} · ${JSON.stringify(counts)} · ${minutes} min${code && !stopped ? ` · stryker exited ${code}` : ''}`;
  console.log(line);
  summary.push(line);
}
console.log('\n' + summary.join('\n'));
if (apis.length) console.log(`reports: ${relative(root, join(root, 'reports/mutation'))}/<api>/index.html, mutation.json`);
