import { describe, expect, it } from "vitest";
import { InProcessBus } from "../../src/adapters/bus/in-process-bus.js";
import type { IntakeSubmitted } from "../../src/domain/events.js";

const event: IntakeSubmitted = {
  type: "IntakeSubmitted",
  requestId: "req-0000001",
  submittedAt: "2026-11-25T10:00:00.000Z",
  chatId: 1,
  customer: { telegramUserId: 1, firstName: "Ann", locale: "en" },
  category: "shipping",
  orderId: "A-10023",
  priority: "standard",
  description: "late parcel",
  attachments: [],
};

const bus = (options: Partial<ConstructorParameters<typeof InProcessBus>[0]> = {}) =>
  new InProcessBus({ retryAttempts: 2, retryDelayMs: () => 0, ...options });

describe("in-process bus", () => {
  it("delivers to subscribers after publish returns, like EventBridge", async () => {
    const b = bus();
    const seen: string[] = [];
    b.subscribe("IntakeSubmitted", async (e) => {
      seen.push(e.type === "IntakeSubmitted" ? e.requestId : "");
    });
    await b.publish(event);
    expect(seen).toEqual([]);
    await b.drain();
    expect(seen).toEqual(["req-0000001"]);
  });

  it("retries a failing consumer until it succeeds", async () => {
    const b = bus();
    let calls = 0;
    b.subscribe("IntakeSubmitted", async () => {
      calls++;
      if (calls < 3) throw new Error("Zendesk is down");
    });
    await b.publish(event);
    await b.drain();
    expect(calls).toBe(3);
    expect(b.deadLetters).toEqual([]);
  });

  it("dead-letters an event once the retries run out", async () => {
    const letters: string[] = [];
    const b = bus({ onDeadLetter: (letter) => letters.push(letter.error) });
    let calls = 0;
    b.subscribe("IntakeSubmitted", async () => {
      calls++;
      throw new Error("still down");
    });
    await b.publish(event);
    await b.drain();
    expect(calls).toBe(3);
    expect(b.deadLetters).toHaveLength(1);
    expect(b.deadLetters[0]?.attempts).toBe(3);
    expect(letters).toEqual(["still down"]);
  });

  it("waits the configured backoff between attempts", async () => {
    const delays: number[] = [];
    const b = bus({
      retryAttempts: 3,
      retryDelayMs: (attempt) => {
        delays.push(attempt);
        return 0;
      },
    });
    b.subscribe("IntakeSubmitted", async () => {
      throw new Error("down");
    });
    await b.publish(event);
    await b.drain();
    expect(delays).toEqual([1, 2, 3]);
  });

  it("can deliver every event twice to prove consumers idempotent", async () => {
    const b = bus({ duplicateDelivery: true });
    let calls = 0;
    b.subscribe("IntakeSubmitted", async () => {
      calls++;
    });
    await b.publish(event);
    await b.drain();
    expect(calls).toBe(2);
  });

  it("refuses an event that does not match its schema, as PutEvents validation would", async () => {
    const b = bus();
    await expect(
      b.publish({ ...event, category: "billing" } as unknown as IntakeSubmitted),
    ).rejects.toThrow();
  });

  it("gives each subscriber its own copy", async () => {
    const b = bus();
    const copies: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      b.subscribe("IntakeSubmitted", async (e) => {
        copies.push(e);
      });
    }
    await b.publish(event);
    await b.drain();
    expect(copies[0]).toEqual(copies[1]);
    expect(copies[0]).not.toBe(copies[1]);
  });
});
