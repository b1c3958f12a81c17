import type { Api } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebhookSecrets } from "../../src/adapters/aws/webhook-secrets.js";
import { createTelegramApi } from "../../src/adapters/telegram/create-bot.js";
import { telegramWebhookEndpoint } from "../../src/adapters/telegram/webhook-endpoint.js";
import { telegramWebhookSecretRotation } from "../../src/adapters/telegram/webhook-secret-rotation.js";
import { startTelegramEmulator, type TelegramEmulator } from "../../src/local/emulators/telegram/index.js";
import { FakeClock } from "../../src/local/emulators/zendesk/test-support.js";
import { type FakeSecretsManager, startFakeSecretsManager } from "../support/fake-secrets-manager.js";
import { Rotation } from "../support/rotation-harness.js";

const WEBHOOK_URL = "https://bridge.example.com/prod/telegram/webhook";
const INITIAL = "initial_secret-token";
const GRACE_SECONDS = 600;

describe("Telegram webhook secret rotation", () => {
  let clock: FakeClock;
  let sm: FakeSecretsManager;
  let telegram: TelegramEmulator;
  let api: Api;
  let secretId: string;
  let endpoint: ReturnType<typeof telegramWebhookEndpoint>;
  let generated: number;
  /** Predictable "random" tokens, so tests can tell them apart. */
  const generate = () => ["first-new-token", "second-new-token"][generated++] ?? "spare-token";

  beforeEach(async () => {
    clock = new FakeClock();
    sm = await startFakeSecretsManager(clock.now);
    telegram = await startTelegramEmulator({ now: clock.now });
    api = createTelegramApi({ token: telegram.token, apiRoot: telegram.apiRoot });
    await api.setWebhook(WEBHOOK_URL, {
      secret_token: INITIAL,
      allowed_updates: ["message", "callback_query"],
      max_connections: 10,
    });
    secretId = sm.createSecret("telegram-webhook-secret", INITIAL);
    const secrets = new WebhookSecrets({ client: sm.client(), secretId, clock, graceSeconds: GRACE_SECONDS });
    endpoint = telegramWebhookEndpoint({
      acceptedSecrets: () => secrets.accepted(),
      refreshedSecrets: () => secrets.refreshed(),
      process: async () => "processed",
    });
    generated = 0;
  });
  afterEach(async () => {
    await telegram.close();
    await sm.close();
  });

  const rotation = () => new Rotation(sm, secretId, telegramWebhookSecretRotation(api, generate));

  /** An update as Telegram sends it now: with whatever secret_token the webhook is registered with. */
  const deliver = (token = telegram.webhook()?.secretToken) =>
    endpoint({
      headers: token === undefined ? {} : { "x-telegram-bot-api-secret-token": token },
      rawBody: JSON.stringify({
        update_id: 1,
        message: { message_id: 1, date: 0, chat: { id: 1, type: "private" }, text: "hi" },
      }),
    } as never);

  it("createSecret stores a new valid secret_token as AWSPENDING and leaves Telegram alone", async () => {
    const r = rotation();
    await r.step("createSecret");
    expect(sm.valueAt(secretId, "AWSPENDING")).toBe("first-new-token");
    expect(sm.valueAt(secretId, "AWSCURRENT")).toBe(INITIAL);
    expect(telegram.webhook()?.secretToken).toBe(INITIAL);
  });

  it("setSecret re-registers the same webhook with the pending token", async () => {
    const r = rotation();
    await r.step("createSecret");
    await r.step("setSecret");
    expect(telegram.webhook()).toEqual({
      url: WEBHOOK_URL,
      secretToken: "first-new-token",
      allowedUpdates: ["message", "callback_query"],
      maxConnections: 10,
    });
  });

  it("finishSecret makes the pending token AWSCURRENT and the old one AWSPREVIOUS", async () => {
    const r = rotation();
    await r.all();
    expect(sm.valueAt(secretId, "AWSCURRENT")).toBe("first-new-token");
    expect(sm.valueAt(secretId, "AWSPREVIOUS")).toBe(INITIAL);
    expect(sm.valueAt(secretId, "AWSPENDING")).toBeUndefined();
  });

  it("a retried step changes nothing (createSecret keeps its first token)", async () => {
    const r = rotation();
    for (const step of ["createSecret", "setSecret", "testSecret", "finishSecret"] as const) {
      await r.step(step);
      await r.step(step);
    }
    expect(sm.valueAt(secretId, "AWSCURRENT")).toBe("first-new-token");
    expect(sm.valueAt(secretId, "AWSPREVIOUS")).toBe(INITIAL);
    expect(telegram.webhook()?.secretToken).toBe("first-new-token");
  });

  it("accepts every genuine update at every point of the switch, with a cache primed before it", async () => {
    const statuses: Array<[string, number]> = [];
    await rotation().all(async (after) => {
      clock.advance(2_000); // Secrets Manager invokes each step separately, seconds apart
      statuses.push([after, (await deliver()).status]);
    });
    clock.advance(301_000); // the cache expires
    statuses.push(["cache expired", (await deliver()).status]);
    expect(statuses).toEqual([
      ["start", 200],
      ["createSecret", 200],
      ["setSecret", 200],
      ["testSecret", 200],
      ["finishSecret", 200],
      ["cache expired", 200],
    ]);
  });

  it("still refuses a wrong token, and the old one once the grace window has passed", async () => {
    await rotation().all(async () => clock.advance(2_000));
    expect((await deliver("not-the-token")).status).toBe(401);
    expect((await deliver()).status).toBe(200);
    expect((await deliver(INITIAL)).status).toBe(200);
    clock.advance((GRACE_SECONDS + 1) * 1000);
    expect((await deliver(INITIAL)).status).toBe(401);
  });

  it("re-reads past the cache at most once a second, however many wrong tokens arrive", async () => {
    await deliver();
    const reads = () => sm.calls.filter((c) => c === "GetSecretValue").length;
    const before = reads();
    clock.advance(1_000);
    for (let i = 0; i < 5; i++) expect((await deliver("wrong-token")).status).toBe(401);
    clock.advance(1_000);
    expect((await deliver("wrong-token")).status).toBe(401);
    // One re-read (three stages) for the first burst, one more a second later.
    expect(reads() - before).toBe(6);
  });

  it("testSecret fails when the webhook was removed, and AWSCURRENT stays as it was", async () => {
    const r = rotation();
    await r.step("createSecret");
    await r.step("setSecret");
    await api.deleteWebhook();
    await expect(r.step("testSecret")).rejects.toThrow(/no Telegram webhook/);
    expect(sm.valueAt(secretId, "AWSCURRENT")).toBe(INITIAL);
    expect(r.logger.audits().at(-1)).toMatchObject({ step: "testSecret", outcome: "failed" });
  });

  it("audits each step with the secret ARN and version id, never the value", async () => {
    const r = rotation();
    await r.all();
    expect(r.logger.audits().map((a) => [a.step, a.outcome, a.secretId, a.versionId])).toEqual(
      ["createSecret", "setSecret", "testSecret", "finishSecret"].map((step) => [
        step,
        "done",
        secretId,
        r.versionId,
      ]),
    );
    const logged = JSON.stringify(r.logger.records);
    expect(logged).not.toContain("first-new-token");
    expect(logged).not.toContain(INITIAL);
  });
});
