import raw from "../../config/intake-form.json" with { type: "json" };
import { LOCALES, type Locale } from "../domain/events.js";
import type { IntakePolicy } from "../domain/intake/policy.js";
import { CATEGORIES } from "../domain/routing/categories.js";
import * as z from "../zod.js";
import { describeFileIssues, regex } from "./regex.js";

export const intakeFormSchema = z
  .object({
    categories: z
      .array(
        z.object({
          id: z.enum(CATEGORIES),
          orderId: z.enum(["required", "optional", "skip"]),
          suggestUrgent: z._default(z.boolean(), false),
        }),
      )
      .check(
        z.minLength(1),
        z.refine(
          (list) => new Set(list.map((c) => c.id)).size === list.length,
          "each category id at most once",
        ),
      ),
    orderId: z.object({ pattern: regex(), example: z.string().check(z.minLength(1)) }),
    description: z.object({
      maxChars: z.int().check(z.minimum(100), z.maximum(60_000)),
      maxParts: z.int().check(z.minimum(1), z.maximum(200)),
      maxAttachments: z.int().check(z.minimum(0), z.maximum(50)),
    }),
    formTtlHours: z.number().check(z.positive(), z.maximum(24 * 30)),
    // Older deployer files have no reminder setting: they get the default. 0 sends none.
    formReminderMinutes: z._default(z.int().check(z.minimum(0)), 60),
    // Without this block (older deployer files) the form offers no articles.
    knowledgeBase: z._default(
      z.object({
        enabled: z.boolean(),
        maxArticles: z.int().check(z.minimum(1), z.maximum(3, "the form offers at most three articles")),
        helpCenterLocales: z.record(
          z.enum(LOCALES),
          z
            .string()
            .check(
              z.regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, "a Help Center locale in lower case, e.g. en-us"),
            ),
        ),
      }),
      { enabled: false, maxArticles: 3, helpCenterLocales: { en: "en-us", ru: "ru" } },
    ),
  })
  .check(
    z.superRefine((form, ctx) => {
      if (!form.orderId.pattern.test(form.orderId.example.toUpperCase())) {
        ctx.addIssue({
          code: "custom",
          path: ["orderId", "example"],
          message: "the example must match the pattern",
        });
      }
      if (form.formReminderMinutes >= form.formTtlHours * 60) {
        ctx.addIssue({
          code: "custom",
          path: ["formReminderMinutes"],
          message: `the reminder must come before the form expires (formTtlHours ${form.formTtlHours} = ${form.formTtlHours * 60} minutes), or be 0 for none`,
        });
      }
    }),
  );

type IntakeFile = z.output<typeof intakeFormSchema>;

function readIntakeFile(input: unknown, source: string): IntakeFile {
  const result = intakeFormSchema.safeParse(input);
  if (!result.success) throw new Error(describeFileIssues(result.error, source));
  return result.data;
}

function policyOf({ formTtlHours, formReminderMinutes, knowledgeBase, ...rest }: IntakeFile): IntakePolicy {
  return Object.freeze({
    ...rest,
    formTtlSeconds: Math.round(formTtlHours * 3600),
    formReminderSeconds: formReminderMinutes * 60,
    knowledgeBase: { enabled: knowledgeBase.enabled, maxArticles: knowledgeBase.maxArticles },
  });
}

/** Validates an intake form definition; the message names the offending path. */
export function parseIntakePolicy(input: unknown, source = "config/intake-form.json"): IntakePolicy {
  return policyOf(readIntakeFile(input, source));
}

const deployed = readIntakeFile(raw, "config/intake-form.json");

/** The deployed form, validated once at cold start. */
export const intakePolicy: IntakePolicy = policyOf(deployed);

/** The Help Center locale searched for each bot language (Zendesk's codes, lower case). */
export const helpCenterLocales: Readonly<Record<Locale, string>> = Object.freeze(
  deployed.knowledgeBase.helpCenterLocales,
);
