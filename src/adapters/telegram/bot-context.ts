import type { Context } from "grammy";
import type { Locale } from "../../domain/events.js";
import type { DeliveryOutcome } from "../../domain/process-once.js";

export type BridgeContext = Context & {
  /** Becomes "duplicate" when the chat session shows this update was handled already. */
  outcome: DeliveryOutcome;
  /** The customer's language: Telegram's language_code until the chat session is read. */
  locale: Locale;
};
