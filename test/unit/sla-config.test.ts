import { describe, expect, it } from "vitest";
import raw from "../../config/sla-policies.json" with { type: "json" };
import { firstResponseTarget, parseSlaConfig, priorityFloor } from "../../src/config/sla-config.js";

const officeHours = {
  timeZone: "Europe/Berlin",
  days: ["mon", "tue", "wed", "thu", "fri"],
  start: "09:00",
  end: "18:00",
};

/** The shipped policy file with the Standard tier's business hours set to `hours`. */
const withHours = (hours: unknown) => ({
  ...raw,
  tiers: { ...raw.tiers, standard: { ...raw.tiers.standard, businessHours: hours } },
});

describe("SLA policy configuration", () => {
  it("accepts the shipped file, with the frustration settings", () => {
    expect(parseSlaConfig(raw).frustration).toEqual({
      repeatedMessages: 3,
      messageGapMinutes: 5,
      tag: "customer_frustrated",
    });
  });

  it("accepts business hours with holidays", () => {
    const config = parseSlaConfig(withHours({ ...officeHours, holidays: ["2026-12-25"] }));
    expect(config.tiers.standard?.businessHours?.timeZone).toBe("Europe/Berlin");
  });

  it("names an unknown time zone", () => {
    expect(() => parseSlaConfig(withHours({ ...officeHours, timeZone: "Europe/Atlantis" }))).toThrow(
      /tiers\.standard\.businessHours\.timeZone: not an IANA time zone/,
    );
  });

  it("names a malformed time of day", () => {
    expect(() => parseSlaConfig(withHours({ ...officeHours, start: "9am" }))).toThrow(
      /tiers\.standard\.businessHours\.start: expected HH:MM/,
    );
  });

  it("names an end that is not after the start", () => {
    expect(() => parseSlaConfig(withHours({ ...officeHours, start: "18:00", end: "09:00" }))).toThrow(
      /tiers\.standard\.businessHours\.end: must be later than start/,
    );
  });

  it("names an unknown weekday and a malformed holiday", () => {
    const message = (() => {
      try {
        parseSlaConfig(withHours({ ...officeHours, days: ["monday"], holidays: ["25.12.2026"] }));
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/tiers\.standard\.businessHours\.days\.0:/);
    expect(message).toMatch(/tiers\.standard\.businessHours\.holidays\.0:/);
  });

  it("names a frustration threshold below two messages", () => {
    expect(() =>
      parseSlaConfig({ ...raw, frustration: { repeatedMessages: 1, tag: "customer_frustrated" } }),
    ).toThrow(/frustration\.repeatedMessages/);
  });
});

describe("what a new ticket's customer is told to expect", () => {
  const friday1630Berlin = Date.UTC(2026, 0, 9, 15, 30);

  it("is the tier's minutes on wall time", () => {
    expect(firstResponseTarget("normal", "shipping", friday1630Berlin, parseSlaConfig(raw))).toEqual({
      minutes: 240,
    });
  });

  it("runs out after the tier's business hours, in its zone, for a tier that has them", () => {
    const config = parseSlaConfig(withHours(officeHours));
    expect(firstResponseTarget("normal", "shipping", friday1630Berlin, config)).toEqual({
      minutes: 240,
      businessHours: { dueAt: Date.UTC(2026, 0, 12, 10, 30), timeZone: "Europe/Berlin" },
    });
  });
});

describe("the priority a category's tier stands for", () => {
  it("is the lowest priority on the same tier, and nothing for a category without a tier of its own", () => {
    const config = parseSlaConfig(raw);
    expect(priorityFloor("payment", config)).toBe("high");
    expect(priorityFloor("shipping", config)).toBeUndefined();
    const standardPayments = parseSlaConfig({ ...raw, tierByCategory: { payment: "standard" } });
    expect(priorityFloor("payment", standardPayments)).toBe("low");
  });
});
