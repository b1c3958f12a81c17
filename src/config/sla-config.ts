import { z } from "zod";
import raw from "../../config/sla-policies.json" with { type: "json" };
import type { TicketPriority } from "../ports/help-desk.js";
import { describeFileIssues } from "./regex.js";

const minutes = z.number().int().positive();
const tier = z.object({ firstResponseMinutes: minutes, resolutionMinutes: minutes });

export const slaSchema = z
  .object({
    tiers: z.record(z.string().min(1), tier),
    tierByPriority: z.record(z.enum(["low", "normal", "high", "urgent"]), z.string()),
  })
  .superRefine((config, ctx) => {
    for (const [priority, name] of Object.entries(config.tierByPriority)) {
      if (!config.tiers[name]) {
        ctx.addIssue({
          code: "custom",
          path: ["tierByPriority", priority],
          message: `no tier named "${name}"`,
        });
      }
    }
  });

export type SlaConfig = z.infer<typeof slaSchema>;

export function parseSlaConfig(input: unknown, source = "config/sla-policies.json"): SlaConfig {
  const result = slaSchema.safeParse(input);
  if (!result.success) throw new Error(describeFileIssues(result.error, source));
  return result.data;
}

export const slaConfig: SlaConfig = parseSlaConfig(raw);

export function firstResponseMinutes(priority: TicketPriority, config: SlaConfig = slaConfig): number {
  return (config.tiers[config.tierByPriority[priority]] as z.infer<typeof tier>).firstResponseMinutes;
}
