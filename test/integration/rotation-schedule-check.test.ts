import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RotationStrategy } from "../../src/adapters/aws/rotation/rotate-secret.js";
import { SecretVersions } from "../../src/adapters/aws/rotation/secret-versions.js";
import { FakeClock } from "../../src/local/emulators/zendesk/test-support.js";
import { type FakeSecretsManager, startFakeSecretsManager } from "../support/fake-secrets-manager.js";
import { Rotation } from "../support/rotation-harness.js";

/**
 * A rotation schedule made with RotateImmediatelyOnUpdate false: Secrets Manager checks it by running
 * testSecret alone on a pending version that holds no new value, right after the deploy, while the secret
 * still holds its placeholder.
 */
describe("Secrets Manager's check of a new rotation schedule", () => {
  let sm: FakeSecretsManager;
  let secretId: string;
  const tested: string[] = [];
  const strategy: RotationStrategy = {
    create: async () => "new-value",
    set: async () => {},
    test: async ({ pending }) => {
      tested.push(pending);
      throw new Error("the placeholder is no credential");
    },
  };

  beforeEach(async () => {
    tested.length = 0;
    sm = await startFakeSecretsManager(new FakeClock().now);
    secretId = sm.createSecret("zendesk-api-token", "placeholder-from-the-deploy");
  });
  afterEach(() => sm.close());

  it("passes testSecret on a pending version without a value, testing nothing", async () => {
    const check = new Rotation(sm, secretId, strategy);
    await check.step("testSecret");
    expect(tested).toEqual([]);
    expect(check.logger.audits().map((a) => a.outcome)).toEqual(["nothing-to-test"]);
  });

  it("passes testSecret on a pending version that holds the current value", async () => {
    const check = new Rotation(sm, secretId, strategy);
    await new SecretVersions(sm.client()).putPending(
      secretId,
      check.versionId,
      "placeholder-from-the-deploy",
    );
    await check.step("testSecret");
    expect(tested).toEqual([]);
  });

  it("still tests, and fails, a new value", async () => {
    const rotation = new Rotation(sm, secretId, strategy);
    await rotation.step("createSecret");
    await expect(rotation.step("testSecret")).rejects.toThrow(/placeholder is no credential/);
    expect(tested).toEqual(["new-value"]);
  });

  it("never makes current a pending version without a value", async () => {
    const check = new Rotation(sm, secretId, strategy);
    await expect(check.step("finishSecret")).rejects.toThrow(/no AWSPENDING value/);
    expect(sm.valueAt(secretId, "AWSCURRENT")).toBe("placeholder-from-the-deploy");
  });
});
