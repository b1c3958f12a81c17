import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { synthBridge } from "./synth.js";

/** Values a deployer's shell or `cdk -c` might hold while they synthesize; none may end up in cdk.out. */
const PLANTED = {
  TELEGRAM_BOT_TOKEN: "7012345678:XXplanted-bot-token_0123456789abcdefgh",
  TELEGRAM_WEBHOOK_SECRET: "planted_telegram_webhook_secret_0123456789",
  ZENDESK_API_TOKEN: "plantedZendeskApiToken0123456789abcdefgh",
  ZENDESK_WEBHOOK_SECRET: "planted-zendesk-signing-secret-0123456789",
} as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

let files: string[];
beforeAll(() => {
  for (const [name, value] of Object.entries(PLANTED)) vi.stubEnv(name, value);
  const { assembly } = synthBridge({
    bundle: true,
    validateCloudFormation: false,
    // Context keys the app does not read, as a deployer might mistakenly pass them.
    context: { telegramBotToken: PLANTED.TELEGRAM_BOT_TOKEN, zendeskApiToken: PLANTED.ZENDESK_API_TOKEN },
  });
  files = filesUnder(assembly.directory);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe("the synthesized cloud assembly", () => {
  it("includes the template and the bundled functions, and the scan finds what is there", () => {
    expect(files.some((f) => f.endsWith(".template.json"))).toBe(true);
    expect(files.some((f) => readFileSync(f).includes("https://acme.zendesk.com"))).toBe(true);
    expect(
      files.filter((f) => f.endsWith("index.mjs") || f.endsWith("index.js")).length,
    ).toBeGreaterThanOrEqual(3);
  });

  it.each(Object.keys(PLANTED))("holds no trace of %s from the environment or context", (name) => {
    const value = PLANTED[name as keyof typeof PLANTED];
    const holding = files.filter((file) => readFileSync(file).includes(value));
    expect(holding).toEqual([]);
  });
});
