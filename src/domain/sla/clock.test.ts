import { describe, expect, it } from "vitest";
import { dueSteps, nextDueAt, type SlaClock, stepDueAt, waitedMinutes } from "./clock.js";
import type { SlaPolicy, SlaTier } from "./policy.js";
import { at, clockOf, MINUTE, policy } from "./sla-fixtures.test-support.js";
import { applySlaEvent } from "./ticket-events.js";

/** A Priority clock with first response and assignment out of the way, so only resolution steps remain. */
const resolutionOnly = clockOf({ firstRespondedAt: at(1), assigned: true });

describe("first-response deadlines", () => {
  const assigned = clockOf({ assigned: true });

  it("warns at exactly 80% of the deadline, not a millisecond before", () => {
    expect(dueSteps(assigned, policy, at(24) - 1)).toEqual([]);
    expect(dueSteps(assigned, policy, at(24))).toEqual(["first-response-warning"]);
  });

  it("breaches at exactly the deadline, not a millisecond before", () => {
    const warned = clockOf({ assigned: true, done: ["first-response-warning"] });
    expect(dueSteps(warned, policy, at(30) - 1)).toEqual([]);
    expect(dueSteps(warned, policy, at(30))).toEqual(["first-response-breach"]);
  });

  it("scales with the tier: Standard warns at 192 and breaches at 240 minutes", () => {
    const standard = clockOf({ tier: "standard" });
    expect(stepDueAt(standard, policy, "first-response-warning")).toBe(at(192));
    expect(stepDueAt(standard, policy, "first-response-breach")).toBe(at(240));
  });

  it("leaves only the breach when its warning is due as well", () => {
    expect(dueSteps(assigned, policy, at(30))).toEqual(["first-response-breach"]);
  });

  it("stops both steps at the first public reply", () => {
    const replied = applySlaEvent(assigned, { kind: "agent-replied-publicly" }, at(5), policy);
    expect(stepDueAt(replied, policy, "first-response-warning")).toBeUndefined();
    expect(stepDueAt(replied, policy, "first-response-breach")).toBeUndefined();
    expect(dueSteps(replied, policy, at(60))).toEqual([]);
  });
});

describe("first response of a ticket solved without a reply", () => {
  it("is no longer due: nobody awaits an answer on a solved ticket", () => {
    const solved = clockOf({ solvedAt: at(5) });
    expect(stepDueAt(solved, policy, "first-response-breach")).toBeUndefined();
    expect(dueSteps(solved, policy, at(10_000))).not.toContain("first-response-breach");
  });
});

describe("resolution deadlines", () => {
  it("warns at exactly 80% of the deadline, not a millisecond before", () => {
    expect(dueSteps(resolutionOnly, policy, at(192) - 1)).toEqual([]);
    expect(dueSteps(resolutionOnly, policy, at(192))).toEqual(["resolution-warning"]);
  });

  it("breaches at exactly the deadline, not a millisecond before", () => {
    const warned = { ...resolutionOnly, done: ["resolution-warning" as const] };
    expect(dueSteps(warned, policy, at(240) - 1)).toEqual([]);
    expect(dueSteps(warned, policy, at(240))).toEqual(["resolution-breach"]);
  });

  it("leaves only the breach when its warning is due as well", () => {
    expect(dueSteps(resolutionOnly, policy, at(240))).toEqual(["resolution-breach"]);
  });

  it("stops when the ticket is solved", () => {
    const solved = applySlaEvent(resolutionOnly, { kind: "status", status: "solved" }, at(100), policy);
    expect(stepDueAt(solved, policy, "resolution-warning")).toBeUndefined();
    expect(stepDueAt(solved, policy, "resolution-breach")).toBeUndefined();
    expect(dueSteps(solved, policy, at(10_000))).toEqual([]);
  });

  it("is not due at all while the ticket is pending", () => {
    const paused = applySlaEvent(resolutionOnly, { kind: "status", status: "pending" }, at(100), policy);
    expect(dueSteps(paused, policy, at(10_000))).toEqual([]);
  });

  it("falls due later by the length of a pause once the ticket is open again", () => {
    const paused = applySlaEvent(resolutionOnly, { kind: "status", status: "pending" }, at(100), policy);
    const resumed = applySlaEvent(paused, { kind: "status", status: "open" }, at(130), policy);
    expect(stepDueAt(resumed, policy, "resolution-warning")).toBe(at(192 + 30));
    expect(stepDueAt(resumed, policy, "resolution-breach")).toBe(at(240 + 30));
  });

  it("adds up two pauses", () => {
    const events = [
      ["pending", 100],
      ["open", 130],
      ["pending", 150],
      ["hold", 160],
    ] as const;
    const clock = events.reduce(
      (c, [status, minute]) => applySlaEvent(c, { kind: "status", status }, at(minute), policy),
      resolutionOnly,
    );
    expect(stepDueAt(clock, policy, "resolution-breach")).toBe(at(240 + 40));
  });

  it("runs on from where it stopped when a solved ticket is reopened", () => {
    const solved = applySlaEvent(resolutionOnly, { kind: "status", status: "solved" }, at(100), policy);
    const reopened = applySlaEvent(solved, { kind: "status", status: "open" }, at(1_100), policy);
    expect(stepDueAt(reopened, policy, "resolution-breach")).toBe(at(240 + 1_000));
    expect(dueSteps(reopened, policy, at(1_100))).toEqual([]);
  });
});

describe("a ticket solved without a reply and reopened", () => {
  // Priority tier: first response 30 min, unassigned rule 15 min. Solved at minute 1, reopened at 31.
  const reopenedAt31 = [
    ["solved", 1],
    ["open", 31],
  ] as const;
  const reopen = (clock: SlaClock) =>
    reopenedAt31.reduce(
      (c, [status, minute]) => applySlaEvent(c, { kind: "status", status }, at(minute), policy),
      clock,
    );

  it("gets what was left of its first-response target, not a breach at once", () => {
    const clock = reopen(clockOf({ assigned: true }));
    expect(dueSteps(clock, policy, at(31))).toEqual([]);
    expect(stepDueAt(clock, policy, "first-response-breach")).toBe(at(60));
    // The warning at 80% of the target, 24 min, plus the 30 min spent solved.
    expect(stepDueAt(clock, policy, "first-response-warning")).toBe(at(54));
    expect(waitedMinutes(clock, policy, "first-response-breach", at(60))).toBe(30);
  });

  it("gets what was left of the unassigned rule's 15 minutes", () => {
    const clock = reopen(clockOf());
    expect(dueSteps(clock, policy, at(45) - 1)).toEqual([]);
    expect(dueSteps(clock, policy, at(45))).toEqual(["unassigned"]);
  });
});

describe("unassigned rule", () => {
  it("falls due after 15 minutes for a Priority ticket, not a millisecond before", () => {
    expect(dueSteps(clockOf(), policy, at(15) - 1)).toEqual([]);
    expect(dueSteps(clockOf(), policy, at(15))).toEqual(["unassigned"]);
  });

  it("does not apply to tiers it does not list", () => {
    expect(stepDueAt(clockOf({ tier: "standard" }), policy, "unassigned")).toBeUndefined();
  });

  it("stops once the ticket is assigned", () => {
    const assigned = applySlaEvent(clockOf(), { kind: "assignment", assigned: true }, at(10), policy);
    expect(stepDueAt(assigned, policy, "unassigned")).toBeUndefined();
  });

  it("does not apply to a solved ticket", () => {
    const solved = applySlaEvent(clockOf(), { kind: "status", status: "solved" }, at(10), policy);
    expect(stepDueAt(solved, policy, "unassigned")).toBeUndefined();
  });

  it("stops once an agent has answered the customer, though nobody is assigned", () => {
    const answered = applySlaEvent(clockOf(), { kind: "agent-replied-publicly" }, at(1), policy);
    expect(dueSteps(answered, policy, at(60))).not.toContain("unassigned");
  });
});

describe("nextDueAt", () => {
  it("is the earliest step not yet done", () => {
    expect(nextDueAt(clockOf(), policy)).toBe(at(15));
    expect(nextDueAt(clockOf({ done: ["unassigned"] }), policy)).toBe(at(24));
  });

  it("skips stopped clocks", () => {
    expect(nextDueAt(resolutionOnly, policy)).toBe(at(192));
  });

  it("is undefined once every step is done", () => {
    const done = clockOf({
      done: [
        "first-response-warning",
        "first-response-breach",
        "resolution-warning",
        "resolution-breach",
        "unassigned",
      ],
    });
    expect(nextDueAt(done, policy)).toBeUndefined();
  });

  it("is undefined once every clock is stopped", () => {
    const solved = applySlaEvent(resolutionOnly, { kind: "status", status: "solved" }, at(20), policy);
    expect(nextDueAt(solved, policy)).toBeUndefined();
  });
});

describe("waitedMinutes", () => {
  it("counts whole minutes since the start for first-response steps, pauses included", () => {
    const clock = clockOf({ pausedMs: 10 * MINUTE });
    expect(waitedMinutes(clock, policy, "first-response-breach", at(31) - 1)).toBe(30);
  });

  it("leaves pauses out for resolution steps", () => {
    const clock = clockOf({ pausedMs: 10 * MINUTE });
    expect(waitedMinutes(clock, policy, "resolution-breach", at(250))).toBe(240);
  });
});

it("refuses a clock whose tier the policy does not know", () => {
  expect(() => stepDueAt(clockOf({ tier: "gold" }), policy, "unassigned")).toThrow(/unknown SLA tier gold/);
});

describe("a tier with business hours (Berlin, Mon-Fri 09:00-18:00)", () => {
  const office: SlaPolicy = {
    ...policy,
    tiers: {
      ...policy.tiers,
      standard: {
        ...(policy.tiers.standard as SlaTier),
        businessHours: {
          timeZone: "Europe/Berlin",
          days: ["mon", "tue", "wed", "thu", "fri"],
          start: "09:00",
          end: "18:00",
        },
      },
    },
  };
  /** Friday 9 January 2026, 17:00 Berlin (16:00Z). */
  const fridayLate = Date.UTC(2026, 0, 9, 16);
  const monday = (hour: number, minute = 0) => Date.UTC(2026, 0, 12, hour - 1, minute);
  const ticket = clockOf({ tier: "standard", startedAt: fridayLate, assigned: true });

  it("breaches first response on Monday, after 1 h on Friday and 3 h on Monday", () => {
    expect(stepDueAt(ticket, office, "first-response-breach")).toBe(monday(12));
    expect(dueSteps(ticket, office, monday(12) - 1)).toEqual(["first-response-warning"]);
    expect(dueSteps(ticket, office, monday(12))).toEqual(["first-response-breach"]);
  });

  it("is not due at all over the weekend", () => {
    expect(dueSteps(ticket, office, Date.UTC(2026, 0, 11, 20))).toEqual([]);
  });

  it("reports the minutes waited in business time", () => {
    expect(waitedMinutes(ticket, office, "first-response-breach", monday(12))).toBe(240);
  });

  it("moves the resolution deadline by a pause's business time only", () => {
    // 1440 business minutes from Friday 17:00: 1 h Fri, 9 h Mon, 9 h Tue, 5 h Wed -> Wednesday 14:00.
    const replied = { ...ticket, firstRespondedAt: fridayLate };
    expect(stepDueAt(replied, office, "resolution-breach")).toBe(Date.UTC(2026, 0, 14, 13));
    // Pending from Monday 17:00 to Tuesday 10:00: 1 h of Monday and 1 h of Tuesday count.
    const paused = applySlaEvent(replied, { kind: "status", status: "pending" }, monday(17), office);
    const resumed = applySlaEvent(
      paused,
      { kind: "status", status: "open" },
      Date.UTC(2026, 0, 13, 9),
      office,
    );
    expect(resumed.pausedMs).toBe(2 * 60 * MINUTE);
    expect(stepDueAt(resumed, office, "resolution-breach")).toBe(Date.UTC(2026, 0, 14, 15));
  });

  it("moves the resolution deadline by a pause within opening hours", () => {
    const replied = { ...ticket, firstRespondedAt: fridayLate };
    const paused = applySlaEvent(replied, { kind: "status", status: "pending" }, monday(10), office);
    expect(dueSteps(paused, office, Date.UTC(2026, 0, 20))).toEqual([]);
    const resumed = applySlaEvent(paused, { kind: "status", status: "open" }, monday(10, 45), office);
    expect(stepDueAt(resumed, office, "resolution-breach")).toBe(Date.UTC(2026, 0, 14, 13, 45));
  });

  it("leaves wall-time tiers as they were", () => {
    expect(stepDueAt(clockOf({ assigned: true }), office, "first-response-breach")).toBe(at(30));
  });
});
