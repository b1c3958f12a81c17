import { createServer } from "node:net";
import { HttpError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import { startTelegramEmulator } from "../../local/emulators/telegram/index.js";
import { botIdOf, createIntakeBot, createTelegramApi, identityFor } from "./create-bot.js";

/** A port on 127.0.0.1 that refuses connections: it was bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("the Bot API client's delivery policy", () => {
  it("fails a call when Telegram cannot be reached, instead of retrying it forever", async () => {
    const api = createTelegramApi({ token: "1:test", apiRoot: `http://127.0.0.1:${await closedPort()}` });
    await expect(api.sendMessage(1, "hello")).rejects.toBeInstanceOf(HttpError);
  });
});

describe("the intake bot's readiness", () => {
  it("learns the bot's identity once, and tries again after a failure", async () => {
    const telegram = await startTelegramEmulator();
    try {
      // Readiness touches none of the features' dependencies.
      const intake = createIntakeBot({ token: telegram.token, apiRoot: telegram.apiRoot }, {} as never);
      const getMeCalls = () => telegram.calls.filter((call) => call.method === "getMe").length;
      telegram.failNext("getMe", { error_code: 401, description: "Unauthorized" });
      await expect(intake.ready()).rejects.toThrow(/Unauthorized/);
      await Promise.all([intake.ready(), intake.ready()]);
      await intake.ready();
      expect(getMeCalls()).toBe(2);
      expect(intake.bot.botInfo.username).toBe("support_bridge_bot");
    } finally {
      await telegram.close();
    }
  });
});

describe("the intake bot's identity", () => {
  it("asks no getMe when it is given its identity, and reports one it had to ask for, once", async () => {
    const telegram = await startTelegramEmulator();
    try {
      const getMeCalls = () => telegram.calls.filter((call) => call.method === "getMe").length;
      const learned: UserFromGetMe[] = [];
      const asking = createIntakeBot({ token: telegram.token, apiRoot: telegram.apiRoot }, {} as never, {
        onIdentityLearned: async (identity) => void learned.push(identity),
      });
      await asking.ready();
      await asking.ready();
      expect(getMeCalls()).toBe(1);
      expect(learned).toEqual([
        expect.objectContaining({ id: botIdOf(telegram.token), username: "support_bridge_bot" }),
      ]);

      const told = createIntakeBot(
        {
          token: telegram.token,
          apiRoot: telegram.apiRoot,
          botInfo: identityFor(telegram.token, learned[0]),
        },
        {} as never,
        { onIdentityLearned: async (identity) => void learned.push(identity) },
      );
      await told.ready();
      expect(getMeCalls()).toBe(1);
      expect(learned).toHaveLength(1);
      expect(told.bot.botInfo.username).toBe("support_bridge_bot");
    } finally {
      await telegram.close();
    }
  });

  it("does not take another bot's identity for its own", () => {
    const identity = { id: 111, is_bot: true, first_name: "Old", username: "old_bot" } as UserFromGetMe;
    expect(identityFor("111:secret", identity)).toBe(identity);
    expect(identityFor("222:secret", identity)).toBeUndefined();
    expect(identityFor("222:secret", undefined)).toBeUndefined();
  });
});
