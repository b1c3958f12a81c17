import type { SlaStore } from "../../ports/sla-store.js";
import { nextDueAt, type SlaClock } from "./clock.js";
import type { SlaPolicy } from "./policy.js";

/** What happened to a ticket, as far as its SLA clocks care. */
export type SlaEvent =
  | { kind: "agent-replied-publicly" }
  | { kind: "status"; status: "new" | "open" | "pending" | "hold" | "solved" | "closed" }
  | { kind: "assignment"; assigned: boolean };

/** The clock after `event` at time `at`: first reply stops first response, solved stops resolution, pending pauses it. */
export function applySlaEvent(clock: SlaClock, event: SlaEvent, at: number): SlaClock {
  switch (event.kind) {
    case "agent-replied-publicly":
      return clock.firstRespondedAt === undefined ? { ...clock, firstRespondedAt: at } : clock;
    case "assignment":
      return { ...clock, assigned: event.assigned };
    case "status": {
      const resumed =
        clock.pausedSince !== undefined && event.status !== "pending"
          ? { ...clock, pausedMs: clock.pausedMs + (at - clock.pausedSince), pausedSince: undefined }
          : clock;
      if (event.status === "solved" || event.status === "closed") {
        return resumed.solvedAt === undefined ? { ...resumed, solvedAt: at } : resumed;
      }
      // Reopened: the resolution clock runs on from where it stopped, so the time spent solved does not count.
      const reopened =
        resumed.solvedAt === undefined
          ? resumed
          : { ...resumed, pausedMs: resumed.pausedMs + (at - resumed.solvedAt), solvedAt: undefined };
      if (event.status === "pending")
        return reopened.pausedSince === undefined ? { ...reopened, pausedSince: at } : reopened;
      return reopened;
    }
  }
}

const ATTEMPTS = 3;

/** Records a ticket event on its SLA clock; a ticket the bridge did not create has none and is ignored. */
export async function recordSlaEvent(
  ticketId: number,
  event: SlaEvent,
  at: number,
  store: SlaStore,
  policy: SlaPolicy,
): Promise<void> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const record = await store.get(ticketId);
    if (!record) return;
    const clock = applySlaEvent(record.clock, event, at);
    const next = record.pendingAlerts.length > 0 ? at : nextDueAt(clock, policy);
    if (await store.save({ ...record, clock }, next)) return;
  }
  throw new Error(`SLA clock of ticket ${ticketId} kept changing under us`);
}
