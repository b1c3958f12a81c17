import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MADE_UP_FUNCTION_ENV } from "../../scripts/support/made-up-function-env.js";
import { parseApiTokenSecret } from "../../src/adapters/zendesk/api-token-secret.js";
import type { ZendeskEmulator } from "../../src/local/emulators/zendesk/index.js";
import { type FakeClock, startTestEmulator } from "../../src/local/emulators/zendesk/test-support.js";
import { type FakeSecretsManager, startFakeSecretsManager } from "../support/fake-secrets-manager.js";

/** The deployed handlers, wired from environment alone, against the fakes on 127.0.0.1. */
describe("rotation and age-check handlers", () => {
  let clock: FakeClock;
  let sm: FakeSecretsManager;
  let zendesk: ZendeskEmulator;

  beforeEach(async () => {
    ({ emulator: zendesk, clock } = await startTestEmulator());
    sm = await startFakeSecretsManager(clock.now);
    for (const [key, value] of Object.entries(MADE_UP_FUNCTION_ENV)) vi.stubEnv(key, value);
    vi.stubEnv("AWS_ENDPOINT_URL_SECRETS_MANAGER", sm.endpoint);
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDFAKE");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "fake");
    vi.stubEnv("AWS_MAX_ATTEMPTS", "1");
    vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "true");
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    vi.resetModules();
    await zendesk.close();
    await sm.close();
  });

  it("rotates the Zendesk API token through all four steps", async () => {
    const oldId = zendesk.apiTokens()[0]?.id as number;
    const secretId = sm.createSecret(
      "zendesk-api-token",
      JSON.stringify({ token: zendesk.apiToken, id: oldId }),
    );
    vi.stubEnv("ROTATION_TARGET", "zendesk-api-token");
    vi.stubEnv("ZENDESK_URL", zendesk.url);
    vi.stubEnv("ZENDESK_EMAIL", zendesk.email);
    const { handler } = await import("../../functions/secret-rotation/handler.js");
    const versionId = sm.beginRotation(secretId);
    for (const Step of ["createSecret", "setSecret", "testSecret", "finishSecret"]) {
      await handler({ SecretId: secretId, ClientRequestToken: versionId, Step });
    }
    const current = parseApiTokenSecret(sm.valueAt(secretId, "AWSCURRENT") ?? "");
    expect(zendesk.apiTokens().map((t) => t.id)).toEqual([current.id]);
  });

  it("refuses an event that is not a rotation step", async () => {
    vi.stubEnv("ROTATION_TARGET", "zendesk-api-token");
    const { handler } = await import("../../functions/secret-rotation/handler.js");
    await expect(handler({ SecretId: "x", ClientRequestToken: "y", Step: "dropSecret" })).rejects.toThrow(
      /Step/,
    );
  });

  it("measures the bot token's age from its current version", async () => {
    const secretId = sm.createSecret("telegram-bot-token", "123:abc");
    clock.advance(91 * 86_400_000);
    vi.stubEnv("WATCHED_SECRET_ARN", secretId);
    const { createSecretAgeApp } = await import("../../src/wiring/aws-secret-age.js");
    const days = await createSecretAgeApp(process.env, clock).check();
    expect(days).toBe(91);
  });
});
