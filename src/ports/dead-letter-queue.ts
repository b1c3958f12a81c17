import type { BridgeEvent } from "../domain/events.js";

/** One message from a dead-letter queue, read as far as it could be. */
export interface DeadLetterMessage {
  /** The queue's id for the message; unique within the queue. */
  readonly messageId: string;
  /** The bridge event that failed, or undefined when the message holds none the bridge can read. */
  readonly event: BridgeEvent | undefined;
  /** Why the event was dead-lettered, as the queue recorded it (error code and message, no payload). */
  readonly failure: string;
}

/**
 * The dead letters of the routing path: the SQS dead-letter queue on AWS, the in-process bus's list
 * locally. A received message stays out of sight of other readers until it is removed or released.
 */
export interface DeadLetterQueue {
  /** Up to `max` messages not yet received by this reader; empty when the queue is (for now) empty. */
  receive(max: number): Promise<readonly DeadLetterMessage[]>;
  /** Deletes the message for good; only after its event was published again. */
  remove(message: DeadLetterMessage): Promise<void>;
  /** Makes messages visible again at once, unchanged (dry run, unreadable, publish failed). */
  release(messages: readonly DeadLetterMessage[]): Promise<void>;
}
