// What each API contributes to the bench: a module under apis/ that measures its mock through
// the shared comparisons (vs-bare.ts, scaling.ts, download.ts), one section at a time.
import type { ApiName } from '../core/api.ts';
import type { Figure } from './report.ts';
import type { ServerChild } from './servers.ts';

export interface BenchContext {
  /** Runs one section; a section that throws is reported as failed, and the others still run. */
  section(label: string, run: () => Promise<Figure[]>): Promise<void>;
  /** A fresh mock of this API in its own child process; closed after the API's sections at the latest. */
  mock(name?: string): Promise<ServerChild>;
  /** Closes a mock early (big data sets should not weigh on later sections). */
  close(...mocks: ServerChild[]): Promise<void>;
}

export interface ApiBench {
  api: ApiName;
  run(b: BenchContext): Promise<void>;
}
