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

/** Who counts as a VIP customer, and what that changes on their tickets. */
export interface VipRule {
  /** Zendesk organizations, by name (case-insensitive) or id, whose members are VIPs. */
  readonly organizations: readonly (string | number)[];
  /** Zendesk user tags that make a customer a VIP. */
  readonly tags: readonly string[];
  /** `raise`: one step up; a priority name: at least that priority. */
  readonly priority: "raise" | TicketPriority;
  /** How long a customer's organization and tags, read from Zendesk, are trusted before being read again. */
  readonly recheckHours: number;
}

/** Workload-aware assignment in one Zendesk group. */
export interface GroupAssignment {
  /** An agent with this many unsolved tickets or more gets no new ones. */
  readonly capacity: number;
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
  readonly vip: VipRule;
  /** Groups (by name) whose new tickets go to the least loaded agent; others stay with the group. */
  readonly assignment: Readonly<Record<string, GroupAssignment>>;
  readonly ticketFields: {
    readonly orderId: string;
    readonly category: string;
    readonly telegramChat: string;
    /** The 1-5 rating from the solved notice; a drop-down whose option values are the `csat_N` tags. */
    readonly satisfaction: string;
  };
}

/** Zendesk's priorities, lowest first. */
export const PRIORITY_LADDER: readonly TicketPriority[] = ["low", "normal", "high", "urgent"];

export function raise(priority: TicketPriority): TicketPriority {
  return PRIORITY_LADDER[
    Math.min(PRIORITY_LADDER.indexOf(priority) + 1, PRIORITY_LADDER.length - 1)
  ] as TicketPriority;
}

/** The higher of two priorities. */
export function atLeast(priority: TicketPriority, floor: TicketPriority): TicketPriority {
  return PRIORITY_LADDER.indexOf(priority) >= PRIORITY_LADDER.indexOf(floor) ? priority : floor;
}
