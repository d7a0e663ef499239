// Every Eyeson check, one file per concern.
import type { Check } from '../../../core/check.ts';
import { authChecks } from './auth.ts';
import { deleteChecks } from './delete.ts';
import { downloadChecks } from './download.ts';
import { lifecycleChecks } from './lifecycle.ts';
import { paginationChecks } from './pagination.ts';
import { identifierChecks } from './identifiers.ts';
import { recordingChecks } from './recording.ts';
import { retentionChecks } from './retention.ts';
import { robustnessChecks } from './robustness.ts';
import { roomInputChecks, webhookRegistrationChecks } from './room-input.ts';
import { roomChecks } from './rooms.ts';
import { schemaChecks } from './schema.ts';
import { sdkChecks } from './sdk.ts';
import { webhookChecks } from './webhooks.ts';

export const checks: Check[] = [
  ...schemaChecks,
  ...authChecks,
  ...recordingChecks,
  ...roomChecks,
  ...lifecycleChecks,
  ...paginationChecks,
  ...downloadChecks,
  ...retentionChecks,
  ...webhookChecks,
  ...deleteChecks,
  ...sdkChecks,
  ...robustnessChecks,
  ...identifierChecks,
  ...roomInputChecks,
  ...webhookRegistrationChecks,
];
