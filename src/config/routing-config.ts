import * as z from "zod";
import raw from "../../config/routing.json" with { type: "json" };
import { PRIORITIES } from "../domain/events.js";
import { CATEGORIES } from "../domain/routing/categories.js";
import type { RoutingRules } from "../domain/tickets/routing-rules.js";
import { describeFileIssues, regex } from "./regex.js";

const ticketPriority = z.enum(["low", "normal", "high", "urgent"]);
const probability = z.number().min(0).max(1);

export const routingSchema = z
  .object({
    teams: z.record(z.enum(CATEGORIES), z.string().min(1)),
    classifier: z.object({ minConfidence: probability, overruleConfidence: probability }),
    rules: z.array(
      z.object({
        name: z.string().min(1),
        pattern: regex("iu"),
        category: z.enum(CATEGORIES),
        raisePriority: z.boolean().default(false),
        tags: z.array(z.string().regex(/^[a-z0-9_]+$/, "lower-case Zendesk tag")).default([]),
      }),
    ),
    priorities: z.record(z.enum(PRIORITIES), ticketPriority),
    vip: z.object({ tags: z.array(z.string()), organizationTags: z.array(z.string()) }),
    ticketFields: z.object({
      orderId: z.string(),
      category: z.string(),
      telegramChat: z.string(),
      // Added after the first release: configs written before it get the default title.
      satisfaction: z.string().min(1).default("Telegram satisfaction"),
    }),
  })
  .refine((c) => c.classifier.minConfidence <= c.classifier.overruleConfidence, {
    path: ["classifier", "minConfidence"],
    message: "must not exceed overruleConfidence",
  });

export function parseRoutingRules(input: unknown, source = "config/routing.json"): RoutingRules {
  const result = routingSchema.safeParse(input);
  if (!result.success) throw new Error(describeFileIssues(result.error, source));
  const { classifier, ...rest } = result.data;
  return Object.freeze({ ...rest, ...classifier });
}

export const routingRules: RoutingRules = parseRoutingRules(raw);
