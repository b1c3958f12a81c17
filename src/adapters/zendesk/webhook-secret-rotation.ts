import { RotationError, type RotationStrategy } from "../aws/rotation/rotate-secret.js";
import type { ZendeskCredentialsApi } from "./credentials-api.js";

export interface ZendeskWebhookRotationDeps {
  api: ZendeskCredentialsApi;
  /** The current Zendesk API token, to call the Webhooks API. */
  apiToken: () => Promise<string>;
  /** The bridge's `/zendesk/webhook` URL; the webhook posting there is the one rotated. */
  webhookEndpoint: string;
}

/**
 * The Zendesk webhook signing secret. Zendesk makes the secret, so createSecret resets it and stores what
 * Zendesk then reports; from that moment Zendesk signs with the new secret, which the routing function
 * accepts as AWSPENDING (and, after finishSecret, the old one as AWSPREVIOUS for a grace window).
 */
export function zendeskWebhookSecretRotation(deps: ZendeskWebhookRotationDeps): RotationStrategy {
  const { api } = deps;
  const webhook = async () => {
    const auth = api.auth(await deps.apiToken());
    return { auth, id: await api.webhookIdFor(auth, deps.webhookEndpoint) };
  };
  return {
    async create({ current }) {
      const { auth, id } = await webhook();
      const signing = await api.signingSecret(auth, id);
      // Differs when an earlier attempt reset the secret but stopped before storing it (or someone reset it
      // by hand): Zendesk already signs with it, so it is stored as it is instead of being reset again.
      if (signing !== current) return signing;
      await api.resetSigningSecret(auth, id);
      return api.signingSecret(auth, id);
    },
    // Zendesk switched when createSecret reset the secret.
    async set() {},
    async test({ pending }) {
      const { auth, id } = await webhook();
      if ((await api.signingSecret(auth, id)) !== pending) {
        throw new RotationError("Zendesk signs with a secret other than AWSPENDING");
      }
    },
  };
}
