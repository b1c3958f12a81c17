import type { SlaClock } from "./clock.js";
import type { SlaPolicy } from "./policy.js";

/**
 * The shipped policy's numbers, fixed here so tests do not move when config/sla-policies.json does.
 * Priority: first response 30 min (warning 24), resolution 240 min (warning 192), unassigned after 15.
 * Standard: first response 240 min (warning 192), resolution 1440 min (warning 1152), no unassigned rule.
 */
export const policy: SlaPolicy = {
  tiers: {
    priority: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    standard: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
  },
  warningShare: 0.8,
  unassigned: { tiers: ["priority"], minutes: 15 },
  cooldownMinutes: 60,
  storm: { maxAlerts: 5 },
  frustration: { repeatedMessages: 3, messageGapMinutes: 5 },
};

export const MINUTE = 60_000;
/** Ticket creation time in every test: a Monday morning, so numbers read as minutes after it. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
/** `m` minutes after T0. */
export const at = (m: number): number => T0 + m * MINUTE;

/** A clock just started at T0; `overrides` set what happened since. */
export function clockOf(overrides: Partial<SlaClock> = {}): SlaClock {
  return {
    ticketId: 1,
    tier: "priority",
    startedAt: T0,
    assigned: false,
    pausedMs: 0,
    done: [],
    ...overrides,
  };
}
