import { type Clock, systemClock } from "../ports/clock.js";

/** The local stack's clock: real time plus an offset that `POST /local/clock/advance` moves forward. */
export class AdjustableClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: Clock = systemClock) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  advance(seconds: number): Date {
    this.offsetMs += seconds * 1000;
    return this.now();
  }
}
