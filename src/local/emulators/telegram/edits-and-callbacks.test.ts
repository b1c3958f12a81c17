import { describe, expect, it } from "vitest";
import { useEmulator } from "./test-support.js";

const USER = 100001;
const t = useEmulator({ rateLimits: false });
const keyboard = { inline_keyboard: [[{ text: "Yes", callback_data: "answer:yes" }]] };

async function botMessageWithKeyboard() {
  await t.emulator.sendText({ text: "hi" });
  return t.bot.api.sendMessage(USER, "Sure?", { reply_markup: keyboard });
}

describe("editMessageText", () => {
  it("refuses an edit that changes nothing", async () => {
    const sent = await botMessageWithKeyboard();
    await expect(
      t.bot.api.editMessageText(USER, sent.message_id, "Sure?", { reply_markup: keyboard }),
    ).rejects.toMatchObject({
      error_code: 400,
      description:
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    });
  });

  it("drops the inline keyboard when reply_markup is left out", async () => {
    const sent = await botMessageWithKeyboard();
    const edited = await t.bot.api.editMessageText(USER, sent.message_id, "Sure?");
    expect(edited).not.toHaveProperty("reply_markup");
    expect(edited).toHaveProperty("edit_date");
    expect(t.emulator.chatMessages(USER).at(-1)).toEqual(edited);
  });

  it("refuses a message that does not exist", async () => {
    await t.emulator.sendText({ text: "hi" });
    await expect(t.bot.api.editMessageText(USER, 77, "x")).rejects.toMatchObject({
      description: "Bad Request: message to edit not found",
    });
  });

  it("refuses to edit the user's message", async () => {
    const update = await t.emulator.sendText({ text: "hi" });
    await expect(t.bot.api.editMessageText(USER, update.message?.message_id ?? 0, "x")).rejects.toMatchObject(
      {
        description: "Bad Request: message can't be edited",
      },
    );
  });
});

describe("editMessageReplyMarkup", () => {
  it("removes the keyboard, then reports the second removal as not modified", async () => {
    const sent = await botMessageWithKeyboard();
    await t.bot.api.editMessageReplyMarkup(USER, sent.message_id);
    await expect(t.bot.api.editMessageReplyMarkup(USER, sent.message_id)).rejects.toMatchObject({
      description: expect.stringMatching(/^Bad Request: message is not modified/),
    });
  });
});

describe("callback queries", () => {
  it("accepts one answer and refuses a second", async () => {
    const sent = await botMessageWithKeyboard();
    const update = await t.emulator.clickButton({
      chatId: USER,
      messageId: sent.message_id,
      data: "answer:yes",
    });
    const queryId = update.callback_query?.id ?? "";
    expect(update.callback_query).toMatchObject({
      data: "answer:yes",
      message: { message_id: sent.message_id },
    });
    expect(t.emulator.unansweredCallbackQueries()).toHaveLength(1);
    await t.bot.api.answerCallbackQuery(queryId, { text: "Noted" });
    expect(t.emulator.unansweredCallbackQueries()).toEqual([]);
    await expect(t.bot.api.answerCallbackQuery(queryId)).rejects.toMatchObject({
      description: "Bad Request: query is too old and response timeout expired or query ID is invalid",
    });
  });

  it("refuses an answer after the timeout, by the injected clock", async () => {
    const sent = await botMessageWithKeyboard();
    const update = await t.emulator.clickButton({
      chatId: USER,
      messageId: sent.message_id,
      data: "answer:yes",
    });
    t.clock.advance(15 * 60 * 1000 + 1);
    await expect(t.bot.api.answerCallbackQuery(update.callback_query?.id ?? "")).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: query is too old and response timeout expired or query ID is invalid",
    });
  });

  it("refuses an answer text over 200 characters", async () => {
    const sent = await botMessageWithKeyboard();
    const update = await t.emulator.clickButton({
      chatId: USER,
      messageId: sent.message_id,
      data: "answer:yes",
    });
    await expect(
      t.bot.api.answerCallbackQuery(update.callback_query?.id ?? "", { text: "x".repeat(201) }),
    ).rejects.toMatchObject({ error_code: 400 });
  });

  it("only lets the user press a button the message shows", async () => {
    const sent = await botMessageWithKeyboard();
    await expect(
      t.emulator.clickButton({ chatId: USER, messageId: sent.message_id, data: "answer:no" }),
    ).rejects.toThrow(/no button with data "answer:no"/);
  });
});

describe("deleteMessage", () => {
  it("removes the message from the chat and refuses a second delete", async () => {
    const sent = await botMessageWithKeyboard();
    await t.bot.api.deleteMessage(USER, sent.message_id);
    expect(t.emulator.botMessages(USER)).toEqual([]);
    await expect(t.bot.api.deleteMessage(USER, sent.message_id)).rejects.toMatchObject({
      description: "Bad Request: message to delete not found",
    });
  });

  it("refuses a message older than 48 hours", async () => {
    const sent = await botMessageWithKeyboard();
    t.clock.advance(48 * 3600 * 1000 + 1);
    await expect(t.bot.api.deleteMessage(USER, sent.message_id)).rejects.toMatchObject({
      description: "Bad Request: message can't be deleted for everyone",
    });
  });
});

describe("user edits", () => {
  it("delivers an edited_message with the same id and an edit_date", async () => {
    const first = await t.emulator.sendText({ text: "helo" });
    const edit = await t.emulator.editText({
      chatId: USER,
      messageId: first.message?.message_id ?? 0,
      text: "hello",
    });
    expect(edit.edited_message).toMatchObject({ message_id: first.message?.message_id, text: "hello" });
    expect(edit.edited_message?.edit_date).toBeDefined();
    expect(edit.update_id).toBe((first.update_id ?? 0) + 1);
  });
});
