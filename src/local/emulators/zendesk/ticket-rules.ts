/**
 * The rules Zendesk applies when a ticket changes (tags from drop-down fields, group and assignee coupling,
 * automatic status moves) and the field-by-field diff that becomes events and audit entries.
 */
import {
  assigneeChanged,
  customFieldChanged,
  groupChanged,
  priorityChanged,
  statusChanged,
  subjectChanged,
  type TicketChange,
  tagsChanged,
  typeChanged,
} from "./events.js";
import { normalizeTags } from "./json.js";
import type { EmulatorState } from "./state.js";
import { fieldTags } from "./ticket-fields.js";
import type { TicketInput } from "./ticket-input.js";
import type { Audit, AuditEvent, Ticket, TicketStatus } from "./types.js";

export const CUSTOM_STATUS_IDS: Record<TicketStatus, number> = {
  new: 1,
  open: 2,
  pending: 3,
  hold: 4,
  solved: 5,
  closed: 6,
};

export function applyCustomFields(ticket: Ticket, input: TicketInput): void {
  for (const { field, value } of input.customFields ?? []) {
    const entry = ticket.custom_fields.find((f) => f.id === field.id);
    const previous = entry?.value ?? null;
    if (entry) entry.value = value;
    else ticket.custom_fields.push({ id: field.id, value });
    const oldTags = fieldTags(field, previous);
    ticket.tags = ticket.tags.filter((t) => !oldTags.includes(t));
    ticket.tags = normalizeTags([...ticket.tags, ...fieldTags(field, value)]);
  }
  ticket.fields = ticket.custom_fields.map((f) => ({ ...f }));
}

export function applyTags(ticket: Ticket, input: TicketInput): void {
  let tags = input.tags !== undefined ? normalizeTags(input.tags) : ticket.tags;
  if (input.additionalTags) tags = normalizeTags([...tags, ...input.additionalTags]);
  if (input.removeTags) {
    const removed = normalizeTags(input.removeTags);
    tags = tags.filter((t) => !removed.includes(t));
  }
  ticket.tags = tags;
}

/** Group and assignee rules: an assignee outside the new group is dropped; an assignee brings their group. */
export function applyAssignment(state: EmulatorState, ticket: Ticket, input: TicketInput): void {
  if (input.groupId !== undefined) {
    ticket.group_id = input.groupId;
    if (ticket.assignee_id !== null && input.assigneeId === undefined) {
      if (ticket.group_id === null || !state.isMember(ticket.assignee_id, ticket.group_id))
        ticket.assignee_id = null;
    }
  }
  if (input.assigneeId !== undefined) {
    ticket.assignee_id = input.assigneeId;
    if (
      input.assigneeId !== null &&
      (ticket.group_id === null || !state.isMember(input.assigneeId, ticket.group_id))
    ) {
      ticket.group_id = state.users.get(input.assigneeId)?.default_group_id ?? ticket.group_id;
    }
  }
}

/**
 * Status rules Zendesk applies on its own: a requester reply reopens a pending or solved ticket; the first
 * agent reply or an assignment moves a new ticket to open; solving an unassigned ticket assigns the agent who
 * solved it.
 */
export function applyStatus(
  state: EmulatorState,
  ticket: Ticket,
  input: TicketInput,
  actorId: number,
  commentAuthor: number | undefined,
): void {
  if (input.status !== undefined) ticket.status = input.status;
  else if (commentAuthor !== undefined && !state.isStaff(commentAuthor)) {
    if (ticket.status === "pending" || ticket.status === "solved") ticket.status = "open";
  } else if (ticket.status === "new" && (commentAuthor !== undefined || ticket.assignee_id !== null)) {
    ticket.status = "open";
  }
  const resolved = ticket.status === "solved" || ticket.status === "closed";
  if (resolved && ticket.assignee_id === null && state.isStaff(actorId)) {
    applyAssignment(state, ticket, { assigneeId: actorId });
  }
  ticket.custom_status_id = CUSTOM_STATUS_IDS[ticket.status];
}

/** Field-by-field changes between two snapshots, as events and audit Change entries. */
export function diff(state: EmulatorState, before: Ticket, after: Ticket, audit: Audit): TicketChange[] {
  const changes: TicketChange[] = [];
  const record = (field: string, previous: unknown, value: unknown): void => {
    audit.events.push({
      id: state.ids.auditEvent.take(),
      type: "Change",
      field_name: field,
      value,
      previous_value: previous,
    } satisfies AuditEvent);
  };
  if (before.subject !== after.subject) {
    record("subject", before.subject, after.subject);
    changes.push(subjectChanged(before.subject, after.subject));
  }
  if (before.status !== after.status) {
    record("status", before.status, after.status);
    changes.push(statusChanged(before.status, after.status));
  }
  if (before.priority !== after.priority) {
    record("priority", before.priority, after.priority);
    changes.push(priorityChanged(before.priority, after.priority));
  }
  if (before.type !== after.type) {
    record("type", before.type, after.type);
    changes.push(typeChanged(before.type, after.type));
  }
  if (before.group_id !== after.group_id) {
    record("group_id", before.group_id, after.group_id);
    changes.push(groupChanged(before.group_id, after.group_id));
  }
  if (before.assignee_id !== after.assignee_id) {
    record("assignee_id", before.assignee_id, after.assignee_id);
    changes.push(assigneeChanged(before.assignee_id, after.assignee_id));
  }
  for (const field of after.custom_fields) {
    const previous = before.custom_fields.find((f) => f.id === field.id)?.value ?? null;
    const definition = state.ticketFields.get(field.id);
    if (definition && JSON.stringify(previous) !== JSON.stringify(field.value)) {
      record(String(field.id), previous, field.value);
      changes.push(customFieldChanged(definition, previous, field.value));
    }
  }
  const added = after.tags.filter((t) => !before.tags.includes(t));
  const removed = before.tags.filter((t) => !after.tags.includes(t));
  if (added.length > 0 || removed.length > 0) {
    record("tags", before.tags.join(" "), after.tags.join(" "));
    changes.push(tagsChanged(added, removed));
  }
  return changes;
}

export const snapshot = (ticket: Ticket): Ticket => ({
  ...ticket,
  tags: [...ticket.tags],
  custom_fields: ticket.custom_fields.map((f) => ({ ...f })),
});
