/** The time source. Injected everywhere so tests and the local stack can move time without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
