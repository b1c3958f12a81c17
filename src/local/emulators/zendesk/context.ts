import { buildEvents, type TicketChange, type ZendeskEvent } from "./events.js";
import type { EmulatorState } from "./state.js";
import type { Ticket } from "./types.js";
import type { WebhookDispatcher } from "./webhook-delivery.js";

/** What route handlers and agent actions share: the account state and the event publisher. */
export class EmulatorContext {
  readonly emitted: ZendeskEvent[] = [];

  constructor(
    readonly state: EmulatorState,
    readonly dispatcher: WebhookDispatcher,
  ) {}

  /** Emits the events of one action to every active webhook subscribed to their type. */
  publish(ticket: Ticket, actorId: number, changes: readonly TicketChange[]): void {
    if (changes.length === 0) return;
    for (const payload of buildEvents(this.state, ticket, actorId, changes)) {
      this.emitted.push(payload);
      for (const webhook of this.state.webhooks.values()) {
        if (webhook.status === "active" && webhook.subscriptions.includes(payload.type)) {
          this.dispatcher.dispatch(webhook, payload);
        }
      }
    }
  }
}
