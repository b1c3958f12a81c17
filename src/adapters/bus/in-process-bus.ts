import { setTimeout as sleep } from "node:timers/promises";
import { bridgeEventSchema } from "../../domain/event-schemas.js";
import type { BridgeEvent, BridgeEventType } from "../../domain/events.js";
import type { EventPublisher } from "../../ports/event-publisher.js";

export type EventHandler = (event: BridgeEvent) => Promise<void>;

export interface InProcessBusOptions {
  /** Retries after the first attempt, like an EventBridge target's retryAttempts. */
  retryAttempts: number;
  /** Delay before retry n (1-based). */
  retryDelayMs: (attempt: number) => number;
  /** Deliver every event twice, to prove consumers are idempotent as at-least-once delivery demands. */
  duplicateDelivery?: boolean;
  onDeadLetter?: (letter: DeadLetter) => void;
}

export interface DeadLetter {
  event: BridgeEvent;
  error: string;
  attempts: number;
}

/**
 * The local stand-in for the EventBridge bus and its rules: events are validated like PutEvents entries,
 * delivered to subscribers asynchronously and at least once, retried with backoff, and dead-lettered
 * when retries run out.
 */
export class InProcessBus implements EventPublisher {
  private readonly handlers = new Map<BridgeEventType, EventHandler[]>();
  private readonly inFlight = new Set<Promise<void>>();
  readonly deadLetters: DeadLetter[] = [];

  constructor(private readonly options: InProcessBusOptions) {}

  subscribe(type: BridgeEventType, handler: EventHandler): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }

  async publish(event: BridgeEvent): Promise<void> {
    const valid = bridgeEventSchema.parse(event);
    const copies = this.options.duplicateDelivery ? 2 : 1;
    for (const handler of this.handlers.get(valid.type) ?? []) {
      for (let i = 0; i < copies; i++) this.track(this.deliver(handler, structuredClone(valid)));
    }
  }

  /** Resolves once every delivery, including scheduled retries, has finished. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  private async deliver(handler: EventHandler, event: BridgeEvent): Promise<void> {
    // Like EventBridge, the publisher never waits for its consumers.
    await new Promise((resolve) => setImmediate(resolve));
    const attempts = this.options.retryAttempts + 1;
    for (let attempt = 1; ; attempt++) {
      try {
        await handler(event);
        return;
      } catch (error) {
        if (attempt >= attempts) {
          const letter = { event, error: error instanceof Error ? error.message : String(error), attempts };
          this.deadLetters.push(letter);
          this.options.onDeadLetter?.(letter);
          return;
        }
        await sleep(this.options.retryDelayMs(attempt));
      }
    }
  }
}
