import raw from "../../config/sla-policies.json" with { type: "json" };
import { CATEGORIES } from "../domain/routing/categories.js";
import { businessTime, isKnownTimeZone, WEEKDAYS } from "../domain/sla/business-hours.js";
import type { SlaPolicy } from "../domain/sla/policy.js";
import { PRIORITY_LADDER } from "../domain/tickets/routing-rules.js";
import { MINUTE_MS } from "../domain/time.js";
import type { ResponseTarget } from "../ports/customer-channel.js";
import type { TicketPriority } from "../ports/help-desk.js";
import * as z from "../zod.js";
import { describeFileIssues } from "./regex.js";

const minutes = z.int().check(z.positive());
const tag = z.string().check(z.regex(/^[a-z0-9_]+$/));
/** Local time of day; "24:00" closes a window at midnight. */
const timeOfDay = z
  .string()
  .check(z.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, "expected HH:MM (00:00 to 24:00)"));

const businessHoursSchema = z
  .object({
    timeZone: z
      .string()
      .check(z.refine(isKnownTimeZone, "not an IANA time zone this runtime knows (e.g. Europe/Berlin)")),
    days: z.array(z.enum(WEEKDAYS)).check(z.minLength(1)),
    start: timeOfDay,
    end: timeOfDay,
    holidays: z.optional(z.array(z.iso.date())),
  })
  .check(
    z.refine((hours) => hours.start < hours.end, { path: ["end"], message: "must be later than start" }),
  );

export const slaSchema = z
  .object({
    tiers: z.record(
      z.string().check(z.minLength(1)),
      z.object({
        firstResponseMinutes: minutes,
        resolutionMinutes: minutes,
        businessHours: z.optional(businessHoursSchema),
      }),
    ),
    tierByPriority: z.record(z.enum(["low", "normal", "high", "urgent"]), z.string()),
    tierByCategory: z._default(z.partialRecord(z.enum(CATEGORIES), z.string()), {}),
    warningShare: z.number().check(z.gt(0), z.lt(1)),
    unassigned: z.object({ tiers: z.array(z.string()), minutes }),
    cooldownMinutes: z.int().check(z.minimum(0)),
    storm: z.object({ maxAlerts: z.int().check(z.minimum(1)) }),
    escalation: z.object({ group: z.string().check(z.minLength(1)), tag }),
    /** A frustrated customer's ticket is tagged, its priority raised, and moved to `group` when set. */
    frustration: z._default(
      z.object({
        repeatedMessages: z.int().check(z.minimum(2)),
        /** Messages closer together count as one: Telegram users split one thought over several. */
        messageGapMinutes: z._default(z.int().check(z.minimum(0), z.maximum(1440)), 5),
        tag,
        group: z.optional(z.string().check(z.minLength(1))),
      }),
      { repeatedMessages: 3, messageGapMinutes: 5, tag: "customer_frustrated" },
    ),
  })
  .check(
    z.superRefine((config, ctx) => {
      const named = [
        ...Object.entries(config.tierByPriority).map(([k, v]) => [["tierByPriority", k], v] as const),
        ...Object.entries(config.tierByCategory).map(([k, v]) => [["tierByCategory", k], v] as const),
        ...config.unassigned.tiers.map((v, i) => [["unassigned", "tiers", String(i)], v] as const),
      ];
      for (const [path, name] of named) {
        if (name !== undefined && !config.tiers[name]) {
          ctx.addIssue({ code: "custom", path: [...path], message: `no tier named "${name}"` });
        }
      }
    }),
  );

export type SlaConfig = z.infer<typeof slaSchema>;

export function parseSlaConfig(input: unknown, source = "config/sla-policies.json"): SlaConfig {
  const result = slaSchema.safeParse(input);
  if (!result.success) throw new Error(describeFileIssues(result.error, source));
  return result.data;
}

export const slaConfig: SlaConfig = parseSlaConfig(raw);

export const slaPolicy: SlaPolicy = {
  tiers: slaConfig.tiers,
  warningShare: slaConfig.warningShare,
  unassigned: slaConfig.unassigned,
  cooldownMinutes: slaConfig.cooldownMinutes,
  storm: slaConfig.storm,
  frustration: slaConfig.frustration,
};

/** The tier a new ticket's clocks run on: its category's, else its priority's. */
export function slaTier(priority: TicketPriority, category: string, config: SlaConfig = slaConfig): string {
  return (
    config.tierByCategory[category as keyof SlaConfig["tierByCategory"]] ?? config.tierByPriority[priority]
  );
}

/**
 * The lowest Zendesk priority whose tier is the one the category gives a ticket: a payment ticket on the
 * 30-minute tier is created "high" at least, so agents sorting by priority see it as what its clock says.
 * Undefined when the category sets no tier.
 */
export function priorityFloor(category: string, config: SlaConfig = slaConfig): TicketPriority | undefined {
  const tier = config.tierByCategory[category as keyof SlaConfig["tierByCategory"]];
  if (tier === undefined) return undefined;
  return PRIORITY_LADDER.find((p) => config.tierByPriority[p] === tier);
}

/** What a new ticket's customer is told to expect: its tier's first-response time, from `now`. */
export function firstResponseTarget(
  priority: TicketPriority,
  category: string,
  now: number,
  config: SlaConfig = slaConfig,
): ResponseTarget {
  const tier = config.tiers[slaTier(priority, category, config)] as SlaConfig["tiers"][string];
  const minutes = tier.firstResponseMinutes;
  if (!tier.businessHours) return { minutes };
  const dueAt = businessTime(tier.businessHours).advance(now, minutes * MINUTE_MS);
  return { minutes, businessHours: { dueAt, timeZone: tier.businessHours.timeZone } };
}
