import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allItems } from "../support/table-scan.js";
import { startTestStack, type TestStack } from "../support/test-stack.js";
import { Customer, fileTicket } from "./intake-support.js";

const DAY = 24 * 3600;

let t: TestStack;
let items: Record<string, unknown>[];
let now: number;
beforeAll(async () => {
  t = await startTestStack();
  const ann = new Customer(t);
  const ticketId = await fileTicket(t, ann);
  await t.zendesk.agentComment(ticketId, { body: "On its way", public: true });
  await t.zendesk.waitForIdle();
  items = await allItems(t.stack);
  now = Math.floor(t.clock.now().getTime() / 1000);
});
afterAll(() => t.close());

/** Sort key (or pk prefix for ledger records) of an item, to name its type. */
const kind = (item: Record<string, unknown>) =>
  String(item.pk).startsWith("DEDUPE#") ? "DEDUPE" : String(item.sk);

describe("retention (DynamoDB TTL on expiresAt)", () => {
  it("gives every conversation item 90 days from its last write", () => {
    const conversation = items.filter((item) => !["DEDUPE", "IDENTITY"].includes(kind(item)));
    expect(new Set(conversation.map(kind))).toEqual(new Set(["FORM", "REQUEST", "TICKET", "PROFILE", "SLA"]));
    for (const item of conversation) {
      // Written during the run, which the customer's pace moved on by a few minutes at most.
      expect(item.expiresAt, kind(item)).toBeGreaterThan(now + 90 * DAY - 600);
      expect(item.expiresAt, kind(item)).toBeLessThanOrEqual(now + 90 * DAY);
    }
  });

  it("keeps the bot's own identity (no customer data) an hour", () => {
    const identity = items.filter((item) => kind(item) === "IDENTITY");
    expect(identity).toHaveLength(1);
    expect(identity[0]?.expiresAt).toBeLessThanOrEqual(now + 3600);
    expect(identity[0]?.expiresAt).toBeGreaterThan(now + 3600 - 600);
  });

  it("keeps delivery records 7 days", () => {
    const ledger = items.filter((item) => kind(item) === "DEDUPE");
    expect(ledger.length).toBeGreaterThan(0);
    for (const item of ledger) expect(item.expiresAt).toBeLessThanOrEqual(now + 7 * DAY);
  });
});
