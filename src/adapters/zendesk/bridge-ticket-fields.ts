import type { ZendeskClient } from "node-zendesk";
import { satisfactionTag } from "../../domain/conversation/ticket-feedback.js";
import { CATEGORIES, type Category } from "../../domain/routing/categories.js";
import { requestCategoryTag } from "../../domain/tickets/request-category.js";
import type { RoutingRules } from "../../domain/tickets/routing-rules.js";
import type { SetupStep } from "./account-setup.js";

const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  shipping: "Shipping",
  payment: "Payment",
  returns: "Returns",
  order: "Order",
  account: "Account",
  product: "Product",
  other: "Other",
};

export interface FieldOption {
  readonly name: string;
  readonly value: string;
}

/** A custom ticket field the bridge fills, found by title (ids differ per account). */
export interface BridgeTicketField {
  readonly title: string;
  /** The type `zendesk:setup` creates. */
  readonly type: "text" | "tagger";
  /** Types an existing field may have and still take the bridge's values. */
  readonly accepts: readonly string[];
  readonly description: string;
  /** Drop-down options the field must offer (others an admin added are kept). */
  readonly options?: readonly FieldOption[];
}

/**
 * The custom fields tickets from Telegram carry, titled as in config/routing.json `ticketFields`.
 * Telegram chat ids reach 52 bits, so that field is text; an existing numeric field takes them too.
 */
export function bridgeTicketFields(titles: RoutingRules["ticketFields"]): readonly BridgeTicketField[] {
  return [
    {
      title: titles.orderId,
      type: "text",
      accepts: ["text"],
      description: "Order number the customer gave in Telegram (filled by the Telegram bridge).",
    },
    {
      title: titles.category,
      type: "tagger",
      accepts: ["tagger"],
      description:
        "What the customer's request is about, as chosen in Telegram (filled by the Telegram bridge).",
      options: CATEGORIES.map((category) => ({
        name: CATEGORY_LABELS[category],
        value: requestCategoryTag(category),
      })),
    },
    {
      title: titles.telegramChat,
      type: "text",
      accepts: ["text", "integer"],
      description:
        "Telegram chat the request came from; replies go back there (filled by the Telegram bridge).",
    },
    {
      title: titles.satisfaction,
      type: "tagger",
      accepts: ["tagger"],
      description:
        "The customer's 1-5 rating of a solved ticket, given in Telegram; the option values are the csat_N tags (filled by the Telegram bridge).",
      options: [1, 2, 3, 4, 5].map((score) => ({ name: String(score), value: satisfactionTag(score) })),
    },
  ];
}

export interface ZendeskField {
  id: number;
  title: string;
  type: string;
  active: boolean;
  custom_field_options?: Array<{ id: number; name: string; value: string }>;
}

const FIELDS_PAGE = "Admin Center > Objects and rules > Tickets > Fields";

/** What setup does about one of the bridge's fields, given the account's fields. */
export function planTicketField(
  client: ZendeskClient,
  fields: readonly ZendeskField[],
  wanted: BridgeTicketField,
): SetupStep {
  const base = { subject: "ticket field" as const, name: wanted.title };
  const same = fields.filter((field) => field.title === wanted.title);
  const [field, ...extra] = same;
  if (!field) {
    return {
      ...base,
      action: "created",
      detail: `${wanted.type} field${wanted.options ? ` with options ${wanted.options.map((o) => o.value).join(", ")}` : ""}`,
      apply: async () => {
        const { result } = (await client.ticketfields.create({
          ticket_field: {
            type: wanted.type,
            title: wanted.title,
            description: wanted.description,
            ...(wanted.options ? { custom_field_options: wanted.options } : {}),
          },
        })) as unknown as { result: ZendeskField };
        return result.id;
      },
    };
  }
  const problem = (detail: string): SetupStep => ({ ...base, id: field.id, action: "problem", detail });
  if (extra.length > 0) {
    return problem(
      `${same.length} fields have this title (${same.map((f) => f.id).join(", ")}); tickets would fill only one. Rename or delete the others in ${FIELDS_PAGE}.`,
    );
  }
  if (!wanted.accepts.includes(field.type)) {
    return problem(
      `is a ${field.type} field; the bridge needs ${wanted.accepts.join(" or ")}. Zendesk cannot change a field's type: rename or deactivate it in ${FIELDS_PAGE}, then run this again.`,
    );
  }
  if (!field.active) return problem(`is inactive; activate it in ${FIELDS_PAGE}.`);
  const present = field.custom_field_options ?? [];
  const missing = (wanted.options ?? []).filter((option) => !present.some((p) => p.value === option.value));
  if (missing.length === 0)
    return { ...base, id: field.id, action: "unchanged", detail: `${field.type} field` };
  return {
    ...base,
    id: field.id,
    action: "updated",
    detail: `adds options ${missing.map((o) => o.value).join(", ")} (keeps the ${present.length} it has)`,
    apply: async () => {
      const options = [...present.map(({ id, name, value }) => ({ id, name, value })), ...missing];
      await client.ticketfields.update(field.id, { ticket_field: { custom_field_options: options } });
      return field.id;
    },
  };
}
