import { DomainError } from "../domain/errors.js";
import type { RequesterProfile } from "../domain/tickets/customer-tier.js";
import type { AgentLoad } from "../domain/tickets/workload.js";

export type TicketPriority = "low" | "normal" | "high" | "urgent";

export interface NewTicket {
  readonly subject: string;
  /** The customer's description: the ticket's first, public comment, written as the requester. */
  readonly description: string;
  readonly requesterId: number;
  readonly groupName?: string;
  readonly priority: TicketPriority;
  readonly tags: readonly string[];
  /** Custom field values by field title (the ids differ per account and are looked up by the adapter). */
  readonly fields: Readonly<Record<string, string | number | null>>;
  readonly uploads: readonly string[];
  readonly externalId: string;
}

export interface Requester {
  readonly externalId: string;
  readonly name: string;
  readonly locale: string;
  /** Shown to agents on the user's profile: who the customer is in Telegram (their @handle, their id). */
  readonly details?: string;
}

export interface UploadedFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/** A change to an existing ticket; custom fields by title, as on a new ticket. */
export interface TicketUpdate {
  readonly status?: "open";
  readonly fields?: Readonly<Record<string, string | number | null>>;
  /** Added to the ticket's tags; the others stay. */
  readonly addTags?: readonly string[];
  /** Taken off the ticket's tags; the others stay. */
  readonly removeTags?: readonly string[];
  readonly comment?:
    | { readonly public: false; readonly body: string }
    | { readonly public: true; readonly body: string; readonly authorId: number };
}

/** The help desk (Zendesk) as the domain needs it. */
export interface HelpDesk {
  /** Creates or updates the requester by external id; returns the user with their organization and tags. */
  upsertRequester(requester: Requester): Promise<RequesterProfile>;
  /** Ids of the organizations with these names, keyed by lower-case name; unknown names are left out. */
  organizationIds(names: readonly string[]): Promise<ReadonlyMap<string, number>>;
  /** The active agents of a group with their unsolved tickets (workload-aware assignment). */
  agentLoads(groupName: string): Promise<readonly AgentLoad[]>;
  /** Group names by id, for reading group changes. */
  groupNames(): Promise<ReadonlyMap<number, string>>;
  /** Uploads a file for a later comment; returns the upload token. */
  upload(file: UploadedFile): Promise<string>;
  /** Creates the ticket; the same idempotency key never creates a second one. */
  createTicket(ticket: NewTicket, idempotencyKey: string): Promise<{ ticketId: number }>;
  /** A private note; with `assigneeId`, the same update assigns the ticket. */
  addInternalNote(ticketId: number, body: string, options?: { assigneeId?: number }): Promise<void>;
  updateTicket(ticketId: number, update: TicketUpdate): Promise<void>;
  /** A public comment written as the customer (the ticket's requester). */
  addCustomerComment(
    ticketId: number,
    requesterId: number,
    body: string,
    uploads: readonly string[],
  ): Promise<void>;
  /** One comment with its HTML and attachments (webhook payloads carry only plain text). */
  getComment(ticketId: number, commentId: number): Promise<TicketComment | undefined>;
  /** Fetches an attachment's bytes. */
  download(attachment: CommentAttachment): Promise<UploadedFile>;
}

export interface CommentAttachment {
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly url: string;
}

export interface TicketComment {
  readonly id: number;
  readonly public: boolean;
  readonly htmlBody?: string;
  readonly plainBody?: string;
  readonly attachments: readonly CommentAttachment[];
}

/** The help desk asked us to wait; retry after `retryAfterSeconds`. */
export class HelpDeskRateLimited extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    options?: ErrorOptions,
  ) {
    super("HELP_DESK_RATE_LIMITED", `help desk rate limit: retry after ${retryAfterSeconds}s`, options);
  }
}

/** The help desk refused the content (Zendesk 422): retrying the same request cannot succeed. */
export class HelpDeskRejected extends DomainError {
  constructor(
    readonly status: number,
    readonly details: string,
    options?: ErrorOptions,
  ) {
    super("HELP_DESK_REJECTED", `help desk refused the request (${status}): ${details}`, options);
  }
}

/** The help desk could not be reached or failed (5xx, timeout): worth retrying later. */
export class HelpDeskUnavailable extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super("HELP_DESK_UNAVAILABLE", message, options);
  }
}
