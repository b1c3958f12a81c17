import { createServer } from "node:net";
import { HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { startTelegramEmulator } from "../../local/emulators/telegram/index.js";
import { createIntakeBot, createTelegramApi } from "./create-bot.js";

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
