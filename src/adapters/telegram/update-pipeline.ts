import type { Update } from "grammy/types";
import { type DeliveryOutcome, processOnce } from "../../domain/process-once.js";
import type { DeliveryLedger, DeliveryState } from "../../ports/delivery-ledger.js";

/** Longer than the intake function's timeout, so a live handler never loses its claim. */
const LEASE_SECONDS = 30;

/** Runs each Telegram update once, however often Telegram delivers it. */
export function createUpdateProcessor(
  ledger: DeliveryLedger,
  handle: (update: Update, delivery: DeliveryState) => Promise<void>,
): (update: Update) => Promise<DeliveryOutcome> {
  return (update) =>
    processOnce(
      ledger,
      { source: "telegram-update", id: String(update.update_id) },
      LEASE_SECONDS,
      (delivery) => handle(update, delivery),
    );
}
