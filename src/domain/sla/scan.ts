import type { AlertSink, SlaAlert, TicketEscalator } from "../../ports/alerts.js";
import type { SlaMetrics } from "../../ports/sla-metrics.js";
import type { SlaRecord, SlaStore } from "../../ports/sla-store.js";
import { dueSteps, nextDueAt, STEPS, stepDueAt, waitedMinutes } from "./clock.js";
import { ESCALATING_STEPS, type SlaPolicy, type StepKind } from "./policy.js";

export interface ScanDeps {
  store: SlaStore;
  escalator: TicketEscalator;
  alerts: AlertSink;
  policy: SlaPolicy;
  metrics: Omit<SlaMetrics, "firstResponse">;
}

export interface ScanReport {
  readonly read: number;
  readonly escalated: number;
  /** Tickets alerted (one alert per ticket per scan, whatever number of steps it carries). */
  readonly alerted: number;
  /** Tickets whose alert the cooldown held back. */
  readonly suppressed: number;
  readonly digest: boolean;
}

const MINUTE = 60_000;
/** Per scan; anything beyond waits for the next minute's scan. */
const BATCH = 500;

/** The order steps are named in a combined alert: what needs a manager most comes first. */
const SEVERITY: readonly StepKind[] = [
  "resolution-breach",
  "first-response-breach",
  "unassigned",
  "customer-frustrated",
  "resolution-warning",
  "first-response-warning",
];
const BREACHES: ReadonlySet<StepKind> = new Set(["first-response-breach", "resolution-breach"]);

/**
 * One pass of the SLA scanner at `now`. Each step happens once per ticket: the step is recorded, with the
 * alert it owes, in one conditional write; escalation (idempotent in the help desk) happens before that
 * write, and the alert after it, so a crash in between leaves the alert owed, not lost or doubled. Steps of
 * one ticket due at the same scan go out as one alert. Alerts within a ticket's cooldown are suppressed;
 * more than the storm limit go out as one digest.
 */
export async function scanSla(now: number, deps: ScanDeps): Promise<ScanReport> {
  const { policy, metrics } = deps;
  const records = await deps.store.due(now, BATCH);
  const owed: Array<{ record: SlaRecord; alert: SlaAlert }> = [];
  let escalated = 0;
  let suppressed = 0;
  for (const record of records) {
    const steps = dueSteps(record.clock, policy, now);
    // A warning whose breach is due as well is moot: it is recorded without its own alert.
    const settled = allDue(record, policy, now);
    const escalating = steps.filter((s) => ESCALATING_STEPS.has(s) && !record.escalated.includes(s));
    for (const step of escalating) await deps.escalator.escalate(record.clock.ticketId, step);
    const inCooldown =
      record.lastAlertAt !== undefined && now - record.lastAlertAt < policy.cooldownMinutes * MINUTE;
    const newAlerts = inCooldown ? [] : steps;
    const pendingAlerts = [...new Set([...record.pendingAlerts, ...newAlerts])];
    const updated: SlaRecord = {
      ...record,
      clock: { ...record.clock, done: [...new Set([...record.clock.done, ...settled])] },
      escalated: [...new Set([...record.escalated, ...escalating])],
      pendingAlerts,
      lastAlertAt: newAlerts.length > 0 ? now : record.lastAlertAt,
    };
    // Owed alerts keep the record due right away, so a crash before sending is made good next scan.
    const next = pendingAlerts.length > 0 ? now : nextDueAt(updated.clock, policy);
    if (!(await deps.store.save(updated, next))) continue;
    // Counted once the step is recorded, so a crashed scan's redo does not count it twice.
    const tier = record.clock.tier;
    for (const step of escalating) metrics.escalated(tier, step);
    for (const step of steps.filter((s) => BREACHES.has(s))) metrics.breached(tier, step);
    escalated += escalating.length;
    if (inCooldown && steps.length > 0) suppressed++;
    if (pendingAlerts.length > 0) {
      owed.push({
        record: { ...updated, version: updated.version + 1 },
        alert: alertFor(updated, pendingAlerts, now, policy),
      });
    }
  }
  if (suppressed > 0) metrics.alertsSuppressed(suppressed);
  const all = owed.map((o) => o.alert);
  const digest = all.length > policy.storm.maxAlerts;
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
  return { read: records.length, escalated, alerted: all.length, suppressed, digest };
}

const CLEAR_ATTEMPTS = 3;

/**
 * Takes the alerts just sent off the ticket's record. A ticket event saved since the record was read keeps
 * them on it, so they are taken off the fresh record; otherwise the next scan would send them again.
 */
async function clearSent(sent: SlaRecord, now: number, deps: ScanDeps): Promise<void> {
  let record: SlaRecord | undefined = sent;
  for (let attempt = 1; record && attempt <= CLEAR_ATTEMPTS; attempt++) {
    const pendingAlerts = record.pendingAlerts.filter((step) => !sent.pendingAlerts.includes(step));
    const next = pendingAlerts.length > 0 ? now : nextDueAt(record.clock, deps.policy);
    if (await deps.store.save({ ...record, pendingAlerts }, next)) return;
    record = await deps.store.get(sent.clock.ticketId);
  }
}

function allDue(record: SlaRecord, policy: SlaPolicy, now: number): StepKind[] {
  return STEPS.filter((step) => {
    const at = stepDueAt(record.clock, policy, step);
    return at !== undefined && at <= now;
  });
}

function alertFor(record: SlaRecord, pending: readonly StepKind[], now: number, policy: SlaPolicy): SlaAlert {
  const steps = SEVERITY.filter((step) => pending.includes(step));
  const { frustration } = record.clock;
  return {
    ticketId: record.clock.ticketId,
    steps,
    tier: record.clock.tier,
    category: record.category,
    vip: record.vip,
    waitedMinutes: waitedMinutes(record.clock, policy, steps[0] ?? "first-response-breach", now),
    ...(steps.includes("customer-frustrated") && frustration
      ? { frustrationSignals: frustration.signals }
      : {}),
  };
}
