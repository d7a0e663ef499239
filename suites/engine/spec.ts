// Loads an API's spec for a run: the validator the checks use and the decisions reports list.

import type { ApiModule } from '../../core/suite.ts';
import type { SpecValidator } from '../../core/check.ts';
import { loadSpec } from '../../core/spec-load.ts';
import { decisions } from '../../core/spec.ts';
import type { DecisionNote } from './events.ts';

export function loadApiSpec(module: Pick<ApiModule, 'specPath' | 'basePath'>): { validator: SpecValidator; decisions: DecisionNote[] } {
  const { doc, validator } = loadSpec(module.specPath, module.basePath);
  return { validator, decisions: decisions(doc).map((d) => ({ ...d })) };
}
