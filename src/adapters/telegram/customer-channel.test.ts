import type { Api } from "grammy";
import { describe, expect, it } from "vitest";
import type { ResponseTarget } from "../../ports/customer-channel.js";
import { TelegramCustomerChannel } from "./customer-channel.js";

/** The text of the ticket-created notice the channel sends, through a stand-in Bot API that keeps it. */
async function noticeFor(locale: "en" | "ru", firstResponse: ResponseTarget): Promise<string> {
  const sent: string[] = [];
  const api = { sendMessage: async (_chat: number, text: string) => void sent.push(text) } as unknown as Api;
  await new TelegramCustomerChannel(api, () => "").notify(7, locale, {
    kind: "ticket-created",
    ticketId: 42,
    firstResponse,
  });
  return sent[0] ?? "";
}

describe("the ticket-created notice", () => {
  it("promises the tier's time on the clock", async () => {
    expect(await noticeFor("en", { minutes: 240 })).toBe(
      "🎫 Your ticket is <b>#42</b>. We aim to answer within 4 hours. Our team's replies will appear in this chat.",
    );
  });

  it("writes minutes out in Russian, in the right form", async () => {
    expect(await noticeFor("ru", { minutes: 30 })).toMatch(/Постараемся ответить в течение 30 минут\./);
    expect(await noticeFor("ru", { minutes: 21 })).toMatch(/в течение 21 минуты\./);
  });

  it("names working hours and the moment they run out for a tier with business hours", async () => {
    // Friday 2026-01-09 16:30 in Berlin plus four working hours (09:00-18:00): Monday 11:30.
    const dueAt = Date.UTC(2026, 0, 12, 10, 30);
    const businessHours = { dueAt, timeZone: "Europe/Berlin" };
    expect(await noticeFor("en", { minutes: 240, businessHours })).toBe(
      "🎫 Your ticket is <b>#42</b>. We aim to answer within 4 working hours, by Monday, January 12 at 11:30 " +
        "(Europe/Berlin time). Our team's replies will appear in this chat.",
    );
    expect(await noticeFor("ru", { minutes: 240, businessHours })).toMatch(
      /в течение 4 рабочих часов; срок — понедельник, 12 января в 11:30 \(время Europe\/Berlin\)/,
    );
  });

  it("names the request it is for, as /status does, escaped", async () => {
    const sent: string[] = [];
    const api = {
      sendMessage: async (_chat: number, text: string) => void sent.push(text),
    } as unknown as Api;
    await new TelegramCustomerChannel(api, () => "").notify(7, "en", {
      kind: "ticket-created",
      ticketId: 42,
      firstResponse: { minutes: 30 },
      about: { category: "shipping", description: "Where is my <parcel>? It was due on Monday" },
    });
    expect(sent[0]).toMatch(
      /\n\n<i>🚚 Shipping & delivery: Where is my &lt;parcel&gt;\? It was due on Monday<\/i>$/,
    );
  });

  it("writes a five-digit ticket number as it is, in both languages", async () => {
    for (const locale of ["en", "ru"] as const) {
      const sent: string[] = [];
      const api = {
        sendMessage: async (_chat: number, text: string) => void sent.push(text),
      } as unknown as Api;
      await new TelegramCustomerChannel(api, () => "").notify(7, locale, {
        kind: "ticket-solved",
        ticketId: 12345,
      });
      expect(sent[0]).toContain("<b>#12345</b>");
    }
  });
});
