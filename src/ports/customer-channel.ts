import type { Attachment, Locale } from "../domain/events.js";
import type { Category } from "../domain/routing/categories.js";
import type { UploadedFile } from "./help-desk.js";

/** What the domain tells a customer in their chat; the adapter words it in their language. */
export type CustomerNotice =
  | {
      kind: "ticket-created";
      ticketId: number;
      firstResponse: ResponseTarget;
      /** Which request became the ticket, for a customer with several in flight. */
      about?: { category: Category; description: string };
    }
  | { kind: "ticket-solved"; ticketId: number }
  | { kind: "ticket-pending"; ticketId: number }
  | { kind: "ticket-closed"; ticketId: number }
  | { kind: "request-delayed" }
  /** Their message still waits for them to choose its request: said under the question, once. */
  | { kind: "question-unanswered"; questionMessageId: number; newRequestOnly: boolean }
  /** Their form is not sent yet and will expire: said once, with a way back to it. */
  | { kind: "unsent-form"; formId: string; category?: Category; hoursLeft: number };

/**
 * When the customer may expect a first answer: the tier's minutes and, for a tier that counts only business
 * hours, the moment they run out (epoch ms) in the tier's time zone, since "within 4 hours" would mislead.
 */
export interface ResponseTarget {
  readonly minutes: number;
  readonly businessHours?: { readonly dueAt: number; readonly timeZone: string };
}

/** The customer blocked the bot or left the chat: nothing can be delivered until they come back. */
export class CustomerUnreachable extends Error {
  override readonly name = "CustomerUnreachable";
}

/**
 * The customer's chat (Telegram) as the back office needs it. `threadId` is the forum topic of a support group
 * with topics, where each topic is its own ticket; without it, messages go to the chat itself.
 */
export interface CustomerChannel {
  notify(chatId: number, locale: Locale, notice: CustomerNotice, threadId?: number): Promise<void>;
  /**
   * Sends an agent's reply, already in Telegram HTML and split to fit, parts in order. With `answering`, its
   * last part offers the customer a way to answer that ticket (in a private chat; a topic is its ticket).
   */
  sendReply(
    chatId: number,
    parts: readonly string[],
    threadId?: number,
    answering?: { readonly ticketId: number; readonly locale: Locale },
  ): Promise<void>;
  /** Sends a file from the ticket; false when Telegram cannot take it (too large), so a link is sent instead. */
  sendFile(chatId: number, file: UploadedFile, caption: string, threadId?: number): Promise<boolean>;
  /** Fetches a file the customer sent, for the ticket; undefined when it cannot be had (too large). */
  download(attachment: Attachment): Promise<UploadedFile | undefined>;
}
