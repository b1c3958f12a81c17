import type { Logger } from "@aws-lambda-powertools/logger";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import { safeError } from "../adapters/observability/safe-error.js";
import { ALLOWED_UPDATES, registerCommands } from "../adapters/telegram/bot-commands.js";
import type { BridgeContext } from "../adapters/telegram/bot-context.js";
import type { TelegramClientSettings } from "../adapters/telegram/create-bot.js";
import type { TelegramSide } from "../config/local-config.js";
import type { Clock } from "../ports/clock.js";
import { startTelegramEmulator, type TelegramEmulator } from "./emulators/telegram/index.js";

export interface TelegramConnectOptions {
  webhookUrl: string;
  webhookSecret?: string;
  bot: Bot<BridgeContext>;
  processUpdate: (update: Update) => Promise<unknown>;
  logger: Logger;
}

export interface TelegramSideHandle {
  readonly client: TelegramClientSettings;
  readonly emulator?: TelegramEmulator;
  describe(): Record<string, unknown>;
  connect(options: TelegramConnectOptions): Promise<void>;
  close(): Promise<void>;
}

/** The Telegram the local stack talks to: the built-in emulator, or a remote Bot API by webhook or polling. */
export async function startTelegramSide(side: TelegramSide, clock: Clock): Promise<TelegramSideHandle> {
  if (side.kind === "emulator") {
    // Update and message ids must keep growing across restarts, as Telegram's do: the bot remembers the
    // updates it handled and the messages it relayed (a reused message id would be taken for a redelivery).
    const startedAt = Math.floor(clock.now().getTime() / 100);
    const emulator = await startTelegramEmulator({
      now: () => clock.now(),
      firstUpdateId: startedAt,
      firstMessageId: startedAt,
    });
    return {
      client: { token: emulator.token, apiRoot: emulator.apiRoot },
      emulator,
      describe: () => ({
        kind: "emulator",
        apiRoot: emulator.apiRoot,
        controlUrl: `${emulator.apiRoot}/_emulator`,
      }),
      async connect({ webhookUrl, webhookSecret, bot }) {
        await bot.api.setWebhook(webhookUrl, {
          secret_token: webhookSecret,
          allowed_updates: [...ALLOWED_UPDATES],
        });
        await registerCommands(bot.api);
      },
      close: () => emulator.close(),
    };
  }
  const polling = new AbortController();
  let loop: Promise<void> | undefined;
  return {
    client: { token: side.token, apiRoot: side.apiRoot },
    describe: () => ({ kind: "remote", apiRoot: side.apiRoot, mode: side.mode }),
    async connect({ bot, processUpdate, logger }) {
      // Webhook mode serves the route only: registering needs a public URL (npm run telegram:setup).
      if (side.mode !== "polling") return;
      await bot.api.deleteWebhook();
      await registerCommands(bot.api);
      loop = pollUpdates(bot, processUpdate, polling.signal, logger);
    },
    async close() {
      polling.abort();
      await loop;
    },
  };
}

/** Long polling through the same pipeline as the webhook, so de-duplication and state behave alike. */
async function pollUpdates(
  bot: Bot<BridgeContext>,
  processUpdate: (update: Update) => Promise<unknown>,
  signal: AbortSignal,
  logger: Logger,
): Promise<void> {
  let offset = 0;
  while (!signal.aborted) {
    try {
      const updates = await bot.api.getUpdates(
        { offset, timeout: 25, allowed_updates: [...ALLOWED_UPDATES] },
        signal as Parameters<typeof bot.api.getUpdates>[1],
      );
      for (const update of updates) {
        await processUpdate(update).catch((error) =>
          logger.error("update failed", { updateId: update.update_id, error: safeError(error) }),
        );
        offset = update.update_id + 1;
      }
    } catch (error) {
      if (signal.aborted) return;
      logger.error("polling failed; retrying", { error: safeError(error) });
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}
