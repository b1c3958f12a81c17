import type { AlertSink, EscalationOutcome, SlaAlert, TicketEscalator } from "../../ports/alerts.js";
import type { SlaMetrics } from "../../ports/sla-metrics.js";
import type { StepKind } from "./policy.js";

/** An `AlertSink` that keeps what was delivered and can fail a chosen call, as a Slack outage would. */
export class RecordingAlerts implements AlertSink {
  readonly singles: SlaAlert[] = [];
  readonly digests: SlaAlert[][] = [];
  private calls = 0;
  private readonly failing = new Set<number>();

  async send(alert: SlaAlert): Promise<void> {
    this.call();
    this.singles.push(alert);
  }

  async sendDigest(alerts: readonly SlaAlert[]): Promise<void> {
    this.call();
    this.digests.push([...alerts]);
  }

  /** Makes the `n`th call from now (1 = the next one) throw without delivering. */
  failCall(n = 1): void {
    this.failing.add(this.calls + n);
  }

  /** Every alert delivered, single or in a digest, in order. */
  delivered(): SlaAlert[] {
    return [...this.singles, ...this.digests.flat()];
  }

  /** Delivered alerts as `ticketId:step`, a key per step, for compact assertions. */
  keys(): string[] {
    return this.delivered().flatMap((a) => a.steps.map((step) => `${a.ticketId}:${step}`));
  }

  private call(): void {
    this.calls++;
    if (this.failing.delete(this.calls)) throw new Error(`simulated alert outage on call ${this.calls}`);
  }
}

/**
 * A `TicketEscalator` that records each escalation instead of changing a Zendesk ticket. Tickets can be set
 * to be refused (deleted or closed in the help desk), to be moot (the help desk shows the step no longer
 * applies) or to fail a number of times (the help desk down).
 */
export class RecordingEscalator implements TicketEscalator {
  /** Every step asked for, one entry each. */
  readonly calls: Array<{ ticketId: number; step: StepKind }> = [];
  /** The changes asked for: the steps of a ticket due at one scan come as one. */
  readonly changes: Array<{ ticketId: number; steps: readonly StepKind[] }> = [];
  private readonly refused = new Set<number>();
  private readonly mooted = new Set<number | string>();
  private readonly failures = new Map<string, number>();

  async escalate(ticketId: number, steps: readonly StepKind[]): Promise<EscalationOutcome[]> {
    this.changes.push({ ticketId, steps });
    for (const step of steps) this.calls.push({ ticketId, step });
    for (const key of [`${ticketId}`, ...steps.map((step) => `${ticketId}:${step}`)]) {
      const failures = this.failures.get(key) ?? 0;
      if (failures > 0) {
        this.failures.set(key, failures - 1);
        throw new Error(`simulated help desk outage escalating ticket ${ticketId}`);
      }
    }
    return steps.map((step) => {
      if (this.refused.has(ticketId)) return "refused";
      return this.mooted.has(ticketId) || this.mooted.has(`${ticketId}:${step}`) ? "moot" : "escalated";
    });
  }

  refuse(ticketId: number): void {
    this.refused.add(ticketId);
  }

  /** The help desk shows the ticket's steps, or only `step`, no longer apply (an assignee the bridge has not heard of). */
  moot(ticketId: number, step?: StepKind): void {
    this.mooted.add(step ? `${ticketId}:${step}` : ticketId);
  }

  /** The next `times` escalations of the ticket fail, or only those of `step` when given. */
  failTimes(ticketId: number, times: number, step?: StepKind): void {
    this.failures.set(step ? `${ticketId}:${step}` : `${ticketId}`, times);
  }

  keys(): string[] {
    return this.calls.map((c) => `${c.ticketId}:${c.step}`);
  }
}

/** An `SlaMetrics` that keeps every data point as `name:tier:value`-style strings. */
export class RecordingSlaMetrics implements SlaMetrics {
  readonly points: string[] = [];

  firstResponse(tier: string, minutes: number): void {
    this.points.push(`first-response:${tier}:${minutes}`);
  }

  breached(tier: string, step: StepKind): void {
    this.points.push(`breach:${tier}:${step}`);
  }

  escalated(tier: string, step: StepKind): void {
    this.points.push(`escalation:${tier}:${step}`);
  }

  alertsSuppressed(count: number): void {
    this.points.push(`suppressed:${count}`);
  }
}
