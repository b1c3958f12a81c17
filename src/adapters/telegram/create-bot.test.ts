import { createServer } from "node:net";
import { HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { createTelegramApi } from "./create-bot.js";

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
