import { type EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import type { BridgeEvent } from "../../domain/events.js";
import type { EventPublisher } from "../../ports/event-publisher.js";

export const EVENT_SOURCE = "telegram-zendesk-bridge.intake";

export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async publish(event: BridgeEvent): Promise<void> {
    const result = await this.client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: this.busName,
            Source: EVENT_SOURCE,
            DetailType: event.type,
            Detail: JSON.stringify(event),
          },
        ],
      }),
    );
    // PutEvents reports per-entry failures in the body, not as an exception.
    if ((result.FailedEntryCount ?? 0) > 0) {
      const entry = result.Entries?.[0];
      throw new Error(`EventBridge rejected ${event.type}: ${entry?.ErrorCode} ${entry?.ErrorMessage}`);
    }
  }
}
