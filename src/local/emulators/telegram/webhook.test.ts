import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Bot, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it, vi } from "vitest";
import { botInfo, callApi, useEmulator } from "./test-support.js";

const USER = 100001;
const t = useEmulator({ rateLimits: false, webhookRetry: { attempts: 3, delayMs: 5 } });
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((resolve) => s.close(resolve));
    }),
  );
});

interface Received {
  headers: IncomingHttpHeaders;
  update: Update;
}

/** A webhook endpoint that answers with the given statuses in turn (the last one repeats; 0 never answers). */
async function recordingEndpoint(statuses: number[] = [200]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    received.push({ headers: req.headers, update: JSON.parse(body) as Update });
    const status = statuses[Math.min(received.length, statuses.length) - 1] ?? 200;
    if (status !== 0) res.writeHead(status).end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram`, received };
}

describe("setWebhook", () => {
  it("refuses a secret token with characters outside A-Z a-z 0-9 _ -", async () => {
    const { status, body } = await callApi(t.emulator, "setWebhook", {
      url: "https://example.com/hook",
      secret_token: "a b",
    });
    expect(status).toBe(400);
    expect(body.description).toBe("Bad Request: secret token contains unallowed characters");
  });

  it("wants HTTPS except for a loopback host", async () => {
    const { body } = await callApi(t.emulator, "setWebhook", { url: "http://example.com/hook" });
    expect(body.description).toBe("Bad Request: bad webhook: HTTPS url must be provided for webhook");
  });

  it("blocks getUpdates while a webhook is set", async () => {
    await t.bot.api.setWebhook("https://example.com/hook");
    await expect(t.bot.api.getUpdates()).rejects.toMatchObject({
      error_code: 409,
      description:
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    });
  });
});

describe("webhook delivery", () => {
  it("POSTs the update with the secret token header", async () => {
    const endpoint = await recordingEndpoint();
    await t.bot.api.setWebhook(endpoint.url, { secret_token: "s3cret_-" });
    const update = await t.emulator.sendText({ text: "hello" });
    expect(endpoint.received).toEqual([
      { headers: expect.objectContaining({ "x-telegram-bot-api-secret-token": "s3cret_-" }), update },
    ]);
  });

  it("resends an update the webhook answered with 500", async () => {
    const endpoint = await recordingEndpoint([500, 500, 200]);
    await t.bot.api.setWebhook(endpoint.url);
    const update = await t.emulator.sendText({ text: "hello" });
    expect(endpoint.received.map((r) => r.update.update_id)).toEqual([
      update.update_id,
      update.update_id,
      update.update_id,
    ]);
    expect(t.emulator.webhookDeliveries.map((d) => d.status)).toEqual([500, 500, 200]);
  });

  it("gives up after the configured attempts and reports the error in getWebhookInfo", async () => {
    const endpoint = await recordingEndpoint([502]);
    await t.bot.api.setWebhook(endpoint.url);
    await t.emulator.sendText({ text: "hello" });
    expect(endpoint.received).toHaveLength(3);
    expect(await t.bot.api.getWebhookInfo()).toMatchObject({
      pending_update_count: 0,
      last_error_message: "Wrong response from the webhook: 502 Bad Gateway",
    });
  });

  it("delivers updates one at a time, in order", async () => {
    const endpoint = await recordingEndpoint();
    await t.bot.api.setWebhook(endpoint.url);
    const sent = await Promise.all(["a", "b", "c"].map((text) => t.emulator.sendText({ text })));
    await t.emulator.waitForIdle();
    expect(endpoint.received.map((r) => r.update.update_id)).toEqual(sent.map((u) => u.update_id));
  });

  it("leaves out update kinds not in allowed_updates", async () => {
    const endpoint = await recordingEndpoint();
    await t.bot.api.setWebhook(endpoint.url, { allowed_updates: ["callback_query"] });
    await t.emulator.sendText({ text: "ignored" });
    expect(endpoint.received).toEqual([]);
  });

  it("redelivers an update with the same update_id", async () => {
    const endpoint = await recordingEndpoint();
    await t.bot.api.setWebhook(endpoint.url);
    const update = await t.emulator.sendText({ text: "once" });
    await t.emulator.redeliver(update.update_id);
    expect(endpoint.received.map((r) => r.update)).toEqual([update, update]);
  });

  it("drives a grammY webhookCallback end to end", async () => {
    t.bot.command("start", (ctx) => ctx.reply("Welcome!"));
    const server = createServer(webhookCallback(t.bot, "http", { secretToken: "tok" }));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    await t.bot.api.setWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
      secret_token: "tok",
    });
    await t.emulator.sendText({ text: "/start" });
    expect(t.emulator.botMessages(USER).map((m) => m.text)).toEqual(["Welcome!"]);
  });
});

describe("webhook replies", () => {
  it("executes a method the webhook answers with, as Telegram does", async () => {
    const bot = new Bot(t.emulator.token, {
      botInfo,
      client: { apiRoot: t.emulator.apiRoot, canUseWebhookReply: (method) => method === "sendMessage" },
    });
    bot.on("message:text", (ctx) => ctx.reply("via webhook reply"));
    const server = createServer(webhookCallback(bot, "http"));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    await t.bot.api.setWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await t.emulator.sendText({ text: "hi" });
    expect(t.emulator.botMessages(USER).map((m) => m.text)).toEqual(["via webhook reply"]);
  });

  it("hands undelivered updates to getUpdates once the webhook is deleted", async () => {
    const endpoint = await recordingEndpoint([0]);
    await t.bot.api.setWebhook(endpoint.url);
    const delivering = t.emulator.sendText({ text: "stuck" });
    await vi.waitFor(() => expect(endpoint.received).toHaveLength(1));
    await t.bot.api.deleteWebhook();
    const update = await delivering;
    expect((await t.bot.api.getUpdates()).map((u) => u.update_id)).toContain(update.update_id);
  });
});

describe("getUpdates", () => {
  it("confirms updates by offset", async () => {
    const first = await t.emulator.sendText({ text: "one" });
    await t.emulator.sendText({ text: "two" });
    expect(await t.bot.api.getUpdates()).toHaveLength(2);
    const rest = await t.bot.api.getUpdates({ offset: first.update_id + 1 });
    expect(rest.map((u) => u.message?.text)).toEqual(["two"]);
  });

  it("answers a long poll as soon as an update arrives", async () => {
    await t.emulator.sendText({ text: "opens the chat" });
    await t.bot.api.getUpdates({ offset: -1 });
    const polling = t.bot.api.getUpdates({ offset: 100000002, timeout: 10 });
    await t.emulator.sendText({ text: "arrives" });
    expect((await polling).map((u) => u.message?.text)).toEqual(["arrives"]);
  });

  it("ends an older long poll with 409 when a newer one starts", async () => {
    const older = t.bot.api.getUpdates({ timeout: 10 });
    const newer = t.bot.api.getUpdates({ timeout: 10 });
    await expect(older).rejects.toMatchObject({
      error_code: 409,
      description:
        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    });
    await t.emulator.sendText({ text: "for the newer poll" });
    expect(await newer).toHaveLength(1);
  });

  it("serves a polling grammY bot", async () => {
    t.bot.on("message:text", (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    void t.bot.start({ timeout: 1 });
    await t.emulator.sendText({ text: "ping" });
    await vi.waitFor(() => expect(t.emulator.botMessages(USER).map((m) => m.text)).toEqual(["echo: ping"]));
    await t.bot.stop();
  });
});
