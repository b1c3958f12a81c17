import type { ZendeskClient } from "node-zendesk";

/** The ticket events the bridge listens to. */
export const WEBHOOK_SUBSCRIPTIONS = [
  "zen:event-type:ticket.comment_added",
  "zen:event-type:ticket.status_changed",
  "zen:event-type:ticket.group_assignment_changed",
  "zen:event-type:ticket.agent_assignment_changed",
] as const;

export const WEBHOOK_NAME = "Telegram bridge";

/** A trigger-connected webhook; Zendesk fixes that choice at creation, so it can never get our events. */
const TRIGGER_SUBSCRIPTION = "conditional_ticket_events";

export interface WebhookRecord {
  id: string;
  name: string;
  endpoint: string;
  status: string;
  http_method?: string;
  request_format?: string;
  subscriptions?: string[];
}

/** What registering the bridge's webhook would do, worked out from the account's webhooks alone. */
export type WebhookPlan =
  | { readonly change: "create" }
  | { readonly change: "update"; readonly id: string; readonly differences: readonly string[] }
  | { readonly change: "none"; readonly id: string }
  | { readonly change: "problem"; readonly problem: string };

/** The webhook the bridge needs: signed (Zendesk signs every webhook), event-subscribed, JSON by POST. */
function definition(endpoint: string) {
  return {
    name: WEBHOOK_NAME,
    status: "active",
    endpoint,
    http_method: "POST",
    request_format: "json",
    subscriptions: [...WEBHOOK_SUBSCRIPTIONS],
  };
}

export async function listWebhooks(client: ZendeskClient): Promise<WebhookRecord[]> {
  return (await client.webhooks.list()) as unknown as WebhookRecord[];
}

export function planWebhook(hooks: readonly WebhookRecord[], endpoint: string): WebhookPlan {
  const ours = hooks.filter((hook) => hook.name === WEBHOOK_NAME);
  const [existing, ...extra] = ours;
  if (!existing) return { change: "create" };
  if (extra.length > 0) {
    return {
      change: "problem",
      problem: `${ours.length} webhooks are named "${WEBHOOK_NAME}" (${ours.map((h) => h.id).join(", ")}); each would deliver every event. Delete all but one in Admin Center > Apps and integrations > Webhooks, then run this again.`,
    };
  }
  const subscriptions = existing.subscriptions ?? [];
  if (subscriptions.includes(TRIGGER_SUBSCRIPTION)) {
    return {
      change: "problem",
      problem: `webhook ${existing.id} is connected to triggers, and Zendesk cannot turn that into event subscriptions. Delete it in Admin Center > Apps and integrations > Webhooks, then run this again.`,
    };
  }
  const wanted = definition(endpoint);
  const differences: string[] = [];
  if (existing.endpoint !== endpoint) differences.push(`endpoint ${existing.endpoint} -> ${endpoint}`);
  if (existing.status !== "active") differences.push(`status ${existing.status} -> active`);
  if ((existing.http_method ?? "POST") !== "POST") differences.push(`method ${existing.http_method} -> POST`);
  if ((existing.request_format ?? "json") !== "json") {
    differences.push(`format ${existing.request_format} -> json`);
  }
  const missing = wanted.subscriptions.filter((s) => !subscriptions.includes(s));
  const unwanted = subscriptions.filter((s) => !(WEBHOOK_SUBSCRIPTIONS as readonly string[]).includes(s));
  if (missing.length > 0 || unwanted.length > 0) {
    differences.push(
      `subscriptions ${[...missing.map((s) => `+${s}`), ...unwanted.map((s) => `-${s}`)].join(" ")}`,
    );
  }
  return differences.length > 0
    ? { change: "update", id: existing.id, differences }
    : { change: "none", id: existing.id };
}

/** Carries out a plan (nothing to do for "none") and returns the webhook's id. */
export async function applyWebhookPlan(
  client: ZendeskClient,
  plan: Exclude<WebhookPlan, { change: "problem" }>,
  endpoint: string,
): Promise<string> {
  if (plan.change === "none") return plan.id;
  if (plan.change === "update") {
    await client.webhooks.update(plan.id, { webhook: definition(endpoint) } as never);
    return plan.id;
  }
  // node-zendesk unwraps the `webhook` envelope of the response.
  const created = (await client.webhooks.create({ webhook: definition(endpoint) } as never)) as unknown as {
    result: WebhookRecord;
  };
  if (!created.result.id) throw new Error("Zendesk did not return the webhook's id");
  return created.result.id;
}

export async function webhookSigningSecret(client: ZendeskClient, id: string): Promise<string> {
  const secret = (await client.webhooks.getSigningSecret(id)) as unknown as {
    result: { signing_secret: { secret: string } };
  };
  return secret.result.signing_secret.secret;
}
