import type { RoutingCorrection } from "../../ports/routing-corrections.js";
import type { Category } from "./categories.js";

/**
 * One line of the exported JSONL: the shared training data's fields (`text`, `category`, `source_intent`,
 * `source`), which `routing:train` reads, plus where the label came from.
 */
export interface CorrectionExample {
  readonly text: string;
  readonly category: Category;
  readonly source_intent: "agent_group_move";
  readonly source: "zendesk-correction";
  readonly ticket_id: number;
  readonly previous_group: string | null;
  readonly new_group: string;
  readonly corrected_at: string;
}

/**
 * Training examples from stored corrections, oldest first. A ticket moved more than once counts once, with
 * the group it was moved to last: agents keep the last word.
 */
export function correctionExamples(corrections: readonly RoutingCorrection[]): CorrectionExample[] {
  const latest = new Map<number, RoutingCorrection>();
  const ordered = [...corrections].sort(
    (a, b) => a.correctedAt.localeCompare(b.correctedAt) || a.eventId.localeCompare(b.eventId),
  );
  for (const correction of ordered) {
    latest.delete(correction.ticketId);
    latest.set(correction.ticketId, correction);
  }
  return [...latest.values()].map((c) => ({
    text: c.text,
    category: c.category,
    source_intent: "agent_group_move",
    source: "zendesk-correction",
    ticket_id: c.ticketId,
    previous_group: c.previousGroup,
    new_group: c.newGroup,
    corrected_at: c.correctedAt,
  }));
}
