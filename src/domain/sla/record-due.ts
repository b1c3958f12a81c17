import type { SlaRecord } from "../../ports/sla-store.js";
import { MINUTE_MS } from "../time.js";
import { nextDueAt } from "./clock.js";
import type { SlaPolicy } from "./policy.js";

/** When the cooldown after the ticket's last alert ends; undefined when no alert has gone out. */
export function cooldownEndsAt(
  record: Pick<SlaRecord, "lastAlertAt">,
  policy: SlaPolicy,
): number | undefined {
  return record.lastAlertAt === undefined
    ? undefined
    : record.lastAlertAt + policy.cooldownMinutes * MINUTE_MS;
}

/**
 * When the scanner must read the record next: at once while an alert is owed; otherwise when its next step
 * falls due or, with alerts held back by the cooldown, when the cooldown ends, whichever comes first.
 */
export function recordDueAt(record: SlaRecord, policy: SlaPolicy, now: number): number | undefined {
  if (record.pendingAlerts.length > 0) return now;
  const held = (record.heldAlerts ?? []).length > 0 ? cooldownEndsAt(record, policy) : undefined;
  const times = [nextDueAt(record.clock, policy), held].filter((t): t is number => t !== undefined);
  return times.length > 0 ? Math.min(...times) : undefined;
}
