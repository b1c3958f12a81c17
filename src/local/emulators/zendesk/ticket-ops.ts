import { appendComment, viaFor } from "./comments.js";
import type { EmulatorContext } from "./context.js";
import { recordInvalid } from "./errors.js";
import { attachmentLinked, commentAdded, type TicketChange, ticketCreated } from "./events.js";
import type { EmulatorState } from "./state.js";
import { isCustomField } from "./ticket-fields.js";
import type { CommentInput, RequesterInput, TicketInput } from "./ticket-input.js";
import {
  applyAssignment,
  applyCustomFields,
  applyStatus,
  applyTags,
  CUSTOM_STATUS_IDS,
  diff,
  snapshot,
} from "./ticket-rules.js";
import type { Audit, CustomFieldValue, Ticket, User } from "./types.js";
import { claimUploads } from "./uploads.js";
import { createUser } from "./users.js";

export interface ActionOptions {
  /** The user performing the change: the API user, an agent in the UI, or the requester. */
  actorId: number;
  /** `api` for REST calls, `web` for agent-console actions. */
  channel: "api" | "web";
}

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
