import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ratingButton } from "../../src/adapters/telegram/callback-data.js";
import { routingRules } from "../../src/config/routing-config.js";
import { api } from "../../src/local/emulators/zendesk/test-support.js";
import { startTestStack, type TestStack } from "../support/test-stack.js";
import { buttonsOf, Customer, postUpdate } from "./intake-support.js";
import { manualPress, settle, ticketFor } from "./two-way-support.js";

let t: TestStack;
beforeEach(async () => {
  t = await startTestStack();
});
afterEach(() => t.close());

/** A ticket of Ann's that the agent has just solved, and the notice that says so. */
async function solvedTicket(ann: Customer) {
  const id = await ticketFor(t, ann);
  await t.zendesk.setStatus(id, "solved");
  await settle(t);
  const notice = ann.botMessages().at(-1);
  if (!notice?.text?.includes(`#${id} is solved`)) throw new Error(`no solved notice:\n${ann.transcript()}`);
  return { id, notice };
}

async function satisfactionFieldValue(ticketId: number) {
  const { ticket_fields } = (await api(t.zendesk, "GET", "/ticket_fields")).json as {
    ticket_fields: Array<{ id: number; title: string }>;
  };
  const field = ticket_fields.find((f) => f.title === routingRules.ticketFields.satisfaction);
  return t.zendesk.ticket(ticketId)?.custom_fields.find((f) => f.id === field?.id)?.value;
}

describe("the solved notice", () => {
  it("offers Reopen and a 1-5 rating", async () => {
    const ann = new Customer(t);
    const { notice } = await solvedTicket(ann);
    expect(buttonsOf(notice).map((b) => b.text)).toEqual(["🔄 Reopen", "1", "2", "3", "4", "5"]);
  });

  it("records a rating in the satisfaction field, a csat tag and an internal note, and keeps Reopen", async () => {
    const ann = new Customer(t);
    const { id, notice } = await solvedTicket(ann);
    await ann.press("4");
    await settle(t);
    expect(await satisfactionFieldValue(id)).toBe("csat_4");
    expect(t.zendesk.ticket(id)?.tags).toContain("csat_4");
    const notes = t.zendesk.comments(id).filter((c) => !c.public);
    expect(notes.map((c) => c.body)).toContain("The customer rated this ticket 4 out of 5 in Telegram.");
    const edited = ann.botMessages().find((m) => m.message_id === notice.message_id);
    expect(edited?.text).toMatch(/You rated our help 4 out of 5/);
    expect(edited && buttonsOf(edited).map((b) => b.text)).toEqual(["🔄 Reopen"]);
    expect(t.telegram.unansweredCallbackQueries()).toEqual([]);
  });

  it("apologises for a low rating and points to Reopen instead of thanking", async () => {
    const ann = new Customer(t);
    const { notice } = await solvedTicket(ann);
    await ann.press("1");
    await settle(t);
    const edited = ann.botMessages().find((m) => m.message_id === notice.message_id);
    expect(edited?.text).toMatch(
      /You rated our help 1 out of 5\. We are sorry we let you down: press Reopen/,
    );
    expect(edited?.text).not.toMatch(/thank you/);
  });

  it("counts a rating pressed twice or redelivered once", async () => {
    const ann = new Customer(t);
    const { id, notice } = await solvedTicket(ann);
    const press = manualPress(t, ann, notice.message_id, ratingButton(id, 5));
    await postUpdate(t, press);
    await postUpdate(t, press);
    await postUpdate(t, manualPress(t, ann, notice.message_id, ratingButton(id, 5)));
    await settle(t);
    const notes = t.zendesk.comments(id).filter((c) => /rated this ticket/.test(c.body));
    expect(notes).toHaveLength(1);
  });

  it("reopens the ticket with a comment by the customer, and their next message goes to it", async () => {
    const ann = new Customer(t);
    const { id, notice } = await solvedTicket(ann);
    await ann.press(/Reopen/);
    await settle(t);
    expect(t.zendesk.ticket(id)?.status).toBe("open");
    const reopening = t.zendesk.comments(id).at(-1);
    expect(reopening?.public).toBe(true);
    expect(reopening?.author_id).toBe(t.zendesk.ticket(id)?.requester_id);
    const edited = ann.botMessages().find((m) => m.message_id === notice.message_id);
    expect(edited?.text).toMatch(new RegExp(`#${id} is open again`));
    expect(edited && buttonsOf(edited)).toEqual([]);
    await ann.say("The replacement is broken too");
    await settle(t);
    expect(t.zendesk.comments(id).at(-1)?.body).toBe("The replacement is broken too");
  });

  it("asks whether a message written after the solve is about the solved ticket, and reopens it if so", async () => {
    const ann = new Customer(t);
    const { id } = await solvedTicket(ann);
    await ann.say("Actually the parcel still has not arrived");
    const question = ann.botMessages().at(-1);
    expect(question?.text).toBe(
      "Which request is this about?\nYour message reaches our team once you choose.",
    );
    expect(question && buttonsOf(question).map((b) => b.text)).toEqual([
      expect.stringMatching(new RegExp(`^✅ #${id} 🚚 Shipping & delivery: `)),
      "➕ New request",
    ]);
    await ann.press(new RegExp(`#${id} `));
    await settle(t);
    expect(t.zendesk.comments(id).at(-1)?.body).toBe("Actually the parcel still has not arrived");
    expect(t.zendesk.ticket(id)?.status).toBe("open");
  });

  it("answers a thank-you after the solve without reopening the ticket or asking about it", async () => {
    const ann = new Customer(t);
    const { id } = await solvedTicket(ann);
    const comments = t.zendesk.comments(id).length;
    await ann.say("Спасибо большое, всё пришло!");
    expect(ann.lastBotText()).toBe("You're welcome! If anything else comes up, just write here.");
    await settle(t);
    expect(t.zendesk.ticket(id)?.status).toBe("solved");
    expect(t.zendesk.comments(id)).toHaveLength(comments);
    await ann.say("Thanks, but a second parcel is missing");
    expect(ann.lastBotText()).toBe(
      "Which request is this about?\nYour message reaches our team once you choose.",
    );
  });

  it("says the ticket is open again when a reply to its solved notice reopens it", async () => {
    const ann = new Customer(t);
    const { id, notice } = await solvedTicket(ann);
    await t.telegram.sendText({
      from: { id: ann.id },
      text: "It broke again after a day",
      replyToMessageId: notice.message_id,
    });
    expect(ann.lastBotText()).toBe(
      `🔄 Ticket #${id} is open again, with your message. Our team will answer here.`,
    );
    await settle(t);
    expect(t.zendesk.ticket(id)?.status).toBe("open");
    expect(t.zendesk.comments(id).at(-1)?.body).toBe("It broke again after a day");
  });

  it("answers a thank-you sent as a reply to the solved ticket's message without reopening it", async () => {
    const ann = new Customer(t);
    const { id, notice } = await solvedTicket(ann);
    await t.telegram.sendText({
      from: { id: ann.id },
      text: "Thank you so much!",
      replyToMessageId: notice.message_id,
    });
    expect(ann.lastBotText()).toBe("You're welcome! If anything else comes up, just write here.");
    await settle(t);
    expect(t.zendesk.ticket(id)?.status).toBe("solved");
  });

  it("tells a customer who replies to a closed ticket's message that it is closed, and comments nothing", async () => {
    const ann = new Customer(t);
    const { id, notice } = await solvedTicket(ann);
    await t.zendesk.setStatus(id, "closed");
    await settle(t);
    const comments = t.zendesk.comments(id).length;
    await t.telegram.sendText({
      from: { id: ann.id },
      text: "It broke again",
      replyToMessageId: notice.message_id,
    });
    await settle(t);
    expect(ann.lastBotText()).toBe(
      `Ticket #${id} is closed and can no longer be reopened. Send /new if you still need help.`,
    );
    expect(t.zendesk.comments(id)).toHaveLength(comments);
    expect(t.stack.bus.deadLetters).toEqual([]);
  });

  it("tells a rating press on a ticket closed for good that it can no longer be rated", async () => {
    const ann = new Customer(t);
    const { id } = await solvedTicket(ann);
    await t.zendesk.setStatus(id, "closed");
    await settle(t);
    const calls = t.telegram.calls.length;
    await ann.press("4");
    const answer = t.telegram.calls.slice(calls).find((c) => c.method === "answerCallbackQuery");
    expect(answer?.params.text).toBe(
      `Ticket #${id} is closed, so it can no longer be rated. Thank you all the same!`,
    );
    expect(t.zendesk.comments(id).some((c) => /rated this ticket/.test(c.body))).toBe(false);
  });

  it("answers 'expired' to a reopen button for someone else's ticket", async () => {
    const ann = new Customer(t);
    const { id, notice } = await solvedTicket(ann);
    const bob = new Customer(t, { firstName: "Bob" });
    await bob.say("/help");
    const forged = manualPress(t, bob, notice.message_id, `r1:${id}`);
    forged.callback_query.message = {
      ...notice,
      chat: { id: bob.chatId, type: "private", first_name: "Bob" },
    };
    await postUpdate(t, forged);
    await settle(t);
    expect(t.zendesk.ticket(id)?.status).toBe("solved");
  });

  it("tells a reopen press on a ticket closed for good to send /new, and takes the stale offer away", async () => {
    const ann = new Customer(t);
    const { id, notice } = await solvedTicket(ann);
    await t.zendesk.setStatus(id, "closed");
    await settle(t);
    await ann.pressOn(notice.message_id, `r1:${id}`);
    await settle(t);
    expect(t.telegram.callbackQueries().at(-1)?.answer?.text).toBe(
      `Ticket #${id} is closed and can no longer be reopened. Send /new if you still need help.`,
    );
    const shown = ann.botMessages().find((m) => m.message_id === notice.message_id);
    expect(shown?.text).toBe(`🔒 Ticket #${id} is closed. Send /new if you still need help.`);
    expect(shown && buttonsOf(shown)).toEqual([]);
    expect(t.zendesk.ticket(id)?.status).toBe("closed");
  });

  it("speaks the language the customer chose after the ticket was filed", async () => {
    const ann = new Customer(t);
    const id = await ticketFor(t, ann);
    await ann.say("/language");
    await ann.press(/Русский/);
    await t.zendesk.setStatus(id, "solved");
    await settle(t);
    expect(ann.botMessages().at(-1)?.text).toMatch(new RegExp(`^✅ Заявка #${id} решена`));
  });
});
