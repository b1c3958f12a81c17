import { describe, expect, it } from "vitest";
import { type BusinessHours, businessTime, isKnownTimeZone } from "./business-hours.js";

const HOUR = 3_600_000;
const utc = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

/** Berlin office hours: CET (UTC+1) in winter, CEST (UTC+2) from 29 March to 25 October 2026. */
const berlin: BusinessHours = {
  timeZone: "Europe/Berlin",
  days: ["mon", "tue", "wed", "thu", "fri"],
  start: "09:00",
  end: "18:00",
};
const office = businessTime(berlin);

describe("businessTime.advance", () => {
  it("runs on within the same day", () => {
    // Monday 5 January 10:00 Berlin + 2 h.
    expect(iso(office.advance(utc("2026-01-05T09:00:00Z"), 2 * HOUR))).toBe("2026-01-05T11:00:00.000Z");
  });

  it("skips the weekend: Friday 17:00 + 4 h is Monday 12:00", () => {
    expect(iso(office.advance(utc("2026-01-09T16:00:00Z"), 4 * HOUR))).toBe("2026-01-12T11:00:00.000Z");
  });

  it("starts counting at the next opening when started outside hours", () => {
    // Saturday, then Monday 07:00 Berlin, then Tuesday 20:00 Berlin.
    expect(iso(office.advance(utc("2026-01-10T10:00:00Z"), HOUR / 2))).toBe("2026-01-12T08:30:00.000Z");
    expect(iso(office.advance(utc("2026-01-12T06:00:00Z"), HOUR / 2))).toBe("2026-01-12T08:30:00.000Z");
    expect(iso(office.advance(utc("2026-01-13T19:00:00Z"), HOUR / 2))).toBe("2026-01-14T08:30:00.000Z");
  });

  it("ends at closing time when the time runs out exactly then, not at the next opening", () => {
    expect(iso(office.advance(utc("2026-01-05T08:00:00Z"), 9 * HOUR))).toBe("2026-01-05T17:00:00.000Z");
  });

  it("keeps local opening hours across the spring DST change", () => {
    // Friday 27 March 17:00 CET (16:00Z) + 4 h: 1 h on Friday, 3 h on Monday 30 March, 12:00 CEST (10:00Z).
    expect(iso(office.advance(utc("2026-03-27T16:00:00Z"), 4 * HOUR))).toBe("2026-03-30T10:00:00.000Z");
  });

  it("keeps local opening hours across the autumn DST change", () => {
    // Friday 23 October 17:00 CEST (15:00Z) + 4 h: Monday 26 October 12:00 CET (11:00Z).
    expect(iso(office.advance(utc("2026-10-23T15:00:00Z"), 4 * HOUR))).toBe("2026-10-26T11:00:00.000Z");
  });

  it("counts the DST Sunday itself with its local hours on a seven-day calendar", () => {
    const everyDay = businessTime({ ...berlin, days: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] });
    // Saturday 28 March 17:00 CET + 2 h: Sunday 29 March 10:00 CEST (08:00Z).
    expect(iso(everyDay.advance(utc("2026-03-28T16:00:00Z"), 2 * HOUR))).toBe("2026-03-29T08:00:00.000Z");
  });

  it("skips holidays", () => {
    const christmas = businessTime({ ...berlin, holidays: ["2026-12-24", "2026-12-25"] });
    // Wednesday 23 December 17:00 CET + 4 h: Monday 28 December 12:00 CET.
    expect(iso(christmas.advance(utc("2026-12-23T16:00:00Z"), 4 * HOUR))).toBe("2026-12-28T11:00:00.000Z");
  });

  it("follows another zone's own DST date", () => {
    const newYork = businessTime({ ...berlin, timeZone: "America/New_York" });
    // Friday 6 March 17:00 EST (22:00Z) + 2 h: Monday 9 March 10:00 EDT (14:00Z), after the 8 March change.
    expect(iso(newYork.advance(utc("2026-03-06T22:00:00Z"), 2 * HOUR))).toBe("2026-03-09T14:00:00.000Z");
  });

  it("closes at midnight with an end of 24:00", () => {
    const late = businessTime({ ...berlin, start: "20:00", end: "24:00" });
    expect(iso(late.advance(utc("2026-01-05T19:00:00Z"), 5 * HOUR))).toBe("2026-01-06T20:00:00.000Z");
  });
});

describe("businessTime.elapsed", () => {
  it("counts only open hours across a weekend", () => {
    expect(office.elapsed(utc("2026-01-09T16:00:00Z"), utc("2026-01-12T11:00:00Z"))).toBe(4 * HOUR);
  });

  it("is zero while closed", () => {
    expect(office.elapsed(utc("2026-01-10T08:00:00Z"), utc("2026-01-11T20:00:00Z"))).toBe(0);
  });

  it("undoes advance, across a DST change too", () => {
    for (const from of ["2026-03-27T16:00:00Z", "2026-10-23T15:00:00Z", "2026-01-10T10:00:00Z"]) {
      const start = utc(from);
      const end = office.advance(start, 13 * HOUR);
      expect(office.elapsed(start, end)).toBe(13 * HOUR);
    }
  });
});

it("knows IANA zones and refuses made-up ones", () => {
  expect(isKnownTimeZone("Europe/Berlin")).toBe(true);
  expect(isKnownTimeZone("Europe/Atlantis")).toBe(false);
});
