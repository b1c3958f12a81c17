import { describe, expect, it } from "vitest";
import type { DeadLetterMessage, DeadLetterQueue } from "../../ports/dead-letter-queue.js";
import type { EventPublisher } from "../../ports/event-publisher.js";
import type { BridgeEvent, IntakeSubmitted } from "../events.js";
import { replayDeadLetters } from "./replay-dead-letters.js";

const intake = (n: number): IntakeSubmitted => ({
  type: "IntakeSubmitted",
  requestId: `req-${String(n).padStart(8, "0")}`,
  submittedAt: "2026-11-25T10:00:00.000Z",
  chatId: n,
  customer: { telegramUserId: n, firstName: "Ann", locale: "en" },
  category: "shipping",
  orderId: null,
  priority: "standard",
  description: "where is my parcel",
  attachments: [],
});

const letter = (n: number): DeadLetterMessage => ({
  messageId: `m-${n}`,
  event: intake(n),
  failure: "Unhandled: Zendesk unavailable",
});

const unreadable = (n: number): DeadLetterMessage => ({ ...letter(n), event: undefined });

/** A queue with SQS's visibility rule: a received message is hidden until deleted or released. */
class FakeQueue implements DeadLetterQueue {
  readonly inFlight = new Set<string>();
  readonly log: string[] = [];
  /** Messages that reappear on the next receive as if their visibility timeout ran out. */
  comeBack = false;

  constructor(readonly messages: DeadLetterMessage[]) {}

  async receive(max: number) {
    const visible = this.messages.filter((m) => this.comeBack || !this.inFlight.has(m.messageId));
    const batch = visible.slice(0, max);
    for (const m of batch) this.inFlight.add(m.messageId);
    return batch;
  }

  async remove(message: DeadLetterMessage) {
    this.log.push(`delete ${message.messageId}`);
    this.messages.splice(this.messages.indexOf(message), 1);
    this.inFlight.delete(message.messageId);
  }

  async release(messages: readonly DeadLetterMessage[]) {
    for (const m of messages) {
      this.log.push(`release ${m.messageId}`);
      this.inFlight.delete(m.messageId);
    }
  }
}

class FakeBus implements EventPublisher {
  readonly published: BridgeEvent[] = [];
  failFrom = Number.POSITIVE_INFINITY;

  constructor(private readonly log: string[]) {}

  async publish(event: BridgeEvent) {
    if (this.published.length >= this.failFrom) throw new Error("EventBridge rejected IntakeSubmitted");
    this.log.push(`publish ${event.type === "IntakeSubmitted" ? event.requestId : ""}`);
    this.published.push(event);
  }
}

const setUp = (messages: DeadLetterMessage[]) => {
  const queue = new FakeQueue(messages);
  return { queue, bus: new FakeBus(queue.log) };
};

describe("replayDeadLetters", () => {
  it("publishes each event again and deletes its message only after the publish", async () => {
    const { queue, bus } = setUp([letter(1), letter(2)]);
    const report = await replayDeadLetters(queue, bus, { dryRun: false, max: 100 });
    expect(queue.log).toEqual(["publish req-00000001", "delete m-1", "publish req-00000002", "delete m-2"]);
    expect(queue.messages).toEqual([]);
    expect(report.count.replayed).toBe(2);
    expect(report.outcomes[0]).toMatchObject({ eventId: "IntakeSubmitted:req-00000001", result: "replayed" });
  });

  it("drains more than one receive batch", async () => {
    const { queue, bus } = setUp(Array.from({ length: 25 }, (_, i) => letter(i + 1)));
    const report = await replayDeadLetters(queue, bus, { dryRun: false, max: 100 });
    expect(report.count.replayed).toBe(25);
    expect(queue.messages).toEqual([]);
  });

  it("publishes and deletes nothing on a dry run, and hands every message back", async () => {
    const { queue, bus } = setUp([letter(1), letter(2)]);
    const report = await replayDeadLetters(queue, bus, { dryRun: true, max: 100 });
    expect(bus.published).toEqual([]);
    expect(queue.messages).toHaveLength(2);
    expect(queue.inFlight.size).toBe(0);
    expect(report.count["would replay"]).toBe(2);
  });

  it("keeps a message without a readable event and replays the others", async () => {
    const { queue, bus } = setUp([unreadable(1), letter(2)]);
    const report = await replayDeadLetters(queue, bus, { dryRun: false, max: 100 });
    expect(queue.messages.map((m) => m.messageId)).toEqual(["m-1"]);
    expect(queue.inFlight.size).toBe(0);
    expect(report.outcomes.map((o) => o.result)).toEqual(["unreadable", "replayed"]);
  });

  it("handles at most --max messages and leaves the rest untouched", async () => {
    const { queue, bus } = setUp([letter(1), letter(2), letter(3)]);
    const report = await replayDeadLetters(queue, bus, { dryRun: false, max: 2 });
    expect(report.outcomes).toHaveLength(2);
    expect(queue.messages.map((m) => m.messageId)).toEqual(["m-3"]);
    expect(queue.inFlight.size).toBe(0);
  });

  it("stops at the first failed publish and keeps that message and the rest of the batch", async () => {
    const { queue, bus } = setUp([letter(1), letter(2), letter(3)]);
    bus.failFrom = 1;
    const report = await replayDeadLetters(queue, bus, { dryRun: false, max: 100 });
    expect(report.outcomes.map((o) => o.result)).toEqual(["replayed", "publish failed"]);
    expect(report.outcomes[1]?.error).toContain("EventBridge rejected");
    expect(queue.messages.map((m) => m.messageId)).toEqual(["m-2", "m-3"]);
    expect(queue.inFlight.size).toBe(0);
  });

  it("does not replay a message twice in one run when it comes back into view", async () => {
    const { queue, bus } = setUp([unreadable(1)]);
    queue.comeBack = true;
    const report = await replayDeadLetters(queue, bus, { dryRun: false, max: 100 });
    expect(report.outcomes).toHaveLength(1);
  });

  it("finds nothing to do when run again after a full replay", async () => {
    const { queue, bus } = setUp([letter(1)]);
    await replayDeadLetters(queue, bus, { dryRun: false, max: 100 });
    const again = await replayDeadLetters(queue, bus, { dryRun: false, max: 100 });
    expect(again.outcomes).toEqual([]);
    expect(bus.published).toHaveLength(1);
  });
});
