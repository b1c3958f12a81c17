import type { DeliveryKey, DeliveryLedger } from "../ports/delivery-ledger.js";

export type DeliveryOutcome = "processed" | "duplicate";

/**
 * Runs `work` once per delivery id. Every sender here delivers at least once, so a delivery already done
 * (or in the hands of a concurrent invocation) is acknowledged without running again; a failure gives the
 * claim back so the sender's retry is processed.
 */
export async function processOnce(
  ledger: DeliveryLedger,
  key: DeliveryKey,
  leaseSeconds: number,
  work: () => Promise<void>,
): Promise<DeliveryOutcome> {
  if ((await ledger.claim(key, leaseSeconds)) !== "claimed") return "duplicate";
  try {
    await work();
  } catch (error) {
    await ledger.release(key);
    throw error;
  }
  await ledger.complete(key);
  return "processed";
}
