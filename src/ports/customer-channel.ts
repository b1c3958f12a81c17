import type { Attachment, Locale } from "../domain/events.js";
import type { UploadedFile } from "./help-desk.js";

/** What the domain tells a customer in their chat; the adapter words it in their language. */
export type CustomerNotice = {
  kind: "ticket-created";
  ticketId: number;
  firstResponseMinutes: number;
};

/** The customer's chat (Telegram) as the back office needs it. */
export interface CustomerChannel {
  notify(chatId: number, locale: Locale, notice: CustomerNotice): Promise<void>;
  /** Fetches a file the customer sent, for the ticket; undefined when it cannot be had (too large). */
  download(attachment: Attachment): Promise<UploadedFile | undefined>;
}
