import type { EmulatorContext } from "./context.js";
import { addMembership } from "./groups.js";
import type { EmulatorState } from "./state.js";
import { readTicketInput } from "./ticket-input.js";
import { updateTicket } from "./ticket-ops.js";
import { findTicket } from "./tickets.js";
import type { Comment, Ticket, TicketStatus, User } from "./types.js";
import { createUpload, storeFile } from "./uploads.js";
import { createUser } from "./users.js";

/** What an agent types in the Zendesk UI. */
export interface AgentCommentInput {
  body?: string;
  html_body?: string;
  public: boolean;
  /** Agent shown as author; created (and added to the ticket's group) if no agent has this name. */
  authorName?: string;
  attachments?: Array<{ fileName: string; contentType: string; bytes: Buffer }>;
}

function agentByName(state: EmulatorState, ticket: Ticket, name: string): User {
  const existing = [...state.users.values()].find(
    (u) => state.isStaff(u.id) && u.name.toLowerCase() === name.toLowerCase(),
  );
  if (existing) return existing;
  const slug = name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ".");
  const agent = createUser(state, {
    name,
    email: `${slug}.${state.ids.user.take()}@agents.example.com`,
    role: "agent",
  });
  if (ticket.group_id !== null) addMembership(state, agent.id, ticket.group_id);
  return agent;
}

/** The agent acting on a ticket when none is named: its assignee, else someone from its group. */
function actingAgent(state: EmulatorState, ticket: Ticket): User {
  const candidates = [
    ticket.assignee_id === null ? undefined : state.users.get(ticket.assignee_id),
    ...(ticket.group_id === null ? [] : state.agentsInGroup(ticket.group_id)),
    [...state.users.values()].find((u) => u.role === "agent"),
    state.users.get(state.apiUserId),
  ];
  const agent = candidates.find((u) => u !== undefined);
  if (!agent) throw new Error("The emulated account has no agents");
  return agent;
}

export function agentComment(ctx: EmulatorContext, ticketId: number, input: AgentCommentInput): Comment {
  const { state } = ctx;
  const ticket = findTicket(state, ticketId);
  const agent = input.authorName ? agentByName(state, ticket, input.authorName) : actingAgent(state, ticket);
  const uploads = (input.attachments ?? []).map(
    (file) => createUpload(state, storeFile(state, file.fileName, file.contentType, file.bytes)).token,
  );
  const comment: Record<string, unknown> = { public: input.public, author_id: agent.id, uploads };
  if (input.html_body !== undefined) comment.html_body = input.html_body;
  if (input.body !== undefined) comment.body = input.body;
  updateTicket(ctx, ticket, readTicketInput(state, { comment }, ticket), {
    actorId: agent.id,
    channel: "web",
  });
  const comments = state.comments.get(ticket.id) ?? [];
  const added = comments[comments.length - 1];
  if (!added) throw new Error("comment was not stored");
  return added;
}

/** Sets a status as an agent would, or as the requester would (e.g. marking a request solved). */
export function setStatus(
  ctx: EmulatorContext,
  ticketId: number,
  status: TicketStatus,
  by: "agent" | "requester" = "agent",
): Ticket {
  const ticket = findTicket(ctx.state, ticketId);
  const actorId = by === "requester" ? ticket.requester_id : actingAgent(ctx.state, ticket).id;
  const input = readTicketInput(ctx.state, { status }, ticket);
  return updateTicket(ctx, ticket, input, { actorId, channel: "web" }).ticket;
}

export function moveToGroup(ctx: EmulatorContext, ticketId: number, groupId: number): Ticket {
  const ticket = findTicket(ctx.state, ticketId);
  const input = readTicketInput(ctx.state, { group_id: groupId }, ticket);
  return updateTicket(ctx, ticket, input, { actorId: actingAgent(ctx.state, ticket).id, channel: "web" })
    .ticket;
}

export function assign(ctx: EmulatorContext, ticketId: number, assigneeId: number): Ticket {
  const ticket = findTicket(ctx.state, ticketId);
  const input = readTicketInput(ctx.state, { assignee_id: assigneeId }, ticket);
  return updateTicket(ctx, ticket, input, { actorId: assigneeId, channel: "web" }).ticket;
}
