import type { TicketPriority } from "../../ports/help-desk.js";
import { atLeast, raise, type VipRule } from "./routing-rules.js";

/** What the help desk knows about a requester that decides their tier. */
export interface RequesterProfile {
  readonly id: number;
  readonly organizationId: number | null;
  readonly tags: readonly string[];
}

/** The organization names in the rule; only these need looking up in the help desk. */
export function vipOrganizationNames(rule: VipRule): string[] {
  return rule.organizations.filter((o): o is string => typeof o === "string");
}

/**
 * Whether a requester is a VIP: a member of a listed organization (by id, or by name through
 * `organizationIdsByName`, lower-case names) or carrying a listed user tag.
 */
export function isVip(
  requester: RequesterProfile,
  rule: VipRule,
  organizationIdsByName: ReadonlyMap<string, number> = new Map(),
): boolean {
  if (requester.tags.some((tag) => rule.tags.includes(tag.toLowerCase()))) return true;
  const org = requester.organizationId;
  if (org === null) return false;
  return rule.organizations.some((o) =>
    typeof o === "number" ? o === org : organizationIdsByName.get(o.toLowerCase()) === org,
  );
}

/** Whether the rule names an organization that must be looked up by name to judge this requester. */
export function needsOrganizationNames(requester: RequesterProfile, rule: VipRule): boolean {
  if (requester.organizationId === null || vipOrganizationNames(rule).length === 0) return false;
  return !isVip(requester, rule);
}

/** A VIP's ticket priority under the rule. */
export function vipPriority(priority: TicketPriority, rule: VipRule): TicketPriority {
  return rule.priority === "raise" ? raise(priority) : atLeast(priority, rule.priority);
}
