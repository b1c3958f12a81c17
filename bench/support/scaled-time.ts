import type { Clock } from "../../src/ports/clock.js";

/**
 * Time running `scale` times faster than the wall clock, for the stack's injected clock and for every wait
 * the stack makes: a 60 s Retry-After at scale 10 takes 6 s. The Zendesk emulator counts its per-minute
 * rate limit on the same clock, so a burst meets the real limit in a tenth of the time.
 */
export class ScaledTime implements Clock {
  private readonly startedMs = Date.now();
  private readonly startedAt = performance.now();

  constructor(readonly scale: number) {}

  now(): Date {
    return new Date(this.startedMs + (performance.now() - this.startedAt) * this.scale);
  }

  /** Waits `ms` of scaled time. */
  sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms / this.scale));

  /** Real milliseconds for `ms` of scaled time. */
  real(ms: number): number {
    return ms / this.scale;
  }
}
