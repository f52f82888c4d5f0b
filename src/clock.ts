/** Where "now" comes from. Everything relative ("last month", schedules) reads it here so tests can fix it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that always says the same instant (or moves only when told). */
export function fixedClock(at: Date | string): Clock & { set(at: Date | string): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set: (next) => {
      current = new Date(next);
    },
  };
}

/**
 * A clock that starts at `at` and then runs in real time: PULSE_NOW for
 * tests of `pulse serve` in its own process. Never on unless that variable is set.
 */
export function shiftedClock(at: Date): Clock {
  const offset = at.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}
