import type { DeadLetterMessage, DeadLetterQueue } from "../../ports/dead-letter-queue.js";
import type { EventPublisher } from "../../ports/event-publisher.js";
import { eventId } from "../events.js";

/** SQS hands out at most 10 messages per receive. */
const BATCH = 10;

export interface ReplayOptions {
  /** Reads and reports, publishes and deletes nothing. */
  readonly dryRun: boolean;
  /** Handles at most this many messages in one run. */
  readonly max: number;
}

export type ReplayResult = "replayed" | "would replay" | "unreadable" | "publish failed";

export interface ReplayOutcome {
  readonly messageId: string;
  /** `IntakeSubmitted:<requestId>` or `CustomerMessageReceived:<messageKey>`: ids only, no customer text. */
  readonly eventId?: string;
  readonly failure: string;
  readonly result: ReplayResult;
  /** Why the publish failed, for `publish failed`. */
  readonly error?: string;
}

export interface ReplayReport {
  readonly outcomes: readonly ReplayOutcome[];
  readonly count: Readonly<Record<ReplayResult, number>>;
}

/**
 * Re-drives dead-lettered bridge events: each readable message's event is published to the bus again and
 * the message is deleted only once that publish succeeded. Replaying is safe to repeat because routing
 * processes each event once by its request id (or message key): an event that did make a ticket after all
 * is acknowledged as a duplicate. Unreadable messages, dry runs and failed publishes leave the message in
 * the queue, released for the next run; the run stops at the first failed publish, as the bus is then
 * likely unreachable for the rest too.
 */
export async function replayDeadLetters(
  queue: DeadLetterQueue,
  bus: EventPublisher,
  options: ReplayOptions,
): Promise<ReplayReport> {
  const outcomes: ReplayOutcome[] = [];
  const kept: DeadLetterMessage[] = [];
  const seen = new Set<string>();
  let stopped = false;
  try {
    while (!stopped && outcomes.length < options.max) {
      const batch = await queue.receive(Math.min(BATCH, options.max - outcomes.length));
      // A message seen already came back after its visibility timeout: the queue holds nothing new.
      const fresh = batch.filter((message) => !seen.has(message.messageId));
      kept.push(...batch.filter((message) => seen.has(message.messageId)));
      if (fresh.length === 0) break;
      for (const message of fresh) {
        seen.add(message.messageId);
        if (stopped || outcomes.length >= options.max) {
          kept.push(message);
          continue;
        }
        const outcome = await replayOne(queue, bus, message, options.dryRun);
        outcomes.push(outcome);
        if (outcome.result !== "replayed") kept.push(message);
        if (outcome.result === "publish failed") stopped = true;
      }
    }
  } finally {
    if (kept.length > 0) await queue.release(kept);
  }
  const count = { replayed: 0, "would replay": 0, unreadable: 0, "publish failed": 0 };
  for (const outcome of outcomes) count[outcome.result]++;
  return { outcomes, count };
}

async function replayOne(
  queue: DeadLetterQueue,
  bus: EventPublisher,
  message: DeadLetterMessage,
  dryRun: boolean,
): Promise<ReplayOutcome> {
  const { messageId, event, failure } = message;
  if (event === undefined) return { messageId, failure, result: "unreadable" };
  const base = { messageId, eventId: eventId(event), failure };
  if (dryRun) return { ...base, result: "would replay" };
  try {
    await bus.publish(event);
  } catch (error) {
    return {
      ...base,
      result: "publish failed",
      error: error instanceof Error ? error.message : String(error),
    };
  }
  await queue.remove(message);
  return { ...base, result: "replayed" };
}
