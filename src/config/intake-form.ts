import * as z from "zod";
import raw from "../../config/intake-form.json" with { type: "json" };
import type { IntakePolicy } from "../domain/intake/policy.js";
import { CATEGORIES } from "../domain/routing/categories.js";
import { describeFileIssues, regex } from "./regex.js";

export const intakeFormSchema = z
  .object({
    categories: z
      .array(
        z.object({
          id: z.enum(CATEGORIES),
          orderId: z.enum(["required", "optional", "skip"]),
          suggestUrgent: z.boolean().default(false),
        }),
      )
      .min(1)
      .refine((list) => new Set(list.map((c) => c.id)).size === list.length, "each category id at most once"),
    orderId: z.object({ pattern: regex(), example: z.string().min(1) }),
    description: z.object({
      maxChars: z.number().int().min(100).max(60_000),
      maxParts: z.number().int().min(1).max(200),
      maxAttachments: z.number().int().min(0).max(50),
    }),
    formTtlHours: z
      .number()
      .positive()
      .max(24 * 30),
  })
  .superRefine((form, ctx) => {
    if (!form.orderId.pattern.test(form.orderId.example.toUpperCase())) {
      ctx.addIssue({
        code: "custom",
        path: ["orderId", "example"],
        message: "the example must match the pattern",
      });
    }
  });

/** Validates an intake form definition; the message names the offending path. */
export function parseIntakePolicy(input: unknown, source = "config/intake-form.json"): IntakePolicy {
  const result = intakeFormSchema.safeParse(input);
  if (!result.success) throw new Error(describeFileIssues(result.error, source));
  const { formTtlHours, ...rest } = result.data;
  return Object.freeze({ ...rest, formTtlSeconds: Math.round(formTtlHours * 3600) });
}

/** The deployed form, validated once at cold start. */
export const intakePolicy: IntakePolicy = parseIntakePolicy(raw);
