import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { post } from "../support/http.js";
import { startTestStack, type TestStack } from "../support/test-stack.js";
import { buttonsOf, Customer } from "./intake-support.js";
import { settle, ticketFor } from "./two-way-support.js";

let t: TestStack;
beforeEach(async () => {
  t = await startTestStack();
});
afterEach(() => t.close());

/** Moves the stack's clock as an operator would: each advance runs the scanner once. */
const advanceMinutes = async (minutes: number) => {
  const response = await post(`${t.url}/local/clock/advance`, { seconds: minutes * 60 });
  expect(response.body).not.toHaveProperty("scanError");
};
const nudgesOf = (customer: Customer, pattern: RegExp) =>
  customer.botMessages().filter((m) => pattern.test(m.text ?? ""));
const QUESTION_NUDGE = /has not reached our team yet/;
const FORM_NUDGE = /is not sent yet/;

describe("a message waiting for the customer to choose its request", () => {
  async function twoTickets(ann: Customer) {
    await ticketFor(t, ann, "First issue with my parcel");
    return ticketFor(t, ann, "Second issue, a different parcel");
  }

  it("is pointed at once, under its question, half an hour after it was asked", async () => {
    const ann = new Customer(t);
    const second = await twoTickets(ann);
    await ann.say("Any update?");
    const question = ann.botMessages().at(-1);
    await advanceMinutes(29);
    expect(nudgesOf(ann, QUESTION_NUDGE)).toEqual([]);
    await advanceMinutes(2);
    const [nudge, ...more] = nudgesOf(ann, QUESTION_NUDGE);
    expect(nudge?.text).toBe(
      "⏳ Your message has not reached our team yet: choose its request above, and it is sent at once.",
    );
    expect(nudge?.reply_to_message?.message_id).toBe(question?.message_id);
    expect(more).toEqual([]);
    await advanceMinutes(120);
    expect(nudgesOf(ann, QUESTION_NUDGE)).toHaveLength(1);
    await ann.press(new RegExp(`^#${second} `));
    await settle(t);
    expect(t.zendesk.comments(second).at(-1)?.body).toBe("Any update?");
  });

  it("is not pointed at once the customer chose, nor while they are still writing", async () => {
    const ann = new Customer(t);
    const second = await twoTickets(ann);
    await ann.say("Any update?");
    await ann.press(new RegExp(`^#${second} `));
    await advanceMinutes(31);
    expect(nudgesOf(ann, QUESTION_NUDGE)).toEqual([]);

    // A burst keeps its question open while each message comes within 10 minutes of the last.
    await ann.say("One more thing");
    for (const note of ["and another", "and a third", "and the last"]) {
      await advanceMinutes(8);
      await ann.say(note);
    }
    await advanceMinutes(7);
    expect(nudgesOf(ann, QUESTION_NUDGE)).toEqual([]);
    await advanceMinutes(4);
    expect(nudgesOf(ann, QUESTION_NUDGE)).toHaveLength(1);
  });

  it("says how to send a message that waits on the new-request offer", async () => {
    const ann = new Customer(t);
    await ann.say("my parcel never came");
    await advanceMinutes(31);
    expect(nudgesOf(ann, QUESTION_NUDGE).map((m) => m.text)).toEqual([
      "⏳ Your message has not reached our team yet. To send it, press “➕ New request” above.",
    ]);
  });

  it("is sent at the next scan when Telegram refused it, and only once", async () => {
    const ann = new Customer(t);
    await twoTickets(ann);
    await ann.say("Any update?");
    t.telegram.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 30",
      retry_after: 30,
    });
    await advanceMinutes(31);
    expect(nudgesOf(ann, QUESTION_NUDGE)).toEqual([]);
    await advanceMinutes(1);
    await advanceMinutes(1);
    expect(nudgesOf(ann, QUESTION_NUDGE)).toHaveLength(1);
  });

  it("is not tried again for a customer who blocked the bot", async () => {
    const ann = new Customer(t);
    await twoTickets(ann);
    await ann.say("Any update?");
    t.telegram.failNext("sendMessage", {
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    await advanceMinutes(31);
    const calls = t.telegram.calls.length;
    await advanceMinutes(1);
    expect(t.telegram.calls.slice(calls).filter((c) => c.method === "sendMessage")).toEqual([]);
  });
});

describe("a form left unsent", () => {
  async function leaveForm(ann: Customer) {
    await ann.say("/new");
    await ann.press(/Shipping/);
    await ann.say("A-10023");
    await ann.press(/Standard/);
    await ann.say("The parcel never arrived");
  }

  it("is recalled once, an hour after it was last touched, with a way back to it", async () => {
    const ann = new Customer(t);
    await leaveForm(ann);
    await advanceMinutes(59);
    expect(nudgesOf(ann, FORM_NUDGE)).toEqual([]);
    await advanceMinutes(2);
    const [nudge] = nudgesOf(ann, FORM_NUDGE);
    expect(nudge?.text).toBe(
      "📝 Your request (🚚 Shipping & delivery) is not sent yet. It is kept for 22 more hours: " +
        "press Continue to finish it, or send /cancel to drop it.",
    );
    expect(nudge && buttonsOf(nudge).map((b) => b.text)).toEqual(["▶️ Continue"]);
    await advanceMinutes(180);
    expect(nudgesOf(ann, FORM_NUDGE)).toHaveLength(1);

    await ann.press("▶️ Continue");
    expect(ann.formMessage().text).toMatch(/You have a request in progress[\s\S]*Received: 1 message/);
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    await settle(t);
    expect(t.zendesk.tickets().at(-1)?.description).toBe("The parcel never arrived");
  });

  it("says the form was sent when Continue is pressed after it, instead of opening another", async () => {
    const ann = new Customer(t);
    await leaveForm(ann);
    await advanceMinutes(61);
    const [nudge] = nudgesOf(ann, FORM_NUDGE);
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    const forms = ann.botMessages().filter((m) => /New support request/.test(m.text ?? "")).length;
    const calls = t.telegram.calls.length;
    const [continueData] = nudge
      ? buttonsOf(nudge).flatMap((button) => ("callback_data" in button ? [button.callback_data] : []))
      : [];
    await ann.pressOn(nudge?.message_id ?? 0, continueData ?? "");
    const answer = t.telegram.calls.slice(calls).find((c) => c.method === "answerCallbackQuery");
    expect(answer?.params).toMatchObject({ show_alert: true, text: expect.stringMatching(/already sent/) });
    expect(ann.botMessages().filter((m) => /New support request/.test(m.text ?? ""))).toHaveLength(forms);
  });

  it("waits an hour from the customer's last step, and is never sent for a form sent or cancelled", async () => {
    const ann = new Customer(t);
    await leaveForm(ann);
    await advanceMinutes(50);
    await ann.say("It was due on Monday");
    await advanceMinutes(20);
    expect(nudgesOf(ann, FORM_NUDGE)).toEqual([]);
    await advanceMinutes(41);
    expect(nudgesOf(ann, FORM_NUDGE)).toHaveLength(1);

    const bob = new Customer(t, { firstName: "Bob" });
    await leaveForm(bob);
    await bob.press(/Done/);
    await bob.press(/Confirm/);
    const cy = new Customer(t, { firstName: "Cy" });
    await leaveForm(cy);
    await cy.say("/cancel");
    await advanceMinutes(61);
    expect(nudgesOf(bob, FORM_NUDGE)).toEqual([]);
    expect(nudgesOf(cy, FORM_NUDGE)).toEqual([]);
  });

  it("is written in the language the form is shown in", async () => {
    const ivan = new Customer(t, { firstName: "Иван", languageCode: "ru" });
    await ivan.say("/new");
    await ivan.press(/Доставка/);
    await advanceMinutes(61);
    expect(nudgesOf(ivan, /ещё не отправлено/).map((m) => m.text)).toEqual([
      "📝 Ваше обращение (🚚 Доставка) ещё не отправлено. Оно сохранится ещё 22 часа: нажмите «Продолжить», " +
        "чтобы закончить его, или отправьте /cancel, чтобы удалить.",
    ]);
  });
});
