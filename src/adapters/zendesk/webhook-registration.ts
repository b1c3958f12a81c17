import type { ZendeskClient } from "node-zendesk";

/** The ticket events the bridge listens to. */
export const WEBHOOK_SUBSCRIPTIONS = [
  "zen:event-type:ticket.comment_added",
  "zen:event-type:ticket.status_changed",
  "zen:event-type:ticket.group_assignment_changed",
  "zen:event-type:ticket.agent_assignment_changed",
] as const;

export const WEBHOOK_NAME = "Telegram bridge";

interface WebhookRecord {
  id: string;
  name: string;
  endpoint: string;
  status: string;
  subscriptions?: string[];
}

/**
 * Makes sure the account has the bridge's webhook pointing at `endpoint`, and returns its signing secret.
 * Repeating it changes nothing.
 */
export async function ensureWebhook(
  client: ZendeskClient,
  endpoint: string,
): Promise<{ id: string; signingSecret: string; created: boolean }> {
  const existing = ((await client.webhooks.list()) as unknown as WebhookRecord[]).find(
    (hook) => hook.name === WEBHOOK_NAME,
  );
  let id = existing?.id;
  const wanted = {
    name: WEBHOOK_NAME,
    status: "active",
    endpoint,
    http_method: "POST",
    request_format: "json",
    subscriptions: [...WEBHOOK_SUBSCRIPTIONS],
  };
  if (!existing) {
    // node-zendesk unwraps the `webhook` envelope of the response.
    const created = (await client.webhooks.create({ webhook: wanted } as never)) as unknown as {
      result: WebhookRecord;
    };
    id = created.result.id;
  } else if (existing.endpoint !== endpoint || existing.status !== "active") {
    await client.webhooks.update(existing.id, { webhook: wanted } as never);
  }
  if (!id) throw new Error("Zendesk did not return the webhook's id");
  const secret = (await client.webhooks.getSigningSecret(id)) as unknown as {
    result: { signing_secret: { secret: string } };
  };
  return { id, signingSecret: secret.result.signing_secret.secret, created: !existing };
}
