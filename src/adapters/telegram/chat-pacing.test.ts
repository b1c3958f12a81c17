import { describe, expect, it } from "vitest";
import { chatPacing, type Scheduler } from "./chat-pacing.js";

/** A clock that only the scheduler moves: a sleep advances time at once, and is recorded. */
function virtualTime(start = 1_000_000) {
  let now = start;
  const sent: Array<{ method: string; chatId: unknown; at: number }> = [];
  const scheduler: Scheduler = {
    sleep: async (ms) => {
      now = Math.max(now, now + ms);
    },
  };
  const clock = { now: () => new Date(now) };
  const pace = chatPacing(clock, scheduler);
  const prev = async (method: string, payload: unknown) => {
    sent.push({ method, chatId: (payload as { chat_id?: unknown }).chat_id, at: now - start });
    return { ok: true as const, result: true };
  };
  const call = (method: string, chatId: number | string) =>
    pace(prev as never, method as never, { chat_id: chatId, text: "x" } as never);
  return { call, sent, advance: (ms: number) => (now += ms) };
}

describe("chat pacing", () => {
  it("lets three messages to a private chat go at once and spaces the next to a second apart on average", async () => {
    const v = virtualTime();
    for (let i = 0; i < 5; i++) await v.call("sendMessage", 42);
    expect(v.sent.map((s) => s.at)).toEqual([0, 0, 0, 3000, 3000]);
  });

  it("never holds up another chat", async () => {
    const v = virtualTime();
    for (let i = 0; i < 4; i++) await v.call("sendMessage", 42);
    await v.call("sendMessage", 43);
    expect(v.sent.at(-1)).toEqual({ method: "sendMessage", chatId: 43, at: 3000 });
    expect(v.sent.filter((s) => s.chatId === 43)).toHaveLength(1);
  });

  it("keeps a group within 20 messages a minute", async () => {
    const v = virtualTime();
    for (let i = 0; i < 21; i++) await v.call("sendMessage", -100123);
    const times = v.sent.map((s) => s.at);
    expect(times.slice(0, 20).every((at) => at < 60_000)).toBe(true);
    expect(times[20]).toBe(60_000);
  });

  it("queues concurrent sends to one chat in call order", async () => {
    const v = virtualTime();
    await Promise.all([1, 2, 3, 4].map(() => v.call("sendPhoto", 42)));
    expect(v.sent.map((s) => s.at)).toEqual([0, 0, 0, 3000]);
  });

  it("does not wait again once the window has passed", async () => {
    const v = virtualTime();
    for (let i = 0; i < 3; i++) await v.call("sendMessage", 42);
    v.advance(10_000);
    await v.call("sendMessage", 42);
    expect(v.sent.at(-1)?.at).toBe(10_000);
  });

  it("passes calls that post nothing straight through", async () => {
    const v = virtualTime();
    for (let i = 0; i < 3; i++) await v.call("sendMessage", 42);
    await v.call("answerCallbackQuery", 42);
    await v.call("editMessageText", 42);
    expect(v.sent.slice(-2).map((s) => s.at)).toEqual([0, 0]);
  });
});
