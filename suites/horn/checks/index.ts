// Every Horn check, one concern per file.
import type { Check } from '../../../core/check.ts';
import { assetChecks } from './assets.ts';
import { authChecks } from './auth.ts';
import { contentChecks } from './contents.ts';
import { downloadUrlChecks } from './download-url.ts';
import { errorChecks } from './errors.ts';
import { eventChecks } from './events.ts';
import { identifierChecks } from './identifiers.ts';
import { jwtChecks } from './jwt.ts';
import { lifecycleChecks } from './lifecycle.ts';
import { paginationChecks } from './pagination.ts';
import { recordChecks } from './record.ts';
import { robustnessChecks } from './robustness.ts';
import { schemaChecks } from './schema.ts';

export const checks: Check[] = [
  ...schemaChecks,
  ...errorChecks,
  ...authChecks,
  ...recordChecks,
  ...lifecycleChecks,
  ...assetChecks,
  ...paginationChecks,
  ...downloadUrlChecks,
  ...jwtChecks,
  ...contentChecks,
  ...eventChecks,
  ...robustnessChecks,
  ...identifierChecks,
];
