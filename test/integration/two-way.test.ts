import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../support/test-stack.js";
import { Customer, fileTicket, settle as settleStack } from "./intake-support.js";

let t: TestStack;
beforeEach(async () => {
  t = await startTestStack();
});
afterEach(() => t.close());

const ticketFor = (customer: Customer, description?: string) => fileTicket(t, customer, description);
const settle = () => settleStack(t);

describe("ticket creation", () => {
  it("attaches the photo and document the customer sent in the form to the ticket's first comment", async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    await ann.press(/Shipping/);
    await ann.say("A-10023");
    await ann.press(/Standard/);
    await ann.say("The box arrived crushed");
    await ann.sendPhoto("photo of the box");
    await ann.sendDocument("receipt.pdf");
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    await settle();
    const ticket = t.zendesk.tickets().at(-1);
    expect(t.stack.bus.deadLetters).toEqual([]);
    expect(ticket && t.zendesk.comments(ticket.id)[0]?.attachments).toHaveLength(2);
  });
});

describe("Zendesk to Telegram", () => {
  it("delivers a public agent reply with a header naming the ticket and the agent", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(ann);
    await t.zendesk.agentComment(id, {
      html_body: "<p>Hello <b>Ann</b>, it ships <i>today</i> &amp; arrives soon.</p>",
      public: true,
      authorName: "Boris Petrov",
    });
    await settle();
    const reply = ann.botMessages().at(-1);
    expect(reply?.text).toMatch(new RegExp(`#${id}.*Boris Petrov`));
    expect(reply?.text).toMatch(/Hello Ann, it ships today & arrives soon\./);
    expect(reply?.entities?.some((e) => e.type === "bold")).toBe(true);
  });

  it("never sends a private note", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(ann);
    const before = ann.botMessages().length;
    await t.zendesk.agentComment(id, { body: "internal: customer sounds upset", public: false });
    await settle();
    expect(ann.botMessages()).toHaveLength(before);
  });

  it("splits a reply over 4,096 characters into marked parts, in order", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(ann);
    const paragraph = "Мы проверили вашу посылку 📦 и всё в порядке. ".repeat(40);
    await t.zendesk.agentComment(id, { body: [paragraph, paragraph, paragraph].join("\n\n"), public: true });
    await settle();
    const parts = ann.botMessages().filter((m) => /\(\d\/\d\)/.test(m.text ?? ""));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect((part.text ?? "").length).toBeLessThanOrEqual(4096);
  });

  it("tells the customer when the ticket is solved", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(ann);
    await t.zendesk.setStatus(id, "solved");
    await settle();
    expect(ann.lastBotText()).toMatch(new RegExp(`#${id} is solved`));
  });

  it("sends the files of an agent comment as a photo and a document", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(ann);
    await t.zendesk.agentComment(id, {
      body: "Here is the label and the invoice",
      public: true,
      attachments: [
        { fileName: "label.png", contentType: "image/png", bytes: Buffer.from("png-bytes") },
        { fileName: "invoice.pdf", contentType: "application/pdf", bytes: Buffer.from("%PDF-1.4") },
      ],
    });
    await settle();
    const sent = ann.botMessages().slice(-2);
    expect(sent[0]?.photo).toBeDefined();
    expect(sent[1]?.document?.file_name).toBe("invoice.pdf");
  });

  it("delivers a reply after Telegram answered 429 with retry_after", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(ann);
    t.telegram.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      retry_after: 1,
    });
    await t.zendesk.agentComment(id, { body: "Thanks for waiting", public: true });
    await settle();
    expect(ann.lastBotText()).toMatch(/Thanks for waiting/);
  });

  it("leaves an internal note when the customer blocked the bot", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(ann);
    t.telegram.blockBot(ann.id);
    await t.zendesk.agentComment(id, { body: "Any news?", public: true });
    await settle();
    const notes = t.zendesk.comments(id).filter((c) => !c.public);
    expect(notes.some((c) => /could not be delivered/.test(c.body))).toBe(true);
  });
});

describe("Telegram to Zendesk", () => {
  it("adds a customer's message to their one open ticket as a public comment by the requester", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(ann);
    await ann.say("I also noticed the box was damaged");
    await settle();
    const last = t.zendesk.comments(id).at(-1);
    expect(last?.body).toBe("I also noticed the box was damaged");
    expect(last?.public).toBe(true);
    expect(last?.author_id).toBe(t.zendesk.ticket(id)?.requester_id);
  });

  it("asks which ticket when several are open, and follows a reply to a ticket's message", async () => {
    const ann = new Customer(t);
    const first = await ticketFor(ann, "First issue with my parcel");
    await ticketFor(ann, "Second issue, a different parcel");
    await ann.say("Any update?");
    expect(ann.lastBotText()).toMatch(/several open tickets/);
    const aboutFirst = ann.botMessages().find((m) => m.text?.includes(`#${first}`));
    if (!aboutFirst) throw new Error("the bot named the first ticket");
    await t.telegram.sendText({
      from: { id: ann.id },
      text: "This is about the first one",
      replyToMessageId: aboutFirst.message_id,
    });
    await settle();
    expect(t.zendesk.comments(first).at(-1)?.body).toBe("This is about the first one");
  });

  it("attaches a photo the customer sends about their ticket", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(ann);
    await ann.sendPhoto("the damaged box");
    await settle();
    const last = t.zendesk.comments(id).at(-1);
    expect(last?.body).toBe("the damaged box");
    expect(last?.attachments).toHaveLength(1);
  });

  it("adds an edited message as a new comment marked edited", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(ann);
    const update = await ann.say("The courier was rude");
    await settle();
    const messageId = update.message?.message_id ?? 0;
    await t.telegram.editText({ chatId: ann.id, messageId, text: "The courier was very rude" });
    await settle();
    expect(t.zendesk.comments(id).at(-1)?.body).toBe("edited: The courier was very rude");
  });

  it("comments once however often the update is redelivered", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(ann);
    const update = await ann.say("Please call me");
    await t.telegram.redeliver(update.update_id);
    await t.telegram.redeliver(update.update_id);
    await settle();
    expect(t.zendesk.comments(id).filter((c) => c.body === "Please call me")).toHaveLength(1);
  });
});
