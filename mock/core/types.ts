// The mock's side of the API contract, re-exported for mock code (core/api.ts holds it, so the
// suites and the mock agree on one definition).
export type { ApiMock, ApiName, MockOptions } from '../../core/api.ts';
import type { MockOptions } from '../../core/api.ts';
import type { SpecValidator } from '../../core/check.ts';

/** What defineMock reads from an API's options: the common ones and the spec to guard against. */
export interface CoreMockOptions extends MockOptions {
  spec?: SpecValidator;
}
