import type { EmulatorContext } from "./context.js";
import { badRequest, recordNotFound } from "./errors.js";
import type { IdempotencyStore } from "./idempotency.js";
import { asRecord, canonicalJson, type Json } from "./json.js";
import { offsetPage } from "./offset-pages.js";
import type { TicketUpdateLimiter } from "./rate-limit.js";
import { created, list, ok, parseIdList } from "./responses.js";
import type { ApiRequest, ApiResponse, Route } from "./router.js";
import type { EmulatorState } from "./state.js";
import { readTicketInput } from "./ticket-input.js";
import { createTicket, updateTicket } from "./ticket-ops.js";
import type { Ticket } from "./types.js";

function ticketBody(json: unknown): Json {
  const ticket = asRecord(asRecord(json)?.ticket);
  if (!ticket) throw badRequest("ParameterMissing", "param is missing or the value is empty: ticket");
  return ticket;
}

export function findTicket(state: EmulatorState, id: string | number | undefined): Ticket {
  const ticket = state.tickets.get(Number(id));
  if (!ticket) throw recordNotFound();
  return ticket;
}

/** `POST /tickets`, with `Idempotency-Key` replay: header `x-idempotency-lookup: miss|hit`. */
function createWithIdempotency(
  ctx: EmulatorContext,
  idempotency: IdempotencyStore,
  req: ApiRequest,
): ApiResponse {
  const header = req.headers["idempotency-key"];
  const key = Array.isArray(header) ? header[0] : header;
  const fingerprint = canonicalJson(req.json);
  if (key !== undefined) {
    const lookup = idempotency.lookup(key, fingerprint);
    if (lookup.kind === "hit") {
      return { ...lookup.response, headers: { ...lookup.response.headers, "x-idempotency-lookup": "hit" } };
    }
  }
  const input = readTicketInput(ctx.state, ticketBody(req.json));
  const result = createTicket(ctx, input, { actorId: req.userId ?? ctx.state.apiUserId, channel: "api" });
  const response = created(structuredClone(result));
  if (key === undefined) return response;
  idempotency.store(key, fingerprint, response);
  return { ...response, headers: { "x-idempotency-lookup": "miss" } };
}

export function ticketRoutes(
  ctx: EmulatorContext,
  deps: { idempotency: IdempotencyStore; updateLimiter: TicketUpdateLimiter },
): Route[] {
  const { state } = ctx;
  return [
    {
      method: "GET",
      pattern: "/tickets",
      // Documented filter: `?external_id=` lists the tickets carrying that external id.
      handler: (req) => {
        const externalId = req.query.get("external_id");
        const tickets = [...state.tickets.values()];
        return list(
          "tickets",
          externalId === null ? tickets : tickets.filter((t) => t.external_id === externalId),
        );
      },
    },
    {
      method: "POST",
      pattern: "/tickets",
      handler: (req) => createWithIdempotency(ctx, deps.idempotency, req),
    },
    {
      method: "GET",
      pattern: "/tickets/show_many",
      handler: (req) =>
        list(
          "tickets",
          parseIdList(req.query.get("ids"))
            .map((id) => state.tickets.get(id))
            .filter((t) => t !== undefined),
        ),
    },
    {
      method: "GET",
      pattern: "/tickets/:id",
      handler: (req) => ok({ ticket: findTicket(state, req.params.id) }),
    },
    {
      method: "PUT",
      pattern: "/tickets/:id",
      handler: (req) => {
        const ticket = findTicket(state, req.params.id);
        const actorId = req.userId ?? state.apiUserId;
        deps.updateLimiter.consume(actorId, ticket.id);
        const input = readTicketInput(state, ticketBody(req.json), ticket);
        return ok(structuredClone(updateTicket(ctx, ticket, input, { actorId, channel: "api" })));
      },
    },
    {
      method: "GET",
      pattern: "/tickets/:id/comments",
      // Offset pagination, at most 100 a page, oldest first unless `sort_order=desc`.
      handler: (req) => {
        const ticket = findTicket(state, req.params.id);
        const comments = state.comments.get(ticket.id) ?? [];
        const shown = offsetPage(
          req.query.get("sort_order") === "desc" ? [...comments].reverse() : comments,
          req.query,
          { defaultPerPage: 100, maxPerPage: 100 },
          (params) => state.apiUrl(`/tickets/${ticket.id}/comments.json?${params}`),
        );
        return ok({
          comments: shown.items,
          next_page: shown.nextPage,
          previous_page: shown.previousPage,
          count: shown.count,
        });
      },
    },
    {
      method: "GET",
      pattern: "/tickets/:id/audits",
      handler: (req) => list("audits", state.audits.get(findTicket(state, req.params.id).id) ?? []),
    },
  ];
}
