import pMap from "p-map";
import type { AlertSink, EscalationOutcome, SlaAlert, TicketEscalator } from "../../ports/alerts.js";
import type { SlaMetrics } from "../../ports/sla-metrics.js";
import type { SlaRecord, SlaStore } from "../../ports/sla-store.js";
import { MINUTE_MS } from "../time.js";
import {
  BREACH_OF,
  dueSteps,
  type SlaClock,
  STEPS,
  stepDueAt,
  tierTimeOf,
  waitedMinutes,
  withoutMootWarnings,
} from "./clock.js";
import { ESCALATING_STEPS, type SlaPolicy, STEP_SEVERITY, type StepKind } from "./policy.js";
import { cooldownEndsAt, recordDueAt } from "./record-due.js";

export interface ScanDeps {
  store: SlaStore;
  escalator: TicketEscalator;
  alerts: AlertSink;
  policy: SlaPolicy;
  metrics: Omit<SlaMetrics, "firstResponse">;
  /** Told when escalating a ticket failed and the ticket was left for the next scan. */
  onDeferred?: (ticketId: number, error: unknown) => void;
}

export interface ScanReport {
  readonly read: number;
  readonly escalated: number;
  /** Tickets alerted (one alert per ticket per scan, whatever number of steps it carries). */
  readonly alerted: number;
  /** Tickets whose alert the cooldown held back. */
  readonly suppressed: number;
  readonly digest: boolean;
  /** Tickets left due for the next scan because escalating them failed. */
  readonly deferred: number;
}

/** Per scan; anything beyond waits for the next minute's scan. */
const BATCH = 500;
/**
 * Tickets settled at once. An escalation is two help-desk calls; taken one ticket after another, 50
 * breaches kept the first alert waiting for a hundred calls.
 */
const CONCURRENCY = 8;

const BREACHES: ReadonlySet<StepKind> = new Set(["first-response-breach", "resolution-breach"]);

type Settled =
  | { readonly kind: "deferred" | "conflict" }
  | {
      readonly kind: "saved";
      readonly escalated: number;
      readonly suppressed: boolean;
      readonly owed?: { record: SlaRecord; alert: SlaAlert };
    };

/**
 * One pass of the SLA scanner at `now`. Each step happens once per ticket: the step is recorded, with the
 * alert it owes, in one conditional write. Escalation happens before that write (the adapter skips a step
 * whose tag the ticket already carries, so a redone escalation changes nothing), and the alert after it, so a
 * crash in between leaves the alert owed, not lost or doubled. Steps of one ticket due at the same scan go
 * out as one alert. Warnings due within a ticket's cooldown are held and go out when it ends (those still
 * worth it) or with the next breach; more than the storm limit go out as one digest. Tickets are settled a
 * few at a time; one whose escalation fails is left for the next scan and holds up no other ticket's alert.
 */
export async function scanSla(now: number, deps: ScanDeps): Promise<ScanReport> {
  const records = await deps.store.due(now, BATCH);
  const outcomes = await pMap(records, (record) => settle(record, now, deps), { concurrency: CONCURRENCY });
  let escalated = 0;
  let suppressed = 0;
  let deferred = 0;
  const owed: Array<{ record: SlaRecord; alert: SlaAlert }> = [];
  for (const outcome of outcomes) {
    if (outcome.kind === "deferred") deferred++;
    if (outcome.kind !== "saved") continue;
    escalated += outcome.escalated;
    if (outcome.suppressed) suppressed++;
    if (outcome.owed) owed.push(outcome.owed);
  }
  if (suppressed > 0) deps.metrics.alertsSuppressed(suppressed);
  const all = owed.map((o) => o.alert);
  const digest = all.length > deps.policy.storm.maxAlerts;
  if (digest) {
    await deps.alerts.sendDigest(all);
    for (const { record } of owed) await clearSent(record, now, deps);
  } else {
    // Cleared ticket by ticket, so a sink failing halfway does not make the ones already sent go out again.
    for (const { record, alert } of owed) {
      await deps.alerts.send(alert);
      await clearSent(record, now, deps);
    }
  }
  return { read: records.length, escalated, alerted: all.length, suppressed, digest, deferred };
}

/** Escalates and records one ticket's due steps, and says which alert it owes. */
async function settle(record: SlaRecord, now: number, deps: ScanDeps): Promise<Settled> {
  const { policy, metrics } = deps;
  const steps = dueSteps(record.clock, policy, now);
  // A warning whose breach is due as well is moot: it is recorded without its own alert.
  const settled = allDue(record, policy, now);
  // Most serious first, as the alert names them.
  const escalating = STEP_SEVERITY.filter(
    (s) => steps.includes(s) && ESCALATING_STEPS.has(s) && !record.escalated.includes(s),
  );
  let outcomes: readonly EscalationOutcome[] = [];
  try {
    if (escalating.length > 0)
      outcomes = await deps.escalator.escalate(
        record.clock.ticketId,
        escalating,
        record.clock.frustration?.signals,
      );
  } catch (error) {
    // Nothing is recorded: the next scan asks again, and the help desk skips what it did (its step tags).
    deps.onDeferred?.(record.clock.ticketId, error);
    return { kind: "deferred" };
  }
  const escalated = escalating.filter((_, n) => outcomes[n] === "escalated");
  const moot = escalating.filter((_, n) => outcomes[n] === "moot");
  const clock = { ...record.clock, done: [...new Set([...record.clock.done, ...settled])] };
  const cooldownEnds = cooldownEndsAt(record, policy);
  const inCooldown = cooldownEnds !== undefined && now < cooldownEnds;
  const alerting = steps.filter((step) => !moot.includes(step));
  const alertable = stillWorthAlerting(
    [...new Set([...(record.heldAlerts ?? []), ...alerting])],
    clock,
    policy,
  );
  // The cooldown holds warnings only: a breach, the unassigned rule and a frustrated customer are what a
  // manager must hear at once, and each comes at most once per ticket (frustration once per agent reply).
  // Warnings held until then go out with them.
  const holding = inCooldown && alertable.every((step) => !ESCALATING_STEPS.has(step));
  const newAlerts = holding ? [] : alertable;
  const pendingAlerts = [...new Set([...record.pendingAlerts, ...newAlerts])];
  const updated: SlaRecord = {
    ...record,
    clock,
    // A refused escalation is recorded too: a deleted or closed ticket will not take it later either.
    escalated: [...new Set([...record.escalated, ...escalating])],
    pendingAlerts,
    heldAlerts: holding ? alertable : [],
    lastAlertAt: newAlerts.length > 0 ? now : record.lastAlertAt,
  };
  // Owed alerts keep the record due right away, so a crash before sending is made good next scan.
  if (!(await deps.store.save(updated, recordDueAt(updated, policy, now)))) return { kind: "conflict" };
  // Counted once the step is recorded, so a crashed scan's redo does not count it twice.
  const tier = record.clock.tier;
  for (const step of escalated) metrics.escalated(tier, step);
  for (const step of steps.filter((s) => BREACHES.has(s))) metrics.breached(tier, step);
  return {
    kind: "saved",
    escalated: escalated.length,
    suppressed: holding && alerting.length > 0,
    ...(pendingAlerts.length > 0
      ? {
          owed: {
            record: { ...updated, version: updated.version + 1 },
            alert: alertFor(updated, pendingAlerts, now, policy),
          },
        }
      : {}),
  };
}

const CLEAR_ATTEMPTS = 3;

/**
 * Takes the alerts just sent off the ticket's record. A ticket event saved since the record was read keeps
 * them on it, so they are taken off the fresh record; otherwise the next scan would send them again.
 */
async function clearSent(sent: SlaRecord, now: number, deps: ScanDeps): Promise<void> {
  let record: SlaRecord | undefined = sent;
  for (let attempt = 1; record && attempt <= CLEAR_ATTEMPTS; attempt++) {
    const cleared = {
      ...record,
      pendingAlerts: record.pendingAlerts.filter((step) => !sent.pendingAlerts.includes(step)),
    };
    if (await deps.store.save(cleared, recordDueAt(cleared, deps.policy, now))) return;
    record = await deps.store.get(sent.clock.ticketId);
  }
}

/**
 * Of the steps an alert could name now, those that still call for a manager: a step held by the cooldown
 * may have been answered, assigned or calmed since (a breach stays counted in the metrics all the same),
 * and a warning beside its own breach says nothing more.
 */
function stillWorthAlerting(steps: readonly StepKind[], clock: SlaClock, policy: SlaPolicy): StepKind[] {
  return withoutMootWarnings(steps.filter((step) => stepDueAt(clock, policy, step) !== undefined));
}

function allDue(record: SlaRecord, policy: SlaPolicy, now: number): StepKind[] {
  return STEPS.filter((step) => {
    const at = stepDueAt(record.clock, policy, step);
    return at !== undefined && at <= now;
  });
}

function alertFor(record: SlaRecord, pending: readonly StepKind[], now: number, policy: SlaPolicy): SlaAlert {
  const steps = STEP_SEVERITY.filter((step) => pending.includes(step));
  const { frustration } = record.clock;
  const lead = steps[0] ?? "first-response-breach";
  const breach = BREACH_OF[lead];
  const breachAt = breach && stepDueAt(record.clock, policy, breach);
  const timeZone = policy.tiers[record.clock.tier]?.businessHours?.timeZone;
  return {
    ticketId: record.clock.ticketId,
    steps,
    tier: record.clock.tier,
    category: record.category,
    ...(record.requestedCategory === undefined ? {} : { requestedCategory: record.requestedCategory }),
    vip: record.vip,
    waitedMinutes: waitedMinutes(record.clock, policy, lead, now),
    ...(breachAt !== undefined && breachAt > now
      ? { breachInMinutes: Math.ceil(tierTimeOf(record.clock, policy).elapsed(now, breachAt) / MINUTE_MS) }
      : {}),
    ...(steps.includes("customer-frustrated") && frustration
      ? { frustrationSignals: frustration.signals }
      : {}),
    ...(timeZone === undefined
      ? {}
      : { workingTime: { timeZone, ...(breachAt !== undefined && breachAt > now ? { breachAt } : {}) } }),
  };
}
