import type { BridgeEvent } from "../domain/events.js";

/** Publishes domain events (EventBridge on AWS, the in-process bus locally). At-least-once. */
export interface EventPublisher {
  publish(event: BridgeEvent): Promise<void>;
}
