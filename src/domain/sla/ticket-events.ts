import type { SlaMetrics } from "../../ports/sla-metrics.js";
import type { SlaStore } from "../../ports/sla-store.js";
import { MINUTE_MS } from "../time.js";
import { type SlaClock, tierTimeOf } from "./clock.js";
import { type FrustrationSignal, frustrationSignalsIn } from "./frustration.js";
import type { SlaPolicy } from "./policy.js";
import { recordDueAt } from "./record-due.js";

/** What happened to a ticket, as far as its SLA clocks care. */
export type SlaEvent =
  | { kind: "agent-replied-publicly" }
  | { kind: "status"; status: "new" | "open" | "pending" | "hold" | "solved" | "closed" }
  | { kind: "assignment"; assigned: boolean }
  /** A customer's follow-up on the ticket; an edit is checked for wording but is not a new message. */
  | { kind: "customer-message"; text: string; edited: boolean };

/**
 * The clock after `event` at time `at`: first reply stops first response, solved stops resolution, pending
 * pauses it. Every public agent reply clears the frustration flag and its message count.
 */
export function applySlaEvent(clock: SlaClock, event: SlaEvent, at: number, policy: SlaPolicy): SlaClock {
  switch (event.kind) {
    case "agent-replied-publicly":
      return {
        ...clock,
        firstRespondedAt: clock.firstRespondedAt ?? at,
        // Webhooks can arrive out of order: the latest reply is kept.
        lastRespondedAt: Math.max(clock.lastRespondedAt ?? at, at),
        customerMessagesWaiting: 0,
        lastCountedMessageAt: undefined,
        waitingSince: undefined,
        frustration: undefined,
        done: clock.done.filter((step) => step !== "customer-frustrated"),
      };
    case "assignment":
      return { ...clock, assigned: event.assigned };
    case "customer-message":
      return noteCustomerMessage(clock, event, at, policy);
    case "status": {
      const elapsed = (from: number) => tierTimeOf(clock, policy).elapsed(from, at);
      const resumed =
        clock.pausedSince !== undefined && event.status !== "pending"
          ? { ...clock, pausedMs: clock.pausedMs + elapsed(clock.pausedSince), pausedSince: undefined }
          : clock;
      if (event.status === "solved" || event.status === "closed") {
        return resumed.solvedAt === undefined ? { ...resumed, solvedAt: at } : resumed;
      }
      // Reopened: the clocks run on from where they stopped, so the time spent solved does not count.
      const solvedFor = resumed.solvedAt === undefined ? 0 : elapsed(resumed.solvedAt);
      const reopened =
        resumed.solvedAt === undefined
          ? resumed
          : {
              ...resumed,
              pausedMs: resumed.pausedMs + solvedFor,
              solvedMs: (resumed.solvedMs ?? 0) + solvedFor,
              solvedAt: undefined,
            };
      if (event.status === "pending")
        return reopened.pausedSince === undefined ? { ...reopened, pausedSince: at } : reopened;
      return reopened;
    }
  }
}

/** Counts the message and flags the ticket once when it shows frustration; the flag waits for an agent reply. */
function noteCustomerMessage(
  clock: SlaClock,
  message: { text: string; edited: boolean },
  at: number,
  policy: SlaPolicy,
): SlaClock {
  const last = clock.lastCountedMessageAt;
  const apart = last === undefined || at - last >= policy.frustration.messageGapMinutes * MINUTE_MS;
  const counts = !message.edited && apart;
  const waiting = (clock.customerMessagesWaiting ?? 0) + (counts ? 1 : 0);
  const counted = {
    ...clock,
    customerMessagesWaiting: waiting,
    ...(counts ? { lastCountedMessageAt: at } : {}),
    // A ticket no agent has answered yet has kept the customer waiting since it was created.
    waitingSince: clock.waitingSince ?? (clock.lastRespondedAt === undefined ? clock.startedAt : at),
  };
  if (clock.frustration || clock.solvedAt !== undefined) return counted;
  const signals: FrustrationSignal[] = frustrationSignalsIn(message.text);
  if (waiting >= policy.frustration.repeatedMessages) signals.unshift("repeated-messages");
  return signals.length > 0 ? { ...counted, frustration: { at, signals } } : counted;
}

const ATTEMPTS = 3;

export interface SlaEventDeps {
  store: SlaStore;
  policy: SlaPolicy;
  metrics: Pick<SlaMetrics, "firstResponse">;
  /**
   * An agent's reply cleared a frustration flag that had escalated the ticket: its tag should come off, so
   * views of frustrated customers show only those still waiting. Best effort; it must not throw.
   */
  frustrationCleared?: (ticketId: number) => Promise<void>;
}

/**
 * Records a ticket event on its SLA clock; a ticket the bridge did not create has none and is ignored.
 * The first public reply reports the first-response time once the write has stuck.
 */
export async function recordSlaEvent(
  ticketId: number,
  event: SlaEvent,
  at: number,
  { store, policy, metrics, frustrationCleared }: SlaEventDeps,
): Promise<void> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const record = await store.get(ticketId);
    if (!record) return;
    const clock = applySlaEvent(record.clock, event, at, policy);
    // A cleared frustration flag may be raised, and escalated, again later.
    const escalated = clock.frustration
      ? record.escalated
      : record.escalated.filter((step) => step !== "customer-frustrated");
    const updated = { ...record, clock, escalated };
    if (!(await store.save(updated, recordDueAt(updated, policy, at)))) continue;
    if (record.clock.firstRespondedAt === undefined && clock.firstRespondedAt !== undefined) {
      const minutes = tierTimeOf(clock, policy).elapsed(clock.startedAt, clock.firstRespondedAt) / MINUTE_MS;
      metrics.firstResponse(clock.tier, minutes);
    }
    if (record.escalated.includes("customer-frustrated") && !escalated.includes("customer-frustrated"))
      await frustrationCleared?.(ticketId);
    return;
  }
  throw new Error(`SLA clock of ticket ${ticketId} kept changing under us`);
}
