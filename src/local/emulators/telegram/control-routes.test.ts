import type { Message, Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { useEmulator } from "./test-support.js";

const t = useEmulator({ rateLimits: false });

interface Changes {
  cursor: number;
  messages: Message[];
  deletedMessageIds: number[];
}

async function control<T>(
  path: string,
  body?: unknown,
): Promise<{ status: number; ok: boolean; result: T; description?: string }> {
  const response = await fetch(`${t.emulator.apiRoot}/_emulator${path}`, {
    method: body === undefined ? "GET" : "POST",
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  return { status: response.status, ...((await response.json()) as { ok: boolean; result: T }) };
}

describe("control API", () => {
  it("sends a user's message as a real update", async () => {
    const { result } = await control<Update>("/send", {
      userId: 2002,
      firstName: "Bob",
      languageCode: "de",
      text: "/start",
    });
    expect(result.message).toMatchObject({
      from: { id: 2002, first_name: "Bob", language_code: "de" },
      chat: { id: 2002, type: "private" },
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    });
    expect((await t.bot.api.getUpdates()).map((u) => u.update_id)).toEqual([result.update_id]);
  });

  it("lists a chat's messages from a cursor, with edits of older ones", async () => {
    await control("/send", { userId: 2002, text: "hi" });
    const sent = await t.bot.api.sendMessage(2002, "first answer");
    const all = await control<Changes>("/chats/2002/messages?after=0");
    expect(all.result.messages.map((m) => m.text)).toEqual(["hi", "first answer"]);
    await t.bot.api.editMessageText(2002, sent.message_id, "edited answer");
    const since = await control<Changes>(`/chats/2002/messages?after=${all.result.cursor}`);
    expect(since.result.messages.map((m) => m.text)).toEqual(["edited answer"]);
    expect(since.result.cursor).toBeGreaterThan(all.result.cursor);
  });

  it("holds a long poll until the bot writes", async () => {
    await control("/send", { userId: 2002, text: "hi" });
    const { result: before } = await control<Changes>("/chats/2002/messages?after=0");
    const polling = control<Changes>(`/chats/2002/messages?after=${before.cursor}&waitSeconds=5`);
    await t.bot.api.sendMessage(2002, "there you are");
    expect((await polling).result.messages.map((m) => m.text)).toEqual(["there you are"]);
  });

  it("reports deleted messages by id", async () => {
    await control("/send", { userId: 2002, text: "hi" });
    const sent = await t.bot.api.sendMessage(2002, "oops");
    const { result: before } = await control<Changes>("/chats/2002/messages?after=0");
    await t.bot.api.deleteMessage(2002, sent.message_id);
    const { result } = await control<Changes>(`/chats/2002/messages?after=${before.cursor}`);
    expect(result).toMatchObject({ messages: [], deletedMessageIds: [sent.message_id] });
  });

  it("presses a button of a bot message", async () => {
    await control("/send", { userId: 2002, text: "hi" });
    const sent = await t.bot.api.sendMessage(2002, "Pick", {
      reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "pick:a" }]] },
    });
    const { result } = await control<Update>("/click", {
      chatId: 2002,
      messageId: sent.message_id,
      data: "pick:a",
    });
    expect(result.callback_query).toMatchObject({ data: "pick:a", from: { id: 2002 } });
  });

  it("answers 400 with a reason for a refused action", async () => {
    const { status, ok, description } = await control("/click", { chatId: 31337, messageId: 1, data: "x" });
    expect({ status, ok }).toEqual({ status: 400, ok: false });
    expect(description).toMatch(/chat 31337 does not exist/);
  });

  it("answers 400 for a body that does not fit the route", async () => {
    expect((await control("/send", { userId: "nope" })).status).toBe(400);
  });

  it("answers 404 for an unknown route", async () => {
    expect((await control("/teleport")).status).toBe(404);
  });
});
