import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Api } from "grammy";
import { DynamoDeliveryLedger } from "../adapters/dynamodb/delivery-ledger.js";
import { DynamoTicketLinks } from "../adapters/dynamodb/ticket-links.js";
import { TelegramCustomerChannel } from "../adapters/telegram/customer-channel.js";
import { ticketIdOf } from "../adapters/zendesk/sla-event-mapping.js";
import type { ZendeskEvent } from "../adapters/zendesk/webhook-event-schema.js";
import type { ZendeskApiSettings } from "../adapters/zendesk/zendesk-client.js";
import { ZendeskHelpDesk } from "../adapters/zendesk/zendesk-help-desk.js";
import { CONVERSATION_RETENTION_SECONDS } from "../config/constants.js";
import { routingRules } from "../config/routing-config.js";
import { relayAgentComment } from "../domain/conversation/relay-agent-reply.js";
import { relayCustomerMessage } from "../domain/conversation/relay-customer-message.js";
import { applyTicketFeedback } from "../domain/conversation/ticket-feedback.js";
import { type TicketStatus, ticketStatusChanged } from "../domain/conversation/ticket-status.js";
import { type CustomerMessageReceived, eventId, type TicketFeedbackGiven } from "../domain/events.js";
import { processOnce } from "../domain/process-once.js";
import { BRIDGE_EXTERNAL_ID_PREFIX } from "../domain/tickets/create-ticket.js";
import type { Clock } from "../ports/clock.js";
import type { TicketComment } from "../ports/help-desk.js";

export interface ConversationWiring {
  db: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
  zendesk: ZendeskApiSettings;
  telegram: { api: Api; fileUrl: (filePath: string) => string };
  render: (ticketId: number, authorName: string, comment: TicketComment) => string[];
}

const LEASE_SECONDS = 60;
const STATUSES: readonly TicketStatus[] = ["new", "open", "pending", "hold", "solved", "closed"];

interface CommentPayload {
  comment?: { id?: string | number; is_public?: boolean; author?: { is_staff?: boolean; name?: string } };
}

/** Both directions of the conversation once a ticket exists. Same on AWS and locally. */
export function conversation(w: ConversationWiring) {
  const deps = {
    helpDesk: new ZendeskHelpDesk(w.zendesk),
    links: new DynamoTicketLinks(w.db, w.tableName, CONVERSATION_RETENTION_SECONDS, w.clock),
    customers: new TelegramCustomerChannel(w.telegram.api, w.telegram.fileUrl),
  };
  const ledger = new DynamoDeliveryLedger(w.db, w.tableName, w.clock);
  return {
    /**
     * What the customer wrote about a request while its ticket was being made, addressed to the ticket now
     * that it exists (nothing before then); each is relayed once however often this is asked.
     */
    messagesWaitingFor: async (requestId: string): Promise<CustomerMessageReceived[]> => {
      const link = await deps.links.findByRequest(requestId);
      if (!link) return [];
      return (link.waitingMessages ?? []).map((message) => ({ ...message, ticketId: link.ticketId }));
    },
    onCustomerMessage: (event: CustomerMessageReceived) =>
      processOnce(ledger, { source: "bus-event", id: eventId(event) }, LEASE_SECONDS, () =>
        relayCustomerMessage(event, deps),
      ),
    /** Reopen or rating from a solved notice; a double press carries the same key and counts once. */
    onTicketFeedback: (event: TicketFeedbackGiven) =>
      processOnce(ledger, { source: "bus-event", id: eventId(event) }, LEASE_SECONDS, async () => {
        await applyTicketFeedback(event, {
          ...deps,
          satisfactionField: routingRules.ticketFields.satisfaction,
        });
      }),
    /** Zendesk events that concern the customer: public agent comments and status changes. */
    onZendeskEvent: async (event: ZendeskEvent) => {
      const ticketId = ticketIdOf(event);
      if (ticketId === undefined) return;
      const body = (event.event ?? {}) as CommentPayload & { current?: string; previous?: string };
      if (event.type === "zen:event-type:ticket.comment_added") {
        const comment = body.comment;
        // Requester comments (the bridge's own relays) and private notes stay in Zendesk.
        if (!comment?.is_public || !comment.author?.is_staff) return;
        const reply = {
          ticketId,
          commentId: Number(comment.id),
          authorName: comment.author.name ?? "Support",
          filedByBridge: String(event.detail.external_id ?? "").startsWith(BRIDGE_EXTERNAL_ID_PREFIX),
        };
        // Once per comment as well as per event: a second webhook or trigger posting here sends the same
        // comment under another event id, and the customer would read the reply twice.
        await processOnce(
          ledger,
          { source: "zendesk-event", id: `comment:${ticketId}:${reply.commentId}` },
          LEASE_SECONDS,
          async () => {
            await relayAgentComment(reply, { ...deps, render: w.render });
          },
        );
      }
      if (event.type === "zen:event-type:ticket.status_changed") {
        const status = String(body.current ?? "").toLowerCase() as TicketStatus;
        const previous = String(body.previous ?? "").toLowerCase() as TicketStatus;
        if (STATUSES.includes(status))
          await ticketStatusChanged(
            ticketId,
            { status, ...(STATUSES.includes(previous) ? { previous } : {}) },
            deps,
          );
      }
    },
  };
}
