// Equivalent mutants for `npm run mutate`: a surviving mutant that makes no HTTP-visible difference
// (log text, a memo cache, performance-only code) is not a gap in the checks. Each API lists its
// own in scripts/mutate/equivalents/<api>.json, a JSON array of
//   { "file": "mock/<api>/store.ts", "mutator": "<Stryker mutatorName>",
//     "original": "<exact source text of the mutated node>", "replacement": "<Stryker's replacement>",
//     "reason": "<why no HTTP-visible difference>" }
// A survivor is equivalent when file, mutator and replacement are equal and the source text at its
// location is `original`: an entry names the code, not a line number, so edits elsewhere in the file
// keep it valid, and an edit of the code itself makes it stale (matched by nothing) rather than wrong.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';

const FIELDS = ['file', 'mutator', 'original', 'replacement', 'reason'];

/** The committed list for one API ([] when there is none); throws on an entry of the wrong shape. */
export function loadEquivalents(root, api) {
  const file = join(root, 'scripts/mutate/equivalents', `${api}.json`);
  if (!existsSync(file)) return [];
  const list = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(list)) throw new Error(`${relative(root, file)}: expected a JSON array`);
  list.forEach((e, i) => {
    for (const f of FIELDS) {
      if (typeof e?.[f] !== 'string' || (f !== 'replacement' && e[f].length === 0))
        throw new Error(`${relative(root, file)}[${i}]: "${f}" must be a${f === 'replacement' ? '' : ' non-empty'} string`);
    }
  });
  return list;
}

/**
 * The source text a location spans. Locations as in Stryker's reports and reporter events
 * (mutation-testing-report-schema): lines and columns both 1-based, end exclusive.
 */
export function sourceText(source, location) {
  const lines = source.split('\n');
  const { start, end } = location;
  if (start.line === end.line) return (lines[start.line - 1] ?? '').slice(start.column - 1, end.column - 1);
  const first = (lines[start.line - 1] ?? '').slice(start.column - 1);
  const middle = lines.slice(start.line, end.line - 1);
  const last = (lines[end.line - 1] ?? '').slice(0, end.column - 1);
  return [first, ...middle, last].join('\n');
}

/**
 * The entry a mutant matches, or undefined. `mutant`: {fileName (absolute or relative to root),
 * mutatorName, replacement, location}; `readSource(relativeFile)` gives the unmutated source.
 */
export function matchEquivalent(entries, mutant, root, readSource) {
  const file = (isAbsolute(mutant.fileName) ? relative(root, mutant.fileName) : mutant.fileName).split('\\').join('/');
  for (const e of entries) {
    if (e.file !== file || e.mutator !== mutant.mutatorName || e.replacement !== mutant.replacement) continue;
    if (sourceText(readSource(file), mutant.location) === e.original) return e;
  }
  return undefined;
}

/** A source reader that reads each file once. */
export function sourceReader(root) {
  const cache = new Map();
  return (file) => {
    if (!cache.has(file)) cache.set(file, readFileSync(join(root, file), 'utf8'));
    return cache.get(file);
  };
}
