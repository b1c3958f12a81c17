import { describe, expect, it } from "vitest";
import type { HeldMessage } from "../../ports/held-messages.js";
import { heldInOrder } from "./follow-up.js";

const part = (chatId: number, messageId: number, text: string, edited = false): HeldMessage["message"] => ({
  type: "CustomerMessageReceived",
  messageKey: `${chatId}:${messageId}${edited ? ":e1700000000" : ""}`,
  chatId,
  customer: { telegramUserId: 42, firstName: "Ann", locale: "en" },
  text,
  edited,
  attachments: [],
});

describe("a held burst in the order written", () => {
  it("sorts messages that joined out of order by their Telegram message id", () => {
    const held: HeldMessage = {
      message: part(42, 6, "second"),
      more: [part(42, 7, "third"), part(42, 5, "first")],
      offeredTicketIds: [1, 2],
    };
    expect(heldInOrder(held).map((p) => p.text)).toEqual(["first", "second", "third"]);
  });

  it("reads the id after a group chat's negative id, and keeps an edit after its original", () => {
    const held: HeldMessage = {
      message: part(-100123, 9, "original"),
      more: [part(-100123, 9, "edited", true), part(-100123, 8, "before")],
      offeredTicketIds: [1],
    };
    expect(heldInOrder(held).map((p) => p.text)).toEqual(["before", "original", "edited"]);
  });
});
