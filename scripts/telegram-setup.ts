/**
 * Registers the bridge with Telegram, idempotently: setWebhook with the webhook URL, the secret_token, the
 * update types the bot handles (ALLOWED_UPDATES) and max_connections, then the command menus. Prints what
 * getWebhookInfo showed before and after; a second run reports no changes.
 *
 *   npm run telegram:setup -- --stack TelegramZendeskBridge        (URL and secret ARNs from the stack outputs)
 *   npm run telegram:setup -- --outputs-file cdk-outputs.json      (as written by cdk deploy --outputs-file)
 *   npm run telegram:setup -- --url https://.../prod/telegram/webhook --secret-arn ARN --bot-token-secret-arn ARN
 *
 * Secrets never come from the command line (shell history, `ps`): the bot token and the webhook secret are
 * read from Secrets Manager by ARN, or from TELEGRAM_BOT_TOKEN / TELEGRAM_WEBHOOK_SECRET in the
 * environment. Neither is ever printed. Flags: --max-connections N (1-100, default 40),
 * --drop-pending-updates, --dry-run (read only: show what would change). TELEGRAM_API_ROOT points at
 * another Bot API server (a local one, or the emulator in tests).
 *
 * Exit codes: 0 done (or, on a dry run, shown); 2 bad settings, or Telegram or AWS refused.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { parseArgs, promisify } from "node:util";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { Api, GrammyError, HttpError } from "grammy";
import { audit } from "../src/adapters/observability/audit.js";
import { createLogger } from "../src/adapters/observability/logger.js";
import { redactSecrets } from "../src/adapters/observability/redact.js";
import { type SettingChange, setUpTelegram } from "../src/adapters/telegram/webhook-setup.js";
import { PUBLIC_BOT_API_ROOT } from "../src/config/constants.js";
import {
  awsArn,
  ConfigError,
  httpUrl,
  optional,
  parseEnv,
  telegramBotToken,
  telegramSecretToken,
  withDefault,
} from "../src/config/env-schema.js";
import * as z from "../src/zod.js";

const WEBHOOK_PATH = "/telegram/webhook";
/** The stack outputs this script reads (lib/bridge-stack.ts). */
const OUTPUTS = {
  url: "TelegramWebhookUrl",
  secretArn: "TelegramWebhookSecretArn",
  botTokenSecretArn: "TelegramBotTokenSecretArn",
} as const;

const settingsSchema = z
  .object({
    "--url": optional(
      httpUrl.check(z.refine((url) => url.endsWith(WEBHOOK_PATH), `the full URL, ending in ${WEBHOOK_PATH}`)),
    ),
    "--secret-arn": optional(awsArn),
    "--bot-token-secret-arn": optional(awsArn),
    "--max-connections": withDefault(
      z.pipe(z.coerce.number(), z.int().check(z.minimum(1), z.maximum(100, "1-100 (Telegram's range)"))),
      40,
    ),
    TELEGRAM_BOT_TOKEN: optional(telegramBotToken),
    TELEGRAM_WEBHOOK_SECRET: optional(telegramSecretToken),
    TELEGRAM_API_ROOT: optional(httpUrl),
  })
  .check(
    z.refine((s) => s["--url"] !== undefined, {
      path: ["--url"],
      message: `required: --url https://.../telegram/webhook, --stack NAME or --outputs-file FILE`,
      when: () => true,
    }),
    z.refine((s) => s.TELEGRAM_WEBHOOK_SECRET !== undefined || s["--secret-arn"] !== undefined, {
      path: ["--secret-arn"],
      message:
        "required: --secret-arn ARN (stack output TelegramWebhookSecretArn) or TELEGRAM_WEBHOOK_SECRET",
      when: () => true,
    }),
    z.refine((s) => s.TELEGRAM_BOT_TOKEN !== undefined || s["--bot-token-secret-arn"] !== undefined, {
      path: ["--bot-token-secret-arn"],
      message:
        "required: --bot-token-secret-arn ARN (stack output TelegramBotTokenSecretArn) or TELEGRAM_BOT_TOKEN",
      when: () => true,
    }),
  );

type Outputs = Partial<Record<string, string>>;

/** `cdk deploy --outputs-file` writes `{ "<stack>": { "<output>": "<value>" } }`. */
async function outputsFromFile(path: string): Promise<Outputs> {
  const stacks = JSON.parse(await readFile(path, "utf8")) as Record<string, Outputs>;
  const withUrl = Object.values(stacks).filter((outputs) => outputs[OUTPUTS.url] !== undefined);
  if (withUrl.length !== 1) {
    throw new ConfigError(
      `${path}: expected one stack with a ${OUTPUTS.url} output, found ${withUrl.length}`,
    );
  }
  return withUrl[0] as Outputs;
}

/** The AWS CLI rather than an SDK client: CloudFormation is the one AWS API only this script needs. */
async function outputsFromStack(stackName: string): Promise<Outputs> {
  const { stdout } = await promisify(execFile)("aws", [
    "cloudformation",
    "describe-stacks",
    "--stack-name",
    stackName,
    "--query",
    "Stacks[0].Outputs",
    "--output",
    "json",
  ]).catch((error: { stderr?: string; message: string }) => {
    throw new ConfigError(`aws cloudformation describe-stacks failed: ${error.stderr || error.message}`);
  });
  const outputs = JSON.parse(stdout) as Array<{ OutputKey: string; OutputValue: string }>;
  return Object.fromEntries(outputs.map((o) => [o.OutputKey, o.OutputValue]));
}

async function secretString(arn: string): Promise<string> {
  const client = new SecretsManagerClient({});
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    if (!SecretString) throw new ConfigError(`secret ${arn} has no string value yet`);
    return SecretString;
  } finally {
    client.destroy();
  }
}

/** Validates a secret read from Secrets Manager without ever quoting it. */
function checked(schema: z.ZodMiniType<string>, value: string, what: string): string {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ConfigError(`${what} is not valid: ${result.error.issues[0]?.message} (value not shown)`);
  }
  return result.data;
}

function formatChanges(changes: readonly SettingChange[]): string {
  if (changes.length === 0) return "  no changes: Telegram already had these settings";
  const width = Math.max(...changes.map((c) => c.setting.length));
  return changes.map((c) => `  ${c.setting.padEnd(width)}  ${c.before}  ->  ${c.after}`).join("\n");
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: "string" },
      stack: { type: "string" },
      "outputs-file": { type: "string" },
      "secret-arn": { type: "string" },
      "bot-token-secret-arn": { type: "string" },
      "max-connections": { type: "string" },
      "drop-pending-updates": { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
    },
  });
  const outputs: Outputs = values["outputs-file"]
    ? await outputsFromFile(values["outputs-file"])
    : values.stack
      ? await outputsFromStack(values.stack)
      : {};
  const settings = parseEnv(
    settingsSchema,
    {
      ...process.env,
      "--url": values.url ?? outputs[OUTPUTS.url],
      "--secret-arn": values["secret-arn"] ?? outputs[OUTPUTS.secretArn],
      "--bot-token-secret-arn": values["bot-token-secret-arn"] ?? outputs[OUTPUTS.botTokenSecretArn],
      "--max-connections": values["max-connections"],
    },
    "telegram:setup",
  );
  const secretArn = settings["--secret-arn"];
  const tokenArn = settings["--bot-token-secret-arn"];
  const secretToken =
    settings.TELEGRAM_WEBHOOK_SECRET ??
    checked(telegramSecretToken, await secretString(secretArn as string), `secret ${secretArn}`);
  const botToken =
    settings.TELEGRAM_BOT_TOKEN ??
    checked(telegramBotToken, await secretString(tokenArn as string), `secret ${tokenArn}`);

  const api = new Api(botToken, { apiRoot: settings.TELEGRAM_API_ROOT ?? PUBLIC_BOT_API_ROOT });
  const dryRun = values["dry-run"];
  const report = await setUpTelegram(
    api,
    {
      url: settings["--url"] as string,
      secretToken,
      maxConnections: settings["--max-connections"],
      dropPendingUpdates: values["drop-pending-updates"],
    },
    { dryRun },
  );
  const source = settings.TELEGRAM_WEBHOOK_SECRET ? "TELEGRAM_WEBHOOK_SECRET" : secretArn;
  console.log(
    `Telegram webhook ${settings["--url"]} (${dryRun ? "dry run: nothing was changed" : "done"})\n`,
  );
  console.log(formatChanges(report.changes));
  console.log(
    `\n  secret_token: ${dryRun ? "would be sent" : "sent"} from ${source} (Telegram never reports it back)`,
  );
  const error = report.after?.last_error_message;
  if (error) console.log(`  Telegram's last delivery error: ${error}`);
  if (!dryRun) {
    audit(createLogger("telegram-setup"), "telegram-setup", {
      changed: report.changes.map((c) => c.setting),
      maxConnections: settings["--max-connections"],
      droppedPendingUpdates: values["drop-pending-updates"],
    });
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (
    !(
      error instanceof ConfigError ||
      error instanceof GrammyError ||
      error instanceof HttpError ||
      isUsageError(error)
    )
  )
    throw error;
  // An HttpError quotes the Bot API URL, which holds the bot token.
  console.error(`telegram:setup: ${redactSecrets(error.message)}`);
  process.exitCode = 2;
}

function isUsageError(error: unknown): error is Error {
  return (
    error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS") === true
  );
}
