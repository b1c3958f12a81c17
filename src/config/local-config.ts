import * as z from "../zod.js";
import { PUBLIC_BOT_API_ROOT } from "./constants.js";
import {
  httpUrl,
  httpUrlLike,
  optional,
  parseEnv,
  telegramBotToken,
  telegramSecretToken,
  withDefault,
} from "./env-schema.js";

const localEnv = z
  .object({
    PORT: withDefault(
      z.pipe(z.coerce.number(), z.int().check(z.minimum(0, "0 (any free port) to 65535"), z.maximum(65_535))),
      8787,
    ),
    DATA_DIR: withDefault(z.string(), ".data"),
    TELEGRAM_BOT_TOKEN: optional(telegramBotToken),
    TELEGRAM_API_ROOT: optional(httpUrlLike("https://api.telegram.org")),
    TELEGRAM_WEBHOOK_SECRET: optional(telegramSecretToken),
    TELEGRAM_MODE: withDefault(
      z.enum(["webhook", "polling"], { error: 'either "webhook" or "polling"' }),
      "webhook",
    ),
    ZENDESK_URL: optional(httpUrl),
    ZENDESK_EMAIL: optional(z.email({ error: "the Zendesk agent's email address" })),
    ZENDESK_API_TOKEN: optional(z.string().check(z.minLength(1))),
    ZENDESK_WEBHOOK_SECRET: optional(z.string().check(z.minLength(1))),
    SLACK_WEBHOOK_URL: optional(httpUrlLike("https://hooks.slack.com/services/T000/B000/XXXX")),
  })
  .check(
    z.superRefine((env, ctx) => {
      const require = (key: keyof typeof env, why: string) => {
        if (env[key] === undefined) ctx.addIssue({ code: "custom", path: [key], message: `required ${why}` });
      };
      if (env.TELEGRAM_API_ROOT !== undefined) require("TELEGRAM_BOT_TOKEN", "when TELEGRAM_API_ROOT is set");
      if (env.TELEGRAM_MODE === "polling") require("TELEGRAM_BOT_TOKEN", "when TELEGRAM_MODE=polling");
      if (env.ZENDESK_URL !== undefined) {
        require("ZENDESK_EMAIL", "when ZENDESK_URL is set (the agent email for API token auth)");
        require("ZENDESK_API_TOKEN", "when ZENDESK_URL is set");
        require("ZENDESK_WEBHOOK_SECRET", "when ZENDESK_URL is set (the webhook's signing secret)");
      }
    }),
  );

export type TelegramSide =
  | { kind: "emulator"; mode: "webhook"; webhookSecret?: string }
  | { kind: "remote"; token: string; apiRoot: string; mode: "webhook" | "polling"; webhookSecret?: string };

export type ZendeskSide =
  | { kind: "emulator"; webhookSecret?: string }
  | { kind: "remote"; url: string; email: string; apiToken: string; webhookSecret: string };

export interface LocalConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly telegram: TelegramSide;
  readonly zendesk: ZendeskSide;
  readonly slackWebhookUrl?: string;
}

/**
 * Reads the local stack's settings. Without accounts every side runs on its built-in emulator;
 * naming a remote (TELEGRAM_BOT_TOKEN / TELEGRAM_API_ROOT, ZENDESK_URL) switches that side's emulator off.
 */
export function loadLocalConfig(env: Record<string, string | undefined> = process.env): LocalConfig {
  const e = parseEnv(localEnv, env, "local stack");
  const telegram: TelegramSide =
    e.TELEGRAM_BOT_TOKEN === undefined
      ? { kind: "emulator", mode: "webhook", webhookSecret: e.TELEGRAM_WEBHOOK_SECRET }
      : {
          kind: "remote",
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT ?? PUBLIC_BOT_API_ROOT,
          mode: e.TELEGRAM_MODE,
          webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
        };
  const zendesk: ZendeskSide =
    e.ZENDESK_URL === undefined
      ? { kind: "emulator", webhookSecret: e.ZENDESK_WEBHOOK_SECRET }
      : {
          kind: "remote",
          url: e.ZENDESK_URL,
          email: e.ZENDESK_EMAIL as string,
          apiToken: e.ZENDESK_API_TOKEN as string,
          webhookSecret: e.ZENDESK_WEBHOOK_SECRET as string,
        };
  return Object.freeze({
    port: e.PORT,
    dataDir: e.DATA_DIR,
    telegram,
    zendesk,
    slackWebhookUrl: e.SLACK_WEBHOOK_URL,
  });
}
