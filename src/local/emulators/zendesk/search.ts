import type { EmulatorContext } from "./context.js";
import { badRequest } from "./errors.js";
import { ok } from "./responses.js";
import type { Route } from "./router.js";
import type { EmulatorState } from "./state.js";
import { TICKET_PRIORITIES, TICKET_STATUSES, type Ticket, type User } from "./types.js";

/**
 * A subset of the Zendesk search syntax, enough for workload queries such as
 * `type:ticket status<solved assignee:123` and lookups like `type:user external_id:42`.
 *
 * Ticket keywords: status and priority with `: < > <= >=`, ticket_type, assignee / group / requester (id,
 * `none`, or email / name), tags, external_id, free text over subject and description. User keywords: role, email,
 * external_id, free text over name and email. A leading `-` negates a term.
 */
interface Term {
  key: string | undefined;
  op: ":" | "<" | ">" | "<=" | ">=";
  value: string;
  negate: boolean;
}

function parseQuery(query: string): Term[] {
  const tokens = query.match(/-?[\w.]+(?:<=|>=|:|<|>)"[^"]*"|"[^"]*"|\S+/g) ?? [];
  return tokens.map((raw) => {
    const negate = raw.startsWith("-");
    const token = negate ? raw.slice(1) : raw;
    const m = /^([\w.]+)(<=|>=|:|<|>)(.*)$/.exec(token);
    const unquote = (s: string): string => s.replace(/^"(.*)"$/, "$1");
    if (!m) return { key: undefined, op: ":", value: unquote(token).toLowerCase(), negate };
    return {
      key: (m[1] ?? "").toLowerCase(),
      op: (m[2] ?? ":") as Term["op"],
      value: unquote(m[3] ?? "").toLowerCase(),
      negate,
    };
  });
}

function compareOrdered(order: readonly string[], actual: string | null, term: Term): boolean {
  if (actual === null) return false;
  const a = order.indexOf(actual);
  const b = order.indexOf(term.value);
  if (b < 0) return false;
  switch (term.op) {
    case "<":
      return a < b;
    case ">":
      return a > b;
    case "<=":
      return a <= b;
    case ">=":
      return a >= b;
    default:
      return a === b;
  }
}

function userMatches(state: EmulatorState, userId: number | null, value: string): boolean {
  if (value === "none") return userId === null;
  if (userId === null) return false;
  if (/^\d+$/.test(value)) return userId === Number(value);
  const user = state.users.get(userId);
  return user?.email?.toLowerCase() === value || user?.name.toLowerCase() === value;
}

function ticketTerm(state: EmulatorState, ticket: Ticket, term: Term): boolean {
  switch (term.key) {
    case undefined:
      return `${ticket.subject} ${ticket.description}`.toLowerCase().includes(term.value);
    case "type":
      return term.value === "ticket";
    case "status":
      return compareOrdered(TICKET_STATUSES, ticket.status, term);
    case "priority":
      return compareOrdered([...TICKET_PRIORITIES].reverse(), ticket.priority, term);
    case "ticket_type":
      return ticket.type === term.value;
    case "assignee":
    case "assignee_id":
      return userMatches(state, ticket.assignee_id, term.value);
    case "requester":
    case "requester_id":
      return userMatches(state, ticket.requester_id, term.value);
    case "group":
    case "group_id": {
      if (term.value === "none") return ticket.group_id === null;
      if (/^\d+$/.test(term.value)) return ticket.group_id === Number(term.value);
      const group = ticket.group_id === null ? undefined : state.groups.get(ticket.group_id);
      return group?.name.toLowerCase() === term.value;
    }
    case "tags":
    case "tag":
      return ticket.tags.includes(term.value);
    case "external_id":
      return ticket.external_id?.toLowerCase() === term.value;
    default:
      throw badRequest("InvalidSearch", `Unsupported search keyword "${term.key}" in the emulator`);
  }
}

function userTerm(user: User, term: Term): boolean {
  switch (term.key) {
    case undefined:
      return `${user.name} ${user.email ?? ""}`.toLowerCase().includes(term.value);
    case "type":
      return term.value === "user";
    case "role":
      return user.role === term.value;
    case "email":
      return user.email?.toLowerCase() === term.value;
    case "external_id":
      return user.external_id?.toLowerCase() === term.value;
    default:
      throw badRequest("InvalidSearch", `Unsupported search keyword "${term.key}" in the emulator`);
  }
}

function search(state: EmulatorState, query: string | null): Array<Record<string, unknown>> {
  if (!query?.trim()) throw badRequest("InvalidSearch", "Search query is required");
  const terms = parseQuery(query);
  const type = terms.find((t) => t.key === "type")?.value ?? "ticket";
  const holds = (matches: boolean, term: Term): boolean => (term.negate ? !matches : matches);
  if (type === "user") {
    return [...state.users.values()]
      .filter((u) => terms.every((t) => holds(userTerm(u, t), t)))
      .map((u) => ({ ...u, result_type: "user" }));
  }
  if (type !== "ticket")
    throw badRequest("InvalidSearch", `Unsupported search type "${type}" in the emulator`);
  return [...state.tickets.values()]
    .filter((ticket) => terms.every((t) => holds(ticketTerm(state, ticket, t), t)))
    .map((ticket) => ({ ...ticket, result_type: "ticket" }));
}

export function searchRoutes(ctx: EmulatorContext): Route[] {
  const { state } = ctx;
  return [
    {
      method: "GET",
      pattern: "/search",
      handler: (req) => {
        const results = search(state, req.query.get("query"));
        return ok({ results, facets: null, next_page: null, previous_page: null, count: results.length });
      },
    },
    {
      method: "GET",
      pattern: "/search/count",
      handler: (req) => ok({ count: search(state, req.query.get("query")).length }),
    },
  ];
}
