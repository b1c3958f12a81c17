import type { FrustrationSignal } from "../domain/sla/frustration.js";
import type { StepKind } from "../domain/sla/policy.js";

/** Who has a ticket in the help desk, by name; either may be missing (no group, unassigned). */
export interface TicketOwner {
  readonly group?: string;
  readonly assignee?: string;
  /** The ticket's priority now: what an escalation left it at. */
  readonly priority?: string;
}

/** What a support manager should hear about one ticket at one scan: every step due, in one message. */
export interface SlaAlert {
  readonly ticketId: number;
  /** Most serious first. */
  readonly steps: readonly StepKind[];
  readonly tier: string;
  readonly category: string;
  /** The customer's choice, shown in Zendesk's field, when the router went another way. */
  readonly requestedCategory?: string;
  readonly vip: boolean;
  /** On the clock of the first step, in the tier's time. */
  readonly waitedMinutes: number;
  /**
   * For an alert led by a warning: minutes left (in the tier's time) before that deadline is breached, which
   * is what a manager acts on.
   */
  readonly breachInMinutes?: number;
  /**
   * For a tier that counts business hours only: its time zone, and for a warning the moment of the breach,
   * since "47 min" of working time can end after a weekend.
   */
  readonly workingTime?: { readonly timeZone: string; readonly breachAt?: number };
  /** Who has the ticket in the help desk, when it could be read as the alert went out. */
  readonly owner?: TicketOwner;
  /** Why the customer was flagged, when `steps` has `customer-frustrated`. */
  readonly frustrationSignals?: readonly FrustrationSignal[];
}

/** Where managers hear about SLA trouble: SNS -> Slack on AWS, a Slack webhook locally. */
export interface AlertSink {
  send(alert: SlaAlert): Promise<void>;
  /** Several alerts at once, as one message: the storm guard's digest. */
  sendDigest(alerts: readonly SlaAlert[]): Promise<void>;
}

/**
 * What escalating a step did. `"refused"`: the help desk will never take the change (the ticket was deleted
 * or closed). `"moot"`: the help desk shows the step no longer applies (the ticket has an assignee the bridge
 * has not heard of yet); nothing was changed for it and no alert is due.
 */
export type EscalationOutcome = "escalated" | "refused" | "moot";

/**
 * Changes a ticket when SLA steps escalate: raise priority, tag it, move it to the escalation group. The
 * steps due at one scan are one change (the priority goes up once, one note names them all); the outcome of
 * each, in the order given. A failure that may pass (the help desk unavailable) is thrown, and none of the
 * steps counts as escalated.
 */
export interface TicketEscalator {
  escalate(
    ticketId: number,
    steps: readonly StepKind[],
    /** Why the customer was flagged, when `steps` has `customer-frustrated`: the agent's note says so. */
    frustrationSignals?: readonly FrustrationSignal[],
  ): Promise<readonly EscalationOutcome[]>;
}
