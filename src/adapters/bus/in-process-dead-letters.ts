import type { DeadLetterMessage, DeadLetterQueue } from "../../ports/dead-letter-queue.js";
import type { DeadLetter } from "./in-process-bus.js";

/**
 * The in-process bus's dead letters as a dead-letter queue, so `dlq:replay --local` runs the same replay
 * as on AWS. Received letters stay in the bus's list, hidden from this reader, until removed or released.
 */
export class InProcessDeadLetters implements DeadLetterQueue {
  private readonly received = new Map<string, DeadLetter>();
  private readonly ids = new WeakMap<DeadLetter, string>();
  private nextId = 1;

  constructor(private readonly letters: DeadLetter[]) {}

  async receive(max: number): Promise<readonly DeadLetterMessage[]> {
    const inFlight = new Set(this.received.values());
    return this.letters
      .filter((letter) => !inFlight.has(letter))
      .slice(0, max)
      .map((letter) => {
        const messageId = this.idOf(letter);
        this.received.set(messageId, letter);
        return {
          messageId,
          event: letter.event,
          failure: `${letter.error} (after ${letter.attempts} attempts)`,
        };
      });
  }

  async remove(message: DeadLetterMessage): Promise<void> {
    const letter = this.received.get(message.messageId);
    this.received.delete(message.messageId);
    const index = letter ? this.letters.indexOf(letter) : -1;
    if (index >= 0) this.letters.splice(index, 1);
  }

  async release(messages: readonly DeadLetterMessage[]): Promise<void> {
    for (const message of messages) this.received.delete(message.messageId);
  }

  private idOf(letter: DeadLetter): string {
    let id = this.ids.get(letter);
    if (id === undefined) {
      id = `local-${this.nextId++}`;
      this.ids.set(letter, id);
    }
    return id;
  }
}
