import { describe, expect, it } from "vitest";
import type { HelpDesk, TicketUpdate } from "../../ports/help-desk.js";
import type { TicketLink, TicketLinks } from "../../ports/ticket-links.js";
import type { TicketFeedbackGiven } from "../events.js";
import { applyTicketFeedback } from "./ticket-feedback.js";

const ANN = 501;
const link: TicketLink = {
  requestId: "req-0001",
  ticketId: 42,
  chatId: ANN,
  telegramUserId: ANN,
  locale: "en",
  customerNotified: true,
};

function fakes() {
  const updates: Array<[number, TicketUpdate]> = [];
  const statuses: string[] = [];
  const helpDesk = {
    updateTicket: async (ticketId: number, update: TicketUpdate) => void updates.push([ticketId, update]),
  } as unknown as HelpDesk;
  const links = {
    findByTicket: async (ticketId: number) => (ticketId === link.ticketId ? link : undefined),
    setRequestStatus: async (_: string, status: string) => void statuses.push(status),
    requester: async () => ({ id: 9001, organizationId: null, tags: [], readAt: new Date(0) }),
  } as unknown as TicketLinks;
  return { updates, statuses, deps: { helpDesk, links, satisfactionField: "Telegram satisfaction" } };
}

const feedback = (telegramUserId: number, given: TicketFeedbackGiven["feedback"]): TicketFeedbackGiven => ({
  type: "TicketFeedbackGiven",
  feedbackKey: `${telegramUserId}:7:${given.kind}`,
  ticketId: 42,
  chatId: telegramUserId,
  customer: { telegramUserId, firstName: "Ann", locale: "en" },
  feedback: given,
});

describe("applyTicketFeedback", () => {
  it("records a rating in the satisfaction field, a csat tag and an internal note", async () => {
    const f = fakes();
    expect(await applyTicketFeedback(feedback(ANN, { kind: "rating", score: 2 }), f.deps)).toBe("rated");
    expect(f.updates).toEqual([
      [
        42,
        {
          fields: { "Telegram satisfaction": "csat_2" },
          addTags: ["csat_2"],
          comment: { public: false, body: "The customer rated this ticket 2 out of 5 in Telegram." },
        },
      ],
    ]);
  });

  it("reopens with a public comment by the requester and shows the request open again", async () => {
    const f = fakes();
    expect(await applyTicketFeedback(feedback(ANN, { kind: "reopen" }), f.deps)).toBe("reopened");
    expect(f.updates[0]?.[1]).toMatchObject({ status: "open", comment: { public: true, authorId: 9001 } });
    expect(f.statuses).toEqual(["ticket-created"]);
  });

  it("changes nothing for someone whose ticket it is not", async () => {
    const f = fakes();
    expect(await applyTicketFeedback(feedback(777, { kind: "reopen" }), f.deps)).toBe("not-theirs");
    expect(f.updates).toEqual([]);
  });
});
