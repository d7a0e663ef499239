// Eyeson's suite: checks, target config, credentials, the mock's target config, and which
// entry builds the mock itself with a bytes media store).
import type { SuiteModule } from '../../core/suite.ts';
import { DEV_API_KEY, createEyesonMock } from '../../mock/eyeson/index.ts';
import { checks } from './checks/index.ts';
import { trips } from './faults.ts';
import { asConfig, configSchema, type EyesonTargetConfig } from './config.ts';

const SPEC = 'specs/eyeson/openapi.yaml';

interface Defaults {
  apiKey: string;
  otherApiKey: string;
  lockedApiKey: string;
  archiveRoomId: string;
  finishedRecordingId: string | null;
  expiredRecordingId: string | null;
}
interface Meeting {
  accessKey: string;
  roomId: string;
}

export const eyeson: SuiteModule = {
  trips,
  checks,
  needKeys: {
    room: { key: 'accessKeys.recordable', what: 'the access key of a running meeting that can record' },
    recording: { key: 'recordings.finished', what: 'a finished recording (duration and download link set)' },
  },
  // The API key goes raw into Authorization (no scheme).
  configSchema,
  credentials: (config): Record<string, string> => {
    const key = asConfig(config).apiKey;
    return key ? { authorization: key } : {};
  },
  // Without control the mock's clock runs 400 times faster than wall time: a download link's hour
  // passes in 9 s and processing (5 s) in 13 ms, while the checks only poll. Every wait in the
  // checks is judged on the target's clock (its Date header); links are re-read before they get
  // old (and once more if a long pause outlived one), and nothing seeded is near its 14 days (the
  // oldest kept is 13 days old; a 90 s run is 10 hours of mock time).
  selfcheckClockRate: 400,
  async mockTargetConfig(control) {
    const d = await control.call<Defaults>('defaults');
    const recordable = await control.call<Meeting>('room', { name: 'callrec recordable', user: { name: 'callrec' } });
    const disabled = await control.call<Meeting>('room', { name: 'callrec no recording', recordingAvailable: false });
    const ended = await control.call<Meeting>('room', { name: 'callrec ended' });
    await control.call('shutdown', { accessKey: ended.accessKey });
    const config: EyesonTargetConfig = {
      apiKey: d.apiKey,
      otherApiKey: d.otherApiKey,
      lockedApiKey: d.lockedApiKey,
      accessKeys: { recordable: recordable.accessKey, recordingDisabled: disabled.accessKey, shutdown: ended.accessKey },
      rooms: { recordable: recordable.roomId, paged: d.archiveRoomId },
      recordings: {
        ...(d.finishedRecordingId ? { finished: d.finishedRecordingId } : {}),
        ...(d.expiredRecordingId ? { expired: d.expiredRecordingId } : {}),
      },
      writes: true,
      control: true,
    };
    return config as Record<string, unknown>;
  },
  async registerReceiver(url, control, config) {
    if (control) {
      await control.call('webhook', { url, apiKey: asConfig(config).apiKey ?? DEV_API_KEY, types: 'recording_update' });
      return true;
    }
    return Boolean(asConfig(config).receiver?.publicUrl);
  },
};
