import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";
import { post } from "../support/http.js";
import { startTestStack, type TestStack } from "../support/test-stack.js";
import { Customer } from "./intake-support.js";

let slack: FakeSlack;
let t: TestStack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(() => slack.close());
beforeEach(async () => {
  slack.messages.length = 0;
  t = await startTestStack({ SLACK_WEBHOOK_URL: slack.url });
});
afterEach(() => t.close());

/** Files a request of the given priority through the bot; returns the customer and the ticket. */
async function fileTicket(priority: RegExp): Promise<{ ann: Customer; id: number }> {
  const ann = new Customer(t);
  await ann.fillToSummary({
    category: /Shipping/,
    orderId: "A-10023",
    priority,
    description: ["My parcel is lost and I need it today"],
  });
  await ann.press(/Confirm/);
  await t.stack.bus.drain();
  const ticket = t.zendesk.tickets().at(-1);
  if (!ticket) throw new Error("no ticket was created");
  return { ann, id: ticket.id };
}

/** An urgent request (Priority tier: first response 30 min, unassigned rule 15 min); returns its ticket. */
const urgentTicket = async (): Promise<number> => (await fileTicket(/Urgent/)).id;

const advance = (seconds: number) => post(`${t.url}/local/clock/advance`, { seconds });

/** An agent the emulator seeded. */
function anAgent() {
  const agent = t.zendesk.users().find((u) => u.role === "agent");
  if (!agent) throw new Error("the emulator seeds agents");
  return agent;
}

/** An agent takes the ticket and answers the customer publicly; returns the agent. */
async function assignAndAnswer(id: number) {
  const agent = anAgent();
  await t.zendesk.assign(id, agent.id);
  await t.zendesk.agentComment(id, { body: "We are on it", public: true });
  await t.zendesk.waitForIdle();
  return agent;
}
const titles = () => slack.messages.map((m) => m.text.split("\n")[0]);

describe("SLA escalation on the local stack", () => {
  it("moves the clock and says the scan failed when Slack refuses, and sends the alert at the next advance", async () => {
    const id = await urgentTicket();
    slack.failNext();
    const response = await advance(16 * 60);
    expect(response.status).toBe(200);
    expect(response.body.scanError).toMatch(/the SLA scan failed/);
    expect(slack.messages).toEqual([]);
    // The escalation's own ticket events are recorded on the clock first, as they would be within the minute.
    await t.zendesk.waitForIdle();
    await t.stack.bus.drain();
    const next = await advance(1);
    expect(next.body.scanError).toBeUndefined();
    expect(slack.messages.map((m) => m.text)).toEqual([
      expect.stringMatching(new RegExp(`^Priority ticket still unassigned: ticket #${id}`)),
    ]);
  });

  it("names the category as Zendesk shows it, and where the router sent the ticket when elsewhere", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary({
      category: /Order changes/,
      orderId: "A-10023",
      priority: /Urgent/,
      description: ["Please change the delivery address for my parcel, the courier could not find the house"],
    });
    await ann.press(/Confirm/);
    await t.stack.bus.drain();
    const id = t.zendesk.tickets().at(-1)?.id;
    await advance(16 * 60);
    const alert = slack.messages.find((m) => m.text.includes(`#${id}`));
    expect(alert?.text).toMatch(/ · order \(routed as shipping\) · tier priority/);
  });

  it("alerts once when a Priority ticket is left unassigned, and escalates it in Zendesk", async () => {
    const id = await urgentTicket();
    await advance(14 * 60);
    expect(slack.messages).toEqual([]);
    await advance(2 * 60);
    expect(titles()).toEqual([`Priority ticket still unassigned: ticket #${id}`]);
    expect(slack.messages[0]?.text).toContain(" · Escalations L2 · unassigned · ");
    const ticket = t.zendesk.ticket(id);
    expect(ticket?.tags).toContain("sla_unassigned");
    expect(ticket?.tags).not.toContain("sla_breached");
    expect(ticket?.priority).toBe("urgent");
    expect(t.zendesk.groups().find((g) => g.id === ticket?.group_id)?.name).toBe("Escalations L2");
    await advance(60);
    expect(slack.messages).toHaveLength(1);
  });

  it("sends nothing after an agent's first public reply and assignment", async () => {
    const id = await urgentTicket();
    await assignAndAnswer(id);
    await advance(5 * 3600);
    expect(slack.messages.filter((m) => m.text.includes("First response"))).toEqual([]);
    expect(slack.messages.filter((m) => m.text.includes("unassigned"))).toEqual([]);
  });

  it("leaves a breached ticket with the agent working it, and tells agents why its priority rose", async () => {
    const id = await urgentTicket();
    const agent = await assignAndAnswer(id);
    const before = t.zendesk.ticket(id);
    await advance(241 * 60);
    expect(titles()).toEqual([`Resolution SLA breached: ticket #${id}`]);
    const group = t.zendesk.groups().find((g) => g.id === before?.group_id)?.name;
    expect(slack.messages.at(-1)?.text).toContain(` · ${group} · assignee ${agent.name} · `);
    const after = t.zendesk.ticket(id);
    expect(after).toMatchObject({ assignee_id: agent.id, group_id: before?.group_id, priority: "urgent" });
    expect(after?.tags).toEqual(expect.arrayContaining(["sla_breached", "sla_resolution_breach"]));
    expect(t.zendesk.comments(id).at(-1)).toMatchObject({
      public: false,
      body: "SLA escalation: Resolution SLA breached. Priority raised to urgent.",
    });
  });

  it("still alerts, without naming the owner, when Zendesk cannot say who has the ticket", async () => {
    const id = await urgentTicket();
    await t.zendesk.assign(id, anAgent().id);
    await t.zendesk.waitForIdle();
    t.zendesk.failNext(
      { method: "GET", path: /\/api\/v2\/tickets\/show_many\.json\?/ },
      { status: 503, body: { error: "ServiceUnavailable" } },
    );
    await advance(25 * 60);
    expect(titles()).toEqual([`First response due soon: ticket #${id}`]);
    expect(slack.messages[0]?.text).not.toContain("assignee");
  });

  it("names who has each ticket in a digest, with one Zendesk read for all the tickets", async () => {
    const ids: number[] = [];
    for (let n = 0; n < 6; n++) ids.push((await fileTicket(/Standard/)).id);
    const agent = anAgent();
    await t.zendesk.assign(ids[2] ?? 0, agent.id);
    await t.zendesk.waitForIdle();
    const reads = () => t.zendesk.requests.filter((r) => r.method === "GET" && /show_many/.test(r.path));
    await advance(193 * 60);
    expect(titles()).toEqual(["6 SLA alerts at once: 6 due soon"]);
    const lines = slack.messages[0]?.text.split("\n").filter((line) => line.startsWith("• ")) ?? [];
    expect(lines).toHaveLength(6);
    expect(lines.find((line) => line.includes(`#${ids[2]}>`))).toMatch(
      new RegExp(` · assignee ${agent.name}$`),
    );
    expect(lines.filter((line) => line.endsWith(" · unassigned"))).toHaveLength(5);
    // One read of the tickets, one of their assignees.
    expect(reads().map((r) => r.path.split("?")[0])).toEqual([
      "/api/v2/tickets/show_many.json",
      "/api/v2/users/show_many.json",
    ]);
  });

  it("does not stop the first-response clock for a private note", async () => {
    const id = await urgentTicket();
    await t.zendesk.agentComment(id, { body: "internal: checking with the courier", public: false });
    await t.zendesk.waitForIdle();
    await advance(31 * 60);
    expect(titles()).toContain(
      `First response SLA breached + Priority ticket still unassigned: ticket #${id}`,
    );
  });

  it("sends a breach at once, inside the cooldown of the alert before it; the warning between waits for it", async () => {
    const id = await urgentTicket();
    await advance(16 * 60);
    await t.zendesk.assign(id, anAgent().id);
    await t.zendesk.waitForIdle();
    // The warning at 24 minutes falls inside the unassigned alert's cooldown: held.
    await advance(9 * 60);
    expect(titles()).toEqual([`Priority ticket still unassigned: ticket #${id}`]);
    await advance(6 * 60);
    expect(titles()).toEqual([
      `Priority ticket still unassigned: ticket #${id}`,
      `First response SLA breached: ticket #${id}`,
    ]);
    await advance(45 * 60);
    expect(titles()).toHaveLength(2);
  });

  it("alerts and escalates once, naming both steps, when breach and unassigned rule fall due at the same scan", async () => {
    const id = await urgentTicket();
    expect(t.zendesk.ticket(id)?.priority).toBe("high");
    await advance(31 * 60);
    expect(titles()).toEqual([
      `First response SLA breached + Priority ticket still unassigned: ticket #${id}`,
    ]);
    expect(t.zendesk.ticket(id)?.tags).toEqual(
      expect.arrayContaining(["sla_first_response_breach", "sla_unassigned"]),
    );
    // One change in Zendesk: one step up in priority and one note for both.
    const notes = t.zendesk.comments(id).filter((c) => c.body.startsWith("SLA escalation"));
    expect(notes.map((c) => c.body)).toEqual([
      "SLA escalation: First response SLA breached; Priority ticket still unassigned. Priority raised to urgent; moved to Escalations L2, as nobody was assigned.",
    ]);
  });
});

describe("frustrated customer on the local stack", () => {
  /** Standard tier: no unassigned rule, first response after 4 h, so only the frustration flag alerts. */
  const standardTicket = () => fileTicket(/Standard/);

  it("tags the ticket and alerts once when the customer writes in anger, until an agent replies", async () => {
    const { ann, id } = await standardTicket();
    await ann.say("Пишу вам уже в третий раз, это ужасно!");
    await t.stack.bus.drain();
    await advance(60);
    expect(titles()).toEqual([`Customer frustrated: ticket #${id}`]);
    expect(t.zendesk.ticket(id)?.tags).toContain("customer_frustrated");
    // The agent reads why in the ticket, as the manager does in Slack.
    expect(t.zendesk.comments(id).at(-1)).toMatchObject({
      public: false,
      body: expect.stringMatching(
        /^SLA escalation: Customer frustrated \(strong negative wording, says they are asking again or still waiting\)\. Priority raised/,
      ),
    });
    await ann.say("WHERE IS MY PARCEL, ANSWER ME");
    await t.stack.bus.drain();
    await advance(60);
    expect(slack.messages).toHaveLength(1);
    // An agent's public reply clears the flag, and its tag comes off with it.
    await t.zendesk.agentComment(id, { body: "So sorry, we are on it", public: true });
    await t.zendesk.waitForIdle();
    await t.stack.bus.drain();
    expect(t.zendesk.ticket(id)?.tags).not.toContain("customer_frustrated");
  });

  it("does not flag calm follow-ups", async () => {
    const { ann } = await standardTicket();
    await ann.say("Thanks, not bad. My order is A-10023");
    await t.stack.bus.drain();
    await advance(60);
    expect(slack.messages).toEqual([]);
  });

  it("still alerts a ticket Zendesk will not escalate (closed: 422), and does not ask Zendesk again", async () => {
    const id = await urgentTicket();
    const escalation = { method: "PUT", path: new RegExp(`/api/v2/tickets/${id}\\.json$`) };
    t.zendesk.failNext(escalation, {
      status: 422,
      body: {
        error: "RecordInvalid",
        description: "Record validation errors",
        details: {
          status: [{ description: "Status: closed prevents ticket update", error: "ClosedTicket" }],
        },
      },
    });
    const escalationAttempts = () =>
      t.zendesk.requests.filter((r) => r.method === "PUT" && escalation.path.test(r.path)).length;
    await advance(16 * 60);
    expect(titles()).toEqual([`Priority ticket still unassigned: ticket #${id}`]);
    expect(t.zendesk.ticket(id)?.tags).not.toContain("sla_unassigned");
    const attempts = escalationAttempts();
    await advance(60);
    expect(escalationAttempts()).toBe(attempts);
    expect(slack.messages).toHaveLength(1);
  });

  it("alerts the other tickets while Zendesk fails one's escalation (503), and that one at the next scan", async () => {
    const first = await urgentTicket();
    const second = await urgentTicket();
    t.zendesk.failNext(
      { method: "PUT", path: new RegExp(`/api/v2/tickets/${first}\\.json$`) },
      { status: 503, body: { error: "ServiceUnavailable" } },
    );
    await advance(16 * 60);
    expect(titles()).toEqual([`Priority ticket still unassigned: ticket #${second}`]);
    await advance(60);
    expect(titles()).toEqual([
      `Priority ticket still unassigned: ticket #${second}`,
      `Priority ticket still unassigned: ticket #${first}`,
    ]);
    expect(t.zendesk.ticket(first)?.tags).toContain("sla_unassigned");
  });

  it("does nothing more when the same scan runs again", async () => {
    await urgentTicket();
    await advance(31 * 60);
    const sent = slack.messages.length;
    expect(sent).toBeGreaterThan(0);
    await t.stack.runScanner();
    await t.stack.runScanner();
    expect(slack.messages).toHaveLength(sent);
  });
});
