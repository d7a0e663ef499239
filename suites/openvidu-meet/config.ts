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
  /**
   * Room-member tokens by role, keyed by room id: `{roomId: {moderator?, speaker?}}`. The recording
   * access check reads each token's own permissions and expects the server to enforce them; rooms
   * with different `allowAccessTo` settings make it cover more.
   */
  roomRoleTokens?: Record<string, { moderator?: string; speaker?: string }>;
  recordings?: {
    /** A complete recording with media (range, ZIP, schema and share-URL checks read it; never changed). */
    complete?: string;
    /** A complete recording whose media is larger than 5 MiB (the open-ended range cap); else the largest listed is used. */
    large?: string;
    /**
     * A recording in progress (status active) that the suite may read but never stops: used for the
     * 409 rules (media, delete, bulk delete) when the target cannot start one for the suite.
     */
    active?: string;
    /**
     * Complete recordings the suite may DELETE (each is used up): used by the delete rules when the
     * target cannot record new ones for the suite. Recreate them before each run.
     */
    deletable?: string[];
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
  roomRoleTokens: mapOf(object({ moderator: text, speaker: text })),
  recordings: object({ complete: text, large: text, active: text, deletable: { type: 'array', items: text } }),
});

export const asConfig = (c: Record<string, unknown>) => c as OpenViduMeetTargetConfig;
