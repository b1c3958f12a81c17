import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../support/test-stack.js";
import { Customer, captureSubmissions, submitRequest, ticketNotices } from "./intake-support.js";

let t: TestStack;
beforeEach(async () => {
  t = await startTestStack();
});
afterEach(() => t.close());

async function submit(customer: Customer): Promise<void> {
  await submitRequest(customer, "Where is my parcel?");
  await t.stack.bus.drain();
}

describe("ticket creation when Zendesk fails", () => {
  it("creates the ticket without the offending fields when Zendesk answers 422", async () => {
    t.zendesk.failNext(
      { method: "POST", path: /\/api\/v2\/tickets(\.json)?$/ },
      {
        status: 422,
        body: {
          error: "RecordInvalid",
          description: "Record validation errors",
          details: { base: [{ description: "Order ID: is invalid", error: "InvalidValue" }] },
        },
      },
    );
    const ann = new Customer(t);
    await submit(ann);
    expect(t.zendesk.tickets()).toHaveLength(1);
    // Normally the ticket carries the order ID, the category option and the chat; here all were dropped.
    expect(t.zendesk.tickets()[0]?.custom_fields.every((f) => f.value === null)).toBe(true);
    expect(ticketNotices(ann)).toHaveLength(1);
  });

  it("retries a 503 through the bus and still makes exactly one ticket and one notice", async () => {
    t.zendesk.failNext({ method: "POST", path: /\/api\/v2\/tickets(\.json)?$/ }, { status: 503 }, 2);
    const ann = new Customer(t);
    await submit(ann);
    expect(t.zendesk.tickets()).toHaveLength(1);
    expect(ticketNotices(ann)).toHaveLength(1);
    expect(t.stack.bus.deadLetters).toEqual([]);
    const creates = t.zendesk.requests.filter(
      (r) => r.method === "POST" && /\/tickets(\.json)?$/.test(r.path),
    );
    expect(creates.map((r) => r.status)).toEqual([503, 503, 201]);
  });

  it("tells the customer once that the request is delayed, then sends its number when Zendesk recovers", async () => {
    t.zendesk.failNext({ method: "POST", path: /\/api\/v2\/tickets(\.json)?$/ }, { status: 503 }, 2);
    const ann = new Customer(t);
    await submit(ann);
    const texts = ann.botMessages().map((m) => m.text ?? "");
    const delayed = texts.filter((text) => text.includes("taking longer than usual"));
    expect(delayed).toHaveLength(1);
    expect(ticketNotices(ann)).toHaveLength(1);
    // The delay notice comes before the number, and the number still comes.
    expect(texts.indexOf(delayed[0] ?? "")).toBeLessThan(texts.indexOf(ticketNotices(ann)[0]?.text ?? ""));
  });

  it("tells the customer once, and nothing more, when the request ends in the dead-letter queue", async () => {
    t.zendesk.failNext({ method: "POST", path: /\/api\/v2\/tickets(\.json)?$/ }, { status: 503 }, 10);
    const ann = new Customer(t);
    await submit(ann);
    expect(t.stack.bus.deadLetters).toHaveLength(1);
    expect(ann.botMessages().filter((m) => m.text?.includes("taking longer than usual"))).toHaveLength(1);
    expect(ticketNotices(ann)).toEqual([]);
    await ann.say("/status");
    expect(ann.lastBotText()).toContain("received, filing delayed");
  });

  it("waits out a short 429 Retry-After in place", async () => {
    t.zendesk.failNext(
      { method: "POST", path: /\/api\/v2\/tickets(\.json)?$/ },
      { status: 429, headers: { "retry-after": "1" }, body: { error: "APIRateLimitExceeded" } },
    );
    const ann = new Customer(t);
    await submit(ann);
    expect(t.zendesk.tickets()).toHaveLength(1);
    const creates = t.zendesk.requests.filter(
      (r) => r.method === "POST" && /\/tickets(\.json)?$/.test(r.path),
    );
    expect(creates.map((r) => r.status)).toEqual([429, 201]);
  });

  it("makes one ticket and one notice when the same event is delivered again", async () => {
    const { events } = captureSubmissions(t);
    const ann = new Customer(t);
    await submit(ann);
    const [event] = events;
    if (!event) throw new Error("no event was published");
    await t.stack.bus.publish(event);
    await t.stack.bus.publish(event);
    await t.stack.bus.drain();
    expect(t.zendesk.tickets()).toHaveLength(1);
    expect(ticketNotices(ann)).toHaveLength(1);
  });
});
