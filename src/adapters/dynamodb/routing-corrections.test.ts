import { beforeEach, describe, expect, it } from "vitest";
import { embeddedTablePerTest } from "../../../test/support/embedded-table.js";
import type { RoutingCorrection } from "../../ports/routing-corrections.js";
import { DynamoRoutingCorrections } from "./routing-corrections.js";

const DAY = 24 * 3600;
const correction = (eventId: string, correctedAt: string): RoutingCorrection => ({
  eventId,
  ticketId: 7,
  text: "charged twice",
  category: "payment",
  previousGroup: null,
  newGroup: "Billing",
  correctedAt,
});

describe("DynamoRoutingCorrections on embedded DynamoDB", () => {
  const table = embeddedTablePerTest("corrections");
  let now: Date;
  let store: DynamoRoutingCorrections;

  beforeEach(() => {
    now = new Date("2026-11-25T12:00:00Z");
    store = new DynamoRoutingCorrections(table().db, table().tableName, 30 * DAY, { now: () => now });
  });

  const listed = async () => {
    const all: RoutingCorrection[] = [];
    for await (const c of store.list()) all.push(c);
    return all;
  };

  it("keeps one correction per event id and lists them oldest first", async () => {
    expect(await store.record(correction("ev-2", "2026-11-25T12:05:00.000Z"))).toBe(true);
    expect(await store.record(correction("ev-1", "2026-11-25T12:00:00.000Z"))).toBe(true);
    expect(await store.record(correction("ev-2", "2026-11-25T12:05:00.000Z"))).toBe(false);
    expect((await listed()).map((c) => c.eventId)).toEqual(["ev-1", "ev-2"]);
    expect((await listed())[0]).toEqual(correction("ev-1", "2026-11-25T12:00:00.000Z"));
  });

  it("treats a correction past its retention as gone before DynamoDB deletes it", async () => {
    await store.record(correction("ev-1", "2026-11-25T12:00:00.000Z"));
    now = new Date(now.getTime() + 31 * DAY * 1000);
    expect(await listed()).toEqual([]);
  });
});
