// What every API's spec test asserts the same way: every $ref resolves, decisions are well formed
// and sit where they apply, and the spec's own JSON response examples pass its validator.
import assert from 'node:assert/strict';
import type { LoadedSpec } from '../../core/spec-load.ts';
import { decisions, decisionProblems } from '../../core/spec.ts';
import { collectRefs, resolvePointer } from '../../core/spec-pointer.ts';

export const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };
export const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/**
 * No $ref dangles: each resolves in the document (and, with `localOnly`, points into it). With
 * `atLeast`, the spec uses more refs than that (it shares its components).
 */
export function assertRefsResolve(doc: object, opts: { localOnly: boolean; atLeast?: number }): void {
  const refs = collectRefs(doc);
  if (opts.atLeast !== undefined) assert.ok(refs.length > opts.atLeast, 'the spec uses shared components');
  const dangling = refs.filter(({ ref }) => (opts.localOnly && !ref.startsWith('#')) || resolvePointer(doc, ref) === undefined);
  assert.deepEqual(dangling, []);
}

/** Every decision has its id, summary, appliesTo and source, and sits where it applies; returns their ids. */
export function assertDecisionsWellFormed(doc: object): Set<string> {
  const list = decisions(doc);
  for (const d of list) for (const field of ['id', 'summary', 'appliesTo', 'source'] as const) assert.equal(typeof d[field], 'string', `${d.id}.${field}`);
  assert.deepEqual(decisionProblems(doc), []);
  return new Set(list.map((d) => d.id));
}

type Media = { example?: unknown; examples?: Record<string, { value: unknown }> };

/**
 * Every JSON response example of every operation passes the spec's validator (with `headers`
 * beside the JSON content type, for the responses that require some); each response with JSON
 * content has at least one. Entries of a path item that are not operations are skipped, unless
 * `everyEntryIsOperation`. Returns how many examples were checked.
 */
export function assertResponseExamplesPass({ doc, validator }: LoadedSpec, headers: Record<string, string>, everyEntryIsOperation = false): number {
  let checked = 0;
  const paths = doc.paths as Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>>;
  for (const item of Object.values(paths)) {
    for (const op of Object.values(item)) {
      if (everyEntryIsOperation) assert.ok(op.operationId && op.responses, 'a path item holds only operations');
      if (!op.operationId || !op.responses) continue;
      for (const [key, raw] of Object.entries(op.responses)) {
        let response = raw as { $ref?: string; content?: Record<string, Media> };
        if (response.$ref) response = resolvePointer(doc, response.$ref) as typeof response;
        const media = response.content?.['application/json'];
        if (!media) continue;
        const samples = [...(media.example === undefined ? [] : [media.example]), ...Object.values(media.examples ?? {}).map((e) => e.value)];
        assert.ok(samples.length > 0, `${op.operationId} ${key} has an example`);
        for (const sample of samples) {
          assert.deepEqual(validator.validateResponse(op.operationId, Number(key), { ...JSON_HEADERS, ...headers }, bytes(sample)), [], `${op.operationId} ${key} example`);
          checked++;
        }
      }
    }
  }
  return checked;
}
