// Every OpenVidu Meet check, one file per concern.
import type { Check } from '../../../core/check.ts';
import { authChecks } from './auth.ts';
import { deleteChecks } from './delete.ts';
import { errorChecks } from './errors.ts';
import { getChecks } from './get.ts';
import { lifecycleChecks } from './lifecycle.ts';
import { mediaChecks } from './media.ts';
import { paginationChecks } from './pagination.ts';
import { rangeChecks } from './ranges.ts';
import { recordingAccessChecks } from './recording-access.ts';
import { robustnessChecks } from './robustness.ts';
import { roomChecks } from './rooms.ts';
import { schemaChecks } from './schema.ts';
import { shareUrlChecks } from './share-url.ts';
import { startChecks } from './start.ts';
import { validationChecks } from './validation.ts';
import { webhookChecks } from './webhooks.ts';
import { zipChecks } from './zip.ts';

export const checks: Check[] = [
  ...schemaChecks,
  ...startChecks,
  ...validationChecks,
  ...errorChecks,
  ...getChecks,
  ...paginationChecks,
  ...mediaChecks,
  ...rangeChecks,
  ...lifecycleChecks,
  ...deleteChecks,
  ...zipChecks,
  ...authChecks,
  ...recordingAccessChecks,
  ...roomChecks,
  ...shareUrlChecks,
  ...webhookChecks,
  ...robustnessChecks,
];
