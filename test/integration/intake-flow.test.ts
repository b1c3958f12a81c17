import type { Message } from "grammy/types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DynamoIntakeStore } from "../../src/adapters/dynamodb/intake-store.js";
import { post } from "../support/http.js";
import { startTestStack, type TestStack } from "../support/test-stack.js";
import {
  atDescription,
  buttonsOf,
  Customer,
  captureSubmissions,
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

const shipping = {
  category: /Shipping/,
  orderId: "a-10023 ",
  priority: /Standard/,
  description: ["The parcel never arrived.", "Tracking says it was delivered on Monday."],
};
const labels = (customer: Customer) => buttonsOf(customer.formMessage()).map((b) => b.text);
const callbackAnswerOf = (update: { callback_query?: { id: string } }) =>
  t.telegram.callbackQueries().find((q) => q.id === update.callback_query?.id)?.answer;

describe("a request in English", () => {
  it("greets the customer by name on /start and shows the form with the categories", async () => {
    const ann = new Customer(t, { firstName: "Ann" });
    await ann.say("/start");
    const [welcome, form] = ann.botMessages();
    expect(welcome?.text).toMatch(/^Hello, Ann!/);
    expect(form?.text).toMatch(/New support request[\s\S]*What is your request about\?/);
    expect(labels(ann)).toEqual([
      "🚚 Shipping & delivery",
      "💳 Payment & billing",
      "↩️ Returns & refunds",
      "📦 Order changes",
      "👤 Account",
      "🛍 Product question",
      "💬 Other",
      "✖️ Cancel",
    ]);
  });

  it("edits the form message in place when a category is chosen", async () => {
    const ann = new Customer(t);
    await ann.say("/start");
    const before = ann.formMessage().message_id;
    const sent = ann.botMessages().length;
    await ann.press(/Shipping/);
    expect(ann.botMessages()).toHaveLength(sent);
    expect(ann.formMessage().message_id).toBe(before);
    expect(ann.formMessage().text).toMatch(/Category: 🚚 Shipping & delivery[\s\S]*send your order ID/);
  });

  it("takes a typed order ID in canonical form and shows the form below it", async () => {
    const ann = new Customer(t);
    await ann.say("/start");
    await ann.press(/Shipping/);
    const old = ann.formMessage().message_id;
    await ann.say("a-10023 ");
    expect(ann.formMessage().message_id).toBeGreaterThan(old);
    expect(ann.formMessage().text).toMatch(/Order ID: A-10023[\s\S]*How urgent is it\?/);
  });

  it("keeps the order ID's question above the answer, and one form below a description in several messages", async () => {
    const ann = new Customer(t);
    await ann.say("/start");
    await ann.press(/Shipping/);
    await ann.say("A-10023");
    await ann.press(/Standard/);
    await ann.say("The parcel never arrived.");
    await ann.sendPhoto("The tracking page");
    await ann.say("Nobody rang the bell.");
    const bot = ann.botMessages().filter((m) => m.text !== undefined && /New support request/.test(m.text));
    // The form as it asked for the order ID, and the form now: no copy between the description's messages.
    expect(bot.map((m) => m.message_id)).toEqual([bot[0]?.message_id, ann.formMessage().message_id]);
    expect(bot[0]?.text).toMatch(/send your order ID/);
    expect(ann.formMessage().text).toMatch(/Received: 3 messages and 1 attachment\./);
    const chat = t.telegram.chatMessages(ann.chatId);
    expect(chat.at(-1)?.message_id).toBe(ann.formMessage().message_id);
    expect(chat.at(-2)?.text).toBe("Nobody rang the bell.");
  });

  it("leaves one form below text typed while it waits for a button, not a copy per message", async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    await ann.press(/Shipping/);
    await ann.say("A-10023");
    const asked = ann.formMessage();
    await ann.say("#A-10023");
    await ann.say("a-10023 again");
    await ann.say("the parcel is late");
    const forms = ann.botMessages().filter((m) => /New support request/.test(m.text ?? ""));
    // The order ID's question above its answer, then the priority question once, below the last message.
    expect(forms.map((m) => m.message_id)).toEqual([forms[0]?.message_id, ann.formMessage().message_id]);
    expect(forms[0]?.text).toMatch(/send your order ID/);
    expect(ann.formMessage().message_id).not.toBe(asked.message_id);
    expect(ann.formMessage().text).toMatch(/How urgent is it\?/);
  });

  it("summarises every field before asking to confirm", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary(shipping);
    const summary = ann.formMessage();
    expect(summary.text).toMatch(/^Please check your request/);
    for (const expected of ["Shipping & delivery", "Order ID: A-10023", "Priority: Standard"]) {
      expect(summary.text).toContain(expected);
    }
    expect(summary.text).toContain(shipping.description.join("\n\n"));
    expect(labels(ann)).toEqual(["✅ Confirm", "✏️ Edit", "✖️ Cancel"]);
  });

  it("publishes exactly one IntakeSubmitted with every field on Confirm", async () => {
    const ann = new Customer(t, { firstName: "Ann" });
    await ann.fillToSummary(shipping);
    await ann.press(/Confirm/);
    const events = await submitted.of(ann);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "IntakeSubmitted",
      chatId: ann.chatId,
      customer: { telegramUserId: ann.id, firstName: "Ann", locale: "en" },
      category: "shipping",
      orderId: "A-10023",
      priority: "standard",
      description: "The parcel never arrived.\n\nTracking says it was delivered on Monday.",
      attachments: [],
    });
  });

  it("turns the form message into a receipt without buttons on Confirm", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary(shipping);
    const form = ann.formMessage().message_id;
    await ann.press(/Confirm/);
    const receipt = ann.botMessages().find((m) => m.message_id === form);
    expect(receipt?.text).toMatch(/^✅ Request received\./);
    expect(receipt?.reply_markup).toBeUndefined();
    expect(ann.liveFormMessages()).toEqual([]);
  });

  it("lists the submitted request on /status", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary(shipping);
    await ann.press(/Confirm/);
    await t.stack.bus.drain();
    await ann.say("/status");
    expect(ann.lastBotText()).toMatch(
      /^Your requests\n\n🚚 Shipping & delivery · \S.* · \d{1,2} [A-Z][a-z]{2} \d{4}.*\nThe parcel never arrived\. Tracking says/,
    );
  });

  it("lists every open request on /status, then the newest finished ones, and counts the rest", async () => {
    const ann = new Customer(t);
    const store = new DynamoIntakeStore(
      t.stack.table.db,
      {
        tableName: t.stack.table.name,
        formTtlSeconds: 3600,
        retentionSeconds: 86_400,
        formReminderSeconds: 0,
      },
      t.clock,
    );
    // Twelve open requests and four solved ones older still.
    for (let n = 1; n <= 16; n++)
      await store.saveRequest({
        requestId: `request-status-${String(n).padStart(2, "0")}`,
        chatId: ann.chatId,
        telegramUserId: ann.id,
        category: "shipping",
        priority: "standard",
        orderId: null,
        summary: `Parcel number ${n}`,
        submittedAt: new Date(Date.UTC(2026, 10, n)).toISOString(),
        status: n <= 4 ? "solved" : "ticket-created",
      });
    await ann.say("/Status");
    const shown = [...ann.lastBotText().matchAll(/Parcel number (\d+)/g)].map((m) => Number(m[1]));
    expect(shown).toEqual([16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5]);
    expect(ann.lastBotText()).toMatch(/…and 4 older finished requests\.$/);
  });

  it("answers a command it does not have with what it can do", async () => {
    const ann = new Customer(t);
    await ann.say("/stauts");
    expect(ann.lastBotText()).toMatch(/^I don't know that command\.\n\nHow it works/);
  });

  it("answers /status with no requests yet", async () => {
    const ann = new Customer(t);
    await ann.say("/status");
    expect(ann.lastBotText()).toMatch(/You have no requests yet/);
  });

  it("mentions on /status a form in progress, instead of pointing to /new", async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    await ann.press(/Shipping/);
    await ann.say("/status");
    expect(ann.lastBotText()).toBe(
      "✏️ You have a request you have not sent yet: finish it in the form above, or send /cancel.",
    );
  });

  it("marks a description cut short on /status", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary({ ...shipping, description: [`${"word ".repeat(30)}end`] });
    await ann.press(/Confirm/);
    await t.stack.bus.drain();
    await ann.say("/status");
    expect(ann.lastBotText()).toMatch(/word word…$/);
    expect(ann.lastBotText()).not.toContain("end");
  });
});

describe("a request in Russian", () => {
  it("speaks Russian throughout for language_code ru and records the locale", async () => {
    const ivan = new Customer(t, { firstName: "Иван", languageCode: "ru" });
    await ivan.say("/start");
    expect(ivan.botMessages()[0]?.text).toMatch(/^Здравствуйте, Иван!/);
    expect(ivan.formMessage().text).toMatch(/Новое обращение[\s\S]*С чем связан ваш вопрос\?/);
    await ivan.press("🚚 Доставка");
    await ivan.say("a-10023");
    await ivan.press("Срочный");
    await ivan.say("Посылка не пришла.");
    await ivan.say("Трекинг пишет, что доставлено.");
    expect(ivan.formMessage().text).toContain("Получено: 2 сообщения.");
    await ivan.press(/Готово/);
    expect(ivan.formMessage().text).toMatch(
      /^Проверьте обращение[\s\S]*Номер заказа: A-10023[\s\S]*Приоритет: Срочный/,
    );
    await ivan.press(/Отправить/);
    expect(ivan.lastBotText()).toMatch(/^✅ Обращение принято\.|🎫/);
    const [event] = await submitted.of(ivan);
    expect(event).toMatchObject({
      customer: { locale: "ru", firstName: "Иван" },
      category: "shipping",
      orderId: "A-10023",
      priority: "urgent",
      description: "Посылка не пришла.\n\nТрекинг пишет, что доставлено.",
    });
    await ivan.say("/status");
    // The date as a Russian reader writes it, not ISO.
    expect(ivan.lastBotText()).toMatch(/· \d{1,2} [а-я]+я \d{4} г\./);
  });

  it("switches to the language chosen with /language", async () => {
    const ann = new Customer(t, { languageCode: "en" });
    await ann.say("/language");
    await ann.press("Русский");
    await ann.say("/new");
    expect(ann.formMessage().text).toMatch(/^Новое обращение/);
  });

  it("shows a form in progress in the new language as soon as it is chosen", async () => {
    const ann = new Customer(t, { languageCode: "en" });
    await ann.say("/new");
    await ann.press(/Shipping/);
    await ann.say("/language");
    await ann.press("Русский");
    expect(ann.formMessage().text).toMatch(/^Новое обращение/);
    expect(ann.formMessage().text).toMatch(/номер заказа/);
  });
});

describe("the description", () => {
  it("keeps three 4,000-character messages whole and in order", async () => {
    const ann = new Customer(t);
    const parts = ["a", "b", "c"].map((letter) => letter.repeat(4000));
    await ann.fillToSummary({ ...shipping, description: parts });
    expect(ann.formMessage().text?.length).toBeLessThanOrEqual(4096);
    await ann.press(/Confirm/);
    const [event] = await submitted.of(ann);
    expect(event?.description).toBe(parts.join("\n\n"));
    expect(event?.description).toHaveLength(12_004);
  });

  it("keeps a long text the app split in several messages in the order written when the later ones come first", async () => {
    const ann = new Customer(t);
    await atDescription(ann);
    // With several webhook connections Telegram can deliver a chat's messages out of order.
    for (const [text, messageId] of [
      ["part three", 900_403],
      ["part one", 900_401],
      ["part two", 900_402],
    ] as const)
      expect((await postUpdate(t, textUpdate(t, ann, text, messageId))).status).toBe(200);
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    const [event] = await submitted.of(ann);
    expect(event?.description).toBe("part one\n\npart two\n\npart three");
  });

  it("carries a photo (largest size) and a document with name and type into the event", async () => {
    const ann = new Customer(t);
    await atDescription(ann);
    const photo = await ann.sendPhoto("The damaged box");
    const document = await ann.sendDocument("receipt.pdf");
    expect(ann.formMessage().text).toContain("Received: 1 message and 2 attachments.");
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    const [event] = await submitted.of(ann);
    const largest = photo.message?.photo?.at(-1);
    expect(event?.description).toBe("The damaged box");
    expect(event?.attachments).toEqual([
      expect.objectContaining({
        kind: "photo",
        fileId: largest?.file_id,
        fileUniqueId: largest?.file_unique_id,
      }),
      expect.objectContaining({
        kind: "document",
        fileId: document.message?.document?.file_id,
        fileName: "receipt.pdf",
        mimeType: "application/pdf",
      }),
    ]);
  });

  it("says an edited message is not taken into the form, and keeps the form as it was", async () => {
    const ann = new Customer(t);
    await atDescription(ann);
    const typo = await ann.say("The parcle never came");
    const form = ann.formMessage();
    await t.telegram.editText({
      chatId: ann.id,
      messageId: typo.message?.message_id ?? 0,
      text: "The parcel never came",
    });
    expect(ann.lastBotText()).toMatch(/^Edited messages are not taken into the form\./);
    expect(ann.formMessage()).toEqual(form);
  });

  it("counts files alone without a '0 messages'", async () => {
    const ann = new Customer(t);
    await atDescription(ann);
    await ann.sendPhoto();
    expect(ann.formMessage().text).toMatch(/Received: 1 attachment\. Send more/);
    await ann.say("It came crushed");
    expect(ann.formMessage().text).toMatch(/Received: 1 message and 1 attachment\./);
  });

  it("writes a shared location, place or contact into the description, with a map link for the agents", async () => {
    const ann = new Customer(t);
    await atDescription(ann);
    const shared = (messageId: number, content: Record<string, unknown>) => {
      const update = textUpdate(t, ann, "-", messageId);
      const { text: _text, ...message } = update.message;
      return postUpdate(t, { ...update, message: { ...message, ...content } });
    };
    await postUpdate(t, textUpdate(t, ann, "It was left here instead:", 900_501));
    await shared(900_502, { location: { latitude: 52.520008, longitude: 13.404954 } });
    const location = { latitude: 48.8584, longitude: 2.2945 };
    await shared(900_503, {
      location,
      venue: { location, title: "Parcel shop", address: "5 Av. Anatole France" },
    });
    await shared(900_504, {
      contact: { phone_number: "+49 30 1234567", first_name: "Max", last_name: "Neighbour" },
    });
    expect(ann.formMessage().text).toMatch(/Received: 4 messages\./);
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    const [event] = await submitted.of(ann);
    expect(event?.description).toBe(
      [
        "It was left here instead:",
        "📍 52.520008, 13.404954\nhttps://maps.google.com/?q=52.520008,13.404954",
        "📍 Parcel shop, 5 Av. Anatole France\nhttps://maps.google.com/?q=48.858400,2.294500",
        "👤 Max Neighbour, +49 30 1234567",
      ].join("\n\n"),
    );
  });

  it("answers a sticker or a dice with what it can take, in a form and outside one", async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    await ann.press(/Shipping/);
    const form = ann.formMessage();
    const sticker = {
      file_id: "sticker-1",
      file_unique_id: "s1",
      type: "regular",
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
    };
    const base = textUpdate(t, ann, "-", 910_001);
    const { text: _text, ...message } = base.message;
    await postUpdate(t, { ...base, message: { ...message, sticker } });
    expect(ann.lastBotText()).toBe(
      "I can't use this kind of message here. Please send text, a photo, a video, a voice message, a document or a location.",
    );
    expect(ann.formMessage()).toEqual(form);
    await ann.say("/cancel");
    const rolled = textUpdate(t, ann, "-", 910_002);
    const { text: _unused, ...plain } = rolled.message;
    const dice = { ...rolled, message: { ...plain, dice: { emoji: "🎲", value: 3 } } };
    await postUpdate(t, dice);
    expect(ann.lastBotText()).toMatch(/^I can't use this kind of message here/);
    const answers = ann.botMessages().length;
    expect((await postUpdate(t, dice)).body).toMatchObject({ outcome: "duplicate" });
    expect(ann.botMessages()).toHaveLength(answers);
    const shared = textUpdate(t, ann, "-", 910_004);
    const { text: _story, ...storyMessage } = shared.message;
    const story = { chat: { id: -1001, type: "channel", title: "A shop" }, id: 7 };
    await postUpdate(t, { ...shared, message: { ...storyMessage, story } });
    expect(ann.botMessages()).toHaveLength(answers + 1);
    expect(ann.lastBotText()).toMatch(/^I can't use this kind of message here/);
  });

  it("answers a sticker in the language the customer chose", async () => {
    const ann = new Customer(t, { languageCode: "en" });
    await ann.say("/language");
    await ann.press("Русский");
    const base = textUpdate(t, ann, "-", 910_003);
    const { text: _text, ...message } = base.message;
    const sticker = {
      file_id: "s2",
      file_unique_id: "s2",
      type: "regular",
      width: 1,
      height: 1,
      is_animated: false,
      is_video: false,
    };
    await postUpdate(t, { ...base, message: { ...message, sticker } });
    expect(ann.lastBotText()).toMatch(/^Такие сообщения я здесь не принимаю/);
  });

  it("refuses Done before anything was sent, with an alert", async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    await ann.press(/Account/);
    await ann.press(/Standard/);
    const press = await ann.press(/Done/);
    expect(callbackAnswerOf(press)).toMatchObject({
      text: expect.stringMatching(/describe the problem first/),
      showAlert: true,
    });
    expect(ann.formMessage().text).toMatch(/Describe the problem/);
  });

  it("keeps whatever is typed while a button is expected, so nothing the customer writes is lost", async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    await ann.say("My parcel never came");
    expect(ann.formMessage().text).toMatch(
      /What is your request about\?[\s\S]*Your message will open the description/,
    );
    await ann.press(/Shipping/);
    await ann.say("A-10023");
    await ann.say("It is quite urgent, it is a gift");
    expect(ann.formMessage().text).toMatch(
      /How urgent is it\?[\s\S]*Your 2 messages will open the description/,
    );
    await ann.press(/Urgent/);
    expect(ann.formMessage().text).toMatch(/Received: 2 messages\./);
    await ann.press(/Done/);
    await ann.say("Also: the parcel was insured.");
    expect(ann.formMessage().text).toMatch(/Please check your request[\s\S]*the parcel was insured/);
    await ann.press(/Confirm/);
    const [event] = await submitted.of(ann);
    expect(event?.description).toBe(
      "My parcel never came\n\nIt is quite urgent, it is a gift\n\nAlso: the parcel was insured.",
    );
  });
});

describe("editing and cancelling", () => {
  it("changes the priority from the summary and returns to the summary", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary(shipping);
    await ann.press(/Edit/);
    expect(labels(ann)).toEqual(["Category", "Order ID", "Priority", "Description", "◀️ Back"]);
    await ann.press("Priority");
    await ann.press("Urgent");
    expect(ann.formMessage().text).toMatch(/^Please check your request[\s\S]*Priority: Urgent/);
    await ann.press(/Confirm/);
    expect((await submitted.of(ann))[0]?.priority).toBe("urgent");
  });

  it("replaces the description when it is edited", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary(shipping);
    await ann.press(/Edit/);
    await ann.press("Description");
    await ann.say("Actually it arrived broken.");
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    expect((await submitted.of(ann))[0]?.description).toBe("Actually it arrived broken.");
  });

  it("goes back to the summary from an edit with the old description and files kept", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary(shipping);
    await ann.press(/Edit/);
    await ann.press("Description");
    await ann.say("Actually");
    expect(labels(ann)).toEqual(["✅ Done", "◀️ Back", "✖️ Cancel"]);
    await ann.press(/Back/);
    await ann.press(/Confirm/);
    expect((await submitted.of(ann))[0]?.description).toBe(shipping.description.join("\n\n"));
  });

  it("offers Back beside Cancel while a category is being edited", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary(shipping);
    await ann.press(/Edit/);
    await ann.press("Category");
    expect(labels(ann).slice(-2)).toEqual(["◀️ Back", "✖️ Cancel"]);
    await ann.press(/Back/);
    expect(ann.formMessage().text).toMatch(/Please check your request/);
  });

  it("asks for an order ID after switching to a category that requires one", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary({ category: /Account/, priority: /Standard/, description: ["Locked out"] });
    await ann.press(/Edit/);
    await ann.press("Category");
    await ann.press(/Returns/);
    expect(ann.formMessage().text).toMatch(/send your order ID/);
    await ann.say("R-55555");
    expect(ann.formMessage().text).toMatch(/^Please check your request[\s\S]*Order ID: R-55555/);
  });

  it("ends the form on the Cancel button, once the customer confirms, and publishes nothing", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary(shipping);
    const form = ann.formMessage().message_id;
    await ann.press(/Cancel/);
    // One stray tap must not throw the description away.
    expect(ann.formMessage().text).toMatch(
      /Cancel this request\? Your description \(2 messages\) will be lost\./,
    );
    await ann.press(/No, keep it/);
    expect(ann.formMessage().text).toMatch(/^Please check your request/);
    await ann.press(/Cancel/);
    await ann.press(/Yes, cancel it/);
    expect(ann.botMessages().find((m) => m.message_id === form)?.text).toMatch(/^Request cancelled\./);
    expect(ann.liveFormMessages()).toEqual([]);
    expect(await submitted.of(ann)).toEqual([]);
  });

  it("ends the form on /cancel and publishes nothing", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary(shipping);
    await ann.say("/cancel");
    expect(ann.lastBotText()).toMatch(/^Request cancelled\./);
    expect(ann.botMessages().filter((m) => m.text?.startsWith("Request cancelled"))).toHaveLength(1);
    expect(ann.liveFormMessages()).toEqual([]);
    expect(await submitted.of(ann)).toEqual([]);
  });

  it("says there is nothing to cancel without a form", async () => {
    const ann = new Customer(t);
    await ann.say("/cancel");
    expect(ann.lastBotText()).toBe("There is no form in progress.");
  });

  it.each(["/new", "/start"])(
    "shows a form in progress again on %s instead of discarding it",
    async (command) => {
      const ann = new Customer(t);
      await atDescription(ann);
      await ann.say("My parcel is lost");
      const old = ann.formMessage().message_id;
      await ann.say(command);
      expect(ann.botMessages().find((m) => m.message_id === old)?.text).toBe(
        "⬇️ This request continues below.",
      );
      expect(ann.formMessage().text).toMatch(/^✏️ You have a request in progress/);
      expect(ann.formMessage().text).toContain("Received: 1 message.");
      await ann.press(/Done/);
      await ann.press(/Confirm/);
      expect(ann.lastBotText()).toMatch(/Request received/);
    },
  );

  it("starts a new form on /new once the one in progress is cancelled", async () => {
    const ann = new Customer(t);
    await atDescription(ann);
    await ann.say("/cancel");
    await ann.say("/new");
    expect(ann.formMessage().text).toMatch(/What is your request about\?/);
  });
});

describe("order IDs", () => {
  it.each(["hello", "A-12", "order 5"])(
    "refuses %j with the example and stays at the step",
    async (typed) => {
      const ann = new Customer(t);
      await ann.say("/new");
      await ann.press(/Shipping/);
      await ann.say(typed);
      expect(ann.lastBotText()).toBe(
        "That doesn't look like an order ID. Order IDs look like A-10023. Please try again. " +
          "You can find it in your order confirmation email; without one, press Back and choose another category.",
      );
      expect(ann.formMessage().text).toMatch(/send your order ID/);
      await ann.say("A-10023");
      expect(ann.formMessage().text).toMatch(/How urgent is it\?/);
    },
  );

  it('offers "I don\'t have one" where optional and submits without an order ID', async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    await ann.press(/Payment/);
    await ann.press("I don't have one");
    expect(ann.formMessage().text).toMatch(/Order ID: none/);
    expect(labels(ann)[0]).toBe("🔥 Urgent (suggested)");
    await ann.press(/Urgent/);
    await ann.say("The card was charged twice");
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    expect((await submitted.of(ann))[0]).toMatchObject({
      category: "payment",
      orderId: null,
      priority: "urgent",
    });
  });

  it('retries a wrong order ID where it is optional without saying where to find one ("I don\'t have one" is there)', async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    await ann.press(/Payment/);
    await ann.say("hello");
    expect(ann.lastBotText()).toBe(
      "That doesn't look like an order ID. Order IDs look like A-10023. Please try again.",
    );
  });

  it('does not offer "I don\'t have one" where required', async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    await ann.press(/Shipping/);
    expect(labels(ann)).toEqual(["◀️ Back", "✖️ Cancel"]);
  });

  it("offers Back to the categories after an edit switched to one that requires an order ID", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary({ category: /Account/, priority: /Standard/, description: ["I cannot log in"] });
    await ann.press(/Edit/);
    await ann.press(/^Category$/);
    await ann.press(/Shipping/);
    expect(labels(ann)).toEqual(["◀️ Back", "✖️ Cancel"]);
    await ann.press(/Back/);
    await ann.press(/Account/);
    expect(ann.formMessage().text).toMatch(/I cannot log in/);
    expect(labels(ann)).toContain("✅ Confirm");
  });

  it("goes back a question at a time, so a mistapped category or a missing order ID is no dead end", async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    await ann.press(/Shipping/);
    await ann.say("I don't have it, it was a gift");
    expect(ann.lastBotText()).toMatch(/press Back and choose another category/);
    await ann.press(/Back/);
    expect(ann.formMessage().text).toMatch(/What is your request about\?/);
    await ann.press(/Product question/);
    await ann.press(/I don't have one/);
    await ann.press(/Back/);
    expect(ann.formMessage().text).toMatch(/send your order ID/);
    await ann.press(/I don't have one/);
    await ann.press(/Standard/);
    await ann.press(/Back/);
    expect(ann.formMessage().text).toMatch(/How urgent is it\?/);
    await ann.press(/Urgent/);
    await ann.say("Which kettle is the quietest?");
    expect(labels(ann)).toEqual(["✅ Done", "✖️ Cancel"]);
    await ann.press(/Done/);
    expect(ann.formMessage().text).toMatch(
      /Category: 🛍 Product question[\s\S]*Order ID: none[\s\S]*Priority: Urgent/,
    );
  });
});

describe("expiry", () => {
  it("answers a button of a form older than 24 hours with an alert and removes its keyboard", async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    await ann.press(/Shipping/);
    t.clock.advance(24 * 3600 + 1);
    const press = await ann.press(/Cancel/);
    expect(callbackAnswerOf(press)).toEqual({
      text: "This form has expired. Send /new to start a new request.",
      showAlert: true,
      url: undefined,
    });
    expect(ann.liveFormMessages()).toEqual([]);
  });

  it("tells a customer who answers an expired form so, closes it and offers a new one", async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    await ann.press(/Shipping/);
    t.clock.advance(24 * 3600 + 1);
    await ann.say("A-10023");
    expect(ann.lastBotText()).toMatch(/open a new support request\?/);
    expect(ann.liveFormMessages()).toEqual([]);
    expect(t.telegram.botMessages(ann.id).some((m) => m.text?.startsWith("This form has expired"))).toBe(
      true,
    );
  });

  it("closes the expired form's message when /new starts another", async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    await ann.press(/Shipping/);
    t.clock.advance(24 * 3600 + 1);
    await ann.say("/new");
    const live = ann.liveFormMessages();
    expect(live).toHaveLength(1);
    expect(live[0]?.text).toMatch(/What is your request about\?/);
    await ann.press(/Returns/);
    expect(ann.liveFormMessages().at(-1)?.text).toMatch(/Returns & refunds[\s\S]*send your order ID/);
  });
});

describe("outside the private form", () => {
  it("answers /start in a group with a button to the private chat", async () => {
    const ann = new Customer(t);
    const group = { id: -100_777, type: "group" as const, title: "Friends" };
    await t.telegram.sendText({ chat: group, from: { id: ann.id }, text: "/start" });
    const [reply] = t.telegram.botMessages(group.id);
    expect(reply?.text).toMatch(/can't take requests in a group chat/);
    expect(reply?.reply_markup?.inline_keyboard.flat()).toEqual([
      { text: "Open a private chat", url: "https://t.me/support_bridge_bot?start=new" },
    ]);
  });

  it("answers every command in a group with the button to the private chat, and shows groups a short menu", async () => {
    const ann = new Customer(t);
    const group = { id: -100_778, type: "supergroup" as const, title: "Shop fans" };
    await t.telegram.sendText({ chat: group, from: { id: ann.id }, text: "/status@support_bridge_bot" });
    await t.telegram.sendText({ chat: group, from: { id: ann.id }, text: "/forget" });
    const replies = t.telegram.botMessages(group.id);
    expect(replies.map((m) => m.reply_markup?.inline_keyboard.flat()[0])).toEqual([
      { text: "Open a private chat", url: "https://t.me/support_bridge_bot?start=new" },
      { text: "Open a private chat", url: "https://t.me/support_bridge_bot?start=new" },
    ]);
    const groupMenu = await post(`${t.telegram.apiRoot}/bot${t.telegram.token}/getMyCommands`, {
      scope: { type: "all_group_chats" },
    });
    const commands = groupMenu.body.result as Array<{ command: string }>;
    expect(commands.map((c) => c.command)).toEqual(["new", "help"]);
  });

  it("opens the form directly, without the greeting, on /start new", async () => {
    const ann = new Customer(t);
    await ann.say("/start new");
    expect(ann.botMessages()).toHaveLength(1);
    expect(ann.formMessage().text).toMatch(/What is your request about\?/);
  });

  it("offers a new request for a message outside a form", async () => {
    const ann = new Customer(t);
    await ann.say("Hello, my parcel is late");
    expect(ann.lastBotText()).toBe("Do you want to open a new support request?");
    expect(buttonsOf(ann.botMessages().at(-1) as Message).map((b) => b.text)).toEqual(["➕ New request"]);
  });

  it("opens the form from the New request button and retires the button", async () => {
    const ann = new Customer(t);
    await ann.say("Hello, my parcel is late");
    const offer = ann.botMessages().at(-1);
    await ann.press("➕ New request");
    expect(ann.formMessage().text).toMatch(/What is your request about\?/);
    expect(ann.botMessages().find((m) => m.message_id === offer?.message_id)?.reply_markup).toBeUndefined();
  });

  it("carries the message the customer wrote before the form into its description", async () => {
    const ann = new Customer(t);
    await ann.say("Hi, my parcel is late");
    await ann.press("➕ New request");
    expect(ann.formMessage().text).toMatch(/Your message will open the description/);
    await ann.press(/Shipping/);
    await ann.say("A-10023");
    await ann.press(/Standard/);
    expect(ann.formMessage().text).toMatch(/Received: 1 message\. Send more/);
    await ann.say("It was due on Monday");
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    expect((await submitted.of(ann))[0]?.description).toBe("Hi, my parcel is late\n\nIt was due on Monday");
  });

  it("offers one new request for a burst of messages and carries them all, in order, into the form", async () => {
    const ann = new Customer(t);
    await ann.say("Hi");
    await ann.say("my parcel is late");
    await ann.sendPhoto("the tracking page");
    const offers = ann.botMessages().filter((m) => /new support request/.test(m.text ?? ""));
    expect(offers.map((m) => m.text)).toEqual([
      "Do you want to open a new support request with these 3 messages?",
    ]);
    await ann.press("➕ New request");
    expect(ann.formMessage().text).toMatch(/Your 3 messages will open the description/);
    await ann.press(/Account/);
    await ann.press(/Standard/);
    expect(ann.formMessage().text).toMatch(/Received: 3 messages and 1 attachment\./);
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    const [request] = await submitted.of(ann);
    expect(request?.description).toBe("Hi\n\nmy parcel is late\n\nthe tracking page");
    expect(request?.attachments).toHaveLength(1);
  });

  it("makes a new offer for a message after a quiet spell, and each offer carries its own messages", async () => {
    const ann = new Customer(t);
    await ann.say("Hello?");
    const first = ann.botMessages().at(-1);
    t.clock.advance(11 * 60);
    await ann.say("The parcel A-10023 is late");
    const second = ann.botMessages().at(-1);
    expect(second?.message_id).not.toBe(first?.message_id);
    expect(second?.text).toBe("Do you want to open a new support request?");
    expect(ann.botMessages().find((m) => m.message_id === first?.message_id)?.text).toBe(
      "Do you want to open a new support request?",
    );
    await ann.press("➕ New request");
    await ann.press(/Shipping/);
    // The order ID it quotes answers the form's question.
    expect(ann.formMessage().text).toMatch(/Order ID: A-10023[\s\S]*How urgent is it\?/);
    await ann.press(/Standard/);
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    const [event] = await submitted.of(ann);
    expect(event?.description).toBe("The parcel A-10023 is late");
    expect(event?.orderId).toBe("A-10023");
  });

  it("takes what the customer wrote after /new as the start of the description", async () => {
    const ann = new Customer(t);
    await ann.say("/new my parcel is lost");
    expect(ann.formMessage().text).toMatch(/Your message will open the description/);
    await ann.press(/Shipping/);
    await ann.say("A-10023");
    await ann.press(/Standard/);
    expect(ann.formMessage().text).toMatch(/Received: 1 message\./);
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    expect((await submitted.of(ann))[0]?.description).toBe("my parcel is lost");
  });

  it("adds what follows /new to the form in progress instead of dropping it", async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    await ann.press(/Payment/);
    await ann.say("A-10023");
    await ann.press(/Standard/);
    await ann.say("I was charged twice");
    await ann.say("/new my card does not work either");
    expect(ann.formMessage().text).toMatch(/Received: 2 messages\./);
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    expect((await submitted.of(ann))[0]?.description).toBe(
      "I was charged twice\n\nmy card does not work either",
    );
  });

  it("carries a photo sent before the form, with its caption", async () => {
    const ann = new Customer(t);
    await ann.sendPhoto("The box arrived crushed");
    await ann.press("➕ New request");
    await ann.press(/Account/);
    await ann.press(/Standard/);
    expect(ann.formMessage().text).toMatch(/Received: 1 message and 1 attachment\./);
  });

  it("explains the commands on /help", async () => {
    const ann = new Customer(t);
    await ann.say("/help");
    expect(ann.lastBotText()).toMatch(/^How it works\n\/new/);
  });
});
