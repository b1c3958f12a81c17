import { type CustomerChannel, CustomerUnreachable } from "../../ports/customer-channel.js";
import type { RequestStatus } from "../../ports/intake-store.js";
import type { TicketLinks } from "../../ports/ticket-links.js";

export type TicketStatus = "new" | "open" | "pending" | "hold" | "solved" | "closed";

const REQUEST_STATUS: Record<TicketStatus, RequestStatus> = {
  new: "ticket-created",
  open: "ticket-created",
  hold: "ticket-created",
  pending: "awaiting-customer",
  solved: "solved",
  closed: "closed",
};

/** The notice a status change owes the customer, if any. */
function noticeFor(status: TicketStatus, previous: TicketStatus | undefined) {
  if (status === "solved") return "ticket-solved" as const;
  if (status === "pending") return "ticket-pending" as const;
  // Closed straight from an open state: the customer was never told it was over. Zendesk closing a solved
  // ticket days later is no news to them.
  if (status === "closed" && previous !== "solved") return "ticket-closed" as const;
  return undefined;
}

/** A ticket's status change: mirrored on the request, and told to the customer when it concerns them. */
export async function ticketStatusChanged(
  ticketId: number,
  change: { status: TicketStatus; previous?: TicketStatus },
  deps: { links: TicketLinks; customers: CustomerChannel },
): Promise<void> {
  const link = await deps.links.findByTicket(ticketId);
  if (!link) return;
  await deps.links.setRequestStatus(link.requestId, REQUEST_STATUS[change.status]);
  const kind = noticeFor(change.status, change.previous);
  if (!kind) return;
  try {
    await deps.customers.notify(link.chatId, link.locale, { kind, ticketId }, link.threadId);
  } catch (error) {
    // A status notice to a customer who blocked the bot is simply not delivered.
    if (!(error instanceof CustomerUnreachable)) throw error;
  }
}
