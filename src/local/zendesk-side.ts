import { ensureWebhook } from "../adapters/zendesk/webhook-registration.js";
import { createZendeskClient, type ZendeskApiSettings } from "../adapters/zendesk/zendesk-client.js";
import type { ZendeskSide } from "../config/local-config.js";
import type { Clock } from "../ports/clock.js";
import { startZendeskEmulator, type ZendeskEmulator } from "./emulators/zendesk/index.js";

export interface ZendeskSideHandle {
  readonly api: ZendeskApiSettings;
  readonly emulator?: ZendeskEmulator;
  /** Signing secrets `/zendesk/webhook` accepts. */
  acceptedWebhookSecrets(): Promise<readonly string[]>;
  describe(): Record<string, unknown>;
  /** With the emulator, registers the bridge's webhook in it (a real account is set up by zendesk:setup). */
  connect(webhookUrl: string): Promise<void>;
  close(): Promise<void>;
}

export async function startZendeskSide(side: ZendeskSide, clock: Clock): Promise<ZendeskSideHandle> {
  if (side.kind === "remote") {
    return {
      api: { url: side.url, email: side.email, apiToken: side.apiToken },
      acceptedWebhookSecrets: async () => [side.webhookSecret],
      describe: () => ({ kind: "remote", url: side.url }),
      connect: async () => undefined,
      close: async () => undefined,
    };
  }
  const emulator = await startZendeskEmulator({ now: () => clock.now() });
  const api = { url: emulator.url, email: emulator.email, apiToken: emulator.apiTokens()[0]?.token ?? "" };
  // An explicitly configured secret is honoured too, so scripts can sign requests without asking the emulator.
  const secrets = side.webhookSecret ? [side.webhookSecret] : [];
  return {
    api,
    emulator,
    acceptedWebhookSecrets: async () => secrets,
    describe: () => ({ kind: "emulator", url: emulator.url, agentConsole: `${emulator.url}/` }),
    async connect(webhookUrl) {
      const { signingSecret } = await ensureWebhook(createZendeskClient(api), webhookUrl);
      secrets.push(signingSecret);
    },
    close: () => emulator.close(),
  };
}
