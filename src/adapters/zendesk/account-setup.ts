import type { ZendeskClient } from "node-zendesk";
import type { RoutingRules } from "../../domain/tickets/routing-rules.js";
import { HelpDeskRejected } from "../../ports/help-desk.js";
import { bridgeTicketFields, planTicketField, type ZendeskField } from "./bridge-ticket-fields.js";
import {
  applyWebhookPlan,
  listWebhooks,
  planWebhook,
  WEBHOOK_NAME,
  webhookSigningSecret,
} from "./webhook-registration.js";

/** What setup did (or, on a dry run, would do) to one thing in the account. */
export type SetupAction = "created" | "updated" | "unchanged" | "would-create" | "would-update" | "problem";

export interface SetupItem {
  readonly subject: "ticket field" | "webhook" | "group";
  readonly name: string;
  readonly action: SetupAction;
  /** What was found or changed; for a problem, what to do about it. */
  readonly detail: string;
  readonly id?: number | string;
}

export interface SetupReport {
  readonly dryRun: boolean;
  readonly items: readonly SetupItem[];
  /** The bridge's webhook, once it exists; not on a dry run. */
  readonly webhook?: { readonly id: string; readonly signingSecret: string };
  readonly problems: number;
}

export interface SetupOptions {
  /** Where Zendesk delivers events: the public `.../zendesk/webhook` URL. */
  readonly webhookEndpoint: string;
  readonly rules: Pick<RoutingRules, "teams" | "ticketFields">;
  /** Reads the account and reports what would change, changing nothing. */
  readonly dryRun?: boolean;
  /**
   * Groups other settings name, by the setting ("escalation.group in config/sla-policies.json"): the bridge
   * moves tickets there, so a group the account lacks is a problem too.
   */
  readonly otherGroups?: Readonly<Record<string, string>>;
  /** Creates the groups named that the account lacks; otherwise they are reported as problems. */
  readonly createGroups?: boolean;
}

/** Setup could not read or change the account at all (bad credentials, Zendesk down); nothing is reported. */
export class AccountSetupFailed extends Error {
  override readonly name = "AccountSetupFailed";
}

interface ZendeskGroup {
  id: number;
  name: string;
}

/** One planned item; `apply` makes the change and returns the id of what it created or updated. */
export interface SetupStep extends SetupItem {
  readonly action: "created" | "updated" | "unchanged" | "problem";
  readonly apply?: () => Promise<number | string>;
}

/**
 * Makes a Zendesk account ready for the bridge: the custom ticket fields tickets carry, the signed webhook
 * subscribed to the ticket events the bridge handles, and the groups config/routing.json routes to. It
 * reads the account first and changes only what is missing or wrong, so a second run changes nothing.
 * It never changes what it cannot safely change (a field of another type, a trigger-connected webhook):
 * those are reported as problems with what to do.
 */
export async function setUpAccount(client: ZendeskClient, options: SetupOptions): Promise<SetupReport> {
  const dryRun = options.dryRun ?? false;
  const fields = (await read(() => client.ticketfields.list())) as unknown as ZendeskField[];
  const groups = (await read(() => client.groups.list())) as unknown as ZendeskGroup[];
  const hooks = await read(() => listWebhooks(client));

  const webhook = webhookStep(client, planWebhook(hooks, options.webhookEndpoint), options.webhookEndpoint);
  const steps: SetupStep[] = [
    ...bridgeTicketFields(options.rules.ticketFields).map((wanted) =>
      planTicketField(client, fields, wanted),
    ),
    webhook,
    ...groupSteps(
      client,
      groups,
      [
        ...Object.entries(options.rules.teams).map(([category, name]) => ({
          label: category,
          setting: `teams.${category} in config/routing.json`,
          name,
        })),
        ...Object.entries(options.otherGroups ?? {}).map(([setting, name]) => ({
          label: setting.split(" ")[0] ?? setting,
          setting,
          name,
        })),
      ],
      options.createGroups ?? false,
    ),
  ];
  const items: SetupItem[] = [];
  for (const step of steps) items.push(dryRun ? preview(step) : await run(step));

  const webhookItem = items[steps.indexOf(webhook)];
  const webhookId = !dryRun && webhookItem?.action !== "problem" ? webhookItem?.id : undefined;
  return {
    dryRun,
    items,
    problems: items.filter((item) => item.action === "problem").length,
    ...(typeof webhookId === "string"
      ? { webhook: { id: webhookId, signingSecret: await webhookSigningSecret(client, webhookId) } }
      : {}),
  };
}

async function read<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof HelpDeskRejected && error.status === 401) {
      throw new AccountSetupFailed(
        "Zendesk refused the credentials (401): check ZENDESK_URL, ZENDESK_EMAIL and ZENDESK_API_TOKEN, and that token access is on (Admin Center > Apps and integrations > Zendesk API).",
        { cause: error },
      );
    }
    if (error instanceof HelpDeskRejected && error.status === 403) {
      throw new AccountSetupFailed(
        "Zendesk allowed the login but not the call (403): setting up fields and webhooks needs an admin's API token.",
        { cause: error },
      );
    }
    throw new AccountSetupFailed(`Could not read the Zendesk account: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function preview(step: SetupStep): SetupItem {
  const { apply: _apply, ...item } = step;
  if (item.action === "created") return { ...item, action: "would-create" };
  if (item.action === "updated") return { ...item, action: "would-update" };
  return item;
}

async function run(step: SetupStep): Promise<SetupItem> {
  const { apply, ...item } = step;
  if (!apply) return item;
  try {
    return { ...item, id: await apply() };
  } catch (error) {
    // A refusal is about this item only (e.g. an option tag another field already uses); the rest goes on.
    if (error instanceof HelpDeskRejected) {
      return { ...item, action: "problem", detail: `Zendesk refused to change it: ${error.details}` };
    }
    throw new AccountSetupFailed(
      `Setup stopped at ${item.subject} "${item.name}": ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

function webhookStep(
  client: ZendeskClient,
  plan: ReturnType<typeof planWebhook>,
  endpoint: string,
): SetupStep {
  const base = { subject: "webhook" as const, name: WEBHOOK_NAME };
  switch (plan.change) {
    case "problem":
      return { ...base, action: "problem", detail: plan.problem };
    case "none":
      return { ...base, id: plan.id, action: "unchanged", detail: `delivers to ${endpoint}` };
    case "update":
      return {
        ...base,
        id: plan.id,
        action: "updated",
        detail: plan.differences.join("; "),
        apply: () => applyWebhookPlan(client, plan, endpoint),
      };
    case "create":
      return {
        ...base,
        action: "created",
        detail: `signed, subscribed to the bridge's ticket events, delivers to ${endpoint}`,
        apply: () => applyWebhookPlan(client, plan, endpoint),
      };
  }
}

/** A group a setting names: `label -> name` in the report, and the setting to change when it is missing. */
interface NamedGroup {
  readonly label: string;
  readonly setting: string;
  readonly name: string;
}

function groupSteps(
  client: ZendeskClient,
  groups: readonly ZendeskGroup[],
  named: readonly NamedGroup[],
  createGroups: boolean,
): SetupStep[] {
  // Several categories may share a group: it is created once.
  const creating = new Map<string, Promise<number>>();
  const create = (name: string) => {
    let pending = creating.get(name);
    if (!pending) {
      pending = (
        client.groups.create({ group: { name } }) as unknown as Promise<{ result: ZendeskGroup }>
      ).then(({ result }) => result.id);
      creating.set(name, pending);
    }
    return pending;
  };
  return named.map(({ label, setting, name }): SetupStep => {
    const base = { subject: "group" as const, name: `${label} -> ${name}` };
    const group = groups.find((g) => g.name === name);
    if (group) return { ...base, id: group.id, action: "unchanged", detail: `group id ${group.id}` };
    if (createGroups) return { ...base, action: "created", detail: "new group", apply: () => create(name) };
    return {
      ...base,
      action: "problem",
      detail: `MISSING: no group named "${name}", so these tickets would get no group. Create it (Admin Center > People > Team > Groups), rename ${setting}, or run again with --create-groups.`,
    };
  });
}
