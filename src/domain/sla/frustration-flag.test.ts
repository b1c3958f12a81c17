import { describe, expect, it } from "vitest";
import { RecordingAlerts, RecordingEscalator, RecordingSlaMetrics } from "./alert-fakes.test-support.js";
import { MemorySlaStore } from "./memory-sla-store.test-support.js";
import { scanSla } from "./scan.js";
import { at, policy } from "./sla-fixtures.test-support.js";
import { startSlaClock } from "./start-clock.js";
import { recordSlaEvent, type SlaEvent } from "./ticket-events.js";

/** A Standard ticket (no unassigned rule, first response due after 4 h) with no cooldown in the way. */
async function setup() {
  const store = new MemorySlaStore();
  const alerts = new RecordingAlerts();
  const escalator = new RecordingEscalator();
  const metrics = new RecordingSlaMetrics();
  const p = { ...policy, cooldownMinutes: 0 };
  await startSlaClock(
    { ticketId: 1, tier: "standard", category: "payment", vip: false, startedAt: at(0) },
    store,
    p,
  );
  const cleared: number[] = [];
  const event = (e: SlaEvent, minute: number) =>
    recordSlaEvent(1, e, at(minute), {
      store,
      policy: p,
      metrics,
      frustrationCleared: async (ticketId) => {
        cleared.push(ticketId);
      },
    });
  return {
    cleared,
    store,
    alerts,
    escalator,
    say: (text: string, minute: number, edited = false) =>
      event({ kind: "customer-message", text, edited }, minute),
    agentReplies: (minute: number) => event({ kind: "agent-replied-publicly" }, minute),
    scan: (minute: number) => scanSla(at(minute), { store, alerts, escalator, policy: p, metrics }),
  };
}

describe("frustrated customer flag", () => {
  it("counts the customer's wait from their first message after the agents' last public reply", async () => {
    const s = await setup();
    await s.agentReplies(60);
    // The agents waited on the customer for ten hours; the customer then waited twenty minutes.
    await s.say("Model BX-200", 660);
    await s.say("This is the third time I write!", 680);
    await s.scan(681);
    expect(s.alerts.singles.at(-1)).toMatchObject({ steps: ["customer-frustrated"], waitedMinutes: 21 });
  });

  it("counts from the ticket's creation when no agent has answered yet", async () => {
    const s = await setup();
    await s.say("This is the third time I write!", 180);
    await s.scan(181);
    expect(s.alerts.singles.at(-1)).toMatchObject({ steps: ["customer-frustrated"], waitedMinutes: 181 });
  });

  it("counts from the flagging message itself when it is the first since the agents' reply", async () => {
    const s = await setup();
    await s.agentReplies(60);
    await s.agentReplies(90);
    await s.say("This is the third time I write!", 100);
    await s.scan(101);
    expect(s.alerts.singles.at(-1)).toMatchObject({ steps: ["customer-frustrated"], waitedMinutes: 1 });
  });

  it("asks for its tag to come off once, when an agent's reply clears a flag that escalated", async () => {
    const s = await setup();
    await s.say("This is the third time I write!", 5);
    await s.agentReplies(6);
    expect(s.cleared).toEqual([]);
    await s.say("This is the third time I write!", 7);
    await s.scan(8);
    await s.agentReplies(9);
    await s.agentReplies(10);
    expect(s.cleared).toEqual([1]);
  });

  it("is raised by strong wording, escalated and alerted at the next scan", async () => {
    const s = await setup();
    await s.say("This is the third time I write!", 5);
    expect(s.store.dueAt(1)).toBe(at(5));
    await s.scan(6);
    expect(s.escalator.keys()).toEqual(["1:customer-frustrated"]);
    expect(s.alerts.singles).toEqual([
      expect.objectContaining({ steps: ["customer-frustrated"], frustrationSignals: ["repeated-complaint"] }),
    ]);
  });

  it("is raised by the third message without an agent reply, messages five minutes apart", async () => {
    const s = await setup();
    await s.say("Hello?", 1);
    await s.say("Any news?", 6);
    expect(s.store.peek(1)?.clock.frustration).toBeUndefined();
    await s.say("Please answer", 11);
    expect(s.store.peek(1)?.clock.frustration).toEqual({ at: at(11), signals: ["repeated-messages"] });
  });

  it("counts a burst of messages, one thought split over several, as one", async () => {
    const s = await setup();
    await s.say("My new email is frank@new.example", 1);
    await s.say("Please confirm", 2);
    await s.say("Not bad support so far", 3);
    await s.say("ORDER AB-123", 5);
    expect(s.store.peek(1)?.clock.frustration).toBeUndefined();
    await s.say("Any update on this?", 6);
    expect(s.store.peek(1)?.clock.frustration).toBeUndefined();
    await s.say("Hello", 11);
    expect(s.store.peek(1)?.clock.frustration).toEqual({ at: at(11), signals: ["repeated-messages"] });
  });

  it("does not count an edit as another message", async () => {
    const s = await setup();
    await s.say("Hello?", 1);
    await s.say("Hello? (typo)", 2, true);
    await s.say("Any news?", 3);
    expect(s.store.peek(1)?.clock.frustration).toBeUndefined();
  });

  it("escalates and alerts once, however much more the customer writes", async () => {
    const s = await setup();
    await s.say("TERRIBLE SERVICE, ANSWER ME NOW", 5);
    await s.scan(6);
    await s.say("Опять никто не отвечает", 7);
    await s.say("Ужасно", 8);
    await s.scan(9);
    await s.scan(10);
    expect(s.escalator.keys()).toEqual(["1:customer-frustrated"]);
    expect(s.alerts.keys()).toEqual(["1:customer-frustrated"]);
  });

  it("can be raised again after an agent's public reply clears it", async () => {
    const s = await setup();
    await s.say("Worst support ever", 5);
    await s.scan(6);
    await s.agentReplies(10);
    expect(s.store.peek(1)?.clock).toMatchObject({ customerMessagesWaiting: 0, frustration: undefined });
    await s.say("Still waiting for the refund", 20);
    await s.scan(21);
    expect(s.escalator.keys()).toEqual(["1:customer-frustrated", "1:customer-frustrated"]);
    expect(s.alerts.keys()).toEqual(["1:customer-frustrated", "1:customer-frustrated"]);
  });

  it("is dropped without an alert when an agent replies before the scan", async () => {
    const s = await setup();
    await s.say("This is unacceptable", 5);
    await s.agentReplies(5.5);
    await s.scan(6);
    expect(s.escalator.calls).toEqual([]);
    expect(s.alerts.delivered()).toEqual([]);
  });

  it("leaves calm follow-ups alone", async () => {
    const s = await setup();
    await s.say("Thanks, not bad at all", 5);
    await s.say("My order AB-123 is still in Berlin?", 6);
    await s.scan(7);
    expect(s.alerts.delivered()).toEqual([]);
    expect(s.store.dueAt(1)).toBe(at(192));
  });

  it("is not raised on a solved ticket", async () => {
    const s = await setup();
    await recordSlaEvent(1, { kind: "status", status: "solved" }, at(2), {
      store: s.store,
      policy,
      metrics: new RecordingSlaMetrics(),
    });
    await s.say("This is terrible", 5);
    expect(s.store.peek(1)?.clock.frustration).toBeUndefined();
  });
});
