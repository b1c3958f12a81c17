/**
 * Zendesk event-webhook payloads for ticket events.
 *
 * Shapes follow https://developer.zendesk.com/api-reference/webhooks/event-types/webhook-event-types/
 * (envelope: account_id, detail, event, id, subject, time, type, zendesk_event_version) and
 * https://developer.zendesk.com/api-reference/webhooks/event-types/ticket-events/ (detail properties;
 * ids and external_id are strings; status, priority and type are upper-case; `event.meta.sequence` ties
 * together the events one action produced). Example payloads quoted from that page in public code agree:
 * `comment_added` carries `event.comment {id, body, is_public, author {id, is_staff, name}}`, the
 * `*_changed` events carry `event {current, previous}`, and `attachment_linked_to_comment` carries
 * `event.comment {id, attachment {id, content_type, content_url, filename, is_public}}`.
 */
import { uuid } from "./ids.js";
import type { EmulatorState } from "./state.js";
import type { Attachment, Comment, Ticket, TicketField, User } from "./types.js";

export const ZENDESK_EVENT_VERSION = "2022-11-06";

export type TicketEventType =
  | "ticket.created"
  | "ticket.comment_added"
  | "ticket.attachment_linked_to_comment"
  | "ticket.status_changed"
  | "ticket.priority_changed"
  | "ticket.type_changed"
  | "ticket.subject_changed"
  | "ticket.group_assignment_changed"
  | "ticket.agent_assignment_changed"
  | "ticket.tags_changed"
  | "ticket.custom_field_changed";

/** One change an action made to a ticket, before it is wrapped in the event envelope. */
export interface TicketChange {
  type: TicketEventType;
  event: Record<string, unknown>;
}

export interface ZendeskEvent {
  account_id: number;
  detail: Record<string, unknown>;
  event: Record<string, unknown>;
  id: string;
  subject: string;
  time: string;
  type: string;
  zendesk_event_version: string;
}

const idString = (id: number | null): string | null => (id === null ? null : String(id));
const upper = (value: string | null): string | null => (value === null ? null : value.toUpperCase());

export const ticketCreated = (): TicketChange => ({ type: "ticket.created", event: {} });

export function commentAdded(comment: Comment, author: User | undefined, isStaff: boolean): TicketChange {
  return {
    type: "ticket.comment_added",
    event: {
      comment: {
        author: { id: String(comment.author_id), is_staff: isStaff, name: author?.name ?? "" },
        body: comment.body,
        id: String(comment.id),
        is_public: comment.public,
      },
    },
  };
}

export function attachmentLinked(comment: Comment, attachment: Attachment): TicketChange {
  return {
    type: "ticket.attachment_linked_to_comment",
    event: {
      comment: {
        attachment: {
          content_type: attachment.content_type,
          content_url: attachment.content_url,
          filename: attachment.file_name,
          id: String(attachment.id),
          is_public: comment.public,
        },
        id: String(comment.id),
      },
    },
  };
}

export const statusChanged = (previous: string, current: string): TicketChange => ({
  type: "ticket.status_changed",
  event: { current: upper(current), previous: upper(previous) },
});

export const priorityChanged = (previous: string | null, current: string | null): TicketChange => ({
  type: "ticket.priority_changed",
  event: { current: upper(current), previous: upper(previous) },
});

export const typeChanged = (previous: string | null, current: string | null): TicketChange => ({
  type: "ticket.type_changed",
  event: { current: upper(current), previous: upper(previous) },
});

export const subjectChanged = (previous: string, current: string): TicketChange => ({
  type: "ticket.subject_changed",
  event: { current, previous },
});

export const groupChanged = (previous: number | null, current: number | null): TicketChange => ({
  type: "ticket.group_assignment_changed",
  event: { current: idString(current), previous: idString(previous) },
});

export const assigneeChanged = (previous: number | null, current: number | null): TicketChange => ({
  type: "ticket.agent_assignment_changed",
  event: { current: idString(current), previous: idString(previous) },
});

export const tagsChanged = (added: string[], removed: string[]): TicketChange => ({
  type: "ticket.tags_changed",
  event: { tags_added: added, tags_removed: removed },
});

export function customFieldChanged(field: TicketField, previous: unknown, current: unknown): TicketChange {
  return {
    type: "ticket.custom_field_changed",
    event: {
      current: { value: current ?? null },
      custom_field: { id: String(field.id), title: field.title, type: field.type },
      previous: { value: previous ?? null },
    },
  };
}

/** Zendesk reports tickets created through the REST API as channel `web_service` in event payloads. */
function eventChannel(ticket: Ticket): string {
  if (ticket.via.channel === "api") return "web_service";
  if (ticket.via.channel === "web") return "web_form";
  return ticket.via.channel;
}

function ticketDetail(state: EmulatorState, ticket: Ticket, actorId: number): Record<string, unknown> {
  const hasPublicComment = (state.comments.get(ticket.id) ?? []).some((c) => c.public);
  return {
    actor_id: String(actorId),
    assignee_id: idString(ticket.assignee_id),
    brand_id: String(ticket.brand_id),
    created_at: ticket.created_at,
    custom_status: String(ticket.custom_status_id),
    description: ticket.description,
    external_id: ticket.external_id,
    form_id: String(ticket.ticket_form_id),
    group_id: idString(ticket.group_id),
    id: String(ticket.id),
    is_public: hasPublicComment,
    organization_id: idString(ticket.organization_id),
    priority: upper(ticket.priority),
    requester_id: String(ticket.requester_id),
    status: ticket.status.toUpperCase(),
    subject: ticket.subject,
    submitter_id: String(ticket.submitter_id),
    tags: [...ticket.tags],
    type: upper(ticket.type),
    updated_at: ticket.updated_at,
    via: { channel: eventChannel(ticket) },
  };
}

/** Wraps the changes of one action in envelopes that share a `meta.sequence.id`. */
export function buildEvents(
  state: EmulatorState,
  ticket: Ticket,
  actorId: number,
  changes: readonly TicketChange[],
): ZendeskEvent[] {
  const sequenceId = uuid().replace(/-/g, "").toUpperCase();
  const time = state.now().toISOString();
  const detail = ticketDetail(state, ticket, actorId);
  return changes.map((change, index) => ({
    account_id: state.config.accountId,
    detail,
    event: { ...change.event, meta: { sequence: { id: sequenceId, position: index + 1 } } },
    id: uuid(),
    subject: `zen:ticket:${ticket.id}`,
    time,
    type: `zen:event-type:${change.type}`,
    zendesk_event_version: ZENDESK_EVENT_VERSION,
  }));
}
