import { describe, expect, it } from "vitest";
import { isOnlyThanks } from "./gratitude.js";

describe("isOnlyThanks: a thank-you with nothing to act on", () => {
  it.each([
    "Thanks!",
    "thank you so much, got it 👍",
    "Спасибо большое, всё пришло!",
    "Благодарю",
    "THANKS A LOT",
  ])("%s", (text) => {
    expect(isOnlyThanks(text)).toBe(true);
  });

  it.each([
    "Thanks, but when will the refund arrive?",
    "thanks for nothing",
    "Thanks in advance, the parcel is still missing",
    "Спасибо, но это ужасно",
    "Thank you. One more thing: the second parcel from the same order never came either",
    "The parcel came",
    "Thanks, but a second parcel is missing",
    "Спасибо, но второй заказ ещё не пришёл",
    "thanks, it didn't help",
    "Thanks, can you also send the invoice",
    "Thank you, please refund the delivery fee too",
    "Спасибо, а когда придёт второй заказ",
    "Спасибо. Пришлите, пожалуйста, чек",
    "thx, send the receipt please",
  ])("not: %s", (text) => {
    expect(isOnlyThanks(text)).toBe(false);
  });
});
