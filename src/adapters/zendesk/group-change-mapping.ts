import type { GroupChange } from "../../domain/routing/agent-corrections.js";
import * as z from "../../zod.js";
import { ticketIdOf } from "./sla-event-mapping.js";
import type { ZendeskEvent } from "./webhook-event-schema.js";

const GROUP_CHANGED = "zen:event-type:ticket.group_assignment_changed";

/** Zendesk sends group ids as strings, `null` for no group. */
const groupId = z.pipe(
  z.union([z.string().check(z.regex(/^\d+$/)), z.int(), z.null()]),
  z.transform((id: string | number | null) => (id === null ? null : Number(id))),
);

/** `ticket.group_assignment_changed`: `event {current, previous}` and the ticket in `detail`. */
const payload = z.object({
  event: z.object({ current: groupId, previous: z._default(z.optional(groupId), null) }),
  detail: z.looseObject({ description: z._default(z.optional(z.string()), "") }),
  time: z.optional(z.iso.datetime({ offset: true })),
});

/** The group change a Zendesk event reports, if it reports one; `receivedAt` stands in for a missing time. */
export function groupChangeOf(event: ZendeskEvent, receivedAt: Date): GroupChange | undefined {
  if (event.type !== GROUP_CHANGED) return undefined;
  const ticketId = ticketIdOf(event);
  const parsed = payload.safeParse(event);
  if (ticketId === undefined || !parsed.success) return undefined;
  const { event: ids, detail, time } = parsed.data;
  return {
    eventId: event.id,
    ticketId,
    previousGroupId: ids.previous,
    currentGroupId: ids.current,
    description: detail.description,
    at: time ? new Date(time) : receivedAt,
  };
}
