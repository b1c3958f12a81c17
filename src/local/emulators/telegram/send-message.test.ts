import { GrammyError } from "grammy";
import { describe, expect, it } from "vitest";
import { callApi, useEmulator } from "./test-support.js";

const USER = 100001;
const t = useEmulator({ rateLimits: false });

const opened = () => t.emulator.sendText({ text: "hi" });

describe("sendMessage", () => {
  it("sends to a chat the user opened and keeps both sides of the conversation", async () => {
    await opened();
    const sent = await t.bot.api.sendMessage(USER, "Hello <b>there</b>", { parse_mode: "HTML" });
    expect(sent).toMatchObject({
      text: "Hello there",
      entities: [{ type: "bold", offset: 6, length: 5 }],
      from: { id: 7000001, is_bot: true },
      chat: { id: USER, type: "private" },
      date: Math.floor(t.clock.now().getTime() / 1000),
    });
    expect(t.emulator.chatMessages(USER).map((m) => m.text)).toEqual(["hi", "Hello there"]);
    expect(t.emulator.botMessages(USER)).toEqual([sent]);
  });

  it("refuses a chat nobody opened", async () => {
    await expect(t.bot.api.sendMessage(424242, "hello")).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: chat not found",
    });
  });

  it("accepts 4096 UTF-16 units and refuses 4097", async () => {
    await opened();
    await expect(t.bot.api.sendMessage(USER, "a".repeat(4096))).resolves.toBeDefined();
    await expect(t.bot.api.sendMessage(USER, "a".repeat(4097))).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: message is too long",
    });
  });

  it("counts an emoji as two units", async () => {
    await opened();
    await expect(t.bot.api.sendMessage(USER, "😀".repeat(2048))).resolves.toBeDefined();
    await expect(t.bot.api.sendMessage(USER, `${"😀".repeat(2048)}a`)).rejects.toMatchObject({
      description: "Bad Request: message is too long",
    });
  });

  it("does not count HTML markup", async () => {
    await opened();
    const sent = await t.bot.api.sendMessage(USER, `<b>${"a".repeat(4096)}</b>`, { parse_mode: "HTML" });
    expect(sent.text).toHaveLength(4096);
  });

  it("refuses empty text, also after trimming and parsing", async () => {
    await opened();
    for (const text of ["", "   ", "<b></b>"]) {
      await expect(t.bot.api.sendMessage(USER, text, { parse_mode: "HTML" })).rejects.toMatchObject({
        description: "Bad Request: message text is empty",
      });
    }
  });

  it("answers an HTML error with Telegram's wording", async () => {
    await opened();
    const error = await t.bot.api
      .sendMessage(USER, "<b>bold", { parse_mode: "HTML" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).description).toBe(
      "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
    );
  });

  it("refuses an unescaped MarkdownV2 reserved character", async () => {
    await opened();
    await expect(t.bot.api.sendMessage(USER, "Thanks.", { parse_mode: "MarkdownV2" })).rejects.toMatchObject({
      description:
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    });
  });

  it("accepts 64 bytes of callback_data and refuses 65", async () => {
    await opened();
    const keyboard = (data: string) => ({
      reply_markup: { inline_keyboard: [[{ text: "Go", callback_data: data }]] },
    });
    await expect(t.bot.api.sendMessage(USER, "ok", keyboard("x".repeat(64)))).resolves.toBeDefined();
    await expect(t.bot.api.sendMessage(USER, "no", keyboard("x".repeat(65)))).rejects.toMatchObject({
      description: "Bad Request: BUTTON_DATA_INVALID",
    });
    await expect(t.bot.api.sendMessage(USER, "no", keyboard("é".repeat(33)))).rejects.toMatchObject({
      description: "Bad Request: BUTTON_DATA_INVALID",
    });
  });

  it("refuses an inline button with neither callback_data nor url", async () => {
    await opened();
    const { status, body } = await callApi(t.emulator, "sendMessage", {
      chat_id: USER,
      text: "x",
      reply_markup: { inline_keyboard: [[{ text: "Nothing" }]] },
    });
    expect(status).toBe(400);
    expect(body.description).toBe(
      "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
  });

  it("answers 403 once the user blocked the bot", async () => {
    await opened();
    t.emulator.blockBot(USER);
    await expect(t.bot.api.sendMessage(USER, "still there?")).rejects.toMatchObject({
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
  });

  it("tells the bot about the block with a my_chat_member update", async () => {
    await opened();
    t.emulator.blockBot(USER);
    const updates = await t.bot.api.getUpdates();
    expect(updates.at(-1)?.my_chat_member?.new_chat_member.status).toBe("kicked");
  });

  it("refuses a reply to a missing message unless told to send anyway", async () => {
    await opened();
    await expect(
      t.bot.api.sendMessage(USER, "re", { reply_parameters: { message_id: 99 } }),
    ).rejects.toMatchObject({
      description: "Bad Request: message to be replied not found",
    });
    const sent = await t.bot.api.sendMessage(USER, "re", {
      reply_parameters: { message_id: 99, allow_sending_without_reply: true },
    });
    expect(sent.reply_to_message).toBeUndefined();
  });

  it("accepts form-encoded and query-string parameters like JSON", async () => {
    await opened();
    const url = `${t.emulator.apiRoot}/bot${t.emulator.token}/sendMessage?chat_id=${USER}`;
    const response = await fetch(url, { method: "POST", body: new URLSearchParams({ text: "form" }) });
    expect(await response.json()).toMatchObject({ ok: true, result: { text: "form" } });
  });
});

describe("the HTTP surface", () => {
  it("answers a wrong token with 401", async () => {
    const response = await fetch(`${t.emulator.apiRoot}/bot123:wrong/getMe`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });
  });

  it("answers an unknown method with 404", async () => {
    const { status, body } = await callApi(t.emulator, "sendTelepathy");
    expect(status).toBe(404);
    expect(body).toEqual({ ok: false, error_code: 404, description: "Not Found" });
  });

  it("returns the configured bot from getMe", async () => {
    const { body } = await callApi(t.emulator, "getMe");
    expect(body.result).toMatchObject({ id: 7000001, is_bot: true, username: "support_bridge_bot" });
  });
});
