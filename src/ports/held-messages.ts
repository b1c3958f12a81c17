import type { CustomerMessageReceived } from "../domain/events.js";

/** A customer's message waiting for them to say which ticket it is about, and the tickets they were offered. */
export interface HeldMessage {
  readonly message: Omit<CustomerMessageReceived, "ticketId">;
  readonly offeredTicketIds: readonly number[];
}

/**
 * Messages held while the customer chooses a ticket, keyed by chat and the held message's key (message id,
 * plus edit date for an edit), so a choice applies to exactly that message. Entries expire on their own.
 */
export interface HeldMessages {
  hold(chatId: number, heldKey: string, held: HeldMessage): Promise<void>;
  /** The held message, or undefined once released or expired. */
  find(chatId: number, heldKey: string): Promise<HeldMessage | undefined>;
  release(chatId: number, heldKey: string): Promise<void>;
}
