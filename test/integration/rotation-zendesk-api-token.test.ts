import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ROTATED_TOKEN_DESCRIPTION,
  zendeskApiTokenRotation,
} from "../../src/adapters/zendesk/api-token-rotation.js";
import { parseApiTokenSecret } from "../../src/adapters/zendesk/api-token-secret.js";
import { ZendeskCredentialsApi } from "../../src/adapters/zendesk/credentials-api.js";
import { ZendeskHelpDesk } from "../../src/adapters/zendesk/zendesk-help-desk.js";
import type { ZendeskEmulator } from "../../src/local/emulators/zendesk/index.js";
import { api, type FakeClock, startTestEmulator } from "../../src/local/emulators/zendesk/test-support.js";
import { type FakeSecretsManager, startFakeSecretsManager } from "../support/fake-secrets-manager.js";
import { RecordingLogger, Rotation } from "../support/rotation-harness.js";

describe("Zendesk API token rotation", () => {
  let clock: FakeClock;
  let sm: FakeSecretsManager;
  let zendesk: ZendeskEmulator;
  let secretId: string;
  let oldId: number;

  beforeEach(async () => {
    ({ emulator: zendesk, clock } = await startTestEmulator());
    sm = await startFakeSecretsManager(clock.now);
    oldId = zendesk.apiTokens()[0]?.id as number;
    secretId = sm.createSecret("zendesk-api-token", JSON.stringify({ token: zendesk.apiToken, id: oldId }));
  });
  afterEach(async () => {
    await zendesk.close();
    await sm.close();
  });

  const credentials = () => new ZendeskCredentialsApi({ url: zendesk.url, email: zendesk.email });
  const rotation = () =>
    new Rotation(sm, secretId, zendeskApiTokenRotation(credentials(), { info: () => {} }));
  const tokenIds = () => zendesk.apiTokens().map((t) => t.id);
  const pending = () => parseApiTokenSecret(sm.valueAt(secretId, "AWSPENDING") ?? "");

  it("createSecret makes a second token and stores it with its id; the old one keeps working", async () => {
    await rotation().step("createSecret");
    expect(tokenIds()).toEqual([oldId, pending().id]);
    expect(zendesk.apiTokens().find((t) => t.id === pending().id)?.token).toBe(pending().token);
    expect((await api(zendesk, "GET", "/users/me")).status).toBe(200);
  });

  it("deletes the old token only at finishSecret", async () => {
    const r = rotation();
    await r.step("createSecret");
    const created = pending();
    await r.step("setSecret");
    await r.step("testSecret");
    expect(tokenIds()).toEqual([oldId, created.id]);
    await r.step("finishSecret");
    expect(tokenIds()).toEqual([created.id]);
    expect(parseApiTokenSecret(sm.valueAt(secretId, "AWSCURRENT") ?? "")).toEqual(created);
  });

  it("each step twice creates one token and deletes the old one once", async () => {
    const r = rotation();
    for (const step of ["createSecret", "setSecret", "testSecret", "finishSecret"] as const) {
      await r.step(step);
      await r.step(step);
    }
    expect(tokenIds()).toHaveLength(1);
    expect(tokenIds()).not.toContain(oldId);
  });

  it("a createSecret retried after an unstored token was made deletes that orphan", async () => {
    const r = rotation();
    await api(zendesk, "POST", "/api_tokens", {
      token: { description: `${ROTATED_TOKEN_DESCRIPTION} ${r.versionId}` },
    });
    await r.step("createSecret");
    expect(tokenIds()).toEqual([oldId, pending().id]);
  });

  it("testSecret fails for a token that no longer works, and AWSCURRENT and the old token stay", async () => {
    const r = rotation();
    await r.step("createSecret");
    await api(zendesk, "DELETE", `/api_tokens/${pending().id}`);
    await expect(r.step("testSecret")).rejects.toThrow(/401/);
    expect(parseApiTokenSecret(sm.valueAt(secretId, "AWSCURRENT") ?? "").id).toBe(oldId);
    expect(tokenIds()).toEqual([oldId]);
  });

  it("a function still holding the deleted token re-reads it once after the 401 and carries on", async () => {
    let reads = 0;
    const helpDesk = new ZendeskHelpDesk({
      url: zendesk.url,
      email: zendesk.email,
      apiToken: {
        current: async () => zendesk.apiToken, // a cache filled before the rotation
        refreshed: async () => {
          reads++;
          return parseApiTokenSecret(sm.valueAt(secretId, "AWSCURRENT") ?? "").token;
        },
      },
    });
    await rotation().all();
    await expect(
      helpDesk.upsertRequester({ externalId: "tg:1", name: "Ann", locale: "en" }),
    ).resolves.toMatchObject({ id: expect.any(Number) });
    expect(reads).toBe(1);
  });

  it("a plain token without id is rotated, and the old token is kept with an audit note", async () => {
    secretId = sm.createSecret("plain-token", zendesk.apiToken);
    const logger = new RecordingLogger();
    await new Rotation(sm, secretId, zendeskApiTokenRotation(credentials(), logger)).all();
    expect(tokenIds()).toContain(oldId);
    expect(logger.audits()).toEqual([expect.objectContaining({ outcome: "old-token-kept" })]);
  });
});
