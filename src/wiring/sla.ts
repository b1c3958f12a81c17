import type { Logger } from "@aws-lambda-powertools/logger";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { signalsText, stepTitle } from "../adapters/alerts/alert-content.js";
import { DynamoDeliveryLedger } from "../adapters/dynamodb/delivery-ledger.js";
import { DynamoSlaStore } from "../adapters/dynamodb/sla-store.js";
import { audit } from "../adapters/observability/audit.js";
import { safeError } from "../adapters/observability/safe-error.js";
import { slaEventOf, ticketIdOf } from "../adapters/zendesk/sla-event-mapping.js";
import type { ZendeskEvent } from "../adapters/zendesk/webhook-event-schema.js";
import type { ZendeskApiSettings } from "../adapters/zendesk/zendesk-client.js";
import { type Escalation, ZendeskHelpDesk } from "../adapters/zendesk/zendesk-help-desk.js";
import type { TransportSettings } from "../adapters/zendesk/zendesk-transport.js";
import { CONVERSATION_RETENTION_SECONDS } from "../config/constants.js";
import { slaConfig, slaPolicy, slaTier } from "../config/sla-config.js";
import { type CustomerMessageReceived, eventId } from "../domain/events.js";
import { processOnce } from "../domain/process-once.js";
import type { FrustrationSignal } from "../domain/sla/frustration.js";
import type { StepKind } from "../domain/sla/policy.js";
import { scanSla } from "../domain/sla/scan.js";
import { startSlaClock } from "../domain/sla/start-clock.js";
import { recordSlaEvent } from "../domain/sla/ticket-events.js";
import type { AlertSink, SlaAlert, TicketEscalator, TicketOwner } from "../ports/alerts.js";
import type { Clock } from "../ports/clock.js";
import { HelpDeskRejected, type TicketPriority } from "../ports/help-desk.js";
import type { SlaMetrics } from "../ports/sla-metrics.js";
import { withinDeadline } from "./deadline.js";

/** How long an alert may wait for the names of who has its tickets. */
const OWNER_READ_DEADLINE_MS = 5_000;

export interface SlaWiring {
  db: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
  zendesk: ZendeskApiSettings;
  zendeskTransport?: TransportSettings;
  /** Powertools on AWS; the local stack publishes no metrics. */
  metrics?: SlaMetrics;
  /** Where the scanner's escalations are recorded: an audit line for each, a warning for each refused or failed one. */
  logger?: Logger;
}

const LEASE_SECONDS = 60;

/** Marks a ticket the bridge moved to an escalation group once: it never moves it again. */
const MOVED_TAG = "sla_moved";

/** For the local stack and benchmarks, which publish no metrics. */
export const NO_SLA_METRICS: SlaMetrics = {
  firstResponse: () => undefined,
  breached: () => undefined,
  escalated: () => undefined,
  alertsSuppressed: () => undefined,
};

/** SLA clocks: started with each ticket, moved by Zendesk events, scanned every minute. Same on AWS and locally. */
export function slaComponents(w: SlaWiring) {
  const store = new DynamoSlaStore(w.db, w.tableName, CONVERSATION_RETENTION_SECONDS, w.clock);
  const helpDesk = new ZendeskHelpDesk(w.zendesk, w.zendeskTransport);
  const metrics = w.metrics ?? NO_SLA_METRICS;
  const { escalation, frustration } = slaConfig;
  /** What each step does to the ticket in Zendesk. */
  const escalationFor = (step: StepKind, signals: readonly FrustrationSignal[] = []): Escalation => {
    const reason = stepTitle(step);
    // A frustrated customer can be flagged again later, so that step has no tag of its own to be done by.
    if (step === "customer-frustrated") {
      const why = signals.length > 0 ? ` (${signalsText(signals)})` : "";
      return {
        reason: `${reason}${why}`,
        group: frustration.group,
        movedTag: MOVED_TAG,
        tags: [frustration.tag],
      };
    }
    const stepTag = `sla_${step.replace(/-/g, "_")}`;
    // Nothing is breached yet when a Priority ticket waits for an assignee.
    if (step === "unassigned") {
      return {
        reason,
        group: escalation.group,
        movedTag: MOVED_TAG,
        tags: [stepTag],
        onlyWhileUnassigned: true,
        doneTag: stepTag,
      };
    }
    return {
      reason,
      group: escalation.group,
      movedTag: MOVED_TAG,
      tags: [escalation.tag, stepTag],
      doneTag: stepTag,
    };
  };
  const escalator: TicketEscalator = {
    escalate: async (ticketId, steps, signals) => {
      let outcomes: ReadonlyArray<"escalated" | "moot">;
      try {
        outcomes = await helpDesk.escalate(
          ticketId,
          steps.map((step) => escalationFor(step, signals)),
        );
      } catch (error) {
        if (!(error instanceof HelpDeskRejected)) throw error;
        w.logger?.warn("zendesk refused an escalation; alerted without it", {
          ticketId,
          steps,
          status: error.status,
        });
        return steps.map(() => "refused");
      }
      steps.forEach((step, n) => {
        if (outcomes[n] === "moot")
          w.logger?.info("zendesk shows an assignee already; unassigned step dropped", { ticketId });
        else if (w.logger) audit(w.logger, "sla-escalated", { ticketId, step });
      });
      return outcomes;
    },
  };
  /**
   * Alerts, single or in a digest, name who has each ticket; without the names when Zendesk cannot say, or
   * cannot say quickly: a storm is when Zendesk is slowest, and the alerts must not wait on it.
   */
  const owners = async (ticketIds: readonly number[]): Promise<ReadonlyMap<number, TicketOwner>> =>
    withinDeadline(helpDesk.ticketOwners(ticketIds), OWNER_READ_DEADLINE_MS).catch((error: unknown) => {
      w.logger?.warn("ticket owners unreadable; alerted without them", {
        ticketIds,
        error: safeError(error),
      });
      return new Map();
    });
  const withOwner = (alert: SlaAlert, known: ReadonlyMap<number, TicketOwner>): SlaAlert => {
    const owner = known.get(alert.ticketId);
    return owner ? { ...alert, owner } : alert;
  };
  const naming = (alerts: AlertSink): AlertSink => ({
    send: async (alert) => alerts.send(withOwner(alert, await owners([alert.ticketId]))),
    sendDigest: async (list) => {
      const known = await owners(list.map((alert) => alert.ticketId));
      return alerts.sendDigest(list.map((alert) => withOwner(alert, known)));
    },
  });
  const eventDeps = {
    store,
    policy: slaPolicy,
    metrics,
    frustrationCleared: (ticketId: number) =>
      helpDesk.updateTicket(ticketId, { removeTags: [frustration.tag] }).catch((error: unknown) =>
        w.logger?.warn("frustration tag not removed; it stays until an agent takes it off", {
          ticketId,
          error: safeError(error),
        }),
      ),
  };
  const ledger = new DynamoDeliveryLedger(w.db, w.tableName, w.clock);
  return {
    store,
    /** One scanner pass at the clock's current time, alerting through `alerts`. */
    scan: (alerts: AlertSink) =>
      scanSla(w.clock.now().getTime(), {
        store,
        escalator,
        alerts: naming(alerts),
        policy: slaPolicy,
        metrics,
        onDeferred: (ticketId, error) =>
          w.logger?.warn("escalation failed; the ticket waits for the next scan", {
            ticketId,
            error: safeError(error),
          }),
      }),
    startSla: (ticket: {
      ticketId: number;
      priority: TicketPriority;
      category: string;
      requestedCategory?: string;
      vip: boolean;
    }) =>
      startSlaClock(
        {
          ticketId: ticket.ticketId,
          tier: slaTier(ticket.priority, ticket.category),
          category: ticket.category,
          ...(ticket.requestedCategory === undefined ? {} : { requestedCategory: ticket.requestedCategory }),
          vip: ticket.vip,
          startedAt: w.clock.now().getTime(),
        },
        store,
        slaPolicy,
      ),
    onZendeskEvent: async (event: ZendeskEvent) => {
      const ticketId = ticketIdOf(event);
      const change = slaEventOf(event);
      if (ticketId === undefined || !change) return;
      const at = Date.parse(event.time ?? "");
      await recordSlaEvent(ticketId, change, Number.isNaN(at) ? w.clock.now().getTime() : at, eventDeps);
    },
    /**
     * Counts a customer's follow-up on the ticket's clock and flags a frustrated customer for the scanner.
     * Once per event, apart from the relay's own once, so neither redoes the other.
     */
    onCustomerMessage: (event: CustomerMessageReceived) =>
      processOnce(ledger, { source: "bus-event", id: `sla:${eventId(event)}` }, LEASE_SECONDS, () =>
        recordSlaEvent(
          event.ticketId,
          { kind: "customer-message", text: event.text, edited: event.edited },
          w.clock.now().getTime(),
          eventDeps,
        ),
      ),
  };
}

export const ticketUrl = (zendeskUrl: string) => (id: number) => `${zendeskUrl}/agent/tickets/${id}`;
