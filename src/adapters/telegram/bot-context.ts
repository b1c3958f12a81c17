import type { Context } from "grammy";
import type { User } from "grammy/types";
import type { Customer, Locale } from "../../domain/events.js";
import type { DeliveryOutcome } from "../../domain/process-once.js";

export type BridgeContext = Context & {
  /** Becomes "duplicate" when the chat session shows this update was handled already. */
  outcome: DeliveryOutcome;
  /** The customer's language: Telegram's language_code until the chat session is read. */
  locale: Locale;
};

/** The customer as the back office knows them: Telegram identity and the language they read. */
export function customerOf(from: User, locale: Locale): Customer {
  return {
    telegramUserId: from.id,
    firstName: from.first_name,
    lastName: from.last_name,
    username: from.username,
    locale,
  };
}

/**
 * A customer message's key in the events, the idempotency key of its comment: chat and message id, plus the
 * edit date for an edit, which is a comment of its own.
 */
export const customerMessageKey = (chatId: number, messageId: number, editDate?: number): string =>
  `${chatId}:${messageId}${editDate === undefined ? "" : `:e${editDate}`}`;
