import type { TicketPriority } from "../../ports/help-desk.js";
import type { Priority } from "../events.js";
import type { Category } from "../routing/categories.js";
import { TRIAGE_CATEGORY } from "../routing/categories.js";
import type { Classification } from "../routing/classifier.js";
import { vipPriority } from "./customer-tier.js";
import { type RoutingRules, raise } from "./routing-rules.js";

export type RouteReason =
  | "rule"
  | "customer-and-router-agree"
  | "router-overrules-customer"
  | "customer-choice"
  | "unsure";

export interface RouteDecision {
  readonly category: Category;
  readonly team: string;
  readonly priority: TicketPriority;
  readonly reason: RouteReason;
  readonly tags: readonly string[];
  /** Why the ticket is where it is, for the agents (an internal note), when it is not the obvious place. */
  readonly note?: string;
}

export interface RouteInput {
  readonly description: string;
  readonly chosen: Category;
  readonly priority: Priority;
  readonly vip: boolean;
}

const pct = (p: number) => `${Math.round(p * 100)}%`;

/**
 * Decides the team and priority of a request. Rules in the configuration win; then the customer's choice
 * when the router agrees; the router when it is confident and disagrees; triage when nobody is sure.
 */
export function routeRequest(
  input: RouteInput,
  classification: Classification,
  rules: RoutingRules,
): RouteDecision {
  let priority = rules.priorities[input.priority];
  const tags = [`category_${input.chosen}`];
  if (input.vip) {
    priority = vipPriority(priority, rules.vip);
    tags.push("vip");
  }
  const decide = (
    category: Category,
    reason: RouteReason,
    extra: { note?: string; tags?: readonly string[] } = {},
  ) => ({
    category,
    team: rules.teams[category],
    priority,
    reason,
    tags: [...tags, `routed_${category}`, ...(extra.tags ?? [])],
    ...(extra.note ? { note: extra.note } : {}),
  });

  const rule = rules.rules.find((r) => r.pattern.test(input.description));
  if (rule) {
    if (rule.raisePriority) priority = raise(priority);
    return decide(rule.category, "rule", {
      note: `Routed by rule "${rule.name}" to ${rules.teams[rule.category]}.`,
      tags: [`rule_${rule.name.replace(/\W+/g, "_")}`, ...rule.tags],
    });
  }
  const { category, confidence } = classification;
  if (category === input.chosen) return decide(category, "customer-and-router-agree");
  if (confidence >= rules.overruleConfidence) {
    return decide(category, "router-overrules-customer", {
      note:
        `The customer chose "${input.chosen}", but the router is ${pct(confidence)} sure this is about ` +
        `"${category}", so the ticket went to ${rules.teams[category]}. Move it if that is wrong: the correction trains the router.`,
    });
  }
  if (confidence < rules.minConfidence || input.chosen === TRIAGE_CATEGORY) {
    return decide(TRIAGE_CATEGORY, "unsure", {
      note: `The customer chose "${input.chosen}"; the router leans to "${category}" (${pct(confidence)}). Please triage.`,
    });
  }
  // The router has a mild preference but not enough to overrule what the customer said.
  return decide(input.chosen, "customer-choice", {
    note: `The router leans to "${category}" (${pct(confidence)}); kept the customer's choice "${input.chosen}".`,
  });
}
