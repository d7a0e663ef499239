// What a real OpenVidu Meet server must tell the suites (`--config FILE`, JSON).
// Against the built-in mock every field is filled in through the control API.
import { configFile, mapOf, object, text } from '../../core/config-schema.ts';

export interface OpenViduMeetTargetConfig {
  /** X-API-KEY value (also `--api-key`). */
  apiKey?: string;
  /** Admin/console access token (JWT) for the accessTokenHeader scheme. */
  accessToken?: string;
  rooms?: {
    /** A room with participants, recording enabled, not recording now. */
    recordable?: string;
    /** A second recordable room (room-member token scope checks). */
    other?: string;
    /** A room with recording disabled. */
    disabled?: string;
    /** A room without participants. */
    empty?: string;
  };
  /** Room-member tokens (JWT) keyed by room id. */
  roomMemberTokens?: Record<string, string>;
  recordings?: {
    /** A complete recording with media (range and ZIP checks read it). */
    complete?: string;
  };
  /** A webhook receiver the target delivers to (the suite listens on `port`). */
  receiver?: { port?: number; publicUrl?: string };
  /** Set true to allow checks that create, stop and delete recordings on the target. */
  writes?: boolean;
  /** Built-in mock only: the control API is available. */
  control?: boolean;
}

/** The keys of OpenViduMeetTargetConfig, for the CLI's check of a config file. */
export const configSchema = configFile({
  apiKey: text,
  accessToken: text,
  rooms: object({ recordable: text, other: text, disabled: text, empty: text }),
  roomMemberTokens: mapOf(text),
  recordings: object({ complete: text }),
});

export const asConfig = (c: Record<string, unknown>) => c as OpenViduMeetTargetConfig;
