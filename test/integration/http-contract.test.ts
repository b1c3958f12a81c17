import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, zendeskHeaders } from "../support/http.js";
import { startTestStack, type TestStack } from "../support/test-stack.js";

const TELEGRAM_SECRET = "tg-secret_123";
const ZENDESK_SECRET = "zendesk-signing-secret";

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    ZENDESK_WEBHOOK_SECRET: ZENDESK_SECRET,
  });
  // Telegram only delivers to chats that wrote to the bot: let the user say hello first.
  await t.telegram.sendText({ from: { id: 555, firstName: "Ann", languageCode: "en" }, text: "hello" });
});
afterAll(() => t.close());

const update = (updateId: number, text = "/help") => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    date: 1_790_000_000,
    chat: { id: 555, type: "private", first_name: "Ann" },
    from: { id: 555, is_bot: false, first_name: "Ann", language_code: "en" },
    text,
    entities: text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.length }] : [],
  },
});

const zendeskEvent = (id: string) => ({
  id,
  type: "zen:event-type:ticket.status_changed",
  subject: "zen:ticket:1",
  time: "2026-11-25T10:00:00Z",
  detail: { id: "1", status: "OPEN" },
  event: { current: "OPEN", previous: "NEW" },
});

describe("GET /health", () => {
  it("answers 200 with JSON once ready", async () => {
    const response = await fetch(`${t.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });
});

describe("POST /telegram/webhook", () => {
  const url = () => `${t.url}/telegram/webhook`;
  const auth = { "x-telegram-bot-api-secret-token": TELEGRAM_SECRET };

  it("refuses a request without the secret token and changes nothing", async () => {
    const before = t.telegram.calls.length;
    const response = await post(url(), update(1));
    expect(response.status).toBe(401);
    expect(t.telegram.calls.length).toBe(before);
  });

  it("refuses a wrong secret token", async () => {
    const response = await post(url(), update(2), {
      "x-telegram-bot-api-secret-token": `${TELEGRAM_SECRET}x`,
    });
    expect(response.status).toBe(401);
  });

  it("takes an update with the right token and answers it", async () => {
    const response = await post(url(), update(3), auth);
    expect(response).toEqual({ status: 200, body: { ok: true, outcome: "processed" } });
    expect(t.telegram.botMessages(555).at(-1)?.text).toMatch(/How it works/);
  });

  it("acknowledges a redelivered update without acting on it again", async () => {
    await post(url(), update(4), auth);
    const sent = t.telegram.botMessages(555).length;
    const again = await post(url(), update(4), auth);
    expect(again).toEqual({ status: 200, body: { ok: true, outcome: "duplicate" } });
    expect(t.telegram.botMessages(555).length).toBe(sent);
  });

  it("says why a body that is not JSON is refused", async () => {
    const response = await post(url(), "{not json", auth);
    expect(response).toEqual({ status: 400, body: { error: "body is not valid JSON" } });
  });

  it("refuses JSON that is not an update", async () => {
    const response = await post(url(), { update_id: "seven" }, auth);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/update_id/);
  });

  it("refuses a message without a chat", async () => {
    const response = await post(
      url(),
      { update_id: 9, message: { message_id: 1, date: 1, text: "hi" } },
      auth,
    );
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/message\.chat/);
  });

  it("refuses an oversized body with 413", async () => {
    const response = await post(url(), { update_id: 10, padding: "x".repeat(1_100_000) }, auth);
    expect(response.status).toBe(413);
  });

  it("acknowledges update kinds the bot does not handle", async () => {
    const response = await post(url(), { update_id: 11, poll: { id: "1", question: "?" } }, auth);
    expect(response.status).toBe(200);
  });

  it("keeps serving after bad requests", async () => {
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  });
});

describe("POST /zendesk/webhook", () => {
  const url = () => `${t.url}/zendesk/webhook`;
  const signed = (body: object, at = t.clock.now(), secret = ZENDESK_SECRET) => {
    const raw = JSON.stringify(body);
    return post(url(), raw, zendeskHeaders(secret, raw, at));
  };

  it("takes a correctly signed event", async () => {
    expect(await signed(zendeskEvent("ev-1"))).toEqual({
      status: 200,
      body: { ok: true, outcome: "processed" },
    });
  });

  it("acknowledges a replayed event id without processing it again", async () => {
    await signed(zendeskEvent("ev-2"));
    expect(await signed(zendeskEvent("ev-2"))).toEqual({
      status: 200,
      body: { ok: true, outcome: "duplicate" },
    });
  });

  it("refuses a missing signature", async () => {
    const response = await post(url(), zendeskEvent("ev-3"));
    expect(response).toEqual({ status: 401, body: { error: "unauthorized: missing-signature" } });
  });

  it("refuses a signature made with another secret", async () => {
    expect((await signed(zendeskEvent("ev-4"), t.clock.now(), "other-secret")).status).toBe(401);
  });

  it("refuses a body changed after signing", async () => {
    const raw = JSON.stringify(zendeskEvent("ev-5"));
    const headers = zendeskHeaders(ZENDESK_SECRET, raw, t.clock.now());
    const response = await post(url(), raw.replace("OPEN", "SOLVED"), headers);
    expect(response.status).toBe(401);
  });

  it("refuses timestamps more than five minutes off, either way", async () => {
    const now = t.clock.now().getTime();
    expect((await signed(zendeskEvent("ev-6"), new Date(now - 301_000))).status).toBe(401);
    expect((await signed(zendeskEvent("ev-7"), new Date(now + 301_000))).status).toBe(401);
    expect((await signed(zendeskEvent("ev-8"), new Date(now - 290_000))).status).toBe(200);
  });

  it("a refused event can still be delivered properly later", async () => {
    expect((await signed(zendeskEvent("ev-9"), t.clock.now(), "wrong")).status).toBe(401);
    expect((await signed(zendeskEvent("ev-9"))).body.outcome).toBe("processed");
  });

  it("refuses an oversized signed body with 413", async () => {
    const response = await signed({ ...zendeskEvent("ev-10"), padding: "x".repeat(1_100_000) });
    expect(response.status).toBe(413);
  });

  it("refuses a signed body that is not a Zendesk event", async () => {
    const response = await signed({ hello: "world" });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/not a Zendesk event/);
  });
});

describe("other routes", () => {
  it("answers 404 for unknown paths and 405 for wrong methods", async () => {
    expect((await fetch(`${t.url}/nope`)).status).toBe(404);
    expect((await fetch(`${t.url}/telegram/webhook`)).status).toBe(405);
  });

  it("moves the local clock and reports the new time", async () => {
    const before = t.clock.now().getTime();
    const response = await post(`${t.url}/local/clock/advance`, { seconds: 3600 });
    expect(response.status).toBe(200);
    expect(Date.parse(response.body.now as string) - before).toBeGreaterThanOrEqual(3600_000);
  });

  it("refuses a clock move without seconds", async () => {
    expect((await post(`${t.url}/local/clock/advance`, { minutes: 5 })).status).toBe(400);
  });
});
