import type { HelpDesk } from "../../ports/help-desk.js";
import type { TicketLinks } from "../../ports/ticket-links.js";
import type { TicketFeedbackGiven } from "../events.js";
import { requesterFor } from "./relay-customer-message.js";

export interface TicketFeedbackDeps {
  helpDesk: HelpDesk;
  links: TicketLinks;
  /** Title of the drop-down field that holds the rating (config/routing.json `ticketFields.satisfaction`). */
  satisfactionField: string;
}

export type FeedbackOutcome = "reopened" | "rated" | "not-theirs";

/** The tag a rating carries, and the value of its drop-down option, so reports can count either. */
export const satisfactionTag = (score: number) => `csat_${score}`;

/**
 * A solved ticket's notice answered in Telegram. Reopen: the ticket goes back to open with a public comment by
 * the requester, and the request shows open again, so the customer's next message goes to this ticket.
 * Rating: the score goes into the satisfaction field, a `csat_N` tag and an internal note for the agents.
 * Only the customer whose chat the ticket belongs to may do either.
 */
export async function applyTicketFeedback(
  event: TicketFeedbackGiven,
  deps: TicketFeedbackDeps,
): Promise<FeedbackOutcome> {
  const link = await deps.links.findByTicket(event.ticketId);
  if (!link || link.telegramUserId !== event.customer.telegramUserId) return "not-theirs";
  if (event.feedback.kind === "reopen") {
    const { id: authorId } = await requesterFor(event.customer, deps);
    await deps.helpDesk.updateTicket(event.ticketId, {
      status: "open",
      comment: {
        public: true,
        authorId,
        body: "I reopened this request in Telegram: the problem is not solved.",
      },
    });
    await deps.links.setRequestStatus(link.requestId, "ticket-created");
    return "reopened";
  }
  const { score } = event.feedback;
  await deps.helpDesk.updateTicket(event.ticketId, {
    fields: { [deps.satisfactionField]: satisfactionTag(score) },
    addTags: [satisfactionTag(score)],
    comment: { public: false, body: `The customer rated this ticket ${score} out of 5 in Telegram.` },
  });
  return "rated";
}
