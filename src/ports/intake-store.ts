import type { Locale, Priority, UnroutedMessage } from "../domain/events.js";
import type { IntakeForm } from "../domain/intake/form.js";
import type { Category } from "../domain/routing/categories.js";

/**
 * What the bot keeps per chat: the language the customer picked and the form in progress. One item, so a
 * single read serves any update of the chat.
 */
export interface ChatSession {
  readonly locale?: Locale;
  readonly form?: IntakeForm;
  /** The bot message that shows the form; buttons edit it in place. */
  readonly formMessageId?: number;
  /** How the chat's last form ended, so a late press on its buttons (a double tap) is answered for what it is. */
  readonly closedForm?: ClosedForm;
  /** The language the form in progress is shown in, for the reminder the bot sends on its own. */
  readonly formLocale?: Locale;
  /** The form the customer was reminded of (once per form); written by the reminder, never by a handler. */
  readonly remindedFormId?: string;
  /** Version the session was read at; 0 for a session not stored yet. */
  readonly version: number;
  /**
   * The chat's latest Telegram update ids. Recorded in the same write as the change an update caused, so a
   * redelivered update is recognised and a race between two deliveries of it is lost by one of them.
   */
  readonly recentUpdateIds: readonly number[];
}

export interface ClosedForm {
  readonly formId: string;
  /**
   * `replaced` is no longer written (a second /new shows the form in progress again); sessions stored
   * before that still carry it for a day, and a late press on such a form is answered for what happened.
   */
  readonly how: "submitted" | "cancelled" | "replaced" | "deflected";
  /** For a submitted form: its request, and when it was sent (ISO), for what the customer adds right after. */
  readonly submitted?: { readonly requestId: string; readonly at: string };
}

export type RequestStatus = "submitted" | "ticket-created" | "awaiting-customer" | "solved" | "closed";

/** Whether a request's ticket still expects work (an agent reply may still come). */
export const isOpenStatus = (status: RequestStatus): boolean => status !== "solved" && status !== "closed";

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
  /** Filing its ticket failed at least once and the customer was told it is delayed. */
  readonly filingDelayed?: boolean;
}

/**
 * Chat sessions and submitted requests. `read`/`write`/`delete` follow grammY's session `StorageAdapter`;
 * writes are conditional on `version` and throw `ConcurrentModification` when another update of the same
 * chat wrote first.
 */
export interface IntakeStore {
  read(chatKey: string): Promise<ChatSession | undefined>;
  write(chatKey: string, session: ChatSession): Promise<void>;
  delete(chatKey: string): Promise<void>;
  /** Records a submitted request; repeating it keeps a status that has moved on since. */
  saveRequest(request: RequestRecord): Promise<void>;
  listRequests(telegramUserId: number, limit: number): Promise<RequestRecord[]>;
  /** The language a customer's tickets write to them in from now on (their /language choice). */
  setTicketsLocale(telegramUserId: number, locale: Locale): Promise<void>;
  /**
   * Keeps a message the customer sent about a request whose ticket is still being made: routing posts it on
   * the ticket once made. False when the request has its ticket by now, is no longer stored, or keeps as
   * many messages as it may: the message is then routed like any other. A forum topic's request is not
   * stored before its ticket is made: `unsavedRequest` keeps the message for it all the same.
   */
  addWhileFiling(
    requestId: string,
    message: UnroutedMessage,
    options?: { unsavedRequest?: boolean },
  ): Promise<boolean>;
}
