// The whole Nextcloud Talk fault catalogue: the Talk API v1 / OCS part and the recording part.
import type { FaultDef } from '../../core/api.ts';
import { recordingFaults } from './faults-recording.ts';
import { talkFaults } from './faults-talk.ts';

export const faults: readonly FaultDef[] = [...talkFaults, ...recordingFaults];
