import type { StepKind } from "../domain/sla/policy.js";

/** One SLA event a support manager should hear about. */
export interface SlaAlert {
  readonly ticketId: number;
  readonly step: StepKind;
  readonly tier: string;
  readonly category: string;
  readonly vip: boolean;
  readonly waitedMinutes: number;
}

/** Where managers hear about SLA trouble: SNS -> Slack on AWS, a Slack webhook locally. */
export interface AlertSink {
  send(alert: SlaAlert): Promise<void>;
  /** Several alerts at once, as one message: the storm guard's digest. */
  sendDigest(alerts: readonly SlaAlert[]): Promise<void>;
}

/** Changes a ticket when an SLA step escalates: raise priority, tag it, move it to the escalation group. */
export interface TicketEscalator {
  escalate(ticketId: number, step: StepKind): Promise<void>;
}
