import { setUpAccount } from "../adapters/zendesk/account-setup.js";
import { createZendeskClient, type ZendeskApiSettings } from "../adapters/zendesk/zendesk-client.js";
import type { ZendeskSide } from "../config/local-config.js";
import { routingRules } from "../config/routing-config.js";
import { groupsNamedBySettings } from "../config/zendesk-groups.js";
import type { Clock } from "../ports/clock.js";
import { type ArticleSeed, startZendeskEmulator, type ZendeskEmulator } from "./emulators/zendesk/index.js";

export interface ZendeskSideHandle {
  readonly api: ZendeskApiSettings;
  readonly emulator?: ZendeskEmulator;
  /** Signing secrets `/zendesk/webhook` accepts. */
  acceptedWebhookSecrets(): Promise<readonly string[]>;
  describe(): Record<string, unknown>;
  /**
   * With the emulator, sets it up as `npm run zendesk:setup` sets up a real account (fields, webhook), and
   * creates any group config/routing.json names, so local tickets look like production ones.
   */
  connect(webhookUrl: string): Promise<void>;
  close(): Promise<void>;
}

export async function startZendeskSide(
  side: ZendeskSide,
  clock: Clock,
  emulatorOptions: { articles?: readonly ArticleSeed[]; stateFile?: string } = {},
): Promise<ZendeskSideHandle> {
  if (side.kind === "remote") {
    return {
      api: { url: side.url, email: side.email, apiToken: side.apiToken },
      acceptedWebhookSecrets: async () => [side.webhookSecret],
      describe: () => ({ kind: "remote", url: side.url }),
      connect: async () => undefined,
      close: async () => undefined,
    };
  }
  const articles = emulatorOptions.articles && [...emulatorOptions.articles];
  const emulator = await startZendeskEmulator({
    now: () => clock.now(),
    ...(articles ? { articles } : {}),
    ...(emulatorOptions.stateFile ? { stateFile: emulatorOptions.stateFile } : {}),
  });
  const api = { url: emulator.url, email: emulator.email, apiToken: emulator.apiTokens()[0]?.token ?? "" };
  // An explicitly configured secret is honoured too, so scripts can sign requests without asking the emulator.
  const secrets = side.webhookSecret ? [side.webhookSecret] : [];
  return {
    api,
    emulator,
    acceptedWebhookSecrets: async () => secrets,
    describe: () => ({ kind: "emulator", url: emulator.url, agentConsole: `${emulator.url}/` }),
    async connect(webhookUrl) {
      const report = await setUpAccount(createZendeskClient(api), {
        webhookEndpoint: webhookUrl,
        rules: routingRules,
        otherGroups: groupsNamedBySettings(),
        createGroups: true,
      });
      const problems = report.items.filter((item) => item.action === "problem");
      if (!report.webhook || problems.length > 0) {
        throw new Error(
          `Zendesk emulator setup failed: ${problems.map((p) => `${p.subject} ${p.name}: ${p.detail}`).join("; ")}`,
        );
      }
      secrets.push(report.webhook.signingSecret);
    },
    close: () => emulator.close(),
  };
}
