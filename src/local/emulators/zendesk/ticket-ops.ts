import { appendComment, viaFor } from "./comments.js";
import type { EmulatorContext } from "./context.js";
import { recordInvalid } from "./errors.js";
import {
  assigneeChanged,
  attachmentLinked,
  commentAdded,
  customFieldChanged,
  groupChanged,
  priorityChanged,
  statusChanged,
  subjectChanged,
  type TicketChange,
  tagsChanged,
  ticketCreated,
  typeChanged,
} from "./events.js";
import { normalizeTags } from "./json.js";
import type { EmulatorState } from "./state.js";
import { fieldTags, isCustomField } from "./ticket-fields.js";
import type { CommentInput, RequesterInput, TicketInput } from "./ticket-input.js";
import type { Audit, AuditEvent, CustomFieldValue, Ticket, TicketStatus, User } from "./types.js";
import { claimUploads } from "./uploads.js";
import { createUser } from "./users.js";

export interface ActionOptions {
  /** The user performing the change: the API user, an agent in the UI, or the requester. */
  actorId: number;
  /** `api` for REST calls, `web` for agent-console actions. */
  channel: "api" | "web";
}

const CUSTOM_STATUS_IDS: Record<TicketStatus, number> = {
  new: 1,
  open: 2,
  pending: 3,
  hold: 4,
  solved: 5,
  closed: 6,
};

function resolveRequester(state: EmulatorState, input: RequesterInput): User {
  const found =
    (input.externalId ? state.userByExternalId(input.externalId) : undefined) ??
    (input.email ? state.userByEmail(input.email) : undefined);
  if (found) return found;
  const user = createUser(state, {
    name: input.name ?? input.email?.split("@")[0] ?? "Unknown",
    email: input.email ?? null,
    external_id: input.externalId ?? null,
  });
  if (input.localeId !== undefined) user.locale_id = input.localeId;
  return user;
}

function newAudit(state: EmulatorState, ticketId: number, authorId: number, channel: "api" | "web"): Audit {
  const audit: Audit = {
    id: state.ids.audit.take(),
    ticket_id: ticketId,
    created_at: state.nowIso(),
    author_id: authorId,
    metadata: { system: { client: "zendesk-emulator", ip_address: "127.0.0.1" }, custom: {} },
    via: viaFor(channel),
    events: [],
  };
  const list = state.audits.get(ticketId) ?? [];
  list.push(audit);
  state.audits.set(ticketId, list);
  return audit;
}

function addCommentTo(
  ctx: EmulatorContext,
  ticket: Ticket,
  comment: CommentInput,
  authorId: number,
  audit: Audit,
  changes: TicketChange[],
): void {
  const { state } = ctx;
  const attachments = claimUploads(state, comment.uploads);
  const added = appendComment(state, ticket.id, comment, authorId, audit.id, attachments, audit.via);
  audit.events.push({
    id: state.ids.auditEvent.take(),
    type: "Comment",
    body: added.body,
    public: added.public,
    author_id: authorId,
    attachments,
  });
  changes.push(commentAdded(added, state.users.get(authorId), state.isStaff(authorId)));
  for (const attachment of attachments) changes.push(attachmentLinked(added, attachment));
}

function applyCustomFields(ticket: Ticket, input: TicketInput): void {
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

function applyTags(ticket: Ticket, input: TicketInput): void {
  let tags = input.tags !== undefined ? normalizeTags(input.tags) : ticket.tags;
  if (input.additionalTags) tags = normalizeTags([...tags, ...input.additionalTags]);
  if (input.removeTags) {
    const removed = normalizeTags(input.removeTags);
    tags = tags.filter((t) => !removed.includes(t));
  }
  ticket.tags = tags;
}

/** Group and assignee rules: an assignee outside the new group is dropped; an assignee brings their group. */
function applyAssignment(state: EmulatorState, ticket: Ticket, input: TicketInput): void {
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
function applyStatus(
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
function diff(state: EmulatorState, before: Ticket, after: Ticket, audit: Audit): TicketChange[] {
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

const snapshot = (ticket: Ticket): Ticket => ({
  ...ticket,
  tags: [...ticket.tags],
  custom_fields: ticket.custom_fields.map((f) => ({ ...f })),
});

export function createTicket(
  ctx: EmulatorContext,
  input: TicketInput,
  options: ActionOptions,
): { ticket: Ticket; audit: Audit } {
  const { state } = ctx;
  const requester =
    (input.requesterId !== undefined ? state.users.get(input.requesterId) : undefined) ??
    (input.requester ? resolveRequester(state, input.requester) : state.users.get(options.actorId));
  if (!requester)
    throw recordInvalid({ requester: [{ description: "Requester: is invalid", error: "InvalidValue" }] });
  const submitterId = input.submitterId ?? requester.id;
  const id = state.ids.ticket.take();
  const now = state.nowIso();
  const customFields: CustomFieldValue[] = [...state.ticketFields.values()]
    .filter(isCustomField)
    .map((f) => ({ id: f.id, value: null }));
  const ticket: Ticket = {
    id,
    url: state.apiUrl(`/tickets/${id}.json`),
    external_id: input.externalId ?? null,
    via: viaFor(options.channel),
    created_at: now,
    updated_at: now,
    type: input.type ?? null,
    subject: input.subject ?? "",
    raw_subject: input.subject ?? "",
    description: "",
    priority: input.priority ?? null,
    status: "new",
    recipient: null,
    requester_id: requester.id,
    submitter_id: submitterId,
    assignee_id: null,
    organization_id: requester.organization_id,
    group_id: null,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    problem_id: null,
    has_incidents: false,
    is_public: input.comment?.public ?? true,
    due_at: null,
    tags: [],
    custom_fields: customFields,
    fields: customFields.map((f) => ({ ...f })),
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    custom_status_id: CUSTOM_STATUS_IDS.new,
    followup_ids: [],
    ticket_form_id: 1,
    brand_id: 1,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
  };
  state.tickets.set(id, ticket);
  applyTags(ticket, input);
  applyCustomFields(ticket, input);
  applyAssignment(state, ticket, input);
  ticket.status = input.status ?? (ticket.assignee_id !== null ? "open" : "new");
  ticket.custom_status_id = CUSTOM_STATUS_IDS[ticket.status];

  const audit = newAudit(state, id, options.actorId, options.channel);
  for (const [field, value] of Object.entries({
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    type: ticket.type,
    group_id: ticket.group_id,
    assignee_id: ticket.assignee_id,
    requester_id: ticket.requester_id,
    tags: ticket.tags.join(" "),
  })) {
    audit.events.push({ id: state.ids.auditEvent.take(), type: "Create", field_name: field, value });
  }
  const changes: TicketChange[] = [ticketCreated()];
  if (input.comment) {
    addCommentTo(ctx, ticket, input.comment, input.comment.authorId ?? submitterId, audit, changes);
    ticket.description = state.comments.get(id)?.[0]?.body ?? "";
  }
  ctx.publish(ticket, options.actorId, changes);
  return { ticket, audit };
}

/** Applies an update the way Zendesk does; closed tickets are read-only. */
export function updateTicket(
  ctx: EmulatorContext,
  ticket: Ticket,
  input: TicketInput,
  options: ActionOptions,
): { ticket: Ticket; audit: Audit } {
  const { state } = ctx;
  if (ticket.status === "closed") {
    throw recordInvalid({
      status: [{ description: "Status: closed prevents ticket update", error: "InvalidValue" }],
    });
  }
  const before = snapshot(ticket);
  const audit = newAudit(state, ticket.id, options.actorId, options.channel);
  const changes: TicketChange[] = [];
  const commentAuthor = input.comment ? (input.comment.authorId ?? options.actorId) : undefined;
  if (input.comment && commentAuthor !== undefined)
    addCommentTo(ctx, ticket, input.comment, commentAuthor, audit, changes);
  if (input.subject !== undefined) {
    ticket.subject = input.subject;
    ticket.raw_subject = input.subject;
  }
  if (input.priority !== undefined) ticket.priority = input.priority;
  if (input.type !== undefined) ticket.type = input.type;
  if (input.externalId !== undefined) ticket.external_id = input.externalId;
  applyAssignment(state, ticket, input);
  applyStatus(state, ticket, input, options.actorId, commentAuthor);
  applyTags(ticket, input);
  applyCustomFields(ticket, input);
  changes.push(...diff(state, before, ticket, audit));
  ticket.updated_at = state.nowIso();
  ctx.publish(ticket, options.actorId, changes);
  return { ticket, audit };
}
