import raw from "../../config/routing.json" with { type: "json" };
import { PRIORITIES } from "../domain/events.js";
import { CATEGORIES } from "../domain/routing/categories.js";
import type { RoutingRules } from "../domain/tickets/routing-rules.js";
import * as z from "../zod.js";
import { describeFileIssues, regex } from "./regex.js";

const ticketPriority = z.enum(["low", "normal", "high", "urgent"]);
const probability = z.number().check(z.minimum(0), z.maximum(1));
const zendeskTag = z.string().check(z.regex(/^[a-z0-9_]+$/, "lower-case Zendesk tag"));

export const routingSchema = z
  .object({
    teams: z.record(z.enum(CATEGORIES), z.string().check(z.minLength(1))),
    classifier: z.object({ minConfidence: probability, overruleConfidence: probability }),
    rules: z.array(
      z.object({
        name: z.string().check(z.minLength(1)),
        pattern: regex("iu"),
        category: z.enum(CATEGORIES),
        raisePriority: z._default(z.boolean(), false),
        tags: z._default(z.array(zendeskTag), []),
      }),
    ),
    priorities: z.record(z.enum(PRIORITIES), ticketPriority),
    vip: z.object({
      organizations: z._default(
        z.array(z.union([z.string().check(z.minLength(1)), z.int().check(z.positive())]), {
          error: "organization names or ids",
        }),
        [],
      ),
      tags: z._default(z.array(zendeskTag), []),
      priority: z._default(
        z.union([z.literal("raise"), ticketPriority], {
          error: '"raise" or a priority (low, normal, high, urgent)',
        }),
        "raise",
      ),
      recheckHours: z._default(z.number().check(z.positive()), 24),
    }),
    assignment: z._default(
      z.object({
        groups: z._default(z.record(z.string(), z.object({ capacity: z.int().check(z.positive()) })), {}),
      }),
      { groups: {} },
    ),
    ticketFields: z.object({
      orderId: z.string(),
      category: z.string(),
      telegramChat: z.string(),
      // Added after the first release: configs written before it get the default title.
      satisfaction: z._default(z.string().check(z.minLength(1)), "Telegram satisfaction"),
    }),
  })
  .check(
    z.refine((c) => c.classifier.minConfidence <= c.classifier.overruleConfidence, {
      path: ["classifier", "minConfidence"],
      message: "must not exceed overruleConfidence",
    }),
    z.superRefine((c, ctx) => {
      const groups = new Set(Object.values(c.teams));
      for (const group of Object.keys(c.assignment.groups)) {
        if (!groups.has(group)) {
          ctx.addIssue({
            code: "custom",
            path: ["assignment", "groups", group],
            message: "not a group named in teams",
          });
        }
      }
    }),
  );

export function parseRoutingRules(input: unknown, source = "config/routing.json"): RoutingRules {
  const result = routingSchema.safeParse(input);
  if (!result.success) throw new Error(describeFileIssues(result.error, source));
  const { classifier, assignment, ...rest } = result.data;
  return Object.freeze({ ...rest, ...classifier, assignment: assignment.groups });
}

export const routingRules: RoutingRules = parseRoutingRules(raw);
