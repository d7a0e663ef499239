// Turns the event stream into one call at the end of the run: file reports render the whole
// run at once, so they only need the header event and the final one.

import type { CompletedRun, Emit, RunStarted } from '../engine/events.ts';

export function onCompletion(done: (run: CompletedRun) => void): Emit {
  let started: RunStarted | undefined;
  return (event) => {
    if (event.type === 'run-started') started = event;
    if (event.type === 'run-finished' && started) done({ started, finished: event });
  };
}

/** Several consumers behind one emit function. */
export const fanOut =
  (...consumers: Emit[]): Emit =>
  (event) => {
    for (const c of consumers) c(event);
  };
