import { describe, expect, it } from "vitest";
import type { EscalationOutcome, TicketEscalator } from "../../ports/alerts.js";
import { RecordingAlerts, RecordingEscalator, RecordingSlaMetrics } from "./alert-fakes.test-support.js";
import { MemorySlaStore } from "./memory-sla-store.test-support.js";
import type { SlaPolicy, StepKind } from "./policy.js";
import { type ScanReport, scanSla } from "./scan.js";
import { at, policy } from "./sla-fixtures.test-support.js";
import { startSlaClock } from "./start-clock.js";
import { recordSlaEvent, type SlaEvent } from "./ticket-events.js";

const noCooldown: SlaPolicy = { ...policy, cooldownMinutes: 0 };
const assign: SlaEvent = { kind: "assignment", assigned: true };

function setup(p: SlaPolicy = noCooldown) {
  const store = new MemorySlaStore();
  const alerts = new RecordingAlerts();
  const escalator = new RecordingEscalator();
  const metrics = new RecordingSlaMetrics();
  return {
    store,
    alerts,
    escalator,
    metrics,
    scan: (now: number) => scanSla(now, { store, alerts, escalator, policy: p, metrics }),
    event: (ticketId: number, event: SlaEvent, when: number) =>
      recordSlaEvent(ticketId, event, when, { store, policy: p, metrics }),
    open: (ticketId: number, tier = "priority") =>
      startSlaClock({ ticketId, tier, category: "shipping", vip: false, startedAt: at(0) }, store, p),
  };
}

/** A Priority ticket assigned at once, so its first-response steps are the next ones due. */
async function assignedTicket(s: ReturnType<typeof setup>, ticketId = 1): Promise<void> {
  await s.open(ticketId);
  await s.event(ticketId, assign, at(1));
}

describe("scanSla: a tier that counts business hours", () => {
  it("tells its alerts the tier's time zone, and a warning when the breach falls", async () => {
    const standard = policy.tiers.standard;
    if (!standard) throw new Error("the fixture has a standard tier");
    const office: SlaPolicy = {
      ...noCooldown,
      tiers: {
        ...policy.tiers,
        standard: {
          ...standard,
          businessHours: {
            timeZone: "Europe/Berlin",
            days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            start: "00:00",
            end: "23:59",
          },
        },
      },
    };
    const s = setup(office);
    await s.open(1, "standard");
    await s.scan(at(193));
    const warning = s.alerts.singles.at(-1);
    expect(warning?.steps).toEqual(["first-response-warning"]);
    expect(warning?.workingTime?.timeZone).toBe("Europe/Berlin");
    expect(warning?.workingTime?.breachAt).toBeGreaterThan(at(193));
  });

  it("leaves wall-time tiers' alerts without it", async () => {
    const s = setup();
    await s.open(1, "standard");
    await s.scan(at(193));
    expect(s.alerts.singles.at(-1)?.workingTime).toBeUndefined();
  });
});

describe("scanSla: steps", () => {
  it("alerts a warning without escalating the ticket", async () => {
    const s = setup();
    await assignedTicket(s);
    await s.scan(at(24));
    expect(s.alerts.keys()).toEqual(["1:first-response-warning"]);
    expect(s.escalator.calls).toEqual([]);
  });

  it("says how long is left before a warned deadline is breached, and nothing of the kind for a breach", async () => {
    const s = setup();
    await assignedTicket(s);
    await s.scan(at(24));
    await s.scan(at(30));
    expect(s.alerts.singles.map((a) => a.breachInMinutes)).toEqual([6, undefined]);
  });

  it("escalates a breach in the help desk and alerts it", async () => {
    const s = setup();
    await assignedTicket(s);
    await s.scan(at(24));
    await s.scan(at(30));
    expect(s.escalator.keys()).toEqual(["1:first-response-breach"]);
    expect(s.alerts.keys()).toEqual(["1:first-response-warning", "1:first-response-breach"]);
  });

  it("escalates a Priority ticket left unassigned and alerts it", async () => {
    const s = setup();
    await s.open(1);
    await s.scan(at(15));
    expect(s.escalator.keys()).toEqual(["1:unassigned"]);
    expect(s.alerts.keys()).toEqual(["1:unassigned"]);
  });

  it("tells the manager the tier, category, VIP flag and minutes waited", async () => {
    const s = setup();
    await assignedTicket(s);
    await s.scan(at(30.5));
    expect(s.alerts.singles).toEqual([
      {
        ticketId: 1,
        steps: ["first-response-breach"],
        tier: "priority",
        category: "shipping",
        vip: false,
        waitedMinutes: 30,
      },
    ]);
  });

  it("sends only the breach when its warning is due as well, and records the warning done", async () => {
    const s = setup();
    await assignedTicket(s);
    await s.scan(at(30));
    expect(s.alerts.keys()).toEqual(["1:first-response-breach"]);
    expect(s.store.peek(1)?.clock.done).toContain("first-response-warning");
  });

  it("does nothing more when run again at the same time", async () => {
    const s = setup();
    await assignedTicket(s);
    await s.scan(at(30));
    const again = await s.scan(at(30));
    expect(again).toEqual({ read: 0, escalated: 0, alerted: 0, suppressed: 0, digest: false, deferred: 0 });
    expect(s.escalator.calls).toHaveLength(1);
    expect(s.alerts.delivered()).toHaveLength(1);
  });

  it("clears the sent alerts and indexes the ticket at its next step", async () => {
    const s = setup();
    await assignedTicket(s);
    await s.scan(at(30));
    expect(s.store.peek(1)?.pendingAlerts).toEqual([]);
    expect(s.store.dueAt(1)).toBe(at(192));
  });

  it("leaves a ticket alone once an agent replied and solved it", async () => {
    const s = setup();
    await s.open(1);
    await s.event(1, { kind: "agent-replied-publicly" }, at(5));
    await s.event(1, { kind: "status", status: "solved" }, at(6));
    const report = await s.scan(at(100_000));
    expect(report.read).toBe(0);
    expect(s.alerts.delivered()).toEqual([]);
  });

  it("reads only the records that are due, however many tickets are open", async () => {
    const s = setup();
    for (let id = 1; id <= 10_000; id++) await s.open(id, id <= 50 ? "priority" : "standard");
    s.store.reads = 0;
    const report = await s.scan(at(15));
    expect(s.store.reads).toBe(50);
    expect(report.read).toBe(50);
  });
});

describe("scanSla: cooldown", () => {
  it("sends a breach at once, inside the cooldown of the warning before it, and escalates it", async () => {
    const s = setup(policy);
    await assignedTicket(s);
    await s.scan(at(24));
    const report = await s.scan(at(30));
    expect(report).toMatchObject({ escalated: 1, alerted: 1, suppressed: 0 });
    expect(s.alerts.keys()).toEqual(["1:first-response-warning", "1:first-response-breach"]);
    await s.scan(at(150));
    expect(s.alerts.keys()).toHaveLength(2);
  });

  it("holds a warning inside the cooldown of the alert before it, and sends it when the cooldown ends", async () => {
    // Unassigned alert at 15; the cooldown ends at 27, before the breach at 30.
    const s = setup({ ...policy, cooldownMinutes: 12 });
    await s.open(1);
    await s.scan(at(15));
    await s.event(1, assign, at(16));
    const held = await s.scan(at(24));
    expect(held).toMatchObject({ alerted: 0, suppressed: 1 });
    await s.scan(at(26));
    expect(s.alerts.keys()).toEqual(["1:unassigned"]);
    await s.scan(at(27));
    expect(s.alerts.keys()).toEqual(["1:unassigned", "1:first-response-warning"]);
  });

  it("sends the standard tier's breach after its warning, 48 minutes apart under a 60-minute cooldown", async () => {
    const s = setup(policy);
    await s.open(1, "standard");
    await s.scan(at(192));
    await s.scan(at(240));
    await s.scan(at(252));
    expect(s.alerts.keys()).toEqual(["1:first-response-warning", "1:first-response-breach"]);
  });

  it("sends steps held at different scans as one alert, still held when a ticket event is saved", async () => {
    const s = setup(policy);
    await s.open(1);
    await s.scan(at(15));
    await s.scan(at(24));
    await s.event(1, { kind: "status", status: "open" }, at(26));
    await s.scan(at(30));
    await s.scan(at(75));
    expect(s.alerts.keys()).toEqual(["1:unassigned", "1:first-response-breach"]);
  });

  it("drops a held warning whose clock an agent stopped before the cooldown ended", async () => {
    const s = setup({ ...policy, cooldownMinutes: 12 });
    await s.open(1);
    await s.scan(at(15));
    await s.event(1, assign, at(16));
    await s.scan(at(24));
    await s.event(1, { kind: "agent-replied-publicly" }, at(25));
    const report = await s.scan(at(27));
    expect(report.alerted).toBe(0);
    expect(s.alerts.keys()).toEqual(["1:unassigned"]);
  });

  it("drops a held warning or unassigned step that no longer applies when the cooldown ends", async () => {
    const s = setup(policy);
    await s.open(1);
    await s.scan(at(15));
    await s.scan(at(24));
    await s.event(1, assign, at(25));
    await s.event(1, { kind: "agent-replied-publicly" }, at(26));
    const report = await s.scan(at(75));
    expect(report.alerted).toBe(0);
    expect(s.alerts.keys()).toEqual(["1:unassigned"]);
  });

  it("alerts a warning that falls due exactly when the cooldown ends", async () => {
    const s = setup({ ...policy, cooldownMinutes: 9 });
    await s.open(1);
    await s.scan(at(15));
    await s.event(1, assign, at(16));
    await s.scan(at(24));
    expect(s.alerts.keys()).toEqual(["1:unassigned", "1:first-response-warning"]);
  });

  it("sends a warning held until the breach with the breach, as one alert naming the breach", async () => {
    const s = setup(policy);
    await s.open(1);
    await s.scan(at(15));
    await s.event(1, assign, at(16));
    await s.scan(at(24));
    await s.scan(at(30));
    expect(s.alerts.keys()).toEqual(["1:unassigned", "1:first-response-breach"]);
  });

  it("keeps each ticket's cooldown to itself", async () => {
    const s = setup(policy);
    await assignedTicket(s, 1);
    await s.open(2);
    await s.scan(at(15));
    await s.scan(at(24));
    expect(s.alerts.keys()).toEqual(["2:unassigned", "1:first-response-warning"]);
  });
});

describe("scanSla: storm guard", () => {
  it("sends one digest with every alert when more than maxAlerts are due", async () => {
    const s = setup();
    for (let id = 1; id <= 6; id++) await s.open(id);
    const report = await s.scan(at(15));
    expect(s.alerts.singles).toEqual([]);
    expect(s.alerts.digests).toHaveLength(1);
    expect(s.alerts.digests[0]?.map((a) => a.ticketId).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(report).toMatchObject({ alerted: 6, digest: true });
  });

  it("sends maxAlerts alerts one by one", async () => {
    const s = setup();
    for (let id = 1; id <= 5; id++) await s.open(id);
    const report = await s.scan(at(15));
    expect(s.alerts.singles).toHaveLength(5);
    expect(s.alerts.digests).toEqual([]);
    expect(report).toMatchObject({ alerted: 5, digest: false });
  });
});

describe("scanSla: a slow help desk", () => {
  /** Escalations that wait until the test lets them finish, to see how many are under way at once. */
  class GatedEscalator implements TicketEscalator {
    private waiting: Array<() => void> = [];
    inFlight = 0;
    mostAtOnce = 0;

    async escalate(_: number, steps: readonly StepKind[]): Promise<EscalationOutcome[]> {
      this.inFlight++;
      this.mostAtOnce = Math.max(this.mostAtOnce, this.inFlight);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      this.inFlight--;
      return steps.map(() => "escalated");
    }

    finishAll(): void {
      for (const finish of this.waiting.splice(0)) finish();
    }
  }
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  it("escalates eight tickets at once, not one after another", async () => {
    const s = setup();
    for (let ticketId = 1; ticketId <= 20; ticketId++) await s.open(ticketId);
    const escalator = new GatedEscalator();
    let report: ScanReport | undefined;
    const scan = scanSla(at(15), {
      store: s.store,
      alerts: s.alerts,
      escalator,
      policy: noCooldown,
      metrics: s.metrics,
    });
    void scan.then((r) => {
      report = r;
    });
    await nextTurn();
    expect(escalator.inFlight).toBe(8);
    while (report === undefined) {
      escalator.finishAll();
      await nextTurn();
    }
    expect(escalator.mostAtOnce).toBe(8);
    expect(report).toMatchObject({ read: 20, escalated: 20, alerted: 20 });
  });
});

describe("scanSla: failures", () => {
  it("sends an alert the sink failed on exactly once, on the next scan, without escalating again", async () => {
    const s = setup();
    await assignedTicket(s);
    s.alerts.failCall(1);
    await expect(s.scan(at(30))).rejects.toThrow(/alert outage/);
    await s.scan(at(31));
    await s.scan(at(32));
    expect(s.alerts.keys()).toEqual(["1:first-response-breach"]);
    expect(s.escalator.calls).toHaveLength(1);
  });

  it("escalates again, and alerts once, when the step's save crashed after the escalation", async () => {
    const s = setup();
    await assignedTicket(s);
    s.store.failSave(1);
    await expect(s.scan(at(30))).rejects.toThrow(/simulated crash/);
    await s.scan(at(31));
    await s.scan(at(32));
    expect(s.escalator.keys()).toEqual(["1:first-response-breach", "1:first-response-breach"]);
    expect(s.alerts.keys()).toEqual(["1:first-response-breach"]);
  });

  it("alerts the other tickets when escalating one fails, and escalates and alerts that one next scan", async () => {
    const s = setup();
    await assignedTicket(s, 1);
    await assignedTicket(s, 2);
    s.escalator.failTimes(1, 1);
    const first = await s.scan(at(30));
    expect(first).toMatchObject({ read: 2, escalated: 1, alerted: 1, deferred: 1 });
    expect(s.alerts.keys()).toEqual(["2:first-response-breach"]);

    const second = await s.scan(at(31));
    expect(second).toMatchObject({ read: 1, escalated: 1, alerted: 1, deferred: 0 });
    await s.scan(at(32));
    expect(s.alerts.keys()).toEqual(["2:first-response-breach", "1:first-response-breach"]);
    expect(s.escalator.keys()).toEqual([
      "1:first-response-breach",
      "2:first-response-breach",
      "1:first-response-breach",
    ]);
    expect(s.metrics.points.filter((p) => p.startsWith("escalation"))).toHaveLength(2);
  });

  it("escalates the steps due at one scan as one change, and asks for all of them again after a failure", async () => {
    const s = setup();
    await s.open(1);
    s.escalator.failTimes(1, 1, "first-response-breach");
    const first = await s.scan(at(30));
    expect(first).toMatchObject({ escalated: 0, alerted: 0, deferred: 1 });
    expect(s.metrics.points.filter((p) => p.startsWith("escalation"))).toEqual([]);
    await s.scan(at(31));
    await s.scan(at(32));
    const both = ["first-response-breach", "unassigned"];
    expect(s.escalator.changes).toEqual([
      { ticketId: 1, steps: both },
      { ticketId: 1, steps: both },
    ]);
    expect(s.alerts.keys()).toEqual(["1:first-response-breach", "1:unassigned"]);
    expect(s.metrics.points.filter((p) => p.startsWith("escalation"))).toEqual([
      "escalation:priority:first-response-breach",
      "escalation:priority:unassigned",
    ]);
  });

  it("sends no alert for a step the help desk shows no longer applies, and does not ask again", async () => {
    const s = setup();
    await s.open(1);
    s.escalator.moot(1);
    const report = await s.scan(at(16));
    expect(report).toMatchObject({ escalated: 0, alerted: 0, suppressed: 0 });
    await s.scan(at(17));
    expect(s.escalator.keys()).toEqual(["1:unassigned"]);
    expect(s.alerts.keys()).toEqual([]);
    expect(s.metrics.points.filter((p) => p.startsWith("escalation"))).toEqual([]);
  });

  it("does not alert a moot step later when the ticket's next step failed in the same scan", async () => {
    const s = setup();
    await s.open(1);
    s.escalator.moot(1, "unassigned");
    s.escalator.failTimes(1, 1, "first-response-breach");
    await s.scan(at(30));
    await s.scan(at(31));
    await s.scan(at(32));
    expect(s.alerts.keys()).toEqual(["1:first-response-breach"]);
    expect(s.escalator.changes).toHaveLength(2);
  });

  it("tells the wiring which ticket was left for the next scan, and why", async () => {
    const store = new MemorySlaStore();
    const escalator = new RecordingEscalator();
    const deferred: Array<[number, string]> = [];
    const deps = {
      store,
      escalator,
      alerts: new RecordingAlerts(),
      policy: noCooldown,
      metrics: new RecordingSlaMetrics(),
      onDeferred: (ticketId: number, error: unknown) => deferred.push([ticketId, String(error)]),
    };
    await startSlaClock(
      { ticketId: 7, tier: "priority", category: "shipping", vip: false, startedAt: at(0) },
      store,
      noCooldown,
    );
    escalator.failTimes(7, 1);
    await scanSla(at(15), deps);
    expect(deferred).toEqual([[7, expect.stringMatching(/outage escalating ticket 7/)]]);
  });

  it("alerts a breach the help desk refuses to escalate (a deleted or closed ticket), and never asks again", async () => {
    const s = setup();
    await assignedTicket(s);
    s.escalator.refuse(1);
    const report = await s.scan(at(30));
    await s.scan(at(31));
    await s.scan(at(90));
    expect(report).toMatchObject({ escalated: 0, alerted: 1, deferred: 0 });
    expect(s.alerts.keys()).toContain("1:first-response-breach");
    expect(s.escalator.keys()).toEqual(["1:first-response-breach"]);
    expect(s.metrics.points.filter((p) => p.startsWith("escalation"))).toEqual([]);
    expect(s.metrics.points).toContain("breach:priority:first-response-breach");
  });

  it("sends no alert when another write to the ticket got in first", async () => {
    const s = setup();
    await assignedTicket(s);
    s.store.failSave(1, {
      kind: "concurrent",
      write: () => s.event(1, { kind: "status", status: "open" }, at(30)),
    });
    const report = await s.scan(at(30));
    expect(report.alerted).toBe(0);
    expect(s.alerts.delivered()).toEqual([]);
  });

  it("handles a step lost to a conflicting write on the next scan, once", async () => {
    const s = setup();
    await assignedTicket(s);
    s.store.failSave(1, {
      kind: "concurrent",
      write: () => s.event(1, { kind: "status", status: "open" }, at(30)),
    });
    await s.scan(at(30));
    await s.scan(at(31));
    await s.scan(at(32));
    expect(s.alerts.keys()).toEqual(["1:first-response-breach"]);
  });

  it("does not send an alert again when a ticket event lands between sending and clearing it", async () => {
    const s = setup();
    await assignedTicket(s);
    // Save 1 records the step and its owed alert; save 2 clears it after sending.
    s.store.failSave(2, {
      kind: "concurrent",
      write: () => s.event(1, { kind: "status", status: "open" }, at(30)),
    });
    await s.scan(at(30));
    await s.scan(at(31));
    expect(s.alerts.keys()).toEqual(["1:first-response-breach"]);
    expect(s.store.peek(1)?.pendingAlerts).toEqual([]);
  });

  it("does not send an alert again when the sink failed on a later one in the same scan", async () => {
    const s = setup();
    await assignedTicket(s, 1);
    await assignedTicket(s, 2);
    s.alerts.failCall(2);
    await expect(s.scan(at(30))).rejects.toThrow(/alert outage/);
    await s.scan(at(31));
    expect(s.alerts.keys()).toEqual(["1:first-response-breach", "2:first-response-breach"]);
  });
});

describe("scanSla: one alert per ticket per scan", () => {
  it("names every step a ticket has due at the same scan in one alert, and escalates them as one change", async () => {
    const s = setup();
    await s.open(1);
    await s.scan(at(30));
    expect(s.alerts.singles.map((a) => a.steps)).toEqual([["first-response-breach", "unassigned"]]);
    expect(s.escalator.changes.map((c) => c.steps)).toEqual([["first-response-breach", "unassigned"]]);
  });

  it("counts a combined alert once against the storm limit", async () => {
    const s = setup();
    for (let id = 1; id <= 5; id++) await s.open(id);
    const report = await s.scan(at(30));
    expect(report).toMatchObject({ alerted: 5, digest: false });
  });

  it("holds the cooldown for a combined alert as for any other", async () => {
    const s = setup({ ...policy, cooldownMinutes: 200 });
    await s.open(1);
    await s.scan(at(30));
    await s.event(1, assign, at(31));
    const report = await s.scan(at(192));
    expect(report).toMatchObject({ alerted: 0, suppressed: 1 });
    expect(s.alerts.singles).toHaveLength(1);
  });
});

describe("scanSla: metrics", () => {
  it("counts breaches and escalations per tier once their step is recorded", async () => {
    const s = setup();
    await s.open(1);
    await s.scan(at(30));
    expect(s.metrics.points).toEqual([
      "escalation:priority:first-response-breach",
      "escalation:priority:unassigned",
      "breach:priority:first-response-breach",
    ]);
  });

  it("does not count again when a crashed scan's escalation is redone", async () => {
    const s = setup();
    await assignedTicket(s);
    s.store.failSave(1);
    await expect(s.scan(at(30))).rejects.toThrow(/simulated crash/);
    await s.scan(at(31));
    expect(s.metrics.points).toEqual([
      "escalation:priority:first-response-breach",
      "breach:priority:first-response-breach",
    ]);
  });

  it("counts alerts held back by the cooldown", async () => {
    const s = setup(policy);
    await s.open(1);
    await s.scan(at(15));
    await s.event(1, assign, at(16));
    await s.scan(at(24));
    expect(s.metrics.points).toContain("suppressed:1");
  });

  it("reports the first response time in the tier's minutes, once", async () => {
    const s = setup();
    await assignedTicket(s);
    await s.event(1, { kind: "agent-replied-publicly" }, at(12.5));
    await s.event(1, { kind: "agent-replied-publicly" }, at(40));
    expect(s.metrics.points).toEqual(["first-response:priority:12.5"]);
  });
});
