import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.doUnmock("../../config/sla-policies.json");
  vi.doUnmock("../../config/routing.json");
  vi.resetModules();
});

/** Loads the CDK app as `cdk synth` does, with one of config/*.json changed. */
async function loadAppWith(
  file: string,
  change: (config: Record<string, unknown>) => Record<string, unknown>,
) {
  vi.resetModules();
  vi.doMock(file, async (importOriginal) => {
    const { default: real } = await importOriginal<{ default: Record<string, unknown> }>();
    return { default: change(structuredClone(real)) };
  });
  return import("../../lib/app.js");
}

describe("function configuration at synth", () => {
  it("fails synthesis on a broken SLA policy, naming the file and the setting", async () => {
    await expect(
      loadAppWith("../../config/sla-policies.json", (c) => ({ ...c, warningShare: 7 })),
    ).rejects.toThrow(/Invalid config\/sla-policies\.json:\n {2}warningShare: /);
  });

  it("fails synthesis on broken routing rules, naming the file and the setting", async () => {
    await expect(
      loadAppWith("../../config/routing.json", (c) => ({ ...c, classifier: { minConfidence: 2 } })),
    ).rejects.toThrow(/Invalid config\/routing\.json:\n {2}classifier\.minConfidence: /);
  });

  it("loads with the files as they are", async () => {
    await expect(loadAppWith("../../config/routing.json", (c) => c)).resolves.toHaveProperty(
      "createBridgeApp",
    );
  });
});
