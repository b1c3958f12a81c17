/**
 * Flood limits as Telegram's FAQ describes them (exact numbers are unpublished): about one message a second
 * per private chat with a short burst allowed, 20 a minute per group, 30 a second overall. Time comes from the
 * injected clock, so tests move past a limit without sleeping. A refused send consumes nothing.
 */

export interface RateLimits {
  perChatPerSecond?: number;
  perGroupPerMinute?: number;
  globalPerSecond?: number;
}

const PRIVATE_BURST = 3;

/** A sliding window: at most `limit` events within `windowMs`. */
class SlidingWindow {
  private readonly events: number[] = [];
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until one more event fits (0 when it fits now). */
  waitMs(now: number): number {
    while (this.events.length > 0 && (this.events[0] ?? 0) <= now - this.windowMs) this.events.shift();
    if (this.events.length < this.limit) return 0;
    return (this.events[0] ?? now) + this.windowMs - now;
  }

  record(now: number): void {
    this.events.push(now);
  }
}

/** A token bucket: `burst` tokens, refilled at `perSecond`. */
class TokenBucket {
  private tokens: number;
  private updatedAt: number | undefined;
  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {
    this.tokens = burst;
  }

  private refill(now: number): void {
    if (this.updatedAt !== undefined) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    }
    this.updatedAt = now;
  }

  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.perSecond) * 1000;
  }

  record(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }
}

export class RateLimiter {
  private readonly perChat = new Map<number, TokenBucket | SlidingWindow>();
  private readonly global: SlidingWindow;
  private readonly limits: Required<RateLimits>;

  constructor(limits: RateLimits = {}) {
    this.limits = {
      perChatPerSecond: limits.perChatPerSecond ?? 1,
      perGroupPerMinute: limits.perGroupPerMinute ?? 20,
      globalPerSecond: limits.globalPerSecond ?? 30,
    };
    this.global = new SlidingWindow(this.limits.globalPerSecond, 1000);
  }

  private limiterFor(chatId: number, isGroup: boolean): TokenBucket | SlidingWindow {
    let limiter = this.perChat.get(chatId);
    if (!limiter) {
      limiter = isGroup
        ? new SlidingWindow(this.limits.perGroupPerMinute, 60_000)
        : new TokenBucket(PRIVATE_BURST, this.limits.perChatPerSecond);
      this.perChat.set(chatId, limiter);
    }
    return limiter;
  }

  /** Seconds to wait (Telegram's `retry_after`, rounded up, at least 1), or 0 if one more message may go now. */
  check(chatId: number, isGroup: boolean, now: number): number {
    const waitMs = Math.max(this.limiterFor(chatId, isGroup).waitMs(now), this.global.waitMs(now));
    return waitMs <= 0 ? 0 : Math.max(1, Math.ceil(waitMs / 1000));
  }

  record(chatId: number, isGroup: boolean, now: number): void {
    this.limiterFor(chatId, isGroup).record(now);
    this.global.record(now);
  }
}
