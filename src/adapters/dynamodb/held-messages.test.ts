import { beforeEach, describe, expect, it } from "vitest";
import { embeddedTablePerTest } from "../../../test/support/embedded-table.js";
import type { HeldMessage } from "../../ports/held-messages.js";
import { DynamoHeldMessages } from "./held-messages.js";

describe("DynamoHeldMessages: the chat's open question on embedded DynamoDB", () => {
  const table = embeddedTablePerTest("held-messages");
  let now = new Date("2026-11-26T12:00:00Z");
  let held: DynamoHeldMessages;

  beforeEach(() => {
    now = new Date("2026-11-26T12:00:00Z");
    held = new DynamoHeldMessages(
      table().db,
      table().tableName,
      { holdSeconds: 3600, burstSeconds: 600, nudgeSeconds: 1800 },
      {
        now: () => now,
      },
    );
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

  const later = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };

  it("stays open while messages keep joining, and closes to new ones after a quiet spell", async () => {
    const message = { messageKey: "42:7", customer: { telegramUserId: 5 } } as HeldMessage["message"];
    await held.hold(42, "7", { message, offeredTicketIds: [] });
    expect(await held.claimQuestion(42, "7")).toBe(true);
    await held.asked(42, { heldKey: "7", questionMessageId: 99 });
    later(590);
    expect(await held.append(42, "7", [{ ...message, messageKey: "42:8" }], [])).toBeDefined();
    later(590);
    // 1,180 s after the question, but 590 s after the last message joined it.
    expect(await held.openQuestion(42)).toEqual({ heldKey: "7", questionMessageId: 99 });
    expect(await held.claimQuestion(42, "9")).toBe(false);
    later(11);
    expect(await held.openQuestion(42)).toBeUndefined();
    expect(await held.claimQuestion(42, "9")).toBe(true);
    // The quiet question's messages still wait for a press on its buttons.
    expect((await held.find(42, "7"))?.more).toHaveLength(1);
  });

  it("keeps a newer question open when a message joins an older one's held item", async () => {
    const message = { messageKey: "42:7", customer: { telegramUserId: 5 } } as HeldMessage["message"];
    await held.hold(42, "7", { message, offeredTicketIds: [] });
    expect(await held.claimQuestion(42, "7")).toBe(true);
    later(601);
    expect(await held.claimQuestion(42, "9")).toBe(true);
    await held.append(42, "7", [{ ...message, messageKey: "42:8" }], []);
    expect((await held.openQuestion(42))?.heldKey).toBe("9");
  });

  it("is closed to further messages once taken, and gives the same content however often it is taken", async () => {
    const message = { messageKey: "42:7", customer: { telegramUserId: 5 } } as HeldMessage["message"];
    await held.hold(42, "7", { message, offeredTicketIds: [3] });
    await held.append(42, "7", [{ ...message, messageKey: "42:8" }], [3]);
    const taken = await held.take(42, "7");
    expect(taken?.more).toHaveLength(1);
    // A message arriving while the answer is carried out does not join what is being sent on.
    expect(await held.append(42, "7", [{ ...message, messageKey: "42:9" }], [3])).toBeUndefined();
    expect(await held.take(42, "7")).toEqual(taken);
    await held.release(42, "7");
    expect(await held.take(42, "7")).toBeUndefined();
  });

  it("lets the message holding the question claim it again, and nobody else", async () => {
    expect(await held.claimQuestion(42, "7")).toBe(true);
    expect(await held.claimQuestion(42, "7")).toBe(true);
    expect(await held.claimQuestion(42, "8")).toBe(false);
  });

  it("frees the chat for another question once withdrawn, and keeps the messages that had joined", async () => {
    const message = { messageKey: "42:7", customer: { telegramUserId: 5 } } as HeldMessage["message"];
    await held.hold(42, "7", { message, offeredTicketIds: [] });
    expect(await held.claimQuestion(42, "7")).toBe(true);
    await held.append(
      42,
      "7",
      [
        { ...message, messageKey: "42:8" },
        { ...message, messageKey: "42:9" },
      ],
      [],
    );
    await held.withdrawQuestion(42, "7");
    expect(await held.openQuestion(42)).toBeUndefined();
    expect((await held.find(42, "7"))?.more?.map((m) => m.messageKey)).toEqual(["42:8", "42:9"]);
    expect(await held.claimQuestion(42, "10")).toBe(true);
    await held.withdrawQuestion(42, "7");
    expect((await held.openQuestion(42))?.heldKey).toBe("10");
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
