// What a real Eyeson target must tell the suites (`--config FILE`, JSON).
// Against the built-in mock every field is filled in through the control API
// (see suites/eyeson/module.ts mockTargetConfig and mock/eyeson/control.ts).
import { configFile, object, text } from '../../core/config-schema.ts';

export interface EyesonTargetConfig {
  /** Team API key, sent raw in `Authorization` (also `--api-key`). */
  apiKey?: string;
  /** A second team's API key (rooms of one team are not listed for the other). */
  otherApiKey?: string;
  /** An API key the target has locked (answers 423 Locked). */
  lockedApiKey?: string;
  accessKeys?: {
    /** Access key of a running meeting where a recording can be started (not recording now). */
    recordable?: string;
    /** Access key of a meeting whose options disable recording (start answers 406). */
    recordingDisabled?: string;
    /** Access key of a meeting that has been shut down (answers 410 Gone). */
    shutdown?: string;
  };
  rooms?: {
    /** Room id of the `recordable` meeting. */
    recordable?: string;
    /** A room with more than 25 recordings (pagination checks); spread over time for since/until. */
    paged?: string;
  };
  recordings?: {
    /** A finished recording (duration and links.download set). */
    finished?: string;
    /** A recording created more than 14 days ago (so destroyed: the retention checks expect 404). */
    expired?: string;
  };
  /**
   * How long one check may wait for time to pass on the target (default 60). Observing a download
   * link's one-hour expiry needs about 3 700 s on the target's clock.
   */
  maxWaitSeconds?: number;
  /** A webhook receiver the target delivers to (the suite listens on `port`). */
  receiver?: { port?: number; publicUrl?: string };
  /** Set true to allow checks that start/stop/delete recordings and shut meetings down. */
  writes?: boolean;
  /** Built-in mock only: the control API is available. */
  control?: boolean;
}

/** The keys of EyesonTargetConfig, for the CLI's check of a config file. */
export const configSchema = configFile({
  apiKey: text,
  otherApiKey: text,
  lockedApiKey: text,
  accessKeys: object({ recordable: text, recordingDisabled: text, shutdown: text }),
  rooms: object({ recordable: text, paged: text }),
  recordings: object({ finished: text, expired: text }),
  maxWaitSeconds: { type: 'integer', minimum: 0, maximum: 86_400 },
});

export const asConfig = (c: Record<string, unknown>) => c as EyesonTargetConfig;
