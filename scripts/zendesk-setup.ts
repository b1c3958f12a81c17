/**
 * Makes a Zendesk account ready for the bridge, idempotently: the custom ticket fields, the signed webhook to
 * `/zendesk/webhook` with its event subscriptions, and a report of the groups config/routing.json routes to.
 * A second run changes nothing.
 *
 *   npm run zendesk:setup -- --webhook-url https://abc.execute-api.eu-west-1.amazonaws.com/prod/zendesk/webhook
 *   npm run zendesk:setup -- --dry-run          (webhook URL from PUBLIC_URL + /zendesk/webhook)
 *
 * Settings: ZENDESK_URL, ZENDESK_EMAIL, ZENDESK_API_TOKEN (an admin's), and PUBLIC_URL unless
 * --webhook-url is given. Flags: --dry-run (change nothing, show what would change), --create-groups
 * (create the groups routing.json names that the account lacks), --show-secret (print the webhook's
 * signing secret inside the command that stores it), --secret-id ARN (default $ZENDESK_WEBHOOK_SECRET_ARN).
 *
 * Exit codes: 0 ready (or, on a dry run, nothing in the way); 1 problems reported; 2 bad settings or
 * Zendesk refused the credentials or could not be reached.
 */
import { parseArgs } from "node:util";
import {
  AccountSetupFailed,
  type SetupItem,
  type SetupReport,
  setUpAccount,
} from "../src/adapters/zendesk/account-setup.js";
import { createZendeskClient } from "../src/adapters/zendesk/zendesk-client.js";
import { ConfigError, httpUrl, optional, parseEnv } from "../src/config/env-schema.js";
import { routingRules } from "../src/config/routing-config.js";
import { groupsNamedBySettings } from "../src/config/zendesk-groups.js";
import * as z from "../src/zod.js";

const WEBHOOK_PATH = "/zendesk/webhook";

const settingsSchema = z
  .object({
    ZENDESK_URL: httpUrl,
    ZENDESK_EMAIL: z.email({ error: "the Zendesk admin's email address" }),
    ZENDESK_API_TOKEN: z
      .string({ error: "an admin's API token (Admin Center > Apps and integrations > Zendesk API)" })
      .check(z.minLength(1, "an admin's API token (Admin Center > Apps and integrations > Zendesk API)")),
    PUBLIC_URL: optional(httpUrl),
    "--webhook-url": optional(
      httpUrl.check(z.refine((url) => url.endsWith(WEBHOOK_PATH), `the full URL, ending in ${WEBHOOK_PATH}`)),
    ),
    ZENDESK_WEBHOOK_SECRET_ARN: optional(z.string().check(z.minLength(1))),
    "--secret-id": optional(z.string().check(z.minLength(1))),
  })
  // `when`: also when other settings are wrong, so one run names every missing setting.
  .check(
    z.refine((s) => s["--webhook-url"] !== undefined || s.PUBLIC_URL !== undefined, {
      path: ["--webhook-url"],
      message: `required: --webhook-url https://.../zendesk/webhook, or PUBLIC_URL (then ${WEBHOOK_PATH} is added)`,
      when: () => true,
    }),
  );

function formatItems(items: readonly SetupItem[]): string {
  const width = (pick: (item: SetupItem) => string) => Math.max(...items.map((item) => pick(item).length));
  const subject = width((i) => i.subject);
  const name = width((i) => i.name);
  const action = width((i) => i.action);
  return items
    .map(
      (i) =>
        `  ${i.subject.padEnd(subject)}  ${i.name.padEnd(name)}  ${i.action.padEnd(action)}  ${i.detail}`,
    )
    .join("\n");
}

function summary(report: SetupReport): string {
  const counts = new Map<string, number>();
  for (const item of report.items) counts.set(item.action, (counts.get(item.action) ?? 0) + 1);
  return [...counts].map(([action, count]) => `${count} ${action}`).join(", ");
}

/** The secret is printed only on request: a terminal transcript or CI log would otherwise keep it. */
function secretInstructions(
  report: SetupReport,
  settings: { ZENDESK_URL: string; secretId: string },
  show: boolean,
): string {
  if (!report.webhook) return "";
  const put = `aws secretsmanager put-secret-value --secret-id ${settings.secretId}`;
  const where =
    "Store the webhook's signing secret in Secrets Manager (stack output ZendeskWebhookSecretArn)";
  if (show) {
    return [
      `${where}:`,
      `  ${put} --secret-string '${report.webhook.signingSecret}'`,
      "For npm start against this account, the same value goes in ZENDESK_WEBHOOK_SECRET.",
    ].join("\n");
  }
  const fetch = `curl -sf -u "$ZENDESK_EMAIL/token:$ZENDESK_API_TOKEN" "${settings.ZENDESK_URL}/api/v2/webhooks/${report.webhook.id}/signing_secret" | jq -r .signing_secret.secret`;
  return [
    `${where}; this copies it from Zendesk without printing it:`,
    `  ${put} --secret-string "$(${fetch})"`,
    "Run again with --show-secret to print it instead.",
  ].join("\n");
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      "webhook-url": { type: "string" },
      "dry-run": { type: "boolean", default: false },
      "create-groups": { type: "boolean", default: false },
      "show-secret": { type: "boolean", default: false },
      "secret-id": { type: "string" },
    },
  });
  const settings = parseEnv(
    settingsSchema,
    { ...process.env, "--webhook-url": values["webhook-url"], "--secret-id": values["secret-id"] },
    "zendesk:setup",
  );
  const webhookEndpoint = settings["--webhook-url"] ?? `${settings.PUBLIC_URL}${WEBHOOK_PATH}`;
  const client = createZendeskClient({
    url: settings.ZENDESK_URL,
    email: settings.ZENDESK_EMAIL,
    apiToken: settings.ZENDESK_API_TOKEN,
  });
  const dryRun = values["dry-run"];
  const report = await setUpAccount(client, {
    webhookEndpoint,
    rules: routingRules,
    otherGroups: groupsNamedBySettings(),
    dryRun,
    createGroups: values["create-groups"],
  });

  const heading = dryRun ? "dry run: nothing was changed" : "done";
  console.log(`Zendesk ${settings.ZENDESK_URL}, webhook ${webhookEndpoint} (${heading})\n`);
  console.log(formatItems(report.items));
  console.log(`\n${summary(report)}`);
  const secretId =
    settings["--secret-id"] ?? settings.ZENDESK_WEBHOOK_SECRET_ARN ?? '"$ZENDESK_WEBHOOK_SECRET_ARN"';
  const secret = secretInstructions(
    report,
    { ZENDESK_URL: settings.ZENDESK_URL, secretId },
    values["show-secret"],
  );
  if (secret) console.log(`\n${secret}`);
  if (report.problems > 0) {
    console.error(`\n${report.problems} problem(s): see the rows marked "problem" above.`);
    return 1;
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof AccountSetupFailed || isUsageError(error)))
    throw error;
  console.error(`zendesk:setup: ${error.message}`);
  process.exitCode = 2;
}

function isUsageError(error: unknown): error is Error {
  return (
    error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS") === true
  );
}
