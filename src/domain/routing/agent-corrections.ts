import type { RoutingCorrection, RoutingCorrections } from "../../ports/routing-corrections.js";
import type { TicketLinks } from "../../ports/ticket-links.js";
import type { Category } from "./categories.js";

/** A ticket's group changed, as the help desk reported it. */
export interface GroupChange {
  readonly eventId: string;
  readonly ticketId: number;
  readonly previousGroupId: number | null;
  readonly currentGroupId: number | null;
  /** The ticket's description (its first comment): the text the router classified. */
  readonly description: string;
  readonly at: Date;
}

export interface AgentCorrectionDeps {
  links: Pick<TicketLinks, "findByTicket">;
  corrections: Pick<RoutingCorrections, "record">;
  /** Group names by id (the help desk's). */
  groupNames: () => Promise<ReadonlyMap<number, string>>;
  /** Category -> group name (config/routing.json `teams`). */
  teams: Readonly<Record<Category, string>>;
}

export type CorrectionOutcome =
  | "recorded"
  | "duplicate"
  | "not-a-bridge-ticket"
  | "not-a-team-group"
  | "ambiguous-group"
  | "same-team"
  | "no-text";

/** The one category routed to a group, or why there is none. */
function categoryOf(group: string | undefined, teams: AgentCorrectionDeps["teams"]) {
  const categories = (Object.keys(teams) as Category[]).filter((c) => teams[c] === group);
  if (categories.length === 0) return "not-a-team-group" as const;
  if (categories.length > 1) return "ambiguous-group" as const;
  return { category: categories[0] as Category };
}

/**
 * Agents keep the last word: a bridge ticket moved to the group of another team becomes a labelled example
 * (its description, the new team's category). Moves to groups no category routes to (the escalation group)
 * say nothing about the topic, and a group shared by several categories cannot say which one: neither is
 * recorded. The same event recorded twice stays one correction.
 */
export async function recordAgentCorrection(
  change: GroupChange,
  deps: AgentCorrectionDeps,
): Promise<CorrectionOutcome> {
  if (change.currentGroupId === null || change.currentGroupId === change.previousGroupId) return "same-team";
  if (!(await deps.links.findByTicket(change.ticketId))) return "not-a-bridge-ticket";
  const names = await deps.groupNames();
  const newGroup = names.get(change.currentGroupId);
  const target = categoryOf(newGroup, deps.teams);
  if (typeof target === "string") return target;
  const previousGroup = change.previousGroupId === null ? null : (names.get(change.previousGroupId) ?? null);
  const before = categoryOf(previousGroup ?? undefined, deps.teams);
  if (typeof before !== "string" && before.category === target.category) return "same-team";
  const text = change.description.trim();
  if (!text) return "no-text";
  const correction: RoutingCorrection = {
    eventId: change.eventId,
    ticketId: change.ticketId,
    text,
    category: target.category,
    previousGroup,
    newGroup: newGroup as string,
    correctedAt: change.at.toISOString(),
  };
  return (await deps.corrections.record(correction)) ? "recorded" : "duplicate";
}
