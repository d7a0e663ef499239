// Reading a control action's body: every API's actions check their input the same way, and a
// failed check is the control API's 400 (answered by mock/core/define-mock.ts), never a 500.

/** Thrown by need(); defineMock turns it into the API's 400 for bad control input. */
export class BadInput extends Error {}

export function need(cond: unknown, message: string): void {
  if (!cond) throw new BadInput(message);
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
