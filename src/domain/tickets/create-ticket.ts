import type { Clock } from "../../ports/clock.js";
import {
  type CustomerChannel,
  CustomerUnreachable,
  type ResponseTarget,
} from "../../ports/customer-channel.js";
import {
  type HelpDesk,
  HelpDeskRejected,
  type NewTicket,
  type TicketPriority,
} from "../../ports/help-desk.js";
import type { TicketLinks } from "../../ports/ticket-links.js";
import { requesterFor } from "../conversation/relay-customer-message.js";
import type { IntakeSubmitted } from "../events.js";
import type { Category } from "../routing/categories.js";
import type { Classification } from "../routing/classifier.js";
import {
  isVip,
  needsOrganizationNames,
  type RequesterProfile,
  vipOrganizationNames,
} from "./customer-tier.js";
import { requestCategoryTag } from "./request-category.js";
import { routeRequest } from "./route-request.js";
import { atLeast, type RoutingRules } from "./routing-rules.js";
import { suggestedArticlesNote } from "./suggested-articles-note.js";
import { type AssignmentChoice, chooseAssignee } from "./workload.js";

export interface CreateTicketDeps {
  helpDesk: HelpDesk;
  links: TicketLinks;
  customers: CustomerChannel;
  classify: (text: string, chosen: IntakeSubmitted["category"]) => Classification;
  rules: RoutingRules;
  clock: Clock;
  /** Expected first response for a ticket of this priority and category, told to the customer. */
  /** What the customer is told to expect of a ticket created now. */
  firstResponse: (priority: TicketPriority, category: Category) => ResponseTarget;
  /** The lowest priority the category's SLA tier stands for, when the category sets the tier. */
  priorityFloor?: (category: Category) => TicketPriority | undefined;
  /** Starts the ticket's SLA clocks (idempotent). */
  startSla: (ticket: {
    ticketId: number;
    priority: TicketPriority;
    category: Category;
    requestedCategory: Category;
    vip: boolean;
  }) => Promise<void>;
  /** Told about degraded outcomes worth an operator's attention (a field dropped, a file not attached). */
  warn: (message: string, details: Record<string, unknown>) => void;
}

const SUBJECT_WORDS = 8;

export function ticketSubject(event: IntakeSubmitted, routed: Category): string {
  const words = event.description.split(/\s+/).filter(Boolean);
  const start = words.slice(0, SUBJECT_WORDS).join(" ");
  const more = words.length > SUBJECT_WORDS ? "…" : "";
  return `[${routed}] ${start || "attachments"}${more}`;
}

const WITHDRAWN_WHILE_FILED =
  "The customer erased their data in the Telegram bot (/forget) while this ticket was being created, and " +
  "was told the request would not be filed. Replies here will not reach them; close the ticket unless " +
  "you can reach them another way.";

/** The start of the external id of every ticket the bridge files: agents' replies on them are for Telegram. */
export const BRIDGE_EXTERNAL_ID_PREFIX = "telegram-request:";

/**
 * Turns one submitted request into exactly one ticket in the right group, then tells the customer its
 * number. Safe to run again for the same event: the stored link and the idempotency key stop a second
 * ticket, and the customer is told once.
 */
export async function createTicketForRequest(
  event: IntakeSubmitted,
  deps: CreateTicketDeps,
): Promise<{ ticketId: number } | { withdrawn: true }> {
  const existing = await deps.links.findByRequest(event.requestId);
  if (existing) {
    if (!existing.customerNotified) {
      const routed = existing.routed ?? {
        priority: deps.rules.priorities[event.priority],
        category: event.category,
      };
      await notify(event, existing.ticketId, routed.priority, routed.category, deps);
    }
    return { ticketId: existing.ticketId };
  }
  // A retry or a replayed dead letter can come after the customer erased their data: their request, with
  // its text and files, must not reach the help desk then.
  const withdrawal = await deps.links.withdrawal(event.requestId);
  if (withdrawal) {
    // A retry after the note on a ticket made during the erasure failed: the agents must still learn why.
    if (withdrawal.ticketId !== undefined && !withdrawal.noted)
      await noteWithdrawnTicket(event.requestId, withdrawal.ticketId, deps);
    return withdrawn(event, deps);
  }
  let filed: Filed | "withdrawn";
  try {
    filed = await fileTicket(event, deps);
  } catch (error) {
    await tellDelayOnce(event, deps);
    throw error;
  }
  if (filed === "withdrawn") return withdrawn(event, deps);
  await notify(event, filed.ticketId, filed.priority, filed.category, deps);
  return { ticketId: filed.ticketId };
}

/** Tells the agents a ticket made while its customer erased their data leads nowhere; once, retries included. */
async function noteWithdrawnTicket(requestId: string, ticketId: number, deps: CreateTicketDeps) {
  await deps.links.recordWithdrawnTicket(requestId, ticketId, false);
  await deps.helpDesk.addInternalNote(ticketId, WITHDRAWN_WHILE_FILED);
  await deps.links.recordWithdrawnTicket(requestId, ticketId, true);
}

/** An operator replaying dead letters learns why one made no ticket. */
function withdrawn(event: IntakeSubmitted, deps: CreateTicketDeps): { withdrawn: true } {
  deps.warn("request not filed: its customer erased their data (/forget) first", {
    requestId: event.requestId,
  });
  return { withdrawn: true };
}

/** A ticket made for a request: what its SLA clock runs on. */
interface Filed {
  readonly ticketId: number;
  readonly priority: TicketPriority;
  readonly category: Category;
}

/** Everything up to the stored link: the ticket, its SLA clock, assignment and notes. */
async function fileTicket(event: IntakeSubmitted, deps: CreateTicketDeps): Promise<Filed | "withdrawn"> {
  const requester = await requesterFor(event.customer, deps, {
    now: deps.clock.now(),
    maxAgeMs: deps.rules.vip.recheckHours * 3_600_000,
  });
  const vip = await isVipRequester(requester, deps);
  const decision = routeRequest(
    { description: event.description, chosen: event.category, priority: event.priority, vip },
    deps.classify(event.description, event.category),
    deps.rules,
  );
  // The ticket's priority agrees with the clock its category puts it on.
  const floor = deps.priorityFloor?.(decision.category);
  const priority = floor === undefined ? decision.priority : atLeast(decision.priority, floor);
  const { tokens: uploads, skipped } = await uploadAttachments(event, deps);
  const fields = deps.rules.ticketFields;
  const ticket: NewTicket = {
    // What the ticket is about as routed: the team's view lists a chargeback as [payment], whatever was chosen.
    subject: ticketSubject(event, decision.category),
    description: event.description || "(attachments only)",
    requesterId: requester.id,
    groupName: decision.team,
    priority,
    tags: ["telegram", ...decision.tags],
    fields: {
      [fields.orderId]: event.orderId,
      [fields.category]: requestCategoryTag(event.category),
      [fields.telegramChat]: String(event.chatId),
    },
    uploads,
    externalId: `${BRIDGE_EXTERNAL_ID_PREFIX}${event.requestId}`,
  };
  const { ticketId, group } = await createDespiteBadFields(ticket, event.requestId, deps);
  await deps.startSla({
    ticketId,
    priority,
    category: decision.category,
    requestedCategory: event.category,
    vip,
  });
  const assignment = group ? await assignByWorkload(group, event.requestId, deps) : undefined;
  const notes = [
    decision.note,
    suggestedArticlesNote(event.suggestedArticles),
    assignment?.note,
    skipped.length > 0
      ? `${skipped.length} file(s) from Telegram could not be attached (over the 20 MB bot download limit, or no longer available from Telegram): ${skipped.join(", ")}. Ask the customer to send them again or share a link.`
      : undefined,
  ].filter(Boolean);
  if (notes.length > 0) {
    // One update carries the note and the assignee (assigning after creation keeps the create body, and so
    // its idempotency key, the same on a retry whatever the agents' counts are by then).
    await deps.helpDesk.addInternalNote(
      ticketId,
      notes.join("\n\n"),
      assignment?.kind === "assigned" ? { assigneeId: assignment.agent.agentId } : {},
    );
  }
  // Erased while the ticket was being made: it stays in the help desk like the customer's other tickets, but
  // the bridge keeps no link to their chat and tells them nothing. The agents learn why it leads nowhere.
  if (await deps.links.withdrawal(event.requestId)) {
    await noteWithdrawnTicket(event.requestId, ticketId, deps);
    return "withdrawn";
  }
  // Linked last: a retry before this point redoes the steps above (all safe to repeat), none after it.
  await deps.links.link({
    requestId: event.requestId,
    ticketId,
    chatId: event.chatId,
    telegramUserId: event.customer.telegramUserId,
    locale: event.customer.locale,
    // A retry that only owes the notice promises what this ticket got, not what the customer chose.
    routed: { priority, category: decision.category },
    ...(event.threadId === undefined ? {} : { threadId: event.threadId }),
  });
  return { ticketId, priority, category: decision.category };
}

/**
 * The customer was told the number would follow "in a moment"; after a failure the retries (a minute or more
 * apart) or an operator's replay of the dead letter can take far longer. A failure tells them so, once per
 * request: a notice that could not be sent is given back for the next retry, unless the customer cannot be
 * reached at all. A failure to tell them must not hide the failure that is being retried.
 */
async function tellDelayOnce(event: IntakeSubmitted, deps: CreateTicketDeps): Promise<void> {
  try {
    if (!(await deps.links.claimDelayNotice(event.requestId))) return;
    try {
      await deps.customers.notify(
        event.chatId,
        event.customer.locale,
        { kind: "request-delayed" },
        event.threadId,
      );
    } catch (error) {
      if (!(error instanceof CustomerUnreachable)) await deps.links.releaseDelayNotice(event.requestId);
      throw error;
    }
  } catch (error) {
    deps.warn("could not tell the customer their request is delayed", {
      requestId: event.requestId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/** VIP by tag or organization id needs no call; organization names are looked up only when they matter. */
async function isVipRequester(requester: RequesterProfile, deps: CreateTicketDeps): Promise<boolean> {
  const rule = deps.rules.vip;
  if (!needsOrganizationNames(requester, rule)) return isVip(requester, rule);
  return isVip(requester, rule, await deps.helpDesk.organizationIds(vipOrganizationNames(rule)));
}

/** Workload-aware assignment, for the groups configured for it. */
async function assignByWorkload(
  group: string,
  requestId: string,
  deps: CreateTicketDeps,
): Promise<AssignmentChoice | undefined> {
  const settings = deps.rules.assignment[group];
  if (!settings) return undefined;
  const agents = await deps.helpDesk.agentLoads(group);
  return chooseAssignee(group, agents, settings.capacity, requestId);
}

async function uploadAttachments(event: IntakeSubmitted, deps: CreateTicketDeps) {
  const tokens: string[] = [];
  const skipped: string[] = [];
  for (const attachment of event.attachments) {
    const file = await deps.customers.download(attachment);
    if (file) tokens.push(await deps.helpDesk.upload(file));
    else skipped.push(attachment.fileName ?? attachment.kind);
  }
  return { tokens, skipped };
}

/**
 * A field the account does not have must not lose the request: the ticket is created without it. Returns
 * the group the ticket is in (none after such a fallback).
 */
async function createDespiteBadFields(
  ticket: NewTicket,
  requestId: string,
  deps: CreateTicketDeps,
): Promise<{ ticketId: number; group?: string }> {
  const key = `telegram-request-${requestId}`;
  try {
    return { ...(await deps.helpDesk.createTicket(ticket, key)), group: ticket.groupName };
  } catch (error) {
    if (!(error instanceof HelpDeskRejected) || error.status !== 422) throw error;
    deps.warn("ticket refused; creating it without custom fields and group", {
      requestId,
      details: error.details,
    });
    // A different body needs a different key: Zendesk refuses a reused key with another payload.
    return deps.helpDesk.createTicket({ ...ticket, fields: {}, groupName: undefined }, `${key}-plain`);
  }
}

/** The customer is promised what the ticket's clock runs on: its priority and its (routed) category's tier. */
async function notify(
  event: IntakeSubmitted,
  ticketId: number,
  priority: TicketPriority,
  category: Category,
  deps: CreateTicketDeps,
) {
  if (!(await deps.links.claimCustomerNotice(event.requestId))) return;
  try {
    await deps.customers.notify(
      event.chatId,
      event.customer.locale,
      {
        kind: "ticket-created",
        ticketId,
        firstResponse: deps.firstResponse(priority, category),
        about: { category: event.category, description: event.description },
      },
      event.threadId,
    );
  } catch (error) {
    await deps.links.releaseCustomerNotice(event.requestId);
    throw error;
  }
}
