import type { SlaClock } from "../domain/sla/clock.js";
import type { StepKind } from "../domain/sla/policy.js";

/** A ticket's SLA clock as stored, with what the alerts need to say and what is still owed. */
export interface SlaRecord {
  readonly clock: SlaClock;
  /** The category the ticket was routed by (its team and tier). */
  readonly category: string;
  /** The category the customer chose, when the router went another way: the one Zendesk's field shows. */
  readonly requestedCategory?: string;
  readonly vip: boolean;
  readonly version: number;
  /** Escalations applied to the ticket in the help desk (done before their alert goes out). */
  readonly escalated: readonly StepKind[];
  /** Steps whose alert is owed: written with the step, cleared once the alert went out. */
  readonly pendingAlerts: readonly StepKind[];
  /** Steps that fell due within the cooldown after the last alert; they go out together when it ends. */
  readonly heldAlerts?: readonly StepKind[];
  readonly lastAlertAt?: number;
}

export interface SlaStore {
  start(
    record: Omit<SlaRecord, "version" | "escalated" | "pendingAlerts">,
    nextDueAt: number | undefined,
  ): Promise<void>;
  get(ticketId: number): Promise<SlaRecord | undefined>;
  /** Records with something due at or before `now`; reads only those, however many tickets are open. */
  due(now: number, limit: number): Promise<SlaRecord[]>;
  /**
   * Stores a changed record if nobody changed it since it was read; false when someone did. `nextDueAt`
   * places it in the due-time index (undefined takes it out).
   */
  save(record: SlaRecord, nextDueAt: number | undefined): Promise<boolean>;
}
