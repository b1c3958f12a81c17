import type { Locale, UnroutedMessage } from "../domain/events.js";
import type { Category } from "../domain/routing/categories.js";
import type { RequesterProfile } from "../domain/tickets/customer-tier.js";
import type { TicketPriority } from "./help-desk.js";
import type { RequestStatus } from "./intake-store.js";

export interface TicketLink {
  readonly requestId: string;
  readonly ticketId: number;
  readonly chatId: number;
  readonly telegramUserId: number;
  readonly locale: Locale;
  readonly customerNotified: boolean;
  /** The forum topic the ticket belongs to, when it came from a support group with topics. */
  readonly threadId?: number;
  /**
   * The priority and category routing gave the ticket, which its first-response promise follows; absent on
   * links stored before they were kept.
   */
  readonly routed?: RoutedAs;
  /** What the customer wrote about the request while its ticket was being made, to post on the ticket. */
  readonly waitingMessages?: readonly UnroutedMessage[];
}

export interface RoutedAs {
  readonly priority: TicketPriority;
  readonly category: Category;
}

/** A request its customer erased; with the ticket that was being made at that moment, if one was. */
export interface Withdrawal {
  readonly ticketId?: number;
  /** The ticket's note that replies will not reach the customer was added. */
  readonly noted: boolean;
}

export interface CachedRequester extends RequesterProfile {
  /** When organization and tags were read; absent on profiles stored before they were kept. */
  readonly readAt?: Date;
}

/** Which ticket a request became, and the help desk user behind each Telegram user. */
export interface TicketLinks {
  findByRequest(requestId: string): Promise<TicketLink | undefined>;
  findByTicket(ticketId: number): Promise<TicketLink | undefined>;
  /** Records request -> ticket (and ticket -> chat, and topic -> ticket for a forum topic); idempotent. */
  link(link: Omit<TicketLink, "customerNotified">): Promise<void>;
  /**
   * Claims the "ticket created" notice for a request before it is sent: false when another delivery of the
   * same event already claimed it, so two deliveries racing never both tell the customer.
   */
  claimCustomerNotice(requestId: string): Promise<boolean>;
  /** Gives the claim back when the notice could not be sent, so the event's retry sends it. */
  releaseCustomerNotice(requestId: string): Promise<void>;
  /**
   * Claims the "your request is delayed" notice of a submitted request: true once per request, false once
   * its ticket is linked or for a request the bridge has no record of (a forum topic's, one past retention).
   */
  claimDelayNotice(requestId: string): Promise<boolean>;
  /** Gives the delay notice back when it could not be sent, so the event's next retry sends it. */
  releaseDelayNotice(requestId: string): Promise<void>;
  /**
   * The customer's erasure of the request (`/forget`) before it was filed, if they erased it: it must not be
   * filed then. Undefined when they did not.
   */
  withdrawal(requestId: string): Promise<Withdrawal | undefined>;
  /**
   * Records on the withdrawal the ticket made while it happened, and whether the agents were told it leads
   * nowhere, so a retry after a failed note still tells them.
   */
  recordWithdrawnTicket(requestId: string, ticketId: number, noted: boolean): Promise<void>;
  /** Mirrors the ticket's state on the request, for the customer's /status. */
  setRequestStatus(requestId: string, status: RequestStatus): Promise<void>;
  /** The help desk user behind a Telegram user, as last read from the help desk, and when. */
  requester(telegramUserId: number): Promise<CachedRequester | undefined>;
  rememberRequester(telegramUserId: number, requester: RequesterProfile): Promise<void>;
}

/** A forum topic's ticket: claimed by the topic's first message, with the ticket id once routing made it. */
export interface TopicLink {
  readonly requestId: string;
  readonly ticketId?: number;
  /** The message that claimed the topic: its update, run again after a failure, asks for the ticket again. */
  readonly claimedBy?: number;
}

/** Forum topic -> ticket, as the bot needs it: each topic of a support group is its own ticket. */
export interface TopicLinks {
  find(chatId: number, threadId: number): Promise<TopicLink | undefined>;
  /** Claims the topic for a new request by one of its messages; false when another message claimed it first. */
  claim(chatId: number, threadId: number, requestId: string, messageId: number): Promise<boolean>;
}
