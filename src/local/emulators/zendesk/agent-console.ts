/**
 * Control API and a tiny HTML "agent console" so a person can play the agent without a real Zendesk.
 * Every action goes through the same code as the API and emits the same signed webhooks.
 *
 *   GET  /                               HTML: tickets with their comments, reply / status / group forms
 *   GET  /_emulator/tickets              JSON: {tickets: [{...ticket, comments: [...]}]}
 *   POST /_emulator/tickets/:id/comments {body, html_body?, public, authorName?}   -> 201 {comment}
 *   POST /_emulator/tickets/:id/status   {status, by?: "agent"|"requester"}       -> 200 {ticket}
 *   POST /_emulator/tickets/:id/group    {groupId}                                -> 200 {ticket}
 *   POST /_emulator/tickets/:id/assignee {assigneeId}                             -> 200 {ticket}
 *   GET  /_emulator/webhook-deliveries   JSON: {deliveries: [...]}
 *
 * The POST routes accept JSON or an HTML form (application/x-www-form-urlencoded); a form post answers
 * 303 back to `/`. No authentication: this is a local tool.
 */
import { agentComment, assign, moveToGroup, setStatus } from "./agent.js";
import type { EmulatorContext } from "./context.js";
import { badRequest, recordNotFound } from "./errors.js";
import { asBoolean, asNumber, asRecord, asString, type Json } from "./json.js";
import { created, ok } from "./responses.js";
import type { ApiRequest, ApiResponse, Route } from "./router.js";
import type { EmulatorState } from "./state.js";
import { TICKET_STATUSES, type TicketStatus } from "./types.js";

const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

const isForm = (req: ApiRequest): boolean =>
  (req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");

/** Form fields or JSON body as one record; an unticked checkbox is simply absent from a form. */
function controlBody(req: ApiRequest): Json {
  if (!isForm(req)) return asRecord(req.json) ?? {};
  const form = new URLSearchParams(req.raw.toString("utf8"));
  return {
    ...Object.fromEntries(form),
    public: form.get("public") === "on" || form.get("public") === "true",
  };
}

const answer = (req: ApiRequest, response: ApiResponse): ApiResponse =>
  isForm(req) ? { status: 303, headers: { Location: "/" } } : response;

function readStatus(value: unknown): TicketStatus {
  if (typeof value === "string" && (TICKET_STATUSES as readonly string[]).includes(value))
    return value as TicketStatus;
  throw badRequest("InvalidValue", `status must be one of ${TICKET_STATUSES.join(", ")}`);
}

export function controlRoutes(ctx: EmulatorContext): Route[] {
  const { state } = ctx;
  const ticketId = (req: ApiRequest): number => Number(req.params.id);
  return [
    {
      method: "GET",
      pattern: "/",
      handler: () => ({
        status: 200,
        body: renderConsole(state),
        headers: { "Content-Type": "text/html; charset=utf-8" },
      }),
    },
    {
      // Where Zendesk's own ticket links point (the SLA alerts' links, for one): the console, that ticket only.
      method: "GET",
      pattern: "/agent/tickets/:id",
      handler: (req: ApiRequest) => {
        if (!state.tickets.has(ticketId(req))) throw recordNotFound();
        return {
          status: 200,
          body: renderConsole(state, ticketId(req)),
          headers: { "Content-Type": "text/html; charset=utf-8" },
        };
      },
    },
    {
      method: "GET",
      pattern: "/_emulator/tickets",
      handler: () =>
        ok({
          tickets: [...state.tickets.values()].map((t) => ({
            ...t,
            comments: state.comments.get(t.id) ?? [],
          })),
        }),
    },
    {
      method: "POST",
      pattern: "/_emulator/tickets/:id/comments",
      handler: (req) => {
        const body = controlBody(req);
        const text = asString(body.body);
        const html = asString(body.html_body);
        const input: Parameters<typeof agentComment>[2] = { public: asBoolean(body.public) ?? true };
        if (text) input.body = text;
        if (html) input.html_body = html;
        const authorName = asString(body.authorName);
        if (authorName?.trim()) input.authorName = authorName.trim();
        return answer(req, created({ comment: agentComment(ctx, ticketId(req), input) }));
      },
    },
    {
      method: "POST",
      pattern: "/_emulator/tickets/:id/status",
      handler: (req) => {
        const body = controlBody(req);
        const by = body.by === "requester" ? "requester" : "agent";
        return answer(req, ok({ ticket: setStatus(ctx, ticketId(req), readStatus(body.status), by) }));
      },
    },
    {
      method: "POST",
      pattern: "/_emulator/tickets/:id/group",
      handler: (req) => {
        const groupId = asNumber(controlBody(req).groupId);
        if (groupId === undefined) throw badRequest("InvalidValue", "groupId is required");
        return answer(req, ok({ ticket: moveToGroup(ctx, ticketId(req), groupId) }));
      },
    },
    {
      method: "POST",
      pattern: "/_emulator/tickets/:id/assignee",
      handler: (req) => {
        const assigneeId = asNumber(controlBody(req).assigneeId);
        if (assigneeId === undefined) throw badRequest("InvalidValue", "assigneeId is required");
        return answer(req, ok({ ticket: assign(ctx, ticketId(req), assigneeId) }));
      },
    },
    {
      method: "GET",
      pattern: "/_emulator/webhook-deliveries",
      handler: () => ok({ deliveries: ctx.dispatcher.deliveries }),
    },
  ];
}

function renderConsole(state: EmulatorState, onlyTicket?: number): string {
  const name = (id: number | null): string => (id === null ? "—" : (state.users.get(id)?.name ?? `#${id}`));
  const groupOptions = (selected: number | null): string =>
    [...state.groups.values()]
      .map(
        (g) =>
          `<option value="${g.id}"${g.id === selected ? " selected" : ""}>${escapeHtml(g.name)}</option>`,
      )
      .join("");
  const statusOptions = (selected: TicketStatus): string =>
    TICKET_STATUSES.map((s) => `<option${s === selected ? " selected" : ""}>${s}</option>`).join("");
  const shown = [...state.tickets.values()].filter((t) => onlyTicket === undefined || t.id === onlyTicket);
  const tickets = shown.reverse().map((t) => {
    const comments = (state.comments.get(t.id) ?? [])
      .map(
        (c) => `<li class="${c.public ? "public" : "private"}"><b>${escapeHtml(name(c.author_id))}</b>
          <small>${c.public ? "public" : "internal note"} · ${escapeHtml(c.created_at)}</small>
          <div>${escapeHtml(c.body).replace(/\n/g, "<br>")}</div>
          ${c.attachments.map((a) => `<a href="${escapeHtml(a.content_url)}">${escapeHtml(a.file_name)}</a>`).join(" ")}</li>`,
      )
      .join("");
    const group = t.group_id === null ? "—" : (state.groups.get(t.group_id)?.name ?? String(t.group_id));
    const requesterDetails = t.requester_id === null ? "" : (state.users.get(t.requester_id)?.details ?? "");
    return `<section><h2>#${t.id} ${escapeHtml(t.subject || "(no subject)")}</h2>
      <p>Status <b>${t.status}</b> · Priority <b>${escapeHtml(t.priority ?? "—")}</b> · Group <b>${escapeHtml(group)}</b>
        · Assignee <b>${escapeHtml(name(t.assignee_id))}</b>
        · Requester <b>${escapeHtml(name(t.requester_id))}</b>${requesterDetails ? ` (${escapeHtml(requesterDetails)})` : ""}
        · Tags ${escapeHtml(t.tags.join(", "))}</p>
      <ol>${comments}</ol>
      <form method="post" action="/_emulator/tickets/${t.id}/comments">
        <textarea name="body" rows="3" required></textarea>
        <label><input type="checkbox" name="public" checked> public reply</label>
        <input name="authorName" placeholder="agent name (optional)">
        <button>Reply</button></form>
      <form method="post" action="/_emulator/tickets/${t.id}/status">
        <select name="status">${statusOptions(t.status)}</select><button>Set status</button></form>
      <form method="post" action="/_emulator/tickets/${t.id}/group">
        <select name="groupId">${groupOptions(t.group_id)}</select><button>Move to group</button></form>
    </section>`;
  });
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Zendesk emulator · agent console</title>
<style>body{font:14px system-ui;margin:2em;max-width:60em}section{border:1px solid #ccc;padding:1em;margin:1em 0}
li.private{background:#fff6d5}li{margin:.5em 0}textarea{width:100%}form{margin:.3em 0}</style>
<h1>Zendesk emulator · agent console</h1>
<p>${state.tickets.size} ticket(s). Replies and changes here emit the same signed webhooks as a real Zendesk.</p>
${tickets.join("\n") || "<p>No tickets yet.</p>"}</html>`;
}
