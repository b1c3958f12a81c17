import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RecordingSlaMetrics } from "./alert-fakes.test-support.js";
import type { SlaClock } from "./clock.js";
import { MemorySlaStore } from "./memory-sla-store.test-support.js";
import { at, clockOf, MINUTE, policy } from "./sla-fixtures.test-support.js";
import { startSlaClock } from "./start-clock.js";
import { applySlaEvent, recordSlaEvent, type SlaEvent } from "./ticket-events.js";

type Status = Extract<SlaEvent, { kind: "status" }>["status"];
const status = (s: Status): SlaEvent => ({ kind: "status", status: s });
const pausedAt100 = clockOf({ pausedMs: 5 * MINUTE, pausedSince: at(100) });
const solvedAt100 = clockOf({ solvedAt: at(100) });

describe("applySlaEvent", () => {
  it("takes the time of the first public agent reply", () => {
    expect(applySlaEvent(clockOf(), { kind: "agent-replied-publicly" }, at(7), policy).firstRespondedAt).toBe(
      at(7),
    );
  });

  it("keeps the first reply's time when agents reply again, and the latest reply's", () => {
    const replied = applySlaEvent(clockOf(), { kind: "agent-replied-publicly" }, at(7), policy);
    const again = applySlaEvent(replied, { kind: "agent-replied-publicly" }, at(50), policy);
    expect(again).toEqual({ ...replied, lastRespondedAt: at(50) });
    // A reply delivered late does not move the latest back.
    expect(applySlaEvent(again, { kind: "agent-replied-publicly" }, at(30), policy)).toEqual(again);
  });

  it("follows assignment both ways", () => {
    const assigned = applySlaEvent(clockOf(), { kind: "assignment", assigned: true }, at(3), policy);
    expect(assigned.assigned).toBe(true);
    expect(applySlaEvent(assigned, { kind: "assignment", assigned: false }, at(4), policy).assigned).toBe(
      false,
    );
  });

  it.each<[Status, Partial<SlaClock>]>([
    ["new", {}],
    ["open", {}],
    ["hold", {}],
    ["pending", { pausedSince: at(10) }],
    ["solved", { solvedAt: at(10) }],
    ["closed", { solvedAt: at(10) }],
  ])("on a running clock, status %s changes %o", (s, change) => {
    expect(applySlaEvent(clockOf(), status(s), at(10), policy)).toEqual({ ...clockOf(), ...change });
  });

  it.each<Status>(["new", "open", "hold", "solved", "closed"])(
    "status %s ends a pause and adds its length",
    (s) => {
      const after = applySlaEvent(pausedAt100, status(s), at(130), policy);
      expect(after.pausedSince).toBeUndefined();
      expect(after.pausedMs).toBe(35 * MINUTE);
    },
  );

  it("keeps the start of a pause when pending is reported again", () => {
    expect(applySlaEvent(pausedAt100, status("pending"), at(120), policy)).toEqual(pausedAt100);
  });

  it("keeps the first solve time when closed follows solved", () => {
    expect(applySlaEvent(solvedAt100, status("closed"), at(300), policy).solvedAt).toBe(at(100));
  });

  it.each<Status>(["new", "open", "hold"])("status %s reopens a solved ticket", (s) => {
    const reopened = applySlaEvent(solvedAt100, status(s), at(160), policy);
    expect(reopened.solvedAt).toBeUndefined();
    expect(reopened.pausedMs).toBe(60 * MINUTE);
  });

  it("reopens a solved ticket into a pause when it goes back to pending", () => {
    const pending = applySlaEvent(solvedAt100, status("pending"), at(160), policy);
    const open = applySlaEvent(pending, status("open"), at(200), policy);
    expect(pending).toMatchObject({ solvedAt: undefined, pausedSince: at(160) });
    expect(open.pausedMs).toBe(100 * MINUTE);
  });

  it("is idempotent: the same event delivered twice counts once", () => {
    const event = fc.oneof(
      fc.constant<SlaEvent>({ kind: "agent-replied-publicly" }),
      fc.boolean().map((assigned): SlaEvent => ({ kind: "assignment", assigned })),
      fc
        .constantFrom<Status>("new", "open", "pending", "hold", "solved", "closed")
        .map((s): SlaEvent => status(s)),
    );
    const timed = fc.tuple(event, fc.nat(10_000));
    fc.assert(
      fc.property(fc.array(timed, { maxLength: 8 }), event, (history, last) => {
        const sorted = [...history].sort((a, b) => a[1] - b[1]);
        const clock = sorted.reduce((c, [e, minute]) => applySlaEvent(c, e, at(minute), policy), clockOf());
        const once = applySlaEvent(clock, last, at(10_001), policy);
        expect(applySlaEvent(once, last, at(10_001), policy)).toEqual(once);
      }),
    );
  });
});

describe("recordSlaEvent", () => {
  const metrics = new RecordingSlaMetrics();
  async function startedStore(): Promise<MemorySlaStore> {
    const store = new MemorySlaStore();
    await startSlaClock(
      { ticketId: 1, tier: "priority", category: "shipping", vip: false, startedAt: at(0) },
      store,
      policy,
    );
    return store;
  }

  it("ignores a ticket the bridge has no clock for", async () => {
    const store = new MemorySlaStore();
    await recordSlaEvent(9, status("solved"), at(1), { store, policy, metrics });
    expect(store.saves).toBe(0);
  });

  it("stores the changed clock and moves the ticket in the due-time index", async () => {
    const store = await startedStore();
    await recordSlaEvent(1, { kind: "assignment", assigned: true }, at(5), { store, policy, metrics });
    expect(store.peek(1)?.clock.assigned).toBe(true);
    expect(store.dueAt(1)).toBe(at(24));
  });

  it("takes the ticket out of the index when nothing is left to fall due", async () => {
    const store = await startedStore();
    await recordSlaEvent(1, status("solved"), at(5), { store, policy, metrics });
    await recordSlaEvent(1, { kind: "agent-replied-publicly" }, at(5), { store, policy, metrics });
    expect(store.dueAt(1)).toBeUndefined();
  });

  it("keeps a ticket with owed alerts due at once, so the scanner still sends them", async () => {
    const store = await startedStore();
    const record = store.peek(1);
    if (!record) throw new Error("started above");
    store.put({ ...record, pendingAlerts: ["unassigned"] }, at(15));
    await recordSlaEvent(1, { kind: "assignment", assigned: true }, at(16), { store, policy, metrics });
    expect(store.dueAt(1)).toBe(at(16));
    expect(store.peek(1)?.pendingAlerts).toEqual(["unassigned"]);
  });

  it("applies the event on top of a write that got in first", async () => {
    const store = await startedStore();
    store.failSave(1, {
      kind: "concurrent",
      write: () => recordSlaEvent(1, { kind: "agent-replied-publicly" }, at(4), { store, policy, metrics }),
    });
    await recordSlaEvent(1, { kind: "assignment", assigned: true }, at(5), { store, policy, metrics });
    expect(store.peek(1)?.clock).toMatchObject({ assigned: true, firstRespondedAt: at(4) });
  });

  it("gives up after three conflicting writes", async () => {
    const store = await startedStore();
    const bump = async () => {
      const record = store.peek(1);
      if (record) store.put({ ...record, version: record.version + 1 }, store.dueAt(1));
    };
    for (const n of [1, 2, 3]) store.failSave(n, { kind: "concurrent", write: bump });
    await expect(recordSlaEvent(1, status("open"), at(5), { store, policy, metrics })).rejects.toThrow(
      /kept changing/,
    );
  });
});
