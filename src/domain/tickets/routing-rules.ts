import type { TicketPriority } from "../../ports/help-desk.js";
import type { Priority } from "../events.js";
import type { Category } from "../routing/categories.js";

export interface KeywordRule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly category: Category;
  readonly raisePriority: boolean;
  readonly tags: readonly string[];
}

/** How requests become teams and priorities (config/routing.json). */
export interface RoutingRules {
  readonly teams: Readonly<Record<Category, string>>;
  /** Below this the router is not sure of anything and the request goes to triage. */
  readonly minConfidence: number;
  /** The router overrules the customer's chosen category only when at least this sure. */
  readonly overruleConfidence: number;
  readonly rules: readonly KeywordRule[];
  readonly priorities: Readonly<Record<Priority, TicketPriority>>;
  readonly vip: { readonly tags: readonly string[]; readonly organizationTags: readonly string[] };
  readonly ticketFields: {
    readonly orderId: string;
    readonly category: string;
    readonly telegramChat: string;
    /** The 1-5 rating from the solved notice; a drop-down whose option values are the `csat_N` tags. */
    readonly satisfaction: string;
  };
}

const LADDER: readonly TicketPriority[] = ["low", "normal", "high", "urgent"];

export function raise(priority: TicketPriority): TicketPriority {
  return LADDER[Math.min(LADDER.indexOf(priority) + 1, LADDER.length - 1)] as TicketPriority;
}
