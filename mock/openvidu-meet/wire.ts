// A recording as the API shows it: the documented fields that are set, with the faults that
// bend the wire shape applied.
import { has } from './context.ts';
import { WIRE_FIELDS } from './types.ts';
import type { MeetContext } from './context.ts';
import type { MeetRecording, Recording } from './types.ts';

export function toWire(r: Recording): MeetRecording {
  const out: Record<string, unknown> = {};
  for (const f of WIRE_FIELDS) if (r[f] !== undefined) out[f] = r[f];
  return out as MeetRecording;
}

/** A recording as the API shows it (with the `media-size-mismatch` fault applied). */
export function present(ctx: MeetContext, r: Recording): MeetRecording {
  const wire = toWire(r);
  if (wire.size !== undefined && has(ctx, 'media-size-mismatch')) wire.size += 1;
  return wire;
}
