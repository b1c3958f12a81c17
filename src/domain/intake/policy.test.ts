import { describe, expect, it } from "vitest";
import { categoryPolicy, type IntakePolicy, normalizeOrderId, orderIdIn } from "./policy.js";

const policy: IntakePolicy = {
  categories: [{ id: "shipping", orderId: "required", suggestUrgent: false }],
  orderId: { pattern: /^(?:[A-Z]{1,4}-?\d{4,10}|#?\d{5,10})$/, example: "A-10023" },
  description: { maxChars: 100, maxParts: 3, maxAttachments: 2 },
  formTtlSeconds: 3600,
  formReminderSeconds: 3600,
  knowledgeBase: { enabled: false, maxArticles: 3 },
};

describe("normalizeOrderId", () => {
  it.each([
    ["a-10023 ", "A-10023"],
    ["  ab 1234\t", "AB1234"],
    ["#12345", "#12345"],
    ["А-10023", "A-10023"],
    ["ав-1234", "AB-1234"],
    ["№12345", "#12345"],
  ])("turns %j into %j", (raw, canonical) => {
    expect(normalizeOrderId(raw)).toBe(canonical);
  });
});

describe("orderIdIn", () => {
  it("takes the whole text in its normalised form", () => {
    expect(orderIdIn(policy, " a-10023")).toBe("A-10023");
    expect(orderIdIn(policy, "А-10023")).toBe("A-10023");
    expect(orderIdIn(policy, "ab 1234")).toBe("AB1234");
  });

  it.each([
    ["Order #A-55555", "A-55555"],
    ["номер заказа B-77001", "B-77001"],
    ["It is 12345678.", "12345678"],
    ["It is 12345678", "12345678"],
    ["Вот A-10023", "A-10023"],
    ["вот 12345", "12345"],
    ["No 12345", "12345"],
    ["order #12345, thanks", "#12345"],
    ["A 10023", "A10023"],
    ["ab 123456", "AB123456"],
    ["Nr 12345", "12345"],
  ])("finds the one order ID in %j", (raw, found) => {
    expect(orderIdIn(policy, raw)).toBe(found);
  });

  it.each(["order 5", "hello", "A-10023 or B-20044", ""])("finds none in %j", (raw) => {
    expect(orderIdIn(policy, raw)).toBeUndefined();
  });
});

describe("categoryPolicy", () => {
  it("finds a category's rules", () => {
    expect(categoryPolicy(policy, "shipping").orderId).toBe("required");
  });

  it("throws for a category the policy does not offer", () => {
    expect(() => categoryPolicy(policy, "account")).toThrow(/account is not offered/);
  });
});
