import type { Locale, Priority } from "../domain/events.js";
import type { IntakeForm } from "../domain/intake/form.js";
import type { Category } from "../domain/routing/categories.js";
import type { DeliveryKey } from "./delivery-ledger.js";

/**
 * What the bot keeps per chat: the language the customer picked and the form in progress. One item, so a
 * single read serves any update of the chat.
 */
export interface ChatSession {
  readonly locale?: Locale;
  readonly form?: IntakeForm;
  /** The bot message that shows the form; buttons edit it in place. */
  readonly formMessageId?: number;
  /** Version the session was read at; 0 for a session not stored yet. */
  readonly version: number;
}

export type RequestStatus = "submitted" | "ticket-created" | "awaiting-customer" | "solved" | "closed";

/** A submitted request: one customer issue, one ticket. */
export interface RequestRecord {
  readonly requestId: string;
  readonly chatId: number;
  readonly telegramUserId: number;
  readonly category: Category;
  readonly priority: Priority;
  readonly orderId: string | null;
  readonly summary: string;
  readonly submittedAt: string;
  readonly status: RequestStatus;
  readonly ticketId?: number;
}

export interface WriteOptions {
  /** A delivery whose handling this write finishes; recorded in the same atomic write. */
  readonly completes?: DeliveryKey;
}

/**
 * Chat sessions and submitted requests. `read`/`write`/`delete` follow grammY's session `StorageAdapter`;
 * writes are conditional on `version` and throw `ConcurrentModification` when another update of the same
 * chat wrote first.
 */
export interface IntakeStore {
  read(chatKey: string): Promise<ChatSession | undefined>;
  write(chatKey: string, session: ChatSession, options?: WriteOptions): Promise<void>;
  delete(chatKey: string): Promise<void>;
  /** Records the request and stores the session (its form gone) in one atomic step. */
  submit(
    chatKey: string,
    session: ChatSession,
    request: RequestRecord,
    options?: WriteOptions,
  ): Promise<void>;
  listRequests(telegramUserId: number, limit: number): Promise<RequestRecord[]>;
}
