// Every Nextcloud Talk check, one file per concern.
import type { Check } from '../../../core/check.ts';
import { afterStoreChecks } from './after-store.ts';
import { authChecks } from './auth.ts';
import { backendChecks } from './backend.ts';
import { callChecks } from './call.ts';
import { chatChecks } from './chat.ts';
import { membershipChecks } from './membership.ts';
import { ocsChecks } from './ocs.ts';
import { ocsXmlChecks } from './ocs-xml.ts';
import { participantChecks } from './participants.ts';
import { recordingLifecycleChecks } from './recording-lifecycle.ts';
import { recordingServerChecks } from './recording-server.ts';
import { recordingSimulatedChecks } from './recording-simulated.ts';
import { recordingStartChecks } from './recording-start.ts';
import { roomChecks } from './rooms.ts';
import { roomRuleChecks } from './room-rules.ts';
import { guestScopeChecks } from './guest-scope.ts';
import { chatMessageChecks } from './chat-messages.ts';
import { callLiveChecks } from './call-live.ts';
import { ocsParameterChecks } from './ocs-parameters.ts';
import { signalingChecks } from './signaling-relay.ts';
import { schemaChecks } from './schema.ts';
import { storeChecks } from './store.ts';
import { storeFormatChecks } from './store-formats.ts';
import { storeFailureChecks } from './store-failures.ts';
import { lobbyTimerChecks } from './lobby-timer.ts';
import { roomEdgeChecks } from './room-edges.ts';
import { ocsMessageChecks } from './ocs-messages.ts';
import { schemaWriteChecks } from './schema-writes.ts';
import { systemTextChecks } from './system-texts.ts';
import { lobbyTimerEdgeChecks } from './lobby-timer-edges.ts';
import { roomListChecks } from './room-lists.ts';
import { lastPingChecks } from './last-ping.ts';

export const checks: Check[] = [
  ...ocsChecks,
  ...ocsXmlChecks,
  ...schemaChecks,
  ...roomChecks,
  ...roomRuleChecks,
  ...guestScopeChecks,
  ...chatMessageChecks,
  ...callLiveChecks,
  ...ocsParameterChecks,
  ...signalingChecks,
  ...participantChecks,
  ...membershipChecks,
  ...callChecks,
  ...chatChecks,
  ...authChecks,
  ...recordingStartChecks,
  ...recordingLifecycleChecks,
  ...backendChecks,
  ...storeChecks,
  ...storeFormatChecks,
  ...afterStoreChecks,
  ...recordingServerChecks,
  ...recordingSimulatedChecks,
  ...storeFailureChecks,
  // round 5 (helper r5a): rooms and OCS against mutation survivors
  ...roomEdgeChecks,
  ...lobbyTimerChecks,
  ...ocsMessageChecks,
  ...schemaWriteChecks,
  ...systemTextChecks,
  ...lobbyTimerEdgeChecks,
  ...roomListChecks,
  ...lastPingChecks,
];
