import type { UnroutedMessage } from "../domain/events.js";

/** A customer's message waiting for them to say which ticket it is about, and the tickets they were offered. */
export interface HeldMessage {
  readonly message: UnroutedMessage;
  /** Messages sent after it while the question was open: they follow it to the ticket chosen, in order. */
  readonly more?: readonly UnroutedMessage[];
  readonly offeredTicketIds: readonly number[];
}

/**
 * The "which request?" question (or, with no ticket to offer, the new-request offer) a chat has open: the
 * message it holds, and the bot's message asking.
 */
export interface OpenQuestion {
  readonly heldKey: string;
  /** Absent for the moment between the question's claim and the message that asks it. */
  readonly questionMessageId?: number;
}

/**
 * Messages held while the customer chooses a ticket, keyed by chat and the held message's key (message id,
 * plus edit date for an edit), so a choice applies to exactly that message and those that joined it. Entries
 * expire on their own.
 */
export interface HeldMessages {
  hold(chatId: number, heldKey: string, held: HeldMessage): Promise<void>;
  /**
   * Makes a held message the chat's open question before the question is sent: false while another one is
   * open, as when messages of a burst arrive at the same moment, so that only one of them asks. The message
   * holding the claim may claim again (its update run again after a failure).
   */
  claimQuestion(chatId: number, heldKey: string): Promise<boolean>;
  /** Records the message that asks the chat's open question. */
  asked(chatId: number, question: Required<OpenQuestion>): Promise<void>;
  /** The held message, or undefined once released or expired. */
  find(chatId: number, heldKey: string): Promise<HeldMessage | undefined>;
  /**
   * The chat's open question, if its message is still held and the burst it asks about goes on: a message
   * joining it keeps it open a while longer, and after a quiet spell the next message gets its own question.
   * `quietToo` finds it after the quiet spell as well, while its messages are still held (for an edit of one).
   */
  openQuestion(chatId: number, options?: { quietToo?: boolean }): Promise<OpenQuestion | undefined>;
  /**
   * Adds later messages to a held one, and offers `offeredTicketIds` from now on (a ticket filed since the
   * question was asked joins them); undefined when the held one was released or expired meanwhile.
   */
  append(
    chatId: number,
    heldKey: string,
    messages: readonly UnroutedMessage[],
    offeredTicketIds: readonly number[],
  ): Promise<HeldMessage | undefined>;
  /**
   * Puts the customer's edit of a held message in its place (the held message itself, or one that joined
   * it, found by `messageKey`), so the answer carries the text as last written. False when none of them has
   * that key, or the answer is being carried out already.
   */
  amend(chatId: number, heldKey: string, amended: UnroutedMessage): Promise<boolean>;
  /**
   * The held message and those that joined it, closed to further joins: called as the customer's answer is
   * carried out, so a message arriving meanwhile asks a question of its own instead of joining one whose
   * content was already sent on. Repeatable; undefined once released or expired.
   */
  take(chatId: number, heldKey: string): Promise<HeldMessage | undefined>;
  /**
   * The question was not asked after all (Telegram refused it): nothing more may join it, and the messages
   * that joined stay held with the message, for its redelivery to ask about them all.
   */
  withdrawQuestion(chatId: number, heldKey: string): Promise<void>;
  release(chatId: number, heldKey: string): Promise<void>;
}
