import { describe, expect, it } from "vitest";
import { categoryPolicy, type IntakePolicy, isValidOrderId, normalizeOrderId } from "./policy.js";

const policy: IntakePolicy = {
  categories: [{ id: "shipping", orderId: "required", suggestUrgent: false }],
  orderId: { pattern: /^(?:[A-Z]{1,4}-?\d{4,10}|#?\d{5,10})$/, example: "A-10023" },
  description: { maxChars: 100, maxParts: 3, maxAttachments: 2 },
  formTtlSeconds: 3600,
  knowledgeBase: { enabled: false, maxArticles: 3 },
};

describe("normalizeOrderId", () => {
  it.each([
    ["a-10023 ", "A-10023"],
    ["  ab 1234\t", "AB1234"],
    ["#12345", "#12345"],
  ])("turns %j into %j", (raw, canonical) => {
    expect(normalizeOrderId(raw)).toBe(canonical);
  });
});

describe("isValidOrderId", () => {
  it("judges the normalised form", () => {
    expect(isValidOrderId(policy, " a-10023")).toBe(true);
  });

  it("refuses what the pattern does not match", () => {
    expect(isValidOrderId(policy, "order 5")).toBe(false);
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
