import { autoRetry } from "@grammyjs/auto-retry";
import { describe, expect, it } from "vitest";
import { useEmulator } from "./test-support.js";

const USER = 100001;
const t = useEmulator();

describe("flood limits", () => {
  it("lets a short burst through in a private chat, then answers 429 with retry_after", async () => {
    await t.emulator.sendText({ text: "hi" });
    for (let i = 0; i < 3; i++) await t.bot.api.sendMessage(USER, `burst ${i}`);
    await expect(t.bot.api.sendMessage(USER, "one too many")).rejects.toMatchObject({
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
  });

  it("lets the next message through once the injected clock passed retry_after", async () => {
    await t.emulator.sendText({ text: "hi" });
    for (let i = 0; i < 3; i++) await t.bot.api.sendMessage(USER, `burst ${i}`);
    await expect(t.bot.api.sendMessage(USER, "too soon")).rejects.toMatchObject({ error_code: 429 });
    t.clock.advance(1000);
    await expect(t.bot.api.sendMessage(USER, "later")).resolves.toMatchObject({ text: "later" });
  });

  it("allows 20 messages a minute in a group", async () => {
    const group = await t.emulator.sendText({
      chat: { type: "supergroup", id: -100777 },
      text: "hello group",
    });
    const chatId = group.message?.chat.id ?? 0;
    for (let i = 0; i < 20; i++) {
      t.clock.advance(100);
      await t.bot.api.sendMessage(chatId, `n${i}`);
    }
    // The first of the 20 went out 1.9 s before the 21st: 58.1 s to wait, rounded up.
    await expect(t.bot.api.sendMessage(chatId, "21st")).rejects.toMatchObject({
      error_code: 429,
      parameters: { retry_after: 59 },
    });
  });

  it("is honoured by @grammyjs/auto-retry", async () => {
    await t.emulator.sendText({ text: "hi" });
    t.emulator.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      retry_after: 1,
    });
    t.bot.api.config.use(autoRetry());
    await expect(t.bot.api.sendMessage(USER, "eventually")).resolves.toMatchObject({ text: "eventually" });
    const attempts = t.emulator.calls.filter((call) => call.method === "sendMessage");
    expect(attempts.map((call) => (call.response as { ok: boolean }).ok)).toEqual([false, true]);
  });
});
