import { describe, expect, it } from "vitest";
import type { SlaAlert } from "../../ports/alerts.js";
import { alertContent, digestContent } from "./alert-content.js";

const url = (id: number) => `https://acme.zendesk.com/agent/tickets/${id}`;
const alert = (ticketId: number, over: Partial<SlaAlert> = {}): SlaAlert => ({
  ticketId,
  steps: ["first-response-breach"],
  tier: "priority",
  category: "shipping",
  vip: false,
  waitedMinutes: 31,
  ...over,
});

describe("an alert a manager reads", () => {
  it("names every step, the ticket with its link, the tier and how long the customer waits", () => {
    const content = alertContent(
      alert(7, { steps: ["first-response-breach", "unassigned"], vip: true }),
      url,
    );
    expect(content.title).toBe("First response SLA breached + Priority ticket still unassigned: ticket #7");
    expect(content.description).toBe(
      "<https://acme.zendesk.com/agent/tickets/7|Ticket #7> · shipping · tier priority (VIP customer) · waiting 31 min",
    );
  });

  it("names who has the ticket when the help desk could say", () => {
    const owned = alertContent(alert(9, { owner: { group: "Billing", assignee: "Anna Berg" } }), url);
    expect(owned.description).toContain(" · tier priority · Billing · assignee Anna Berg · waiting 31 min");
    const nobody = alertContent(alert(9, { owner: { group: "Billing" } }), url);
    expect(nobody.description).toContain(" · Billing · unassigned · ");
  });

  it("writes names from the help desk as text, not as Slack links or mentions", () => {
    const owner = { group: "Returns & Refunds", assignee: "Sam <!channel> <Lead>" };
    const single = alertContent(alert(9, { owner }), url);
    const digest = digestContent([alert(9, { owner }), alert(10, { owner })], url);
    for (const text of [single.description, ...single.nextSteps, digest.description]) {
      expect(text).not.toMatch(/<!channel>|<Lead>| & /);
    }
    expect(single.description).toContain(
      " · Returns &amp; Refunds · assignee Sam &lt;!channel&gt; &lt;Lead&gt; · ",
    );
  });

  it("counts a business-hours tier in working time, and says when its breach falls", () => {
    // Friday 17:42 in Berlin, 47 working minutes left: the breach falls on Monday at 09:29.
    const content = alertContent(
      alert(9, {
        steps: ["first-response-warning"],
        waitedMinutes: 193,
        breachInMinutes: 47,
        workingTime: { timeZone: "Europe/Berlin", breachAt: Date.UTC(2026, 10, 30, 8, 29) },
      }),
      url,
    );
    expect(content.description).toMatch(
      / · waiting 3 h 13 min of working time · SLA breach in 47 min of working time \(Mon 30 Nov, 09:29, Europe\/Berlin\)$/,
    );
  });

  it("counts a digest's business-hours tickets in working time, with the moment of each breach", () => {
    const friday = (ticketId: number) =>
      alert(ticketId, {
        steps: ["first-response-warning"],
        waitedMinutes: 196,
        breachInMinutes: 44,
        workingTime: { timeZone: "America/New_York", breachAt: Date.UTC(2026, 10, 30, 14, 30) },
      });
    const digest = digestContent([friday(8), friday(9), alert(10)], url);
    expect(digest.description).toContain(
      "waiting 3 h 16 min of working time · breach in 44 min of working time (Mon 30 Nov, 09:30, America/New_York)",
    );
    expect(digest.description).toContain("#10> First response SLA breached · shipping · waiting 31 min");
  });

  it("says what the escalation did for this ticket, by who has it", () => {
    const breach = (owner?: SlaAlert["owner"]) =>
      alertContent(alert(5, { steps: ["first-response-breach"], ...(owner ? { owner } : {}) }), url)
        .nextSteps[0];
    expect(breach({ group: "Billing", assignee: "Anna Berg" })).toBe(
      "Escalated in Zendesk: priority up one step (urgent at most); it stays with Anna Berg",
    );
    expect(breach({ group: "Escalations L2" })).toBe(
      "Escalated in Zendesk: priority up one step (urgent at most); it is in Escalations L2 with nobody assigned",
    );
    expect(breach()).toBe(
      "Escalated in Zendesk: priority up one step (urgent at most); moved to the escalation group only if it had no assignee",
    );
    // The priority Zendesk shows as the alert goes out: an urgent ticket may have been urgent already.
    expect(breach({ group: "Escalations L2", priority: "urgent" })).toBe(
      "In Zendesk: priority urgent, the highest; it is in Escalations L2 with nobody assigned",
    );
    expect(breach({ group: "Escalations L2", priority: "high" })).toBe(
      "Escalated in Zendesk: priority high now; it is in Escalations L2 with nobody assigned",
    );
    const unassigned = alertContent(
      alert(7, { steps: ["unassigned"], owner: { group: "Escalations L2", priority: "high" } }),
      url,
    );
    expect(unassigned.nextSteps).toEqual([
      "Assign an agent: the ticket is in Escalations L2 now",
      "Escalated in Zendesk: priority high now",
    ]);
    const warning = alertContent(
      alert(6, { steps: ["first-response-warning"], owner: { assignee: "Chloe Martin" } }),
      url,
    );
    expect(warning.nextSteps).toEqual(["Make sure Chloe Martin answers the customer now"]);
  });

  it("tells for a warning how long is left before the breach", () => {
    const content = alertContent(
      alert(8, { steps: ["first-response-warning"], waitedMinutes: 24, breachInMinutes: 6 }),
      url,
    );
    expect(content.description).toMatch(/ · waiting 24 min · SLA breach in 6 min$/);
  });
});

describe("the category", () => {
  it("is the customer's choice, as Zendesk's field shows it, with the router's when it went elsewhere", () => {
    const routed = alert(3, { category: "other", requestedCategory: "returns" });
    expect(alertContent(routed, url).description).toContain(" · returns (routed as other) · tier ");
    expect(digestContent([routed, alert(4)], url).description).toContain(" · returns (routed as other) · ");
    expect(alertContent(alert(5), url).description).toContain(" · shipping · tier ");
  });
});

describe("a digest", () => {
  it("lists the oldest ticket first among equal waits", () => {
    const content = digestContent([alert(4), alert(5), alert(3)], url);
    expect(content.description.split("\n").map((line) => /#(\d+)>/.exec(line)?.[1])).toEqual(["3", "4", "5"]);
  });

  it("lists the most serious first, then VIP customers, then the longest wait", () => {
    const content = digestContent(
      [
        alert(1, { steps: ["first-response-warning"], waitedMinutes: 24, breachInMinutes: 6 }),
        alert(2, { waitedMinutes: 31 }),
        alert(3, { steps: ["resolution-breach"], waitedMinutes: 241 }),
        alert(4, { waitedMinutes: 45 }),
        alert(5, { vip: true, waitedMinutes: 30 }),
      ],
      url,
    );
    expect(content.title).toBe("5 SLA alerts at once: 4 breached, 1 due soon");
    expect(content.description.split("\n").map((line) => /#(\d+)>/.exec(line)?.[1])).toEqual([
      "3",
      "5",
      "4",
      "2",
      "1",
    ]);
    expect(content.description).toContain("First response SLA breached · shipping · VIP · waiting 30 min");
    // A warning says how long is left, which is what makes it worth acting on.
    expect(content.description).toContain(
      "First response due soon · shipping · waiting 24 min · breach in 6 min",
    );
  });

  it("names who has each ticket, where the help desk could say", () => {
    const lines = digestContent(
      [
        alert(1, { owner: { group: "Billing", assignee: "Anna Berg" } }),
        alert(2, { owner: { group: "Billing" } }),
        alert(3),
      ],
      url,
    ).description.split("\n");
    expect(lines).toEqual([
      expect.stringMatching(/#1> .* · waiting 31 min · Billing · assignee Anna Berg$/),
      expect.stringMatching(/#2> .* · waiting 31 min · Billing · unassigned$/),
      expect.stringMatching(/#3> .* · waiting 31 min$/),
    ]);
  });

  it("says why a customer is flagged frustrated", () => {
    const { title, description } = digestContent(
      [alert(1, { steps: ["customer-frustrated"], frustrationSignals: ["all-caps"] }), alert(2)],
      url,
    );
    expect(title).toBe("2 SLA alerts at once: 1 breached, 1 frustrated customer");
    expect(description).toMatch(/#1> Customer frustrated .* · customer: writing in capitals$/m);
  });

  it("fits Slack's 3,000 characters however many tickets, keeping the most urgent and counting the rest", () => {
    const long = (id: number) =>
      `https://acme-support-for-a-long-company-name.zendesk.com/agent/tickets/${id}`;
    const alerts = Array.from({ length: 60 }, (_, n) =>
      alert(n + 1, {
        steps: n === 59 ? ["resolution-breach"] : ["first-response-warning"],
        owner: { group: "Logistics L1", assignee: "Anna-Katharina Berg-Schmidt" },
      }),
    );
    const { description } = digestContent(alerts, long);
    expect(description.length).toBeLessThanOrEqual(3_000);
    const lines = description.split("\n");
    expect(lines[0]).toContain("#60>");
    const shown = lines.filter((line) => line.startsWith("• ")).length;
    expect(shown).toBeGreaterThan(10);
    expect(lines.at(-1)).toBe(`…and ${60 - shown} more tickets in this scan`);
  });

  it("lists every ticket when they fit", () => {
    const { description } = digestContent([alert(1), alert(2)], url);
    expect(description).not.toContain("more tickets");
  });
});
