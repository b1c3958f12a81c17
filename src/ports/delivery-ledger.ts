/**
 * Remembers which inbound deliveries (Telegram updates, Zendesk events, bus events) were handled, so a
 * redelivery does nothing twice. A claim is a lease: if the claimant dies, the claim lapses and the
 * sender's retry is processed.
 */
export interface DeliveryLedger {
  /** `claimed` to go ahead; `done` or `in-progress` when another delivery of the same id got there first. */
  claim(key: DeliveryKey, leaseSeconds: number): Promise<ClaimOutcome>;
  complete(key: DeliveryKey): Promise<void>;
  /** Gives up a claim after a failure, so the sender's retry is processed. */
  release(key: DeliveryKey): Promise<void>;
}

export type ClaimOutcome = "claimed" | "done" | "in-progress";

export interface DeliveryKey {
  source: "telegram-update" | "zendesk-event" | "bus-event";
  id: string;
}
