import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { post, zendeskHeaders } from "../support/http.js";
import { startTestStack, type TestStack } from "../support/test-stack.js";
import {
  atDescription,
  buttonsOf,
  Customer,
  freshUpdateId,
  postUpdate,
  submitRequest,
  textUpdate,
} from "./intake-support.js";
import { manualPress, settle, ticketFor } from "./two-way-support.js";

let t: TestStack;
beforeEach(async () => {
  t = await startTestStack();
});
afterEach(() => t.close());

describe("ticket creation", () => {
  it("tells agents who the customer is in Telegram: their @handle and id on the requester's profile", async () => {
    const boris = new Customer(t, { firstName: "Boris", username: "borisk" });
    const id = await ticketFor(t, boris);
    const requester = t.zendesk.users().find((u) => u.id === t.zendesk.ticket(id)?.requester_id);
    expect(requester).toMatchObject({ name: "Boris", details: `Telegram: @borisk, user id ${boris.id}` });
    const console = await fetch(`${t.zendesk.url}/`).then((r) => r.text());
    expect(console).toContain(`Requester <b>Boris</b> (Telegram: @borisk, user id ${boris.id})`);
  });

  it("attaches the photo and document the customer sent in the form to the ticket's first comment", async () => {
    const ann = new Customer(t);
    await atDescription(ann);
    await ann.say("The box arrived crushed");
    await ann.sendPhoto("photo of the box");
    await ann.sendDocument("receipt.pdf");
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    await settle(t);
    const ticket = t.zendesk.tickets().at(-1);
    expect(t.stack.bus.deadLetters).toEqual([]);
    expect(ticket && t.zendesk.comments(ticket.id)[0]?.attachments).toHaveLength(2);
  });

  it("creates the ticket without a file Telegram no longer hands over, and tells the agents", async () => {
    const ann = new Customer(t);
    await atDescription(ann);
    await ann.say("The box arrived crushed");
    const base = textUpdate(t, ann, "-", 920_001);
    const { text: _text, ...message } = base.message;
    const photo = [{ file_id: "no-such-file", file_unique_id: "gone-1", width: 800, height: 600 }];
    await postUpdate(t, { ...base, message: { ...message, photo } });
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    await settle(t);
    expect(t.stack.bus.deadLetters).toEqual([]);
    const ticket = t.zendesk.tickets().at(-1);
    if (!ticket) throw new Error("no ticket was created");
    expect(t.zendesk.comments(ticket.id)[0]?.attachments ?? []).toEqual([]);
    expect(
      t.zendesk
        .comments(ticket.id)
        .some((c) => !c.public && /1 file\(s\) from Telegram could not be attached/.test(c.body)),
    ).toBe(true);
    expect(ann.lastBotText()).toMatch(new RegExp(`#${ticket.id}`));
  });
});

describe("Zendesk to Telegram", () => {
  it("delivers a public agent reply with a header naming the ticket and the agent", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(t, ann);
    await t.zendesk.agentComment(id, {
      html_body: "<p>Hello <b>Ann</b>, it ships <i>today</i> &amp; arrives soon.</p>",
      public: true,
      authorName: "Boris Petrov",
    });
    await settle(t);
    const reply = ann.botMessages().at(-1);
    expect(reply?.text).toMatch(new RegExp(`#${id}.*Boris Petrov`));
    expect(reply?.text).toMatch(/Hello Ann, it ships today & arrives soon\./);
    expect(reply?.entities?.some((e) => e.type === "bold")).toBe(true);
  });

  it("delivers a comment once when it arrives again under another event id (a second webhook)", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(t, ann);
    await t.zendesk.agentComment(id, { body: "Hi Ann, checking with the courier.", public: true });
    await settle(t);
    const delivered = ann.botMessages().length;
    const event = t.zendesk.events.findLast((e) => e.type === "zen:event-type:ticket.comment_added");
    if (!event) throw new Error("the emulator emits comment events");
    const webhookId = t.zendesk.webhookDeliveries.at(-1)?.webhookId ?? "";
    const raw = JSON.stringify({ ...event, id: `${event.id}-second-webhook` });
    const again = await post(
      `${t.url}/zendesk/webhook`,
      raw,
      zendeskHeaders(t.zendesk.signingSecret(webhookId), raw, t.clock.now()),
    );
    expect(again).toMatchObject({ status: 200, body: { outcome: "processed" } });
    await settle(t);
    expect(ann.botMessages()).toHaveLength(delivered);
  });

  it("never sends a private note", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(t, ann);
    const before = ann.botMessages().length;
    await t.zendesk.agentComment(id, { body: "internal: customer sounds upset", public: false });
    await settle(t);
    expect(ann.botMessages()).toHaveLength(before);
  });

  it("splits a reply over 4,096 characters into marked parts, in order", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(t, ann);
    await ticketFor(t, ann, "Another issue");
    const paragraph = "Мы проверили вашу посылку 📦 и всё в порядке. ".repeat(40);
    await t.zendesk.agentComment(id, { body: [paragraph, paragraph, paragraph].join("\n\n"), public: true });
    await settle(t);
    const parts = ann.botMessages().filter((m) => /^\(\d\/\d( · #\d+)?\)/.test(m.text ?? ""));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect((part.text ?? "").length).toBeLessThanOrEqual(4096);
    // A later part names its ticket, so a customer's reply to it reaches the ticket.
    const last = parts.at(-1);
    expect(last?.text).toMatch(new RegExp(`^\\(${parts.length}/${parts.length} · #${id}\\) `));
    // One Answer button, under the last part.
    expect(parts.map((part) => buttonsOf(part).map((b) => b.text))).toEqual([
      ...parts.slice(1).map(() => []),
      ["↩️ Answer"],
    ]);
    await t.telegram.sendText({
      from: { id: ann.id },
      text: "Thanks, got it",
      replyToMessageId: last?.message_id,
    });
    await settle(t);
    expect(t.zendesk.comments(id).at(-1)?.body).toBe("Thanks, got it");
  });

  it("tells the customer when an agent closes the ticket outright, but not when Zendesk closes a solved one", async () => {
    const ann = new Customer(t);
    const closed = await ticketFor(t, ann, "First issue");
    await t.zendesk.setStatus(closed, "closed");
    await settle(t);
    expect(ann.lastBotText()).toBe(`🔒 Ticket #${closed} is closed. Send /new if you still need help.`);
    const solved = await ticketFor(t, ann, "Second issue");
    await t.zendesk.setStatus(solved, "solved");
    await settle(t);
    const notices = ann.botMessages().length;
    await t.zendesk.setStatus(solved, "closed");
    await settle(t);
    expect(ann.botMessages()).toHaveLength(notices);
  });

  it("tells the customer when the ticket is solved", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(t, ann);
    await t.zendesk.setStatus(id, "solved");
    await settle(t);
    expect(ann.lastBotText()).toMatch(new RegExp(`#${id} is solved`));
  });

  it("sends the files of an agent comment as a photo and a document", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(t, ann);
    await t.zendesk.agentComment(id, {
      body: "Here is the label and the invoice",
      public: true,
      attachments: [
        { fileName: "label.png", contentType: "image/png", bytes: Buffer.from("png-bytes") },
        { fileName: "invoice.pdf", contentType: "application/pdf", bytes: Buffer.from("%PDF-1.4") },
      ],
    });
    await settle(t);
    const sent = ann.botMessages().slice(-2);
    expect(sent[0]?.photo).toBeDefined();
    expect(sent[1]?.document?.file_name).toBe("invoice.pdf");
  });

  it("delivers a reply after Telegram answered 429 with retry_after", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(t, ann);
    t.telegram.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      retry_after: 1,
    });
    await t.zendesk.agentComment(id, { body: "Thanks for waiting", public: true });
    await settle(t);
    expect(ann.lastBotText()).toMatch(/Thanks for waiting/);
  });

  it("paces a burst of replies to one chat instead of running into Telegram's flood limit", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(t, ann);
    const before = t.telegram.calls.length;
    for (let i = 1; i <= 6; i++) await t.zendesk.agentComment(id, { body: `Update ${i}`, public: true });
    await settle(t);
    const sends = t.telegram.calls.slice(before).filter((c) => c.method === "sendMessage");
    expect(sends.filter((c) => (c.response as { error_code?: number }).error_code === 429)).toEqual([]);
    expect(
      ann
        .botMessages()
        .slice(-6)
        .map((m) => m.text?.split("\n").at(-1)),
    ).toEqual([1, 2, 3, 4, 5, 6].map((i) => `Update ${i}`));
  });

  it("leaves an internal note when the customer blocked the bot", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(t, ann);
    t.telegram.blockBot(ann.id);
    await t.zendesk.agentComment(id, { body: "Any news?", public: true });
    await settle(t);
    const notes = t.zendesk.comments(id).filter((c) => !c.public);
    expect(notes.some((c) => /could not be delivered/.test(c.body))).toBe(true);
  });
});

describe("Telegram to Zendesk", () => {
  it("tells a customer who starts again how to add to a request already sent, above the new form", async () => {
    const ann = new Customer(t);
    await ann.say("/start");
    expect(ann.botMessages().at(-2)?.text).toMatch(/^Hello, Ann! [^\n]*$/);
    await ann.press(/Cancel/);
    await ticketFor(t, ann);
    await ann.say("/start");
    expect(ann.botMessages().at(-2)?.text).toMatch(
      /^Hello, Ann!.*\n\nIf this is about a request you already sent, tap ↩️ Answer under our reply there/s,
    );
    expect(ann.formMessage().text).toMatch(/What is your request about\?/);
  });

  it("adds a customer's message to their one open ticket as a public comment by the requester", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(t, ann);
    await ann.say("I also noticed the box was damaged");
    await settle(t);
    const last = t.zendesk.comments(id).at(-1);
    expect(last?.body).toBe("I also noticed the box was damaged");
    expect(last?.public).toBe(true);
    expect(last?.author_id).toBe(t.zendesk.ticket(id)?.requester_id);
  });

  it("adds a shared location to their one open ticket with a map link", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(t, ann);
    const update = textUpdate(t, ann, "-", 900_601);
    const { text: _text, ...message } = update.message;
    await postUpdate(t, {
      ...update,
      message: { ...message, location: { latitude: 51.5, longitude: -0.12 } },
    });
    await settle(t);
    expect(t.zendesk.comments(id).at(-1)?.body).toBe(
      "📍 51.500000, -0.120000\nhttps://maps.google.com/?q=51.500000,-0.120000",
    );
  });

  it("sends a reply to a ticket's message to that ticket while a new form is open, and keeps the form", async () => {
    const ann = new Customer(t);
    const first = await ticketFor(t, ann, "First issue with my parcel");
    const reply = ann.botMessages().find((m) => m.text?.includes(`#${first}`));
    await ann.say("/new");
    await ann.press(/Account/);
    await ann.press(/Standard/);
    await t.telegram.sendText({
      from: { id: ann.id },
      text: "Tom, when will the change be done?",
      replyToMessageId: reply?.message_id,
    });
    await settle(t);
    expect(t.zendesk.comments(first).at(-1)?.body).toBe("Tom, when will the change be done?");
    expect(ann.formMessage().text).toMatch(/Describe the problem/);
    expect(ann.formMessage().text).not.toMatch(/Received: 1 message/);
  });

  it("answers an agent's question through the reply's Answer button while a new form is open", async () => {
    const ann = new Customer(t);
    const first = await ticketFor(t, ann, "First issue with my parcel");
    await ann.say("/new");
    await ann.press(/Shipping/);
    await ann.say("A-10023");
    await ann.press(/Standard/);
    await t.zendesk.agentComment(first, { body: "Which delivery address should we use?", public: true });
    await settle(t);
    const agentReply = ann.botMessages().find((m) => m.text?.includes("Which delivery address"));
    expect(agentReply && buttonsOf(agentReply).map((b) => b.text)).toEqual(["↩️ Answer"]);
    await ann.press("↩️ Answer");
    const prompt = ann.botMessages().at(-1);
    expect(prompt?.text).toBe(`✍️ Your answer to ticket #${first}:`);
    await t.telegram.sendText({
      from: { id: ann.id },
      text: "5 Lenin St, flat 21",
      replyToMessageId: prompt?.message_id,
    });
    await settle(t);
    expect(t.zendesk.comments(first).at(-1)?.body).toBe("5 Lenin St, flat 21");
    expect(ann.formMessage().text).toMatch(/Describe the problem/);
    expect(ann.formMessage().text).not.toMatch(/Received: 1 message/);
  });

  it("says at the press of Answer that a ticket closed for good takes no answer", async () => {
    const ann = new Customer(t);
    const ticket = await ticketFor(t, ann, "First issue with my parcel");
    await t.zendesk.agentComment(ticket, { body: "It is on its way again.", public: true });
    await t.zendesk.setStatus(ticket, "solved");
    await t.zendesk.setStatus(ticket, "closed");
    await settle(t);
    const calls = t.telegram.calls.length;
    await ann.press("↩️ Answer");
    const answer = t.telegram.calls.slice(calls).find((c) => c.method === "answerCallbackQuery");
    expect(answer?.params.text).toBe(
      `Ticket #${ticket} is closed and can no longer be reopened. Send /new if you still need help.`,
    );
    expect(ann.botMessages().some((m) => m.text?.startsWith("✍️ Your answer"))).toBe(false);
    const reply = ann.botMessages().find((m) => m.text?.includes("It is on its way again."));
    expect(reply && buttonsOf(reply)).toEqual([]);
  });

  it("follows a reply to a ticket's message when several are open", async () => {
    const ann = new Customer(t);
    const first = await ticketFor(t, ann, "First issue with my parcel");
    await ticketFor(t, ann, "Second issue, a different parcel");
    const aboutFirst = ann.botMessages().find((m) => m.text?.includes(`#${first}`));
    if (!aboutFirst) throw new Error("the bot named the first ticket");
    await t.telegram.sendText({
      from: { id: ann.id },
      text: "This is about the first one",
      replyToMessageId: aboutFirst.message_id,
    });
    await settle(t);
    expect(t.zendesk.comments(first).at(-1)?.body).toBe("This is about the first one");
  });

  it("attaches a photo the customer sends about their ticket", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(t, ann);
    await ann.sendPhoto("the damaged box");
    await settle(t);
    const last = t.zendesk.comments(id).at(-1);
    expect(last?.body).toBe("the damaged box");
    expect(last?.attachments).toHaveLength(1);
  });

  it("adds an edited message as a new comment marked edited", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(t, ann);
    const update = await ann.say("The courier was rude");
    await settle(t);
    const messageId = update.message?.message_id ?? 0;
    await t.telegram.editText({ chatId: ann.id, messageId, text: "The courier was very rude" });
    await settle(t);
    expect(t.zendesk.comments(id).at(-1)?.body).toBe("edited: The courier was very rude");
  });

  it("comments once the redelivered update gets through when the bus refused the message at first", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(t, ann);
    vi.spyOn(t.stack.bus, "publish").mockRejectedValueOnce(new Error("EventBridge throttled the request"));
    const update = textUpdate(t, ann, "The courier left it at the wrong door", 900_301);
    expect((await postUpdate(t, update)).status).toBe(500);
    expect((await postUpdate(t, update)).status).toBe(200);
    expect((await postUpdate(t, update)).body.outcome).toBe("duplicate");
    await settle(t);
    expect(
      t.zendesk.comments(id).filter((c) => c.body === "The courier left it at the wrong door"),
    ).toHaveLength(1);
  });

  it("comments once however often the update is redelivered", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(t, ann);
    const update = await ann.say("Please call me");
    await t.telegram.redeliver(update.update_id);
    await t.telegram.redeliver(update.update_id);
    await settle(t);
    expect(t.zendesk.comments(id).filter((c) => c.body === "Please call me")).toHaveLength(1);
  });
});

describe("a message right after Confirm", () => {
  const TICKET_CREATE = { method: "POST", path: /\/api\/v2\/tickets(\.json)?$/ };

  it("waits for the ticket of the request just sent, and goes there, not to an older open ticket", async () => {
    const ann = new Customer(t);
    const older = await ticketFor(t, ann, "First issue with my parcel");
    // Zendesk is down: the new request waits for its ticket when the customer adds a detail.
    t.zendesk.failNext(TICKET_CREATE, { status: 503 }, 9);
    await submitRequest(ann, "Second issue: the kettle does not heat");
    await settle(t);
    expect(t.stack.bus.deadLetters).toHaveLength(1);
    await ann.say("It is model KT-200, bought a month ago");
    await settle(t);
    expect(t.zendesk.comments(older).some((c) => c.body.includes("KT-200"))).toBe(false);
    expect(ann.botMessages().some((m) => /Which request/.test(m.text ?? ""))).toBe(false);

    await post(`${t.url}/local/dead-letters/replay`, {});
    await settle(t);
    const newer = t.zendesk.tickets().at(-1)?.id ?? 0;
    expect(newer).not.toBe(older);
    expect(t.zendesk.comments(newer).map((c) => c.body)).toEqual([
      "Second issue: the kettle does not heat",
      "It is model KT-200, bought a month ago",
    ]);
    // Asked again (a redelivery), routing posts it once.
    await post(`${t.url}/local/dead-letters/replay`, {});
    await settle(t);
    expect(t.zendesk.comments(newer)).toHaveLength(2);
  });

  it("is not kept on an older request that never got its ticket", async () => {
    const ann = new Customer(t);
    t.zendesk.failNext(TICKET_CREATE, { status: 503 }, 9);
    await submitRequest(ann, "First issue: lost in an outage");
    await settle(t);
    expect(t.stack.bus.deadLetters).toHaveLength(1);
    const filed = await ticketFor(t, ann, "Second issue: the kettle");
    await ann.say("The kettle is model KT-200");
    await settle(t);
    expect(t.zendesk.comments(filed).at(-1)?.body).toBe("The kettle is model KT-200");
  });

  it("still goes where the customer replied, to an older ticket's message", async () => {
    const ann = new Customer(t);
    const older = await ticketFor(t, ann, "First issue with my parcel");
    const notice = ann.botMessages().find((m) => m.text?.includes(`#${older}`));
    t.zendesk.failNext(TICKET_CREATE, { status: 503 }, 2);
    await submitRequest(ann, "Second issue: the kettle does not heat");
    await t.telegram.sendText({
      from: { id: ann.id, firstName: "Ann" },
      text: "And the parcel?",
      replyToMessageId: notice?.message_id,
    });
    await settle(t);
    expect(t.zendesk.comments(older).at(-1)?.body).toBe("And the parcel?");
  });
});

describe("several open tickets", () => {
  /** Two open tickets of Ann's, oldest first. */
  async function twoTickets(ann: Customer): Promise<[number, number]> {
    const first = await ticketFor(t, ann, "First issue with my parcel");
    const second = await ticketFor(t, ann, "Second issue, a different parcel");
    return [first, second];
  }

  it("sends the answer to the one ticket waiting for the customer, and says which", async () => {
    const ann = new Customer(t);
    const [first, second] = await twoTickets(ann);
    await t.zendesk.agentComment(second, {
      body: "Which e-mail is the account registered to?",
      public: true,
    });
    await t.zendesk.setStatus(second, "pending");
    await settle(t);
    expect(ann.lastBotText()).toMatch(new RegExp(`#${second}.*waiting for your reply`));
    await ann.say("olga@example.com");
    expect(ann.lastBotText()).toBe(`Added to ticket #${second}.`);
    await settle(t);
    expect(t.zendesk.comments(second).at(-1)?.body).toBe("olga@example.com");
    expect(t.zendesk.comments(first).some((c) => c.body === "olga@example.com")).toBe(false);
  });

  it("sends a message naming one ticket (its order ID or number) there, not to the one waiting", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary({
      category: /Shipping/,
      orderId: "A-55555",
      priority: /Standard/,
      description: ["My parcel never came"],
    });
    await ann.press(/Confirm/);
    await settle(t);
    const parcel = t.zendesk.tickets().at(-1)?.id ?? 0;
    const refund = await ticketFor(t, ann, "I was charged twice for order A-10023");
    await t.zendesk.setStatus(refund, "pending");
    await settle(t);
    await ann.say("My parcel still hasn't arrived, order A 55555");
    expect(ann.lastBotText()).toBe(`Added to ticket #${parcel}.`);
    await ann.say(`And the courier for #${parcel} never called`);
    expect(ann.lastBotText()).toBe(`Added to ticket #${parcel}.`);
    await settle(t);
    expect(t.zendesk.comments(parcel).map((c) => c.body)).toEqual([
      "My parcel never came",
      "My parcel still hasn't arrived, order A 55555",
      `And the courier for #${parcel} never called`,
    ]);
    expect(t.zendesk.comments(refund).some((c) => c.body.includes("parcel"))).toBe(false);
  });

  it("does not carry the message again when only its acknowledgement failed", async () => {
    const ann = new Customer(t);
    const [, second] = await twoTickets(ann);
    await t.zendesk.setStatus(second, "pending");
    await settle(t);
    t.telegram.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 30",
      retry_after: 30,
    });
    const update = textUpdate(t, ann, "olga@example.com", 900_701);
    expect((await postUpdate(t, update)).status).toBe(200);
    expect((await postUpdate(t, update)).body.outcome).toBe("duplicate");
    await settle(t);
    expect(t.zendesk.comments(second).filter((c) => c.body === "olga@example.com")).toHaveLength(1);
  });

  it("asks about an edit on its own even while one ticket waits for the customer", async () => {
    const ann = new Customer(t);
    const [first, second] = await twoTickets(ann);
    const sent = await ann.say("The address is 12 Baker Street");
    await ann.press(new RegExp(`^#${first} `));
    await t.zendesk.setStatus(second, "pending");
    await settle(t);
    const messageId = sent.message?.message_id ?? 0;
    await t.telegram.editText({ chatId: ann.id, messageId, text: "The address is 12 Baker Street, Flat 3" });
    expect(ann.botMessages().at(-1)?.text).toMatch(/^Which request is this about\?/);
    await settle(t);
    expect(t.zendesk.comments(second).some((c) => c.body.includes("Flat 3"))).toBe(false);
  });

  it("asks which request with a button per open ticket and a new request button", async () => {
    const ann = new Customer(t);
    const [first, second] = await twoTickets(ann);
    await ann.say("Any update?");
    const question = ann.botMessages().at(-1);
    expect(question?.text).toBe(
      "Which request is this about?\nYour message reaches our team once you choose.",
    );
    const labels = (question ? buttonsOf(question) : []).map((b) => b.text);
    expect(labels).toEqual([
      expect.stringMatching(new RegExp(`^#${second} 🚚 Shipping & delivery: Second issue`)),
      expect.stringMatching(new RegExp(`^#${first} 🚚 Shipping & delivery: First issue`)),
      "➕ New request",
    ]);
  });

  it("sends the held message, with its photo, to the ticket pressed and shows the choice in place", async () => {
    const ann = new Customer(t);
    const [first, second] = await twoTickets(ann);
    await ann.sendPhoto("the label is torn");
    const press = await ann.press(new RegExp(`^#${first} `));
    await settle(t);
    const comment = t.zendesk.comments(first).at(-1);
    expect(comment?.body).toBe("the label is torn");
    expect(comment?.attachments).toHaveLength(1);
    expect(t.zendesk.comments(second).some((c) => c.body === "the label is torn")).toBe(false);
    const question = ann
      .botMessages()
      .find((m) => m.message_id === press.callback_query?.message?.message_id);
    expect(question?.text).toBe(`Added to ticket #${first}.`);
    expect(question && buttonsOf(question)).toEqual([]);
    expect(t.telegram.unansweredCallbackQueries()).toEqual([]);
  });

  it("asks once for a burst of messages and sends them all, in order, to the ticket pressed", async () => {
    const ann = new Customer(t);
    const [first, second] = await twoTickets(ann);
    await ann.say("msg A");
    await ann.say("msg B");
    await ann.sendDocument("receipt.pdf", "msg C");
    const questions = ann.botMessages().filter((m) => /^Which request/.test(m.text ?? ""));
    expect(questions.map((q) => q.text)).toEqual([
      "Which request are these 3 messages about?\nThey reach our team once you choose.",
    ]);
    await ann.press(new RegExp(`^#${first} `));
    await settle(t);
    expect(t.stack.bus.deadLetters).toEqual([]);
    // One comment, in the order written: separate events are not delivered in order.
    expect(t.zendesk.comments(first).at(-1)?.body).toBe("msg A\n\nmsg B\n\nmsg C");
    expect(t.zendesk.comments(first).at(-1)?.attachments).toHaveLength(1);
    expect(t.zendesk.comments(second).some((c) => c.body.includes("msg "))).toBe(false);

    await ann.say("msg D");
    expect(ann.botMessages().at(-1)?.text).toBe(
      "Which request is this about?\nYour message reaches our team once you choose.",
    );
  });

  it("asks about an edit on its own, never adding it to another message's open question", async () => {
    const ann = new Customer(t);
    const [first, second] = await twoTickets(ann);
    const earlier = await ann.say("12 Baker Street, London");
    await ann.press(new RegExp(`^#${first} `));
    await ann.say("Another thing");
    const messageId = earlier.message?.message_id ?? 0;
    await t.telegram.editText({ chatId: ann.id, messageId, text: "12 Baker Street, Flat 3, London NW1" });
    const questions = ann.botMessages().filter((m) => /^Which request/.test(m.text ?? ""));
    expect(questions.map((q) => q.text)).toEqual([
      "Which request is this about?\nYour message reaches our team once you choose.",
      "Which request is this about?\nYour message reaches our team once you choose.",
    ]);
    const press = (question: (typeof questions)[number] | undefined, ticket: number) => {
      const button = question && buttonsOf(question).find((b) => b.text.startsWith(`#${ticket} `));
      if (!question || !button || !("callback_data" in button)) throw new Error("no ticket button");
      return ann.pressOn(question.message_id, button.callback_data);
    };
    await press(questions[0], second);
    await press(questions[1], first);
    await settle(t);
    expect(t.zendesk.comments(second).at(-1)?.body).toBe("Another thing");
    expect(t.zendesk.comments(first).at(-1)?.body).toBe("edited: 12 Baker Street, Flat 3, London NW1");
  });

  it("takes an edit of a message waiting for the choice in its place, asking nothing more", async () => {
    const ann = new Customer(t);
    const [first, second] = await twoTickets(ann);
    const sent = await ann.say("The address is 12 Baker Street");
    const joined = await ann.say("Call before you come");
    const edit = (message: typeof sent, text: string) =>
      t.telegram.editText({ chatId: ann.id, messageId: message.message?.message_id ?? 0, text });
    await edit(sent, "The address is 12 Baker Street, Flat 3");
    // After the burst went quiet, too.
    t.clock.advance(11 * 60);
    await edit(joined, "Call before you come: +44 20 7946 0000");
    await edit(sent, "The address is 12 Baker Street, Flat 3B");
    expect(ann.botMessages().filter((m) => /^Which request/.test(m.text ?? ""))).toHaveLength(1);
    const reactions = t.telegram.calls.filter((c) => c.method === "setMessageReaction");
    expect(reactions.map((c) => c.params.reaction)).toContainEqual([{ type: "emoji", emoji: "✍" }]);
    await ann.press(new RegExp(`^#${second} `));
    await settle(t);
    expect(t.zendesk.comments(second).at(-1)?.body).toBe(
      "The address is 12 Baker Street, Flat 3B\n\nCall before you come: +44 20 7946 0000",
    );
    expect(t.zendesk.comments(first).some((c) => c.body.includes("Baker Street"))).toBe(false);
  });

  it("carries the edited text of a message waiting for the new-request offer into the form", async () => {
    const ann = new Customer(t);
    const sent = await ann.say("My parcel never came");
    await t.telegram.editText({
      chatId: ann.id,
      messageId: sent.message?.message_id ?? 0,
      text: "My parcel A-10023 never came",
    });
    expect(ann.botMessages().filter((m) => /open a new support request/.test(m.text ?? ""))).toHaveLength(1);
    await ann.press(/New request/);
    await ann.press(/Shipping/);
    expect(ann.botMessages().at(-1)?.text).toMatch(/A-10023/);
  });

  it("carries the whole amended burst into the form when Telegram shows the offered message as edited", async () => {
    const ann = new Customer(t);
    const first = await ann.say("My parcel never came");
    await ann.say("It was a gift");
    const edited = "My parcel A-10023 never came";
    await t.telegram.editText({ chatId: ann.id, messageId: first.message?.message_id ?? 0, text: edited });
    const offer = ann.botMessages().find((m) => /open a new support request/.test(m.text ?? ""));
    if (!offer?.reply_to_message) throw new Error("the offer replies to the first message");
    // Telegram shows the replied-to message as it is now, with its edit date.
    const press = manualPress(t, ann, offer.message_id, "n1");
    press.callback_query.message = {
      ...offer,
      reply_to_message: { ...offer.reply_to_message, text: edited, edit_date: offer.date + 5 },
    };
    await postUpdate(t, press);
    await ann.press(/Shipping/);
    await ann.press(/Standard/);
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    await settle(t);
    expect(t.zendesk.tickets().at(-1)?.description).toBe(`${edited}\n\nIt was a gift`);
    // Released with the form: nothing is left to say it has not reached the team.
    await post(`${t.url}/local/clock/advance`, { seconds: 31 * 60 });
    expect(ann.botMessages().some((m) => /has not reached our team/.test(m.text ?? ""))).toBe(false);
  });

  it("asks again at the bottom of the chat for a message after a quiet spell", async () => {
    const ann = new Customer(t);
    const [first, second] = await twoTickets(ann);
    await ann.say("msg A");
    const older = ann.botMessages().at(-1);
    t.clock.advance(11 * 60);
    await ann.say("msg B");
    const newer = ann.botMessages().at(-1);
    expect(newer?.message_id).not.toBe(older?.message_id);
    expect(newer?.text).toBe("Which request is this about?\nYour message reaches our team once you choose.");
    await ann.press(new RegExp(`^#${second} `));
    const olderButton = older && buttonsOf(older).find((b) => b.text.startsWith(`#${first} `));
    if (!older || !olderButton || !("callback_data" in olderButton)) throw new Error("no ticket button");
    await ann.pressOn(older.message_id, olderButton.callback_data);
    await settle(t);
    expect(t.zendesk.comments(second).at(-1)?.body).toBe("msg B");
    expect(t.zendesk.comments(first).at(-1)?.body).toBe("msg A");
  });

  it("offers a ticket filed while the question was open once another message joins it", async () => {
    const ann = new Customer(t);
    await twoTickets(ann);
    await ann.say("msg A");
    const question = ann.botMessages().at(-1);
    const third = await ticketFor(t, ann, "Third issue, the refund");
    await ann.say("msg B");
    const edited = ann.botMessages().find((m) => m.message_id === question?.message_id);
    expect(edited?.text).toBe(
      "Which request are these 2 messages about?\nThey reach our team once you choose.",
    );
    expect(edited && buttonsOf(edited).map((b) => b.text)).toContainEqual(
      expect.stringMatching(new RegExp(`^#${third} `)),
    );
    await ann.press(new RegExp(`^#${third} `));
    await settle(t);
    expect(t.zendesk.comments(third).at(-1)?.body).toBe("msg A\n\nmsg B");
  });

  it("asks once for messages that arrive at the same moment, and sends them in the order written", async () => {
    const ann = new Customer(t);
    const [first] = await twoTickets(ann);
    // An album, or a fast typist: Telegram may deliver a chat's updates at once, to two instances.
    const outcomes = await Promise.all(
      ["msg A", "msg B", "msg C"].map((text, n) => postUpdate(t, textUpdate(t, ann, text, 900_101 + n))),
    );
    expect(outcomes.map((o) => o.body.outcome)).toEqual(["processed", "processed", "processed"]);
    await settle(t);
    const questions = ann.botMessages().filter((m) => /^Which request/.test(m.text ?? ""));
    expect(questions.map((q) => q.text)).toEqual([
      "Which request are these 3 messages about?\nThey reach our team once you choose.",
    ]);
    await ann.press(new RegExp(`^#${first} `));
    await settle(t);
    expect(t.zendesk.comments(first).at(-1)?.body).toBe("msg A\n\nmsg B\n\nmsg C");
  });

  describe("when Telegram refuses the question", () => {
    const floodLimit = { error_code: 429, description: "Too Many Requests: retry after 30", retry_after: 30 };
    /** Message A's question is refused while message B, delivered meanwhile, joins it. */
    async function refusedWhileBJoins(ann: Customer) {
      const a = textUpdate(t, ann, "msg A", 900_201);
      t.telegram.beforeNext("sendMessage", () => postUpdate(t, textUpdate(t, ann, "msg B", 900_202)));
      t.telegram.failNext("sendMessage", floodLimit);
      expect((await postUpdate(t, a)).status).toBe(500);
      expect(ann.botMessages().filter((m) => /^Which request/.test(m.text ?? ""))).toEqual([]);
      return a;
    }

    it("keeps the messages that joined it, and asks about them all when Telegram redelivers the first", async () => {
      const ann = new Customer(t);
      const [first] = await twoTickets(ann);
      const a = await refusedWhileBJoins(ann);
      expect((await postUpdate(t, a)).status).toBe(200);
      expect(ann.botMessages().at(-1)?.text).toBe(
        "Which request are these 2 messages about?\nThey reach our team once you choose.",
      );
      await ann.press(new RegExp(`^#${first} `));
      await settle(t);
      expect(t.zendesk.comments(first).at(-1)?.body).toBe("msg A\n\nmsg B");
    });

    it("carries them into the question a later message asked before the redelivery", async () => {
      const ann = new Customer(t);
      const [, second] = await twoTickets(ann);
      const a = await refusedWhileBJoins(ann);
      await postUpdate(t, textUpdate(t, ann, "msg C", 900_203));
      expect((await postUpdate(t, a)).status).toBe(200);
      const questions = ann.botMessages().filter((m) => /^Which request/.test(m.text ?? ""));
      expect(questions.map((q) => q.text)).toEqual([
        "Which request are these 3 messages about?\nThey reach our team once you choose.",
      ]);
      await ann.press(new RegExp(`^#${second} `));
      await settle(t);
      expect(t.zendesk.comments(second).at(-1)?.body).toBe("msg A\n\nmsg B\n\nmsg C");
    });
  });

  it("opens a new form from a burst's question with every message of the burst, and lets the burst go", async () => {
    const ann = new Customer(t);
    const [first] = await twoTickets(ann);
    await ann.say("first thought");
    await ann.say("second thought");
    await ann.sendPhoto("a photo of it");
    await ann.press("➕ New request");
    await ann.press(/Account/);
    await ann.press(/Standard/);
    expect(ann.formMessage().text).toMatch(/Received: 3 messages and 1 attachment\./);
    await ann.press(/Cancel/);
    await ann.press(/Yes, cancel it/);
    await ann.say("something else");
    expect(ann.botMessages().at(-1)?.text).toBe(
      "Which request is this about?\nYour message reaches our team once you choose.",
    );
    await ann.press(new RegExp(`^#${first} `));
    await settle(t);
    expect(t.zendesk.comments(first).at(-1)?.body).toBe("something else");
  });

  it("comments once when the press is redelivered or pressed twice", async () => {
    const ann = new Customer(t);
    const [first] = await twoTickets(ann);
    await ann.say("Please call me");
    const question = ann.botMessages().at(-1);
    const data = question && buttonsOf(question).find((b) => b.text.startsWith(`#${first} `));
    if (!question || !data || !("callback_data" in data)) throw new Error("no ticket button");
    const press = manualPress(t, ann, question.message_id, data.callback_data);
    await postUpdate(t, press);
    await postUpdate(t, press);
    await postUpdate(t, { ...press, update_id: freshUpdateId(t) });
    await settle(t);
    expect(t.zendesk.comments(first).filter((c) => c.body === "Please call me")).toHaveLength(1);
  });

  it("tells a press on a question whose message is no longer held to send the message again", async () => {
    const ann = new Customer(t);
    const [first] = await twoTickets(ann);
    await ann.say("Any update?");
    const before = t.zendesk.comments(first).length;
    t.clock.advance(25 * 3600);
    await ann.press(new RegExp(`^#${first} `));
    await settle(t);
    expect(t.telegram.callbackQueries().at(-1)?.answer?.text).toBe(
      "This question is no longer open. If your message has not reached a ticket, please send it again.",
    );
    expect(t.zendesk.comments(first)).toHaveLength(before);
  });

  it("opens a new form from the question's new request button", async () => {
    const ann = new Customer(t);
    await twoTickets(ann);
    await ann.say("Something else entirely");
    await ann.press("➕ New request");
    expect(ann.formMessage().text).toMatch(/New support request/);
    expect(ann.formMessage().text).toMatch(/Your message will open the description/);
    await ann.press(/Account/);
    await ann.press(/Standard/);
    await ann.press(/Done/);
    expect(ann.formMessage().text).toMatch(/Something else entirely/);
  });
});
