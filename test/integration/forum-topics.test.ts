import { Api } from "grammy";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { post } from "../support/http.js";
import { startTestStack, type TestStack } from "../support/test-stack.js";
import { settle } from "./two-way-support.js";

const GROUP = -1001777;
const chat = {
  id: GROUP,
  type: "supergroup" as const,
  title: "Acme support",
  isForum: true,
  botIsAdmin: true,
};
const member = { id: 700_001, firstName: "Dana" };

let t: TestStack;
beforeEach(async () => {
  t = await startTestStack();
});
afterEach(() => t.close());

/** A support group with topics, and a topic in it opened by a member. */
async function openTopic(name: string): Promise<number> {
  if (!t.telegram.chatMessages(GROUP).length)
    await t.telegram.sendText({ chat, from: member, text: "hello" });
  const api = new Api(t.telegram.token, { apiRoot: t.telegram.apiRoot });
  return (await api.createForumTopic(GROUP, name)).message_thread_id;
}

async function writeInTopic(threadId: number, text: string) {
  t.clock.advance(2);
  const update = await t.telegram.sendText({ chat, from: member, text, messageThreadId: threadId });
  await settle(t);
  return update;
}

const ticketWith = (text: string) => t.zendesk.tickets().find((ticket) => ticket.description.includes(text));
const topicTexts = (threadId: number) =>
  t.telegram
    .chatMessages(GROUP, { threadId })
    .filter((m) => m.from?.is_bot)
    .map((m) => m.text ?? "");

describe("forum topics", () => {
  it("opens a ticket for a topic's first message and tells the topic its number", async () => {
    const topic = await openTopic("Checkout");
    await writeInTopic(topic, "Checkout fails with error 500");
    const ticket = ticketWith("Checkout fails with error 500");
    expect(ticket).toBeDefined();
    expect(topicTexts(topic).at(-1)).toMatch(new RegExp(`#${ticket?.id}`));
  });

  it("keeps each topic its own ticket, and later messages become comments on it", async () => {
    const checkout = await openTopic("Checkout");
    const invoices = await openTopic("Invoices");
    await writeInTopic(checkout, "Checkout fails with error 500");
    await writeInTopic(invoices, "Invoice 77 shows the wrong VAT number");
    await writeInTopic(checkout, "It also fails on mobile");
    const first = ticketWith("Checkout fails");
    const second = ticketWith("Invoice 77");
    expect(first?.id).not.toBe(second?.id);
    expect(t.zendesk.comments(first?.id ?? 0).at(-1)?.body).toBe("It also fails on mobile");
    expect(t.zendesk.comments(second?.id ?? 0).map((c) => c.body)).not.toContain("It also fails on mobile");
  });

  it("sends an agent's reply back into the ticket's topic and nowhere else", async () => {
    const checkout = await openTopic("Checkout");
    const invoices = await openTopic("Invoices");
    await writeInTopic(checkout, "Checkout fails with error 500");
    await writeInTopic(invoices, "Invoice 77 shows the wrong VAT number");
    const ticket = ticketWith("Checkout fails");
    await t.zendesk.agentComment(ticket?.id ?? 0, { body: "We fixed the checkout", public: true });
    await settle(t);
    expect(topicTexts(checkout).at(-1)).toMatch(/We fixed the checkout/);
    expect(topicTexts(invoices).join("\n")).not.toMatch(/We fixed the checkout/);
  });

  describe("while the topic's ticket is being made", () => {
    const TICKET_CREATE = { method: "POST", path: /\/api\/v2\/tickets(\.json)?$/ };

    it("keeps the later messages and posts them on the ticket, in order, once it is made", async () => {
      const topic = await openTopic("Checkout");
      // Zendesk is down: the topic's first message waits for its ticket while the member goes on writing.
      t.zendesk.failNext(TICKET_CREATE, { status: 503 }, 9);
      await writeInTopic(topic, "Checkout fails with error 500");
      expect(t.stack.bus.deadLetters).toHaveLength(1);
      const kept = await writeInTopic(topic, "It fails on mobile too");
      await writeInTopic(topic, "And with another card");
      expect(topicTexts(topic).join("\n")).not.toMatch(/send that message again/);
      expect(
        t.telegram.calls.filter(
          (c) => c.method === "setMessageReaction" && c.params.message_id === kept.message?.message_id,
        ),
      ).toHaveLength(1);

      await post(`${t.url}/local/dead-letters/replay`, {});
      await settle(t);
      const ticket = ticketWith("Checkout fails with error 500");
      expect(t.zendesk.comments(ticket?.id ?? 0).map((c) => c.body)).toEqual([
        "Checkout fails with error 500",
        "It fails on mobile too",
        "And with another card",
      ]);
      // Asked again (a replay, a redelivered event), routing posts them once.
      await post(`${t.url}/local/dead-letters/replay`, {});
      await t.telegram.redeliver(kept.update_id);
      await settle(t);
      expect(t.zendesk.comments(ticket?.id ?? 0)).toHaveLength(3);
      // Later messages go straight to the ticket.
      await writeInTopic(topic, "Fixed now, thanks");
      expect(t.zendesk.comments(ticket?.id ?? 0).at(-1)?.body).toBe("Fixed now, thanks");
    });

    it("asks for the ticket again when the topic's first message is redelivered after the bus refused it", async () => {
      const topic = await openTopic("Checkout");
      vi.spyOn(t.stack.bus, "publish").mockRejectedValueOnce(new Error("EventBridge throttled the request"));
      // Answered 500, so Telegram delivers the update again.
      await writeInTopic(topic, "Checkout fails with error 500");
      await writeInTopic(topic, "It fails on mobile too");
      const ticket = ticketWith("Checkout fails with error 500");
      expect(t.zendesk.comments(ticket?.id ?? 0).map((c) => c.body)).toEqual([
        "Checkout fails with error 500",
        "It fails on mobile too",
      ]);
    });

    it("says so in words where the group allows no reactions", async () => {
      const topic = await openTopic("Checkout");
      t.zendesk.failNext(TICKET_CREATE, { status: 503 }, 9);
      await writeInTopic(topic, "Checkout fails with error 500");
      t.telegram.failNext("setMessageReaction", {
        error_code: 400,
        description: "Bad Request: REACTION_INVALID",
      });
      await writeInTopic(topic, "It fails on mobile too");
      expect(topicTexts(topic).at(-1)).toMatch(/goes on the topic's ticket as soon as it is open/);
    });
  });

  it("comments once when a topic message is redelivered", async () => {
    const topic = await openTopic("Checkout");
    await writeInTopic(topic, "Checkout fails with error 500");
    const update = await writeInTopic(topic, "Any news?");
    await t.telegram.redeliver(update.update_id);
    await settle(t);
    const ticket = ticketWith("Checkout fails");
    expect(t.zendesk.comments(ticket?.id ?? 0).filter((c) => c.body === "Any news?")).toHaveLength(1);
  });
});
