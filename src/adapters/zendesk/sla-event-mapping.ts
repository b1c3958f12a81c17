import type { SlaEvent } from "../../domain/sla/ticket-events.js";
import type { ZendeskEvent } from "./webhook-event-schema.js";

const STATUSES = ["new", "open", "pending", "hold", "solved", "closed"] as const;

/** The ticket id of a Zendesk ticket event (`subject: zen:ticket:<id>`, or `detail.id`). */
export function ticketIdOf(event: ZendeskEvent): number | undefined {
  const fromSubject = /^zen:ticket:(\d+)$/.exec(event.subject ?? "")?.[1];
  const id = Number(fromSubject ?? event.detail.id);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/** What a Zendesk event means for SLA clocks, if anything. Payload shapes per Zendesk's ticket event docs. */
export function slaEventOf(event: ZendeskEvent): SlaEvent | undefined {
  const body = (event.event ?? {}) as Record<string, unknown>;
  switch (event.type) {
    case "zen:event-type:ticket.comment_added": {
      const comment = body.comment as { is_public?: boolean; author?: { is_staff?: boolean } } | undefined;
      return comment?.is_public === true && comment.author?.is_staff === true
        ? { kind: "agent-replied-publicly" }
        : undefined;
    }
    case "zen:event-type:ticket.status_changed": {
      const status = String(body.current ?? "").toLowerCase();
      return (STATUSES as readonly string[]).includes(status)
        ? { kind: "status", status: status as (typeof STATUSES)[number] }
        : undefined;
    }
    case "zen:event-type:ticket.agent_assignment_changed":
      return { kind: "assignment", assigned: body.current !== null && body.current !== undefined };
    default:
      return undefined;
  }
}
