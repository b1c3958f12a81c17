import * as z from "zod";

/**
 * The envelope Zendesk puts around every event-webhook delivery. `id` is the event's id and stays the same
 * when Zendesk retries, so it is the de-duplication key. The payload parts are read by the use cases.
 */
export const zendeskEventSchema = z.looseObject({
  id: z.string().min(1).max(200),
  type: z
    .string()
    .regex(/^zen:event-type:[a-z_.]+$/, "a Zendesk event type such as zen:event-type:ticket.comment_added"),
  account_id: z.number().int().optional(),
  subject: z.string().optional(),
  time: z.string().optional(),
  zendesk_event_version: z.string().optional(),
  detail: z.looseObject({}),
  event: z.looseObject({}).optional(),
});

export type ZendeskEvent = z.infer<typeof zendeskEventSchema>;
