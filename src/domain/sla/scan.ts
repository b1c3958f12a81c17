import type { AlertSink, SlaAlert, TicketEscalator } from "../../ports/alerts.js";
import type { SlaRecord, SlaStore } from "../../ports/sla-store.js";
import { dueSteps, nextDueAt, stepDueAt, waitedMinutes } from "./clock.js";
import { ESCALATING_STEPS, type SlaPolicy, type StepKind } from "./policy.js";

export interface ScanDeps {
  store: SlaStore;
  escalator: TicketEscalator;
  alerts: AlertSink;
  policy: SlaPolicy;
}

export interface ScanReport {
  readonly read: number;
  readonly escalated: number;
  readonly alerted: number;
  readonly suppressed: number;
  readonly digest: boolean;
}

const MINUTE = 60_000;
/** Per scan; anything beyond waits for the next minute's scan. */
const BATCH = 500;

/**
 * One pass of the SLA scanner at `now`. Each step happens once per ticket: the step is recorded, with the
 * alert it owes, in one conditional write; escalation (idempotent in the help desk) happens before that
 * write, and the alert after it, so a crash in between leaves the alert owed, not lost or doubled. Alerts
 * within a ticket's cooldown are suppressed; more than the storm limit go out as one digest.
 */
export async function scanSla(now: number, deps: ScanDeps): Promise<ScanReport> {
  const records = await deps.store.due(now, BATCH);
  const owed: Array<{ record: SlaRecord; alerts: SlaAlert[] }> = [];
  let escalated = 0;
  let suppressed = 0;
  for (const record of records) {
    const steps = dueSteps(record.clock, deps.policy, now);
    // A warning whose breach is due as well is moot: it is recorded without its own alert.
    const settled = allDue(record, deps.policy, now);
    for (const step of steps) {
      if (ESCALATING_STEPS.has(step) && !record.escalated.includes(step)) {
        await deps.escalator.escalate(record.clock.ticketId, step);
        escalated++;
      }
    }
    const inCooldown =
      record.lastAlertAt !== undefined && now - record.lastAlertAt < deps.policy.cooldownMinutes * MINUTE;
    const newAlerts = inCooldown ? [] : steps;
    suppressed += inCooldown ? steps.length : 0;
    const pendingAlerts = [...new Set([...record.pendingAlerts, ...newAlerts])];
    const updated: SlaRecord = {
      ...record,
      clock: { ...record.clock, done: [...new Set([...record.clock.done, ...settled])] },
      escalated: [...new Set([...record.escalated, ...steps.filter((s) => ESCALATING_STEPS.has(s))])],
      pendingAlerts,
      lastAlertAt: newAlerts.length > 0 ? now : record.lastAlertAt,
    };
    // Owed alerts keep the record due right away, so a crash before sending is made good next scan.
    const next = pendingAlerts.length > 0 ? now : nextDueAt(updated.clock, deps.policy);
    if (!(await deps.store.save(updated, next))) continue;
    if (pendingAlerts.length > 0) {
      owed.push({
        record: { ...updated, version: updated.version + 1 },
        alerts: pendingAlerts.map((step) => alertFor(updated, step, now)),
      });
    }
  }
  const all = owed.flatMap((o) => o.alerts);
  const digest = all.length > deps.policy.storm.maxAlerts;
  if (digest) {
    await deps.alerts.sendDigest(all);
    for (const { record } of owed) await clearSent(record, now, deps);
  } else {
    // Cleared ticket by ticket, so a sink failing halfway does not make the ones already sent go out again.
    for (const { record, alerts } of owed) {
      for (const alert of alerts) await deps.alerts.send(alert);
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
  const kinds: StepKind[] = [
    "first-response-warning",
    "first-response-breach",
    "resolution-warning",
    "resolution-breach",
    "unassigned",
  ];
  return kinds.filter((step) => {
    const at = stepDueAt(record.clock, policy, step);
    return at !== undefined && at <= now;
  });
}

function alertFor(record: SlaRecord, step: StepKind, now: number): SlaAlert {
  return {
    ticketId: record.clock.ticketId,
    step,
    tier: record.clock.tier,
    category: record.category,
    vip: record.vip,
    waitedMinutes: waitedMinutes(record.clock, step, now),
  };
}
