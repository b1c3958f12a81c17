import type { SlaStore } from "../../ports/sla-store.js";
import { nextDueAt, type SlaClock } from "./clock.js";
import type { SlaPolicy } from "./policy.js";

export interface NewTicketSla {
  readonly ticketId: number;
  readonly tier: string;
  readonly category: string;
  readonly requestedCategory?: string;
  readonly vip: boolean;
  readonly startedAt: number;
}

/** Starts a ticket's SLA clocks when it is created; starting them again changes nothing. */
export async function startSlaClock(ticket: NewTicketSla, store: SlaStore, policy: SlaPolicy): Promise<void> {
  const clock: SlaClock = {
    ticketId: ticket.ticketId,
    tier: ticket.tier,
    startedAt: ticket.startedAt,
    assigned: false,
    pausedMs: 0,
    done: [],
  };
  const { category, requestedCategory, vip } = ticket;
  const requested =
    requestedCategory !== undefined && requestedCategory !== category ? { requestedCategory } : {};
  await store.start({ clock, category, vip, ...requested }, nextDueAt(clock, policy));
}
