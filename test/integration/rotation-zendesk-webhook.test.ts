import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebhookSecrets } from "../../src/adapters/aws/webhook-secrets.js";
import { zendeskSignature } from "../../src/adapters/http/webhook-auth.js";
import { ZendeskCredentialsApi } from "../../src/adapters/zendesk/credentials-api.js";
import { zendeskWebhookEndpoint } from "../../src/adapters/zendesk/webhook-endpoint.js";
import { zendeskWebhookSecretRotation } from "../../src/adapters/zendesk/webhook-secret-rotation.js";
import type { ZendeskEmulator } from "../../src/local/emulators/zendesk/index.js";
import { api, type FakeClock, startTestEmulator } from "../../src/local/emulators/zendesk/test-support.js";
import { type FakeSecretsManager, startFakeSecretsManager } from "../support/fake-secrets-manager.js";
import { passThroughLedger, Rotation } from "../support/rotation-harness.js";

const ENDPOINT = "https://bridge.example.com/prod/zendesk/webhook";
const GRACE_SECONDS = 600;

describe("Zendesk webhook signing secret rotation", () => {
  let clock: FakeClock;
  let sm: FakeSecretsManager;
  let zendesk: ZendeskEmulator;
  let webhookId: string;
  let secretId: string;
  let routing: ReturnType<typeof zendeskWebhookEndpoint>;
  let eventId: number;

  beforeEach(async () => {
    ({ emulator: zendesk, clock } = await startTestEmulator());
    sm = await startFakeSecretsManager(clock.now);
    const created = await api(zendesk, "POST", "/webhooks", {
      webhook: {
        name: "Bridge",
        status: "active",
        endpoint: ENDPOINT,
        http_method: "POST",
        request_format: "json",
        subscriptions: ["zen:event-type:ticket.comment_added"],
      },
    });
    webhookId = created.json.webhook.id;
    secretId = sm.createSecret("zendesk-webhook-secret", zendesk.signingSecret(webhookId));
    const secrets = new WebhookSecrets({ client: sm.client(), secretId, clock, graceSeconds: GRACE_SECONDS });
    routing = zendeskWebhookEndpoint({
      acceptedSecrets: () => secrets.accepted(),
      refreshedSecrets: () => secrets.refreshed(),
      ledger: passThroughLedger,
      clock,
      handle: async () => {},
    });
    eventId = 0;
  });
  afterEach(async () => {
    await zendesk.close();
    await sm.close();
  });

  const strategy = () =>
    zendeskWebhookSecretRotation({
      api: new ZendeskCredentialsApi({ url: zendesk.url, email: zendesk.email }),
      apiToken: async () => zendesk.apiToken,
      webhookEndpoint: ENDPOINT,
    });
  const rotation = () => new Rotation(sm, secretId, strategy());

  /** A delivery signed the way Zendesk signs it now (or with `secret`, for one signed earlier). */
  const deliver = (secret = zendesk.signingSecret(webhookId)) => {
    const rawBody = JSON.stringify({
      id: `event-${++eventId}`,
      type: "zen:event-type:ticket.comment_added",
      detail: { id: "1" },
      event: {},
    });
    const timestamp = clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, "Z");
    return routing({
      headers: {
        "x-zendesk-webhook-signature": zendeskSignature(secret, timestamp, rawBody),
        "x-zendesk-webhook-signature-timestamp": timestamp,
      },
      rawBody,
    } as never);
  };

  it("createSecret resets Zendesk's secret and stores the new one as AWSPENDING", async () => {
    const before = zendesk.signingSecret(webhookId);
    await rotation().step("createSecret");
    expect(zendesk.signingSecret(webhookId)).not.toBe(before);
    expect(sm.valueAt(secretId, "AWSPENDING")).toBe(zendesk.signingSecret(webhookId));
    expect(sm.valueAt(secretId, "AWSCURRENT")).toBe(before);
  });

  it("a retried createSecret neither resets again nor changes AWSPENDING", async () => {
    const r = rotation();
    await r.step("createSecret");
    const pending = sm.valueAt(secretId, "AWSPENDING");
    await r.step("createSecret");
    expect(zendesk.signingSecret(webhookId)).toBe(pending);
    expect(sm.valueAt(secretId, "AWSPENDING")).toBe(pending);
  });

  it("a createSecret retried after a reset that was never stored adopts that secret instead of resetting", async () => {
    await api(zendesk, "POST", `/webhooks/${webhookId}/signing_secret`); // the first attempt died here
    const signing = zendesk.signingSecret(webhookId);
    await rotation().step("createSecret");
    expect(zendesk.signingSecret(webhookId)).toBe(signing);
    expect(sm.valueAt(secretId, "AWSPENDING")).toBe(signing);
  });

  it("each step twice ends like each step once", async () => {
    const old = zendesk.signingSecret(webhookId);
    const r = rotation();
    for (const step of ["createSecret", "setSecret", "testSecret", "finishSecret"] as const) {
      await r.step(step);
      await r.step(step);
    }
    expect(sm.valueAt(secretId, "AWSCURRENT")).toBe(zendesk.signingSecret(webhookId));
    expect(sm.valueAt(secretId, "AWSPREVIOUS")).toBe(old);
  });

  it("accepts every genuine delivery at every point of the switch, and an older one in the grace window", async () => {
    const old = zendesk.signingSecret(webhookId);
    const statuses: Array<[string, number]> = [];
    await rotation().all(async (after) => {
      clock.advance(2_000);
      statuses.push([after, (await deliver()).status]);
      // A delivery Zendesk signed just before the reset and retried now.
      statuses.push([`${after}, signed before the reset`, (await deliver(old)).status]);
    });
    clock.advance(301_000);
    statuses.push(["cache expired", (await deliver()).status]);
    expect(statuses.filter(([, status]) => status !== 200)).toEqual([]);
    clock.advance(GRACE_SECONDS * 1000);
    expect((await deliver(old)).status).toBe(401);
    expect((await deliver("forged")).status).toBe(401);
  });

  it("testSecret fails when Zendesk signs with something else, and AWSCURRENT stays as it was", async () => {
    const old = zendesk.signingSecret(webhookId);
    const r = rotation();
    await r.step("createSecret");
    await api(zendesk, "POST", `/webhooks/${webhookId}/signing_secret`); // reset by someone else meanwhile
    await expect(r.step("testSecret")).rejects.toThrow(/other than AWSPENDING/);
    expect(sm.valueAt(secretId, "AWSCURRENT")).toBe(old);
  });
});
