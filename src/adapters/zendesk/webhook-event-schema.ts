import * as z from "../../zod.js";

/**
 * The envelope Zendesk puts around every event-webhook delivery. `id` is the event's id and stays the same
 * when Zendesk retries, so it is the de-duplication key. The payload parts are read by the use cases.
 */
export const zendeskEventSchema = z.looseObject({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  type: z
    .string()
    .check(
      z.regex(
        /^zen:event-type:[a-z_.]+$/,
        "a Zendesk event type such as zen:event-type:ticket.comment_added",
      ),
    ),
  account_id: z.optional(z.int()),
  subject: z.optional(z.string()),
  time: z.optional(z.string()),
  zendesk_event_version: z.optional(z.string()),
  detail: z.looseObject({}),
  event: z.optional(z.looseObject({})),
});

export type ZendeskEvent = z.infer<typeof zendeskEventSchema>;
