import type { DeliveryKey } from "../../ports/delivery-ledger.js";

/**
 * The single table's key design (docs/data-model.md). Every item has `pk`/`sk`; `expiresAt` (epoch seconds)
 * is the TTL attribute. gsi1: requests by customer, and routing corrections by time. gsi2 (sparse): SLA
 * deadlines by minute bucket, and nudges by due time.
 */
export const keys = {
  session: (chatKey: string) => ({ pk: `SESSION#${chatKey}`, sk: "FORM" }),
  request: (requestId: string) => ({ pk: `REQUEST#${requestId}`, sk: "REQUEST" }),
  customerRequests: (telegramUserId: number) => `CUSTOMER#${telegramUserId}`,
  customerRequestSort: (submittedAt: string, requestId: string) => `REQUEST#${submittedAt}#${requestId}`,
  /** Ticket links and the profile sit in the customer's gsi1 partition too, so /forget finds them all. */
  customerTicketSort: (ticketId: number) => `TICKET#${ticketId}`,
  customerProfileSort: "PROFILE",
  customerHeldSort: (chatId: number, heldKey: string) => `HELD#${chatId}#${heldKey}`,
  delivery: (key: DeliveryKey) => ({ pk: `DEDUPE#${key.source}#${key.id}`, sk: "DEDUPE" }),
  profile: (telegramUserId: number) => ({ pk: `USER#${telegramUserId}`, sk: "PROFILE" }),
  ticket: (ticketId: number) => ({ pk: `TICKET#${ticketId}`, sk: "TICKET" }),
  topic: (chatId: number, threadId: number) => ({ pk: `TOPIC#${chatId}#${threadId}`, sk: "TOPIC" }),
  held: (chatId: number, heldKey: string) => ({ pk: `HELD#${chatId}#${heldKey}`, sk: "HELD" }),
  /** A request its customer erased before it was filed: routing must not file it (request id only). */
  withdrawn: (requestId: string) => ({ pk: `WITHDRAWN#${requestId}`, sk: "WITHDRAWN" }),
  /** Which held message the chat's open "which request?" question is about (ids only, no text). */
  openQuestion: (chatId: number) => ({ pk: `HELD#${chatId}`, sk: "QUESTION" }),
  sla: (ticketId: number) => ({ pk: `TICKET#${ticketId}`, sk: "SLA" }),
  /** The bot's getMe answer; one per table, since a deployment serves one bot. */
  botIdentity: () => ({ pk: "BOT", sk: "IDENTITY" }),
  /** One agent correction per Zendesk event id; listed through gsi1 in time order. */
  correction: (eventId: string) => ({ pk: `CORRECTION#${eventId}`, sk: "CORRECTION" }),
  corrections: "CORRECTIONS",
  correctionSort: (correctedAt: string, eventId: string) => `${correctedAt}#${eventId}`,
};

/** Like the SLA clocks' due times, nudges spread over a few partitions of the sparse index. */
export const NUDGE_DUE_INDEX = { prefix: "NUDGE#", shards: 4 } as const;

/**
 * The sparse due-time index entry (gsi2) of an item a nudge is about (DynamoNudges): the chat's session (its
 * form) or its open question. The item's key in the sort key keeps two nudges of one second apart.
 */
export function nudgeIndexKeys(chatId: number, dueAt: number, itemPk: string) {
  return {
    gsi2pk: `${NUDGE_DUE_INDEX.prefix}${Math.abs(chatId) % NUDGE_DUE_INDEX.shards}`,
    gsi2sk: `${new Date(dueAt * 1000).toISOString()}#${itemPk}`,
  };
}

export const TTL_ATTRIBUTE = "expiresAt";

export const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
