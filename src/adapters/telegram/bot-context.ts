import type { Context } from "grammy";
import type { Locale } from "../../domain/events.js";
import type { DeliveryState } from "../../ports/delivery-ledger.js";

export type BridgeContext = Context & {
  delivery: DeliveryState;
  /** Resolved once the chat session is read; Telegram's language_code until then. */
  locale: Locale;
};
