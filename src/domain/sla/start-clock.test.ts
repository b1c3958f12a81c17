import { describe, expect, it } from "vitest";
import { MemorySlaStore } from "./memory-sla-store.test-support.js";
import { at, policy } from "./sla-fixtures.test-support.js";
import { type NewTicketSla, startSlaClock } from "./start-clock.js";

const ticket: NewTicketSla = {
  ticketId: 7,
  tier: "priority",
  category: "payment",
  vip: true,
  startedAt: at(0),
};

describe("startSlaClock", () => {
  it("stores a running, unassigned clock with nothing done or owed", async () => {
    const store = new MemorySlaStore();
    await startSlaClock(ticket, store, policy);
    expect(store.peek(7)).toEqual({
      clock: { ticketId: 7, tier: "priority", startedAt: at(0), assigned: false, pausedMs: 0, done: [] },
      category: "payment",
      vip: true,
      version: 0,
      escalated: [],
      pendingAlerts: [],
    });
  });

  it("indexes the ticket at its first step: the unassigned rule for Priority", async () => {
    const store = new MemorySlaStore();
    await startSlaClock(ticket, store, policy);
    expect(store.dueAt(7)).toBe(at(15));
  });

  it("indexes a Standard ticket at its first-response warning", async () => {
    const store = new MemorySlaStore();
    await startSlaClock({ ...ticket, tier: "standard" }, store, policy);
    expect(store.dueAt(7)).toBe(at(192));
  });

  it("does not restart a clock when the ticket's creation is delivered again", async () => {
    const store = new MemorySlaStore();
    await startSlaClock(ticket, store, policy);
    await startSlaClock({ ...ticket, startedAt: at(90) }, store, policy);
    expect(store.peek(7)?.clock.startedAt).toBe(at(0));
  });
});
