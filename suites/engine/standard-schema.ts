// An API's spec schemas as Standard Schemas (https://standardschema.dev), the interface schema
// libraries share and @msw/data validates its collections with. A frontend team that keeps its own
// fixtures or extra msw handlers on @msw/data (or anything else that takes a Standard Schema) gets
// them checked against the same spec the suites judge servers by, so they cannot drift from it:
//
//   import { Collection } from '@msw/data';
//   import { specSchema } from 'callrec';
//   const recordings = new Collection({ schema: specSchema<MeetRecording>('openvidu-meet', 'MeetRecording') });
//   await recordings.create({ recordingId: 'room-a--EG_1--X', status: 'bogus', ... }); // throws: /status must be …
//
// Validation is the suites' (ajv 2020 over the spec, with callrec's decisions such as closed
// objects). Node only: the spec is read from the package. No dependency: the Standard Schema
// interface is written out below, as the standard intends.
import type { ApiName } from '../../core/api.ts';
import { resolvePointer } from '../../core/spec-pointer.ts';
import { loadSpec } from '../../core/spec-load.ts';
import { getApi } from '../../apis.ts';

/** The Standard Schema v1 interface (the part a validating consumer calls). */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}
export type StandardResult<Output> = { readonly value: Output; readonly issues?: undefined } | { readonly issues: readonly { readonly message: string; readonly path?: readonly PropertyKey[] }[] };

/**
 * `#/components/schemas/<name>` of `api`'s spec as a Standard Schema. The type parameter is
 * what a valid value is (the spec's shape, e.g. from openapi-typescript); it is not checked
 * against the schema. Throws for a name the spec does not have, listing the ones it has.
 */
export function specSchema<T = unknown>(api: ApiName, name: string): StandardSchemaV1<T> {
  const module = getApi(api);
  const { doc, validator } = loadSpec(module.specPath, module.basePath);
  const pointer = `#/components/schemas/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  if (resolvePointer(doc, pointer) === undefined) {
    const names = Object.keys((resolvePointer(doc, '#/components/schemas') as Record<string, unknown> | undefined) ?? {});
    throw new Error(`${api}: the spec has no schema '${name}' (it has ${names.join(', ')})`);
  }
  return {
    '~standard': {
      version: 1,
      vendor: 'callrec',
      validate(value) {
        const issues = validator.validateValue(pointer, value);
        return issues.length ? { issues: issues.map((i) => ({ message: `${i.message} (${module.specPath}${i.specRef})` })) } : { value: value as T };
      },
    },
  };
}
