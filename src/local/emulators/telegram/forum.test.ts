import { describe, expect, it } from "vitest";
import { useEmulator } from "./test-support.js";

const FORUM = -1001234;
const t = useEmulator({ rateLimits: false });

const openForum = () =>
  t.emulator.sendText({
    chat: { id: FORUM, type: "supergroup", title: "Support", isForum: true },
    text: "hello",
  });

describe("forum topics", () => {
  it("creates a topic whose thread id is its service message's id", async () => {
    await openForum();
    const topic = await t.bot.api.createForumTopic(FORUM, "Ticket #42");
    expect(topic).toMatchObject({ name: "Ticket #42", icon_color: 7322096 });
    expect(t.emulator.chatMessages(FORUM).at(-1)).toMatchObject({
      message_id: topic.message_thread_id,
      message_thread_id: topic.message_thread_id,
      forum_topic_created: { name: "Ticket #42" },
    });
  });

  it("sends into a topic and lists the topic's messages", async () => {
    await openForum();
    const topic = await t.bot.api.createForumTopic(FORUM, "Ticket #42");
    const sent = await t.bot.api.sendMessage(FORUM, "Agent reply", {
      message_thread_id: topic.message_thread_id,
    });
    expect(sent).toMatchObject({ message_thread_id: topic.message_thread_id, is_topic_message: true });
    const reply = await t.emulator.sendText({
      chat: { id: FORUM },
      from: { id: 555, firstName: "Agent" },
      text: "from the topic",
      messageThreadId: topic.message_thread_id,
    });
    expect(reply.message).toMatchObject({
      message_thread_id: topic.message_thread_id,
      is_topic_message: true,
    });
    const texts = t.emulator.chatMessages(FORUM, { threadId: topic.message_thread_id }).map((m) => m.text);
    expect(texts).toEqual([undefined, "Agent reply", "from the topic"]);
  });

  it("refuses a thread that does not exist", async () => {
    await openForum();
    await expect(t.bot.api.sendMessage(FORUM, "lost", { message_thread_id: 999 })).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: message thread not found",
    });
  });

  it("refuses a topic in a chat that is not a forum", async () => {
    await t.emulator.sendText({ chat: { id: -100999, type: "supergroup" }, text: "plain group" });
    await expect(t.bot.api.createForumTopic(-100999, "x")).rejects.toMatchObject({
      description: "Bad Request: the chat is not a forum",
    });
  });
});

describe("group privacy mode", () => {
  it("hides ordinary messages from a bot that is not an admin", async () => {
    const chat = { id: -100555, type: "supergroup" as const, botIsAdmin: false };
    const hidden = await t.emulator.sendText({ chat, text: "chatter" });
    const command = await t.emulator.sendText({ chat, text: "/help" });
    expect(hidden.update_id).toBe(0);
    expect((await t.bot.api.getUpdates()).map((u) => u.update_id)).toEqual([command.update_id]);
  });
});
