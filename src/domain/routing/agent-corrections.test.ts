import { describe, expect, it } from "vitest";
import type { RoutingCorrection } from "../../ports/routing-corrections.js";
import type { TicketLink } from "../../ports/ticket-links.js";
import { type AgentCorrectionDeps, type GroupChange, recordAgentCorrection } from "./agent-corrections.js";

const teams: AgentCorrectionDeps["teams"] = {
  shipping: "Logistics L1",
  payment: "Billing",
  returns: "Returns",
  order: "Orders",
  account: "Triage",
  product: "Product",
  other: "Triage",
};
const GROUPS = new Map([
  [1, "Logistics L1"],
  [2, "Billing"],
  [3, "Escalations L2"],
  [4, "Triage"],
]);
const link: TicketLink = {
  requestId: "req-1",
  ticketId: 10,
  chatId: 5,
  telegramUserId: 5,
  locale: "en",
  customerNotified: true,
};

function setUp(bridgeTickets: number[] = [10]) {
  const stored = new Map<string, RoutingCorrection>();
  const deps: AgentCorrectionDeps = {
    links: {
      findByTicket: async (id) => (bridgeTickets.includes(id) ? { ...link, ticketId: id } : undefined),
    },
    corrections: {
      record: async (c) => {
        if (stored.has(c.eventId)) return false;
        stored.set(c.eventId, c);
        return true;
      },
    },
    groupNames: async () => GROUPS,
    teams,
  };
  return { deps, stored };
}

const change = (p: Partial<GroupChange> = {}): GroupChange => ({
  eventId: "ev-1",
  ticketId: 10,
  previousGroupId: 1,
  currentGroupId: 2,
  description: "  I was charged twice  ",
  at: new Date("2026-11-25T12:00:00Z"),
  ...p,
});

describe("agent corrections", () => {
  it("records a move to another team's group with the text, the new category and the old group", async () => {
    const { deps, stored } = setUp();
    expect(await recordAgentCorrection(change(), deps)).toBe("recorded");
    expect([...stored.values()]).toEqual([
      {
        eventId: "ev-1",
        ticketId: 10,
        text: "I was charged twice",
        category: "payment",
        previousGroup: "Logistics L1",
        newGroup: "Billing",
        correctedAt: "2026-11-25T12:00:00.000Z",
      },
    ]);
  });

  it("records the same event once", async () => {
    const { deps, stored } = setUp();
    await recordAgentCorrection(change(), deps);
    expect(await recordAgentCorrection(change(), deps)).toBe("duplicate");
    expect(stored.size).toBe(1);
  });

  it("ignores tickets the bridge did not create", async () => {
    expect(await recordAgentCorrection(change({ ticketId: 99 }), setUp().deps)).toBe("not-a-bridge-ticket");
  });

  it("ignores moves to a group no category routes to, such as the escalation group", async () => {
    expect(await recordAgentCorrection(change({ currentGroupId: 3 }), setUp().deps)).toBe("not-a-team-group");
  });

  it("ignores moves to a group several categories share", async () => {
    expect(await recordAgentCorrection(change({ currentGroupId: 4 }), setUp().deps)).toBe("ambiguous-group");
  });

  it("ignores a ticket taken out of any group, and a move back from escalation to the same team", async () => {
    const { deps } = setUp();
    expect(await recordAgentCorrection(change({ currentGroupId: null }), deps)).toBe("same-team");
    expect(
      await recordAgentCorrection(change({ previousGroupId: 3, currentGroupId: 2, eventId: "ev-2" }), deps),
    ).toBe("recorded");
  });

  it("records a ticket created without a group and then put in one", async () => {
    expect(await recordAgentCorrection(change({ previousGroupId: null }), setUp().deps)).toBe("recorded");
  });

  it("skips a ticket without text to learn from", async () => {
    expect(await recordAgentCorrection(change({ description: " " }), setUp().deps)).toBe("no-text");
  });
});
