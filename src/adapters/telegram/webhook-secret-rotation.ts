import { randomBytes } from "node:crypto";
import type { Api } from "grammy";
import { telegramSecretToken } from "../../config/env-schema.js";
import { RotationError, type RotationStrategy } from "../aws/rotation/rotate-secret.js";

/** 48 random bytes as base64url: 64 characters from A-Z a-z 0-9 _ -, all valid in a `secret_token`. */
export const newTelegramSecretToken = (): string => randomBytes(48).toString("base64url");

/**
 * The Telegram webhook `secret_token`. setSecret re-registers the same webhook (URL, allowed_updates,
 * max_connections and fixed IP as getWebhookInfo reports them) with the pending token; the intake function
 * accepts AWSCURRENT and AWSPENDING, so updates sent with either token are taken during the switch.
 */
export function telegramWebhookSecretRotation(api: Api, generate = newTelegramSecretToken): RotationStrategy {
  const registeredWebhook = async () => {
    const info = await api.getWebhookInfo();
    const { url } = info;
    if (!url) throw new RotationError("no Telegram webhook is registered; run npm run telegram:setup first");
    return { ...info, url };
  };
  return {
    async create() {
      return generate();
    },
    async set({ pending }) {
      const info = await registeredWebhook();
      await api.setWebhook(info.url, {
        secret_token: pending,
        ...(info.max_connections !== undefined ? { max_connections: info.max_connections } : {}),
        ...(info.allowed_updates !== undefined ? { allowed_updates: info.allowed_updates } : {}),
        ...(info.ip_address !== undefined ? { ip_address: info.ip_address } : {}),
      });
    },
    // Telegram never shows the token back; what can be checked is that it is valid and the webhook still set.
    async test({ pending }) {
      if (!telegramSecretToken.safeParse(pending).success) {
        throw new RotationError("the pending value is not a valid Telegram secret_token");
      }
      await registeredWebhook();
    },
  };
}
