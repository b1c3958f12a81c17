/** What `/forget` deleted, for the customer's confirmation and the audit trail. */
export interface ErasureReport {
  /** The chat's session: form in progress, language choice, recent update ids. */
  readonly sessions: number;
  readonly requests: number;
  /** Ticket -> chat links; without them agent replies cannot reach the customer. */
  readonly ticketLinks: number;
  /** The cached help desk user id of the customer. */
  readonly profiles: number;
  /** Messages waiting for the customer to choose their ticket. */
  readonly heldMessages: number;
  /** Tickets not yet solved whose link was removed: their replies no longer reach the chat. */
  readonly openTickets: readonly number[];
  /** Requests submitted but not yet filed as tickets: withdrawn, so they never reach the help desk. */
  readonly withdrawnRequests: number;
}

/**
 * Everything the bridge stores about one customer, as one erasable unit. Erasing twice is harmless: the
 * second report counts nothing.
 */
export interface CustomerData {
  erase(customer: { readonly telegramUserId: number; readonly chatId: number }): Promise<ErasureReport>;
}

export const isEmptyReport = (report: ErasureReport): boolean =>
  report.sessions + report.requests + report.ticketLinks + report.profiles + report.heldMessages === 0;
