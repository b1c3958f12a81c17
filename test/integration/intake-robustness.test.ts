import type { Message } from "grammy/types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../support/test-stack.js";
import {
  atDescription,
  buttonsOf,
  Customer,
  captureSubmissions,
  freshUpdateId,
  postUpdate,
  textUpdate,
} from "./intake-support.js";

let t: TestStack;
let submitted: ReturnType<typeof captureSubmissions>;
beforeAll(async () => {
  t = await startTestStack();
  submitted = captureSubmissions(t);
});
afterAll(() => t.close());
afterEach(() => {
  expect(t.telegram.unansweredCallbackQueries()).toEqual([]);
});

const callsSince = (from: number) => t.telegram.calls.slice(from).map((c) => c.method);

/** A callback query for a button of `message`, built by hand to deliver directly or at the same time as another. */
function pressUpdate(customer: Customer, message: Message, label: RegExp, id = `q-${freshUpdateId(t)}`) {
  const button = buttonsOf(message).find((b) => label.test(b.text));
  return {
    update_id: freshUpdateId(t),
    callback_query: {
      id,
      from: { id: customer.id, is_bot: false, first_name: "Ann", language_code: "en" },
      chat_instance: "1",
      message,
      data: button && "callback_data" in button ? button.callback_data : "",
    },
  };
}

describe("redelivered updates", () => {
  it("answers a redelivered button press as a duplicate and changes nothing", async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    const press = await ann.press(/Shipping/);
    const form = ann.formMessage().text;
    const calls = t.telegram.calls.length;
    await t.telegram.redeliver(press.update_id);
    expect(callsSince(calls)).toEqual([]);
    expect(await postUpdate(t, press)).toEqual({ status: 200, body: { ok: true, outcome: "duplicate" } });
    expect(ann.formMessage().text).toBe(form);
  });

  it("answers a redelivered text as a duplicate without a second reply", async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    await ann.press(/Payment/);
    const typed = await ann.say("A-10023");
    const messages = ann.botMessages().length;
    await t.telegram.redeliver(typed.update_id);
    expect(await postUpdate(t, typed)).toMatchObject({ body: { outcome: "duplicate" } });
    expect(ann.botMessages()).toHaveLength(messages);
    expect(ann.formMessage().text).toMatch(/How urgent is it\?/);
  });

  it("does not add a redelivered description message twice", async () => {
    const ann = new Customer(t);
    await atDescription(ann);
    const part = await ann.say("It never came");
    await t.telegram.redeliver(part.update_id);
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    expect((await submitted.of(ann))[0]?.description).toBe("It never came");
  });

  it("publishes no second event for a redelivered Confirm", async () => {
    const ann = new Customer(t);
    await atDescription(ann);
    await ann.say("It never came");
    await ann.press(/Done/);
    const confirm = await ann.press(/Confirm/);
    await t.telegram.redeliver(confirm.update_id);
    expect(await postUpdate(t, confirm)).toMatchObject({ body: { outcome: "duplicate" } });
    expect(await submitted.of(ann)).toHaveLength(1);
  });

  it("handles the same update delivered twice at once only once", async () => {
    const ann = new Customer(t);
    await atDescription(ann);
    const update = textUpdate(t, ann, "It never came");
    const outcomes = await Promise.all([postUpdate(t, update), postUpdate(t, update)]);
    expect(outcomes.map((o) => o.status)).toEqual([200, 200]);
    expect(outcomes.map((o) => o.body.outcome).sort()).toEqual(["duplicate", "processed"]);
    expect(ann.formMessage().text).toContain("Received: 1 message.");
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    expect((await submitted.of(ann))[0]?.description).toBe("It never came");
  });
});

describe("concurrent updates of one chat", () => {
  it("applies two messages sent at the same moment exactly once each", async () => {
    const ann = new Customer(t);
    await atDescription(ann);
    const first = textUpdate(t, ann, "first part");
    const second = textUpdate(t, ann, "second part");
    const outcomes = await Promise.all([postUpdate(t, first), postUpdate(t, second)]);
    expect(outcomes.map((o) => o.body.outcome)).toEqual(["processed", "processed"]);
    expect(ann.formMessage().text).toContain("Received: 2 messages.");
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    const description = (await submitted.of(ann))[0]?.description ?? "";
    expect(description.split("\n\n").sort()).toEqual(["first part", "second part"]);
  });

  it("leaves one live form message after a message and a button press at the same moment", async () => {
    const ann = new Customer(t);
    await atDescription(ann);
    await ann.say("first part");
    const form = ann.formMessage();
    const outcomes = await Promise.all([
      postUpdate(t, textUpdate(t, ann, "second part")),
      postUpdate(t, pressUpdate(ann, form, /Done/)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([200, 200]);
    expect(ann.liveFormMessages()).toHaveLength(1);
  });

  it("shows the form on one message when a button of the previous form message is pressed late", async () => {
    const ann = new Customer(t);
    await atDescription(ann);
    await ann.say("first part");
    const old = ann.formMessage();
    await ann.say("second part");
    // Telegram delivers in order: a press made before the bot removed the old keyboard arrives after the text.
    await postUpdate(t, pressUpdate(ann, old, /Done/));
    expect(ann.liveFormMessages()).toHaveLength(1);
    expect(ann.formMessage().text).toMatch(/^Please check your request/);
  });
});

describe("a double-tapped Confirm", () => {
  it("submits one request id however often its event is published, and answers both presses", async () => {
    const ann = new Customer(t);
    await atDescription(ann);
    await ann.say("It never came");
    await ann.press(/Done/);
    const summary = ann.formMessage();
    const outcomes = await Promise.all([
      postUpdate(t, pressUpdate(ann, summary, /Confirm/)),
      postUpdate(t, pressUpdate(ann, summary, /Confirm/)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([200, 200]);
    const events = await submitted.of(ann);
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(new Set(events.map((e) => e.requestId)).size).toBe(1);
    expect(ann.liveFormMessages()).toEqual([]);
  });
});

describe("malformed updates", () => {
  it.each([
    ["not JSON", "{oops"],
    ["no update_id", { message: { text: "hi" } }],
    ["a negative update_id", { update_id: -1 }],
    ["a message without a chat", { update_id: 1, message: { message_id: 1, date: 1, text: "hi" } }],
    ["a callback query without an id", { update_id: 2, callback_query: { from: { id: 1 } } }],
    ["an array", [1, 2, 3]],
  ])("refuses %s with 400 and a reason", async (_, body) => {
    const response = await postUpdate(t, body);
    expect(response.status).toBe(400);
    expect(String(response.body.error)).not.toBe("");
  });

  it("keeps serving customers after malformed updates", async () => {
    expect((await postUpdate(t, { update_id: 3, message: "not an object" })).status).toBe(400);
    const ann = new Customer(t);
    await ann.say("/new");
    expect(ann.formMessage().text).toMatch(/What is your request about\?/);
  });
});

describe("Telegram pushing back", () => {
  it("retries a reply Telegram refused with 429 and delivers it", async () => {
    const ann = new Customer(t);
    t.telegram.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      retry_after: 1,
    });
    const calls = t.telegram.calls.length;
    await ann.say("/help");
    expect(ann.lastBotText()).toMatch(/How it works/);
    const sends = t.telegram.calls.slice(calls).filter((c) => c.method === "sendMessage");
    expect(sends.map((c) => (c.response as { ok: boolean }).ok)).toEqual([false, true]);
  });

  it("acknowledges updates of a customer who blocked the bot, once, without retries", async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    const before = t.telegram.webhookDeliveries.length;
    t.telegram.blockBot(ann.id);
    // A message sent just before blocking, delivered after it: every reply now gets 403.
    const late = textUpdate(t, ann, "/start");
    await t.telegram.deliverRaw(late);
    await t.telegram.waitForIdle();
    const deliveries = t.telegram.webhookDeliveries.slice(before);
    expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
    expect(deliveries.at(-1)?.updateId).toBe(late.update_id);
  });

  it("keeps serving other customers while one has blocked the bot", async () => {
    const blocked = new Customer(t);
    await blocked.say("/new");
    t.telegram.blockBot(blocked.id);
    await postUpdate(t, textUpdate(t, blocked, "/new"));
    const ann = new Customer(t);
    await ann.say("/new");
    expect(ann.formMessage().text).toMatch(/What is your request about\?/);
  });
});

describe("stale and forged buttons", () => {
  const answersTo = (queryId: string) =>
    t.telegram.calls.filter(
      (c) => c.method === "answerCallbackQuery" && c.params.callback_query_id === queryId,
    );

  // Telegram only sends data that was on a button, so these come straight to the webhook; the emulator does
  // not know their query ids and refuses the answers, which the bot must shrug off.
  it.each(["f1:zzzzzzzz:c:shipping", "f1:zzzzzzzz:q", "garbage", "l1:xx", "x".repeat(80)])(
    "answers %j as expired and leaves the form alone",
    async (data) => {
      const ann = new Customer(t);
      await ann.say("/new");
      const form = ann.formMessage();
      const press = pressUpdate(ann, form, /Shipping/);
      press.callback_query.data = data;
      expect(await postUpdate(t, press)).toEqual({ status: 200, body: { ok: true, outcome: "processed" } });
      expect(answersTo(press.callback_query.id).map((c) => c.params.text)).toEqual([
        "This form has expired. Send /new to start a new request.",
      ]);
      expect(ann.formMessage()).toEqual(form);
    },
  );

  it("refuses a forged edit of the order ID for a category that takes none, without a word", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary({ category: /Account/, priority: /Standard/, description: ["Locked out"] });
    await ann.press(/Edit/);
    const editing = ann.formMessage();
    const press = pressUpdate(ann, editing, /Priority/);
    press.callback_query.data = press.callback_query.data.replace(/:priority$/, ":orderId");
    await postUpdate(t, press);
    expect(answersTo(press.callback_query.id).map((c) => c.params.text)).toEqual([undefined]);
    expect(ann.formMessage().text).toBe(editing.text);
  });

  it("takes no press on a form replaced by /new: its buttons are gone", async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    const old = ann.formMessage();
    await ann.say("/new");
    const press = ann.pressOn(old.message_id, pressUpdate(ann, old, /Shipping/).callback_query.data);
    await expect(press).rejects.toThrow(/has no button/);
  });

  it("applies a late press on the message a form moved from to the form where it is now", async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    const old = ann.formMessage();
    await ann.say("/new");
    const press = pressUpdate(ann, old, /Shipping/);
    await postUpdate(t, press);
    expect(answersTo(press.callback_query.id)).toHaveLength(1);
    expect(ann.formMessage().message_id).not.toBe(old.message_id);
    expect(ann.formMessage().text).toContain("Shipping");
    expect(ann.formMessage().text).not.toMatch(/What is your request about\?/);
  });

  it("tells a second tap on Confirm, after the first went through, that the request was already sent", async () => {
    const ann = new Customer(t);
    await atDescription(ann);
    await ann.say("It never came");
    await ann.press(/Done/);
    const summary = ann.formMessage();
    await ann.press(/Confirm/);
    const late = pressUpdate(ann, summary, /Confirm/);
    await postUpdate(t, late);
    expect(answersTo(late.callback_query.id)[0]?.params).toMatchObject({
      text: "✅ This request was already sent. Its ticket number comes (or came) in this chat; /status lists it.",
      show_alert: false,
    });
    expect(await submitted.of(ann)).toHaveLength(1);
  });

  it("tells a late tap on a cancelled form's button that the request was cancelled", async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    const form = ann.formMessage();
    await ann.press(/Cancel/);
    const late = pressUpdate(ann, form, /Shipping/);
    await postUpdate(t, late);
    expect(answersTo(late.callback_query.id)[0]?.params).toMatchObject({
      text: "Request cancelled. Send /new whenever you need us.",
      show_alert: false,
    });
  });

  it("answers a second tap on Done without a word, and the form stays on its summary", async () => {
    const ann = new Customer(t);
    await atDescription(ann);
    await ann.say("It never came");
    const description = ann.formMessage();
    await ann.press(/Done/);
    const late = pressUpdate(ann, description, /Done/);
    await postUpdate(t, late);
    expect(answersTo(late.callback_query.id).map((c) => c.params.text)).toEqual([undefined]);
    expect(ann.formMessage().text).toMatch(/Please check your request/);
    expect(ann.botMessages().filter((m) => /use the buttons/.test(m.text ?? ""))).toEqual([]);
  });
});
