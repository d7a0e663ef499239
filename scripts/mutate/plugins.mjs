// StrykerJS plugins for `npm run mutate` (scripts/mutate.mjs). Plain JavaScript: Stryker loads them
// itself, without tsx.
//
// - ignorer `fault-switch`: leaves each mock's fault switches alone. The product code carries no
//   `// Stryker disable` comments; instead this ignorer recognises the switches in the AST:
//     * a fault lookup: `has(ctx, 'name')`, or `x.has('name')` with a literal that names a fault of
//       any mock (mock/<api>/faults.ts), and the definition of `has` itself (context.ts);
//     * an expression whose value is fixed while no fault is on (`has(..) && x`, `!has(..) || x`,
//       `!has(..)`): mutating it only turns a fault on or off;
//     * the branch that runs only under a fault: the consequent of `if (has(..))` / `has(..) ? a : b`
//       (the alternate of `if (!has(..))` / `!has(..) ? a : b`).
//   Everything the clean mock runs is still mutated, including conditions that merely combine a real
//   test with a fault (`!isTerminal(s) && !has(..)`: mutating `isTerminal` changes the clean mock).
// - ignorer `sample`: with CALLREC_MUTATE_SAMPLE (a JSON file of source locations), keeps only the
//   mutants placed on those nodes; the ranges in `mutate` already exclude everything outside them,
//   this removes the nested nodes a range also covers.
// - reporter `callrec-progress`: appends each tested mutant to CALLREC_MUTATE_PROGRESS (NDJSON), so a
//   run stopped by --max-minutes still says what ran.
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { PluginKind, declareValuePlugin, declareClassPlugin } from '@stryker-mutator/api/plugin';

/** The project root: the nearest folder up with mock/ and package.json (this file may be bundled, as by npm test). */
function findRoot() {
  for (let dir = new URL('./', import.meta.url); ; dir = new URL('../', dir)) {
    if (existsSync(new URL('mock/', dir)) && existsSync(new URL('package.json', dir))) return dir;
    if (dir.pathname === '/') throw new Error('scripts/mutate/plugins.mjs: no project root above this file');
  }
}
const root = findRoot();

/** Every fault name of every mock: the literal of an entry in any fault catalogue, at any depth
 * (`faults.ts`, and lists split out of it such as Talk's `faults-talk.ts` and `faults-recording.ts`). */
function allFaultNames() {
  const names = new Set();
  const visit = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) visit(new URL(`${e.name}/`, dir));
      else if (/^faults(-[a-z]+)?\.ts$/.test(e.name)) {
        for (const m of readFileSync(new URL(e.name, dir), 'utf8').matchAll(/name:\s*'([a-z0-9-]+)'/g)) names.add(m[1]);
      }
    }
  };
  visit(new URL('mock/', root));
  return names;
}

const FAULTS = allFaultNames();

const unwrap = (node) => {
  while (node && (node.type === 'ParenthesizedExpression' || node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression')) node = node.expression;
  return node;
};

/** A fault lookup: `has(ctx, 'x')` or `<obj>.has('<fault name>')`. */
export function isFaultLookup(node) {
  node = unwrap(node);
  if (!node || node.type !== 'CallExpression') return false;
  const { callee, arguments: args } = node;
  if (callee.type === 'Identifier' && callee.name === 'has') return args.length === 2;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'has') {
    return args.length === 1 && args[0].type === 'StringLiteral' && FAULTS.has(args[0].value);
  }
  return false;
}

/** Truthy only while a fault is on. */
export function requiresFault(node) {
  node = unwrap(node);
  if (!node) return false;
  if (isFaultLookup(node)) return true;
  if (node.type === 'LogicalExpression' && node.operator === '&&') return requiresFault(node.left) || requiresFault(node.right);
  if (node.type === 'UnaryExpression' && node.operator === '!') return falsyRequiresFault(node.argument);
  return false;
}

/** Falsy only while a fault is on. */
export function falsyRequiresFault(node) {
  node = unwrap(node);
  if (!node) return false;
  if (node.type === 'LogicalExpression' && node.operator === '||') return falsyRequiresFault(node.left) || falsyRequiresFault(node.right);
  if (node.type === 'UnaryExpression' && node.operator === '!') return requiresFault(node.argument);
  return false;
}

const isHasDefinition = (path) =>
  (path.node.type === 'VariableDeclarator' && path.node.id.type === 'Identifier' && path.node.id.name === 'has') ||
  (path.node.type === 'FunctionDeclaration' && path.node.id?.name === 'has');

/** Why a node (and everything under it) is a fault switch, or undefined. */
export function faultSwitchReason(path) {
  const { node, parent, key } = path;
  if (isHasDefinition(path)) return 'fault switch: the fault lookup itself';
  if (isFaultLookup(node)) return 'fault switch: fault lookup';
  if (requiresFault(node) || falsyRequiresFault(node)) return 'fault switch: value fixed while no fault is on';
  if (parent && (parent.type === 'IfStatement' || parent.type === 'ConditionalExpression')) {
    if (key === 'consequent' && requiresFault(parent.test)) return 'fault switch: runs only under a fault';
    if (key === 'alternate' && falsyRequiresFault(parent.test)) return 'fault switch: runs only under a fault';
  }
  return undefined;
}

const faultSwitchIgnorer = { shouldIgnore: faultSwitchReason };

/** Locations chosen by --sample: { "<absolute file>": ["l:c-l:c", …] } (babel lines, 1-based). */
function loadSample() {
  const file = process.env.CALLREC_MUTATE_SAMPLE;
  if (!file) return undefined;
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  return new Map(Object.entries(raw).map(([name, locs]) => [name, new Set(locs)]));
}

const locKey = (loc) => `${loc.start.line}:${loc.start.column}-${loc.end.line}:${loc.end.column}`;
const within = (outer, inner) =>
  (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.column <= inner.start.column)) &&
  (outer.end.line > inner.end.line || (outer.end.line === inner.end.line && outer.end.column >= inner.end.column));
const parseKey = (k) => {
  const [a, b] = k.split('-');
  const [sl, sc] = a.split(':').map(Number);
  const [el, ec] = b.split(':').map(Number);
  return { start: { line: sl, column: sc }, end: { line: el, column: ec } };
};

function sampleIgnorer() {
  const sample = loadSample();
  return {
    shouldIgnore(path) {
      if (!sample || !path.node.loc) return undefined;
      const chosen = sample.get(path.hub?.file?.opts?.filename ?? '');
      if (!chosen) return undefined;
      const loc = path.node.loc;
      if (chosen.has(locKey(loc))) return undefined;
      // Keep a node that holds a chosen node deeper down (ignoring it would ignore that one too).
      for (const k of chosen) if (within(loc, parseKey(k))) return undefined;
      return 'not in the --sample';
    },
  };
}

class ProgressReporter {
  onMutantTested(result) {
    const file = process.env.CALLREC_MUTATE_PROGRESS;
    if (!file) return;
    const { id, fileName, mutatorName, replacement, status, location } = result;
    appendFileSync(file, `${JSON.stringify({ id, fileName, mutatorName, replacement, status, location })}\n`);
  }
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'fault-switch', faultSwitchIgnorer),
  declareValuePlugin(PluginKind.Ignore, 'sample', sampleIgnorer()),
  declareClassPlugin(PluginKind.Reporter, 'callrec-progress', ProgressReporter),
];
