import { describe, expect, it } from "vitest";
import { ticketNamedIn } from "./named-ticket.js";

const tickets = [
  { ticketId: 1, orderId: null },
  { ticketId: 2, orderId: "A-55555" },
  { ticketId: 3, orderId: "#77001" },
];

describe("ticketNamedIn", () => {
  it("finds the ticket whose order ID the text quotes, however it is typed", () => {
    for (const text of [
      "My parcel still hasn't arrived, order A-55555",
      "order a55555 please",
      "заказ А-55555 так и не пришёл",
      "it is A 55555",
    ])
      expect(ticketNamedIn(text, tickets)).toBe(2);
    expect(ticketNamedIn("about order 77001", tickets)).toBe(3);
  });

  it("finds a ticket by its number", () => {
    expect(ticketNamedIn("Any news on ticket #1?", tickets)).toBe(1);
  });

  it("names nothing when the text names no ticket, or several", () => {
    expect(ticketNamedIn("Is there any update?", tickets)).toBeUndefined();
    expect(ticketNamedIn("order A-55556", tickets)).toBeUndefined();
    expect(ticketNamedIn("#1 and A-55555", tickets)).toBeUndefined();
    expect(ticketNamedIn("#12 is not a ticket of mine", tickets)).toBeUndefined();
  });
});
