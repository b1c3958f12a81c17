import type { Message } from "grammy/types";
import { describe, expect, it } from "vitest";
import type { HeldMessage } from "../../ports/held-messages.js";
import { heldInOrder, ticketMentioned } from "./follow-up.js";

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

describe("the ticket a replied-to bot message is about", () => {
  const about = (text: string) => ticketMentioned({ text } as Message);

  it.each([
    ["🎫 Your ticket is #12345. We aim to answer within 4 hours.", 12345],
    ["#3 · Tom\nSee ticket #42 for the refund.", 3],
    ["(1/2) #3 · Tom\nPart one, also about #42", 3],
    ["(2/2 · #3) and the rest, about #42", 3],
  ])("%s → #%i", (text, ticket) => {
    expect(about(text)).toBe(ticket);
  });

  it("reads a notice's ticket from its bold number, not from a number its summary quotes", () => {
    const text = "🎫 Your ticket is #12. About: Shipping: order #12345 is late";
    const entities = [{ type: "bold" as const, offset: text.indexOf("#12."), length: 3 }];
    expect(ticketMentioned({ text, entities } as Message)).toBe(12);
  });

  it("reads no ticket from a formatted message whose only number is quoted, as the form's order ID", () => {
    const text = "New support request\n\nOrder ID: #12345\n\nDescribe the problem";
    const entities = [{ type: "bold" as const, offset: 0, length: 19 }];
    expect(ticketMentioned({ text, entities } as Message)).toBeUndefined();
  });

  it.each([
    "Your requests\n🚚 Shipping · open · #8\n↩️ Returns · open · #4",
    "(2/2) a later part without its ticket",
    "Which request is this about?",
  ])("none: %s", (text) => {
    expect(about(text)).toBeUndefined();
  });
});
