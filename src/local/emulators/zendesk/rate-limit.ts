import { tooManyRequests } from "./errors.js";

const MINUTE_MS = 60_000;
const TICKET_UPDATE_WINDOW_MS = 10 * MINUTE_MS;
const TICKET_UPDATES_PER_WINDOW = 30;

/**
 * The account-wide limit: N requests per clock minute. Zendesk reports the budget "for the current
 * minute", so the window is the fixed minute of the injected clock and `Retry-After` counts the seconds
 * left in it.
 */
export class AccountRateLimiter {
  private windowStart = -1;
  private used = 0;

  constructor(
    private readonly limit: number | false,
    private readonly now: () => Date,
  ) {}

  /** Counts one request. Returns the headers to send, or throws 429 once the minute's budget is spent. */
  consume(): Record<string, string> {
    if (this.limit === false) return {};
    const nowMs = this.now().getTime();
    const windowStart = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
    if (windowStart !== this.windowStart) {
      this.windowStart = windowStart;
      this.used = 0;
    }
    const resetSeconds = Math.max(1, Math.ceil((windowStart + MINUTE_MS - nowMs) / 1000));
    if (this.used >= this.limit) {
      const error = tooManyRequests(resetSeconds, "Number of allowed API requests per minute exceeded");
      Object.assign(error.headers, this.headers(0, resetSeconds));
      throw error;
    }
    this.used++;
    return this.headers(this.limit - this.used, resetSeconds);
  }

  private headers(remaining: number, resetSeconds: number): Record<string, string> {
    const limit = String(this.limit);
    return {
      "X-Rate-Limit": limit,
      "X-Rate-Limit-Remaining": String(remaining),
      "ratelimit-limit": limit,
      "ratelimit-remaining": String(remaining),
      "ratelimit-reset": String(resetSeconds),
    };
  }
}

/** The documented Update Ticket endpoint limit: 30 updates per 10 minutes per user per ticket. */
export class TicketUpdateLimiter {
  private readonly history = new Map<string, number[]>();

  constructor(private readonly now: () => Date) {}

  consume(userId: number, ticketId: number): void {
    const nowMs = this.now().getTime();
    const key = `${userId}:${ticketId}`;
    const recent = (this.history.get(key) ?? []).filter((t) => t > nowMs - TICKET_UPDATE_WINDOW_MS);
    if (recent.length >= TICKET_UPDATES_PER_WINDOW) {
      const oldest = recent[0] ?? nowMs;
      const retryAfter = Math.max(1, Math.ceil((oldest + TICKET_UPDATE_WINDOW_MS - nowMs) / 1000));
      this.history.set(key, recent);
      throw tooManyRequests(
        retryAfter,
        "Rate limit for ticket updates exceeded, please wait before updating this ticket again",
      );
    }
    recent.push(nowMs);
    this.history.set(key, recent);
  }
}
