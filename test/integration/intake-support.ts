import type { InlineKeyboardButton, Message, Update } from "grammy/types";
import type { IntakeSubmitted } from "../../src/domain/events.js";
import { post } from "../support/http.js";
import type { TestStack } from "../support/test-stack.js";

let nextCustomerId = 200_001;

/**
 * One Telegram user talking to the bot through the emulator, at a human pace: each action first moves the
 * stack's clock two seconds on, so Telegram's per-chat flood limit (about one message a second) never makes
 * the bot wait in real time.
 */
export class Customer {
  readonly id: number;
  readonly chatId: number;

  constructor(
    private readonly t: TestStack,
    readonly profile: {
      id?: number;
      firstName?: string;
      lastName?: string;
      username?: string;
      languageCode?: string;
    } = {},
  ) {
    this.id = profile.id ?? nextCustomerId++;
    this.chatId = this.id;
  }

  private get from() {
    return {
      id: this.id,
      firstName: this.profile.firstName ?? "Ann",
      lastName: this.profile.lastName,
      username: this.profile.username,
      languageCode: this.profile.languageCode,
    };
  }

  private pace(): void {
    this.t.clock.advance(2);
  }

  say(text: string): Promise<Update> {
    this.pace();
    return this.t.telegram.sendText({ from: this.from, text });
  }

  sendPhoto(caption?: string): Promise<Update> {
    this.pace();
    return this.t.telegram.sendPhoto({ from: this.from, caption, fileName: "label.jpg" });
  }

  sendDocument(fileName: string, caption?: string): Promise<Update> {
    this.pace();
    return this.t.telegram.sendDocument({ from: this.from, fileName, caption });
  }

  /** Presses the button labelled `label` on the newest bot message that shows one. */
  press(label: string | RegExp): Promise<Update> {
    const matches = (b: InlineKeyboardButton) =>
      typeof label === "string" ? b.text === label : label.test(b.text);
    const message = [...this.botMessages()].reverse().find((m) => buttonsOf(m).some(matches));
    const button = message && buttonsOf(message).find(matches);
    if (!message || !button || !("callback_data" in button)) {
      throw new Error(`no button ${label} in chat ${this.chatId}; bot said:\n${this.transcript()}`);
    }
    return this.pressOn(message.message_id, button.callback_data);
  }

  pressOn(messageId: number, data: string): Promise<Update> {
    this.pace();
    return this.t.telegram.clickButton({ chatId: this.chatId, messageId, data, from: this.from });
  }

  botMessages(): readonly Message[] {
    return this.t.telegram.botMessages(this.chatId);
  }

  lastBotText(): string {
    return this.botMessages().at(-1)?.text ?? "";
  }

  /** Bot messages that still show buttons of a form (callback data `f1:...`). */
  liveFormMessages(): Message[] {
    return this.botMessages().filter((m) =>
      buttonsOf(m).some((b) => "callback_data" in b && b.callback_data.startsWith("f1:")),
    );
  }

  /** The one bot message showing the form; fails when there is none or more than one. */
  formMessage(): Message {
    const live = this.liveFormMessages();
    if (live.length !== 1) {
      throw new Error(`expected one live form message, found ${live.length}:\n${this.transcript()}`);
    }
    return live[0] as Message;
  }

  transcript(): string {
    return this.t.telegram
      .chatMessages(this.chatId)
      .map((m) => {
        const who = m.from?.is_bot ? "bot" : "user";
        const keys = buttonsOf(m)
          .map((b) => `[${b.text}]`)
          .join(" ");
        return `#${m.message_id} ${who}: ${m.text ?? m.caption ?? "(media)"} ${keys}`;
      })
      .join("\n");
  }

  /** Fills in the form up to the summary: category, order ID if asked, priority, description, Done. */
  async fillToSummary(answers: {
    category: RegExp;
    orderId?: string;
    priority: RegExp;
    description: string[];
  }) {
    await this.say("/new");
    await this.press(answers.category);
    if (answers.orderId) await this.say(answers.orderId);
    await this.press(answers.priority);
    for (const part of answers.description) await this.say(part);
    await this.press(/Done|Готово/);
  }
}

export function buttonsOf(message: Message): InlineKeyboardButton[] {
  return message.reply_markup?.inline_keyboard.flat() ?? [];
}

/** Collects the IntakeSubmitted events the stack publishes. */
export function captureSubmissions(t: TestStack): {
  readonly events: IntakeSubmitted[];
  /** The customer's submissions once the bus has delivered everything published so far. */
  of(customer: Customer): Promise<IntakeSubmitted[]>;
} {
  const events: IntakeSubmitted[] = [];
  t.stack.bus.subscribe("IntakeSubmitted", async (event) => {
    if (event.type === "IntakeSubmitted") events.push(event);
  });
  return {
    events,
    of: async (customer) => {
      await t.stack.bus.drain();
      return events.filter((e) => e.chatId === customer.chatId);
    },
  };
}

/** Opens a form and answers up to the description: Shipping, order A-10023, Standard. */
export async function atDescription(customer: Customer): Promise<void> {
  await customer.say("/new");
  await customer.press(/Shipping/);
  await customer.say("A-10023");
  await customer.press(/Standard/);
}

/** POSTs an update straight to the stack's webhook, as Telegram would. */
export function postUpdate(t: TestStack, update: unknown) {
  return post(`${t.url}/telegram/webhook`, update as object);
}

/** An update id no emulator action has used (they count up from the clock's time / 100). */
let extraUpdateId = 0;
export function freshUpdateId(t: TestStack): number {
  extraUpdateId += 1;
  return Math.floor(t.clock.now().getTime() / 100) + 50_000_000 + extraUpdateId;
}

/** A private text message update from a customer, built by hand (for direct or concurrent delivery). */
export function textUpdate(t: TestStack, customer: Customer, text: string, messageId = 900_000) {
  const from = {
    id: customer.id,
    is_bot: false,
    first_name: customer.profile.firstName ?? "Ann",
    language_code: customer.profile.languageCode ?? "en",
  };
  return {
    update_id: freshUpdateId(t),
    message: {
      message_id: messageId,
      date: Math.floor(t.clock.now().getTime() / 1000),
      chat: { id: customer.chatId, type: "private", first_name: from.first_name },
      from,
      text,
      ...(text.startsWith("/")
        ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]?.length ?? 1 }] }
        : {}),
    },
  };
}

/** Waits until the emulators and the bus have nothing left in flight. */
export async function settle(t: TestStack): Promise<void> {
  await t.telegram.waitForIdle();
  await t.zendesk.waitForIdle();
  await t.stack.bus.drain();
  await t.zendesk.waitForIdle();
}

/** Fills a shipping request and confirms it; what routing does with it is up to the caller to wait for. */
export async function submitRequest(
  customer: Customer,
  description = "My parcel A-10023 is late",
): Promise<void> {
  await customer.fillToSummary({
    category: /Shipping/,
    orderId: "A-10023",
    priority: /Standard/,
    description: [description],
  });
  await customer.press(/Confirm/);
}

/** The "your ticket is #N" notices the customer has received. */
export const ticketNotices = (customer: Customer): Message[] =>
  customer.botMessages().filter((m) => m.text?.startsWith("🎫 Your ticket is"));

/** Files a shipping request through the bot and returns the id of the ticket it became. */
export async function fileTicket(t: TestStack, customer: Customer, description?: string): Promise<number> {
  await submitRequest(customer, description);
  await settle(t);
  const ticket = t.zendesk.tickets().at(-1);
  if (!ticket) throw new Error("no ticket");
  return ticket.id;
}
