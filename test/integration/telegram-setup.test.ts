import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ALLOWED_UPDATES, COMMANDS } from "../../src/adapters/telegram/bot-commands.js";
import { startTelegramEmulator, type TelegramEmulator } from "../../src/local/emulators/telegram/index.js";

const run = promisify(execFile);
const URL = "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/telegram/webhook";
const SECRET = "planted_webhook_secret-0123456789abcdefghijklmnopqrstuvwxyz";
const SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:TelegramWebhookSecret-abc";
const TOKEN_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:TelegramBotToken-abc";

/** The environment without any setting the script reads, so the developer's shell cannot leak in. */
const cleanEnv = () =>
  Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("TELEGRAM_") && !key.startsWith("AWS_")),
  );

async function setupScript(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", "scripts/telegram-setup.ts", ...args],
      { env: { ...cleanEnv(), ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/**
 * Secrets Manager's GetSecretValue (JSON 1.1 protocol) on a loopback port, reached through the SDK's
 * AWS_ENDPOINT_URL_SECRETS_MANAGER. Unknown ids answer ResourceNotFoundException as the service does.
 */
async function fakeSecretsManager(secrets: Record<string, string>): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const { SecretId } = JSON.parse(body) as { SecretId: string };
    const value = secrets[SecretId];
    res.setHeader("content-type", "application/x-amz-json-1.1");
    if (req.headers["x-amz-target"] !== "secretsmanager.GetSecretValue" || value === undefined) {
      res.writeHead(400).end(
        JSON.stringify({
          __type: "ResourceNotFoundException",
          message: "Secrets Manager can't find the specified secret.",
        }),
      );
      return;
    }
    res.end(JSON.stringify({ ARN: SecretId, Name: "s", SecretString: value, VersionId: "v1" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

let telegram: TelegramEmulator;
let dir: string;
let withEnvSecrets: Record<string, string>;
beforeEach(async () => {
  telegram = await startTelegramEmulator();
  dir = await mkdtemp(join(tmpdir(), "telegram-setup-"));
  withEnvSecrets = {
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
  };
});
afterEach(async () => {
  await telegram.close();
  await rm(dir, { recursive: true, force: true });
});

describe("scripts/telegram-setup.ts", () => {
  it("names every missing setting and exits 2", async () => {
    const { code, stderr } = await setupScript([]);
    expect(code).toBe(2);
    for (const name of ["--url", "--secret-arn", "--bot-token-secret-arn"]) expect(stderr).toContain(name);
  });

  it("registers URL, secret, exactly the handled update types, max_connections and both menus", async () => {
    const { code, stdout } = await setupScript(["--url", URL, "--max-connections", "20"], withEnvSecrets);
    expect(code).toBe(0);
    expect(telegram.webhook()).toEqual({
      url: URL,
      secretToken: SECRET,
      allowedUpdates: [...ALLOWED_UPDATES],
      maxConnections: 20,
    });
    const api = `${telegram.apiRoot}/bot${telegram.token}`;
    for (const language of ["", "ru"]) {
      const menu = (await (
        await fetch(`${api}/getMyCommands`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(language ? { language_code: language } : {}),
        })
      ).json()) as { result: Array<{ command: string }> };
      expect(menu.result.map((c) => c.command)).toEqual([...COMMANDS]);
    }
    expect(stdout).toMatch(/url\s+\(none\)\s+->\s+https:\/\/abc123/);
    expect(stdout).toMatch(/allowed_updates\s+\(Telegram's default\)\s+->\s+callback_query,edited_message/);
    expect(stdout).toMatch(/max_connections\s+\(none\)\s+->\s+20/);
    expect(stdout).toContain('"audit":"telegram-setup"');
  });

  it("never prints the secret or the bot token", async () => {
    const first = await setupScript(["--url", URL], withEnvSecrets);
    const dry = await setupScript(["--url", URL, "--dry-run"], withEnvSecrets);
    for (const output of [first.stdout, first.stderr, dry.stdout, dry.stderr]) {
      expect(output).not.toContain(SECRET);
      expect(output).not.toContain(telegram.token);
    }
  });

  it("is idempotent: a second run reports no changes", async () => {
    await setupScript(["--url", URL], withEnvSecrets);
    const { code, stdout } = await setupScript(["--url", URL], withEnvSecrets);
    expect(code).toBe(0);
    expect(stdout).toContain("no changes: Telegram already had these settings");
  });

  it("changes nothing on a dry run, and says what would change", async () => {
    const { code, stdout } = await setupScript(["--url", URL, "--dry-run"], withEnvSecrets);
    expect(code).toBe(0);
    expect(telegram.webhook()).toBeUndefined();
    expect(stdout).toContain("dry run: nothing was changed");
    expect(stdout).toMatch(/commands\[ru\]\s+\(none\)\s+->\s+\/start/);
  });

  it("reads URL and secret ARNs from cdk outputs and both secrets from Secrets Manager", async () => {
    const secretsManager = await fakeSecretsManager({ [SECRET_ARN]: SECRET, [TOKEN_ARN]: telegram.token });
    try {
      const outputs = join(dir, "cdk-outputs.json");
      await writeFile(
        outputs,
        JSON.stringify({
          TelegramZendeskBridge: {
            TelegramWebhookUrl: URL,
            TelegramWebhookSecretArn: SECRET_ARN,
            TelegramBotTokenSecretArn: TOKEN_ARN,
          },
        }),
      );
      const { code, stdout } = await setupScript(["--outputs-file", outputs], {
        TELEGRAM_API_ROOT: telegram.apiRoot,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.url,
        AWS_REGION: "eu-west-1",
        AWS_ACCESS_KEY_ID: "test",
        AWS_SECRET_ACCESS_KEY: "test",
      });
      expect(code).toBe(0);
      expect(telegram.webhook()?.secretToken).toBe(SECRET);
      expect(stdout).toContain(`from ${SECRET_ARN}`);
    } finally {
      secretsManager.server.close();
    }
  });

  it("refuses a stored secret Telegram would refuse, without quoting it", async () => {
    const badSecret = "not allowed: spaces & symbols";
    const secretsManager = await fakeSecretsManager({ [SECRET_ARN]: badSecret });
    try {
      const { code, stderr } = await setupScript(["--url", URL, "--secret-arn", SECRET_ARN], {
        TELEGRAM_API_ROOT: telegram.apiRoot,
        TELEGRAM_BOT_TOKEN: telegram.token,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.url,
        AWS_REGION: "eu-west-1",
        AWS_ACCESS_KEY_ID: "test",
        AWS_SECRET_ACCESS_KEY: "test",
      });
      expect(code).toBe(2);
      expect(stderr).toMatch(/is not valid: 1-256 characters from A-Z/);
      expect(stderr).not.toContain(badSecret);
      expect(telegram.webhook()).toBeUndefined();
    } finally {
      secretsManager.server.close();
    }
  });
});
