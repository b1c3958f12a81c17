import type { InlineKeyboardButton } from "grammy/types";
import { afterAll, afterEach, beforeAll, describe, expect, it, type MockInstance, vi } from "vitest";
import { DEFAULT_ARTICLES } from "../../src/local/emulators/zendesk/seed.js";
import { silentLogger, startTestStack, type TestStack } from "../support/test-stack.js";
import { buttonsOf, Customer, captureSubmissions, postUpdate } from "./intake-support.js";

let t: TestStack;
let submitted: ReturnType<typeof captureSubmissions>;
let info: MockInstance;
let warn: MockInstance;
beforeAll(async () => {
  const logger = silentLogger();
  info = vi.spyOn(logger, "info");
  warn = vi.spyOn(logger, "warn");
  // The emulator's demo Help Center: public articles in en-us and ru, and one for agents only.
  t = await startTestStack({}, { helpCenterArticles: DEFAULT_ARTICLES, logger });
  submitted = captureSubmissions(t);
});
afterAll(() => t.close());
afterEach(() => {
  expect(t.telegram.unansweredCallbackQueries()).toEqual([]);
});

const late = {
  category: /Shipping/,
  orderId: "A-10023",
  priority: /Standard/,
  description: ["Where is my order?", "The tracking number has not changed for a week."],
};
const pozdno = {
  category: /Доставка/,
  orderId: "A-10023",
  priority: /Обычный/,
  description: ["Где мой заказ?", "Трек-номер не меняется уже неделю."],
};

const links = (customer: Customer) =>
  buttonsOf(customer.formMessage()).flatMap((b: InlineKeyboardButton) =>
    "url" in b && b.url ? [{ text: b.text, url: b.url }] : [],
  );
const labels = (customer: Customer) => buttonsOf(customer.formMessage()).map((b) => b.text);
const eventsOf = async (customer: Customer) => {
  await t.stack.bus.drain();
  return submitted.events.filter((e) => e.chatId === customer.chatId);
};
const callbackAnswerOf = (update: { callback_query?: { id: string } }) =>
  t.telegram.callbackQueries().find((q) => q.id === update.callback_query?.id)?.answer;
const deflections = () =>
  info.mock.calls.filter(([message]) => message === "request deflected by help center articles");

describe("articles offered before the summary", () => {
  it("shows matching English articles as link buttons on the form message, edited in place", async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    await ann.press(late.category);
    await ann.say(late.orderId);
    await ann.press(late.priority);
    for (const part of late.description) await ann.say(part);
    const form = ann.formMessage().message_id;
    await ann.press(/Done/);
    expect(ann.formMessage().message_id).toBe(form);
    expect(ann.formMessage().text).toMatch(/These help articles may answer your question/);
    expect(links(ann)[0]).toEqual({
      text: "📄 Where is my order? Tracking your delivery",
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/hc\/en-us\/articles\/\d+-where-is-my-order/),
    });
    expect(labels(ann).slice(-3)).toEqual(["✅ This solved it", "💬 I still need help", "✖️ Cancel"]);
    expect(links(ann).length).toBeLessThanOrEqual(3);
    expect((await fetch(links(ann)[0]?.url ?? "")).status).toBe(200);
  });

  it("shows Russian articles, in Russian, to a Russian-speaking customer", async () => {
    const ivan = new Customer(t, { firstName: "Иван", languageCode: "ru" });
    await ivan.fillToSummary(pozdno);
    expect(ivan.formMessage().text).toMatch(/Возможно, ответ есть в этих статьях/);
    expect(links(ivan)[0]?.text).toBe("📄 Где мой заказ? Отслеживание доставки");
    expect(links(ivan).every((l) => l.url.includes("/hc/ru/articles/"))).toBe(true);
    expect(labels(ivan).slice(-3)).toEqual([
      "✅ Это решило вопрос",
      "💬 Мне всё ещё нужна помощь",
      "✖️ Отменить",
    ]);
  });

  it("never offers an article restricted to agents", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary({
      ...late,
      category: /Returns/,
      description: ["Can you refund before the return arrives? The parcel is with the carrier."],
    });
    const titles = links(ann).map((l) => l.text);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.join("\n")).not.toMatch(/Agents only/);
  });
});

describe("This solved it", () => {
  it("closes the form without a request or ticket, and logs a deflection", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary(late);
    const form = ann.formMessage().message_id;
    const tickets = t.zendesk.tickets().length;
    await ann.press(/This solved it/);
    expect(await eventsOf(ann)).toEqual([]);
    expect(t.zendesk.tickets()).toHaveLength(tickets);
    const closed = ann.botMessages().find((m) => m.message_id === form);
    expect(closed?.text).toMatch(/^🎉 Glad that helped! No ticket was opened\./);
    expect(closed?.entities?.some((e) => e.type === "text_link")).toBe(true);
    expect(ann.liveFormMessages()).toEqual([]);
    const logged = deflections().filter(([, details]) => details.locale === "en");
    expect(logged.at(-1)?.[1]).toMatchObject({
      requestId: expect.any(String),
      articles: expect.arrayContaining([expect.stringMatching(/\/hc\/en-us\/articles\//)]),
    });
    await ann.say("/status");
    expect(ann.lastBotText()).toMatch(/You have no requests yet/);
  });

  it("counts a redelivered This solved it once", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary(late);
    const before = deflections().length;
    const press = await ann.press(/This solved it/);
    await t.telegram.redeliver(press.update_id);
    expect(await postUpdate(t, press)).toMatchObject({ body: { outcome: "duplicate" } });
    expect(deflections()).toHaveLength(before + 1);
  });

  it("answers an article button of an expired form as expired", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary(late);
    t.clock.advance(24 * 3600 + 1);
    const before = deflections().length;
    const press = await ann.press(/This solved it/);
    expect(callbackAnswerOf(press)).toMatchObject({
      text: "This form has expired. Send /new to start a new request.",
      showAlert: true,
    });
    expect(deflections()).toHaveLength(before);
    expect(ann.liveFormMessages()).toEqual([]);
  });
});

describe("I still need help", () => {
  it("goes on to the summary, and the ticket's internal note lists the articles offered", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary(late);
    const offered = links(ann);
    await ann.press(/I still need help/);
    expect(ann.formMessage().text).toMatch(/^Please check your request/);
    await ann.press(/Confirm/);
    const [event] = await eventsOf(ann);
    expect(event?.suggestedArticles).toEqual(
      offered.map((l) => ({ title: l.text.replace(/^📄 /, ""), url: l.url })),
    );
    const ticket = t.zendesk
      .tickets()
      .find((tk) => tk.external_id === `telegram-request:${event?.requestId}`);
    const notes = t.zendesk.comments(ticket?.id ?? 0).filter((c) => !c.public);
    const note = notes.find((c) => c.body.startsWith("Help Center articles offered in Telegram"));
    for (const { url } of offered) expect(note?.body).toContain(url);
    expect(note?.body).toContain("- Where is my order? Tracking your delivery: ");
  });

  it("does not offer articles again after the description is edited", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary(late);
    await ann.press(/I still need help/);
    await ann.press(/Edit/);
    await ann.press(/^Description$/);
    await ann.say("My refund has not arrived.");
    await ann.press(/Done/);
    expect(ann.formMessage().text).toMatch(/^Please check your request/);
  });
});

describe("when the Help Center fails", () => {
  it.each([
    ["answers 503", { status: 503 }],
    ["drops the connection", "reset"],
  ] as const)("goes straight to the summary when it %s", async (_, fault) => {
    const ann = new Customer(t);
    const warnings = warn.mock.calls.length;
    t.zendesk.failNext({ path: /\/help_center\/articles\/search/ }, fault);
    await ann.fillToSummary(late);
    expect(ann.formMessage().text).toMatch(/^Please check your request/);
    expect(links(ann)).toEqual([]);
    expect(warn.mock.calls.slice(warnings).map(([message]) => message)).toContain(
      "help center search failed; the form goes on to the summary",
    );
    await ann.press(/Confirm/);
    const [event] = await eventsOf(ann);
    expect(event?.suggestedArticles).toBeUndefined();
  });

  it("goes straight to the summary when nothing matches", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary({ ...late, description: ["Zzzz qqqq xxxx"] });
    expect(ann.formMessage().text).toMatch(/^Please check your request/);
  });
});
