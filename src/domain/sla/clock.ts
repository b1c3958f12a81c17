import { MINUTE_MS } from "../time.js";
import { businessTime, type TierTime, WALL_TIME } from "./business-hours.js";
import type { FrustrationSignal } from "./frustration.js";
import type { SlaPolicy, SlaTier, StepKind } from "./policy.js";

export type { StepKind };

/**
 * One ticket's SLA state. Times are epoch milliseconds. Resolution time spent in `pending` (waiting for
 * the customer) or solved before a reopen does not count: `pausedMs` accumulates it, measured on the
 * tier's clock (business time when the tier has business hours), and `pausedSince` marks a pause in
 * progress.
 */
export interface SlaClock {
  readonly ticketId: number;
  readonly tier: string;
  readonly startedAt: number;
  readonly firstRespondedAt?: number;
  /** The last public agent reply: a frustrated customer has been waiting since then. */
  readonly lastRespondedAt?: number;
  readonly solvedAt?: number;
  readonly assigned: boolean;
  readonly pausedMs: number;
  readonly pausedSince?: number;
  /**
   * Time spent solved before a reopen (part of `pausedMs` too): a ticket solved without a reply and reopened
   * later awaits its first response, and its assignee, for what was left of those targets, not at once.
   */
  readonly solvedMs?: number;
  /** Steps already handled, so each happens once. */
  readonly done: readonly StepKind[];
  /** Customer messages since the last public agent reply, a burst counted once. */
  readonly customerMessagesWaiting?: number;
  /** When the last message counted in `customerMessagesWaiting` came. */
  readonly lastCountedMessageAt?: number;
  /**
   * When the customer's first message after the agents' last public reply came: what a frustrated customer
   * has waited since. Hours the agents spent waiting for the customer (a pending ticket) are not their wait.
   */
  readonly waitingSince?: number;
  /** When the waiting customer was flagged frustrated, and why; a public agent reply clears it. */
  readonly frustration?: { readonly at: number; readonly signals: readonly FrustrationSignal[] };
}

function tierOf(clock: SlaClock, policy: SlaPolicy): SlaTier {
  const tier = policy.tiers[clock.tier];
  if (!tier) throw new Error(`ticket ${clock.ticketId} has unknown SLA tier ${clock.tier}`);
  return tier;
}

const tierTimes = new WeakMap<SlaTier, TierTime>();

/** How the ticket's tier counts time: its business hours, or wall time. */
export function tierTimeOf(clock: SlaClock, policy: SlaPolicy): TierTime {
  const tier = tierOf(clock, policy);
  if (!tier.businessHours) return WALL_TIME;
  let time = tierTimes.get(tier);
  if (!time) {
    time = businessTime(tier.businessHours);
    tierTimes.set(tier, time);
  }
  return time;
}

/** When each step falls due; undefined when it no longer can (its clock stopped). */
export function stepDueAt(clock: SlaClock, policy: SlaPolicy, step: StepKind): number | undefined {
  const tier = tierOf(clock, policy);
  const time = tierTimeOf(clock, policy);
  const after = (ms: number) => time.advance(clock.startedAt, ms);
  const first = tier.firstResponseMinutes * MINUTE_MS;
  // Time spent solved before a reopen moves these deadlines on by as much, not by a share of it.
  const solved = clock.solvedMs ?? 0;
  // A paused resolution clock is due later by however long the pause lasts; while paused it is not due.
  const resolution = tier.resolutionMinutes * MINUTE_MS;
  const resolutionRuns = clock.solvedAt === undefined && clock.pausedSince === undefined;
  const awaitingFirstResponse = clock.firstRespondedAt === undefined && clock.solvedAt === undefined;
  switch (step) {
    // A ticket solved without a public reply (duplicate, spam, solved by a macro) awaits no first response.
    case "first-response-warning":
      return awaitingFirstResponse ? after(first * policy.warningShare + solved) : undefined;
    case "first-response-breach":
      return awaitingFirstResponse ? after(first + solved) : undefined;
    case "resolution-warning":
      return resolutionRuns ? after(clock.pausedMs + resolution * policy.warningShare) : undefined;
    case "resolution-breach":
      return resolutionRuns ? after(clock.pausedMs + resolution) : undefined;
    // An agent's public reply shows someone has the ticket in hand, assigned or not.
    case "unassigned":
      return !clock.assigned &&
        clock.solvedAt === undefined &&
        clock.firstRespondedAt === undefined &&
        policy.unassigned.tiers.includes(clock.tier)
        ? after(policy.unassigned.minutes * MINUTE_MS + solved)
        : undefined;
    // Raised as soon as it is flagged: the scanner picks it up on its next pass.
    case "customer-frustrated":
      return clock.solvedAt === undefined ? clock.frustration?.at : undefined;
  }
}

/** Every step, in the order a ticket usually meets them. */
export const STEPS: readonly StepKind[] = [
  "first-response-warning",
  "first-response-breach",
  "resolution-warning",
  "resolution-breach",
  "unassigned",
  "customer-frustrated",
];

/** Steps due at `now` and not handled yet, earliest first. A breach makes its own warning moot. */
export function dueSteps(clock: SlaClock, policy: SlaPolicy, now: number): StepKind[] {
  const pending = STEPS.filter((step) => !clock.done.includes(step))
    .map((step) => ({ step, at: stepDueAt(clock, policy, step) }))
    .filter((s): s is { step: StepKind; at: number } => s.at !== undefined && s.at <= now)
    .sort((a, b) => a.at - b.at)
    .map((s) => s.step);
  return withoutMootWarnings(pending);
}

/** The breach each warning announces. */
export const BREACH_OF: Partial<Record<StepKind, StepKind>> = {
  "first-response-warning": "first-response-breach",
  "resolution-warning": "resolution-breach",
};

/** The steps less any warning whose own breach is among them: the breach says it all. */
export function withoutMootWarnings(steps: readonly StepKind[]): StepKind[] {
  return steps.filter((step) => {
    const breach = BREACH_OF[step];
    return breach === undefined || !steps.includes(breach);
  });
}

/** The next time anything is due for this ticket, for the due-time index; undefined when nothing is left. */
export function nextDueAt(clock: SlaClock, policy: SlaPolicy): number | undefined {
  const times = STEPS.filter((step) => !clock.done.includes(step))
    .map((step) => stepDueAt(clock, policy, step))
    .filter((at): at is number => at !== undefined);
  return times.length > 0 ? Math.min(...times) : undefined;
}

/** How long the customer has been waiting on the step's clock (in the tier's time), in minutes, for the alert. */
export function waitedMinutes(clock: SlaClock, policy: SlaPolicy, step: StepKind, now: number): number {
  // A frustrated customer has waited since their first message the agents have not answered.
  const since =
    step === "customer-frustrated"
      ? (clock.waitingSince ?? clock.lastRespondedAt ?? clock.startedAt)
      : clock.startedAt;
  const paused = step.startsWith("resolution")
    ? clock.pausedMs
    : step === "customer-frustrated"
      ? 0
      : (clock.solvedMs ?? 0);
  return Math.floor((tierTimeOf(clock, policy).elapsed(since, now) - paused) / MINUTE_MS);
}
