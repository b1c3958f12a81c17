import type { StepKind } from "../domain/sla/policy.js";

/** What the SLA clocks report for dashboards (Powertools Metrics on AWS); no return values, never throws. */
export interface SlaMetrics {
  /** A ticket's first public agent reply stopped its first-response clock after `minutes` of the tier's time. */
  firstResponse(tier: string, minutes: number): void;
  /** A first-response or resolution deadline passed. */
  breached(tier: string, step: StepKind): void;
  /** A ticket was escalated in the help desk for `step`. */
  escalated(tier: string, step: StepKind): void;
  /** Alerts not sent because their ticket was alerted within the cooldown. */
  alertsSuppressed(count: number): void;
}
