import * as z from "../../../zod.js";

export const ROTATION_STEPS = ["createSecret", "setSecret", "testSecret", "finishSecret"] as const;

/** What Secrets Manager sends a rotation function, once per step (and again when a step is retried). */
export const rotationEventSchema = z.object({
  SecretId: z.string().check(z.minLength(1)),
  ClientRequestToken: z.string().check(z.minLength(1)),
  Step: z.enum(ROTATION_STEPS),
  RotationToken: z.optional(z.string()),
});

export type RotationEvent = z.output<typeof rotationEventSchema>;
export type RotationStep = RotationEvent["Step"];
