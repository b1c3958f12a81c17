import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Logger } from "@aws-lambda-powertools/logger";
import { loadLocalConfig } from "../../src/config/local-config.js";
import { AdjustableClock } from "../../src/local/adjustable-clock.js";
import type { TelegramEmulator } from "../../src/local/emulators/telegram/index.js";
import type { ArticleSeed, ZendeskEmulator } from "../../src/local/emulators/zendesk/index.js";
import { type LocalStack, type LocalStackOptions, startLocalStack } from "../../src/wiring/local.js";

export interface TestStack {
  stack: LocalStack;
  url: string;
  clock: AdjustableClock;
  telegram: TelegramEmulator;
  zendesk: ZendeskEmulator;
  dataDir: string;
  /** Stops the stack; the data directory stays unless `removeData` is true. */
  close(options?: { removeData?: boolean }): Promise<void>;
}

export const silentLogger = () => new Logger({ serviceName: "test", logLevel: "SILENT" });

/**
 * The real local stack on ephemeral ports with its built-in emulators, a fresh data directory (or the one
 * given, to test persistence), bus retries without delay and per-chat pacing on the stack's clock. Its Help
 * Center is empty unless a test gives articles, so forms go from Done straight to the summary; the knowledge
 * base tests bring their own.
 */
export async function startTestStack(
  env: Record<string, string> = {},
  options: {
    dataDir?: string;
    clock?: AdjustableClock;
    helpCenterArticles?: readonly ArticleSeed[];
    logger?: Logger;
    instrument?: LocalStackOptions["instrument"];
  } = {},
): Promise<TestStack> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "bridge-test-")));
  const clock = options.clock ?? new AdjustableClock();
  const config = loadLocalConfig({ PORT: "0", DATA_DIR: dataDir, ...env });
  const stack = await startLocalStack(config, {
    clock,
    logger: options.logger ?? silentLogger(),
    busRetryDelayMs: () => 0,
    helpCenterArticles: options.helpCenterArticles ?? [],
    // Pacing between messages moves the stack's clock instead of sleeping.
    pacingScheduler: { sleep: async (ms) => void clock.advance(ms / 1000) },
    instrument: options.instrument,
  });
  const telegram = stack.telegram.emulator;
  const zendesk = stack.zendesk.emulator;
  if (!telegram || !zendesk) throw new Error("the test stack runs on the built-in emulators");
  return {
    stack,
    url: stack.url,
    clock,
    telegram,
    zendesk,
    dataDir,
    async close({ removeData = true } = {}) {
      await stack.close();
      if (removeData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
