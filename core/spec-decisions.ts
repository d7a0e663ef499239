// The decisions a spec records where its sources disagree or are silent: an `x-callrec-decision`
// `{id, summary, source}` where each applies, gathered at the top level in `x-callrec-decisions`
// with the JSON pointer of that place (`appliesTo`). Reports list them; checks name theirs.

import { escapeToken, resolvePointer } from './spec-pointer.ts';

export interface Decision {
  id: string;
  summary: string;
  /** JSON pointer into the spec, e.g. `#/components/parameters/nextPageToken`. */
  appliesTo: string;
  source: string;
}

/** The `x-callrec-decisions` list of a spec document (empty when it has none). */
export function decisions(doc: object): Decision[] {
  const list = (doc as { 'x-callrec-decisions'?: unknown })['x-callrec-decisions'];
  return Array.isArray(list) ? (list as Decision[]) : [];
}

/**
 * Problems with a document's decisions: a listed decision whose `appliesTo` does not lead to an
 * `x-callrec-decision` with the same id, or a local note missing from the list. Empty when consistent.
 */
export function decisionProblems(doc: object): string[] {
  const problems: string[] = [];
  const listed = decisions(doc);
  const ids = new Set<string>();
  for (const d of listed) {
    if (ids.has(d.id)) problems.push(`decision ${d.id} is listed twice`);
    ids.add(d.id);
    const node = resolvePointer(doc, d.appliesTo) as { 'x-callrec-decision'?: { id?: unknown } } | undefined;
    if (node === undefined) problems.push(`decision ${d.id}: ${d.appliesTo} does not resolve`);
    else if (node['x-callrec-decision']?.id !== d.id) problems.push(`decision ${d.id}: no x-callrec-decision with that id at ${d.appliesTo}`);
  }
  const walk = (node: unknown, at: string): void => {
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'x-callrec-decision') {
        const id = (v as { id?: unknown }).id;
        if (typeof id !== 'string' || !ids.has(id)) problems.push(`x-callrec-decision ${String(id)} at ${at} is not listed in x-callrec-decisions`);
      } else if (k !== 'x-callrec-decisions') walk(v, `${at}/${escapeToken(k)}`);
    }
  };
  walk(doc, '#');
  return problems;
}
