/** What every Bot API method implementation gets to work with. */
import type { RateLimiter } from "./rate-limiter.js";
import type { EmulatorState } from "./state.js";
import type { UpdateDispatcher } from "./webhook-delivery.js";

export interface MethodContext {
  state: EmulatorState;
  dispatcher: UpdateDispatcher;
  limiter: RateLimiter | undefined;
  /** Age after which a callback query can no longer be answered. */
  callbackQueryTimeoutMs: number;
}

/** A result Telegram sends with a `description` next to it (setWebhook, deleteWebhook). */
export class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}
