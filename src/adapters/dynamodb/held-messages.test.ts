import { beforeEach, describe, expect, it } from "vitest";
import { embeddedTablePerTest } from "../../../test/support/embedded-table.js";
import { DynamoHeldMessages } from "./held-messages.js";

describe("DynamoHeldMessages: the chat's open question on embedded DynamoDB", () => {
  const table = embeddedTablePerTest("held-messages");
  let now = new Date("2026-11-26T12:00:00Z");
  let held: DynamoHeldMessages;

  beforeEach(() => {
    now = new Date("2026-11-26T12:00:00Z");
    held = new DynamoHeldMessages(table().db, table().tableName, 3600, { now: () => now });
  });

  it("lets one of two messages arriving at once claim the question", async () => {
    const claims = await Promise.all([held.claimQuestion(42, "7"), held.claimQuestion(42, "8")]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    const open = await held.openQuestion(42);
    expect(open?.heldKey).toBe(claims[0] ? "7" : "8");
    expect(open?.questionMessageId).toBeUndefined();
  });

  it("records the asking message on the claimed question", async () => {
    expect(await held.claimQuestion(42, "7")).toBe(true);
    await held.asked(42, { heldKey: "7", questionMessageId: 99 });
    expect(await held.openQuestion(42)).toEqual({ heldKey: "7", questionMessageId: 99 });
  });

  it("can be claimed again once its message is released, or once it expired", async () => {
    expect(await held.claimQuestion(42, "7")).toBe(true);
    await held.release(42, "7");
    expect(await held.claimQuestion(42, "8")).toBe(true);
    expect(await held.claimQuestion(42, "9")).toBe(false);
    now = new Date(now.getTime() + 3601 * 1000);
    expect(await held.claimQuestion(42, "9")).toBe(true);
  });
});
