import type { BusinessHours } from "./business-hours.js";

/** SLA tiers and escalation rules (config/sla-policies.json), as the domain sees them. */
export interface SlaTier {
  readonly firstResponseMinutes: number;
  readonly resolutionMinutes: number;
  /** When set, deadlines count only these hours; otherwise they run on wall time. */
  readonly businessHours?: BusinessHours;
}

export interface SlaPolicy {
  readonly tiers: Readonly<Record<string, SlaTier>>;
  /** A pre-breach warning fires at this share of a deadline (0.8 = 80%). */
  readonly warningShare: number;
  /** Tickets of these tiers still without an assignee after `minutes` are escalated. */
  readonly unassigned: { readonly tiers: readonly string[]; readonly minutes: number };
  /** At most one alert per ticket in this many minutes; steps due meanwhile are held and sent when it ends. */
  readonly cooldownMinutes: number;
  /** More than `maxAlerts` alerts in one scan go out as a single digest. */
  readonly storm: { readonly maxAlerts: number };
  /**
   * A ticket is flagged frustrated after this many customer messages without a public agent reply, counting
   * only messages at least `messageGapMinutes` after the last one counted (a burst is one message).
   */
  readonly frustration: { readonly repeatedMessages: number; readonly messageGapMinutes: number };
}

export type StepKind =
  | "first-response-warning"
  | "first-response-breach"
  | "resolution-warning"
  | "resolution-breach"
  | "unassigned"
  | "customer-frustrated";

/** Breaches, the unassigned rule and a frustrated customer change the ticket; warnings only alert. */
export const ESCALATING_STEPS: ReadonlySet<StepKind> = new Set([
  "first-response-breach",
  "resolution-breach",
  "unassigned",
  "customer-frustrated",
]);

/** What needs a manager most comes first: the order steps are named in a combined alert and listed in a digest. */
export const STEP_SEVERITY: readonly StepKind[] = [
  "resolution-breach",
  "first-response-breach",
  "unassigned",
  "customer-frustrated",
  "resolution-warning",
  "first-response-warning",
];
