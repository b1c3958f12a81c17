import type { Locale } from "../domain/events.js";
import type { RequesterProfile } from "../domain/tickets/customer-tier.js";
import type { RequestStatus } from "./intake-store.js";

export interface TicketLink {
  readonly requestId: string;
  readonly ticketId: number;
  readonly chatId: number;
  readonly telegramUserId: number;
  readonly locale: Locale;
  readonly customerNotified: boolean;
}

export interface CachedRequester extends RequesterProfile {
  /** When organization and tags were read; absent on profiles stored before they were kept. */
  readonly readAt?: Date;
}

/** Which ticket a request became, and the help desk user behind each Telegram user. */
export interface TicketLinks {
  findByRequest(requestId: string): Promise<TicketLink | undefined>;
  findByTicket(ticketId: number): Promise<TicketLink | undefined>;
  /** Records request -> ticket (and ticket -> chat for replies); idempotent. */
  link(link: Omit<TicketLink, "customerNotified">): Promise<void>;
  markCustomerNotified(requestId: string): Promise<void>;
  /** Mirrors the ticket's state on the request, for the customer's /status. */
  setRequestStatus(requestId: string, status: RequestStatus): Promise<void>;
  /** The help desk user behind a Telegram user, as last read from the help desk, and when. */
  requester(telegramUserId: number): Promise<CachedRequester | undefined>;
  rememberRequester(telegramUserId: number, requester: RequesterProfile): Promise<void>;
}
