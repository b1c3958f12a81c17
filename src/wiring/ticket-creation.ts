import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Api } from "grammy";
import { DynamoDeliveryLedger } from "../adapters/dynamodb/delivery-ledger.js";
import { DynamoTicketLinks } from "../adapters/dynamodb/ticket-links.js";
import { bundledClassifier } from "../adapters/routing/bundled-classifier.js";
import { TelegramCustomerChannel } from "../adapters/telegram/customer-channel.js";
import type { ZendeskApiSettings } from "../adapters/zendesk/zendesk-client.js";
import { ZendeskHelpDesk } from "../adapters/zendesk/zendesk-help-desk.js";
import type { TransportSettings } from "../adapters/zendesk/zendesk-transport.js";
import { CONVERSATION_RETENTION_SECONDS } from "../config/constants.js";
import { routingRules } from "../config/routing-config.js";
import { firstResponseTarget, priorityFloor } from "../config/sla-config.js";
import { eventId, type IntakeSubmitted } from "../domain/events.js";
import { processOnce } from "../domain/process-once.js";
import { type CreateTicketDeps, createTicketForRequest } from "../domain/tickets/create-ticket.js";
import type { Clock } from "../ports/clock.js";

export interface TicketCreationWiring {
  db: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
  zendesk: ZendeskApiSettings;
  zendeskTransport?: TransportSettings;
  telegram: { api: Api; fileUrl: (filePath: string) => string };
  warn: (message: string, details: Record<string, unknown>) => void;
  startSla: CreateTicketDeps["startSla"];
}

/** Longer than the routing function's timeout. */
const LEASE_SECONDS = 60;

/** IntakeSubmitted -> one ticket, the same on AWS and locally; each event id is handled once. */
export function ticketCreation(w: TicketCreationWiring) {
  const ledger = new DynamoDeliveryLedger(w.db, w.tableName, w.clock);
  const deps: CreateTicketDeps = {
    helpDesk: new ZendeskHelpDesk(w.zendesk, w.zendeskTransport),
    links: new DynamoTicketLinks(w.db, w.tableName, CONVERSATION_RETENTION_SECONDS, w.clock),
    customers: new TelegramCustomerChannel(w.telegram.api, w.telegram.fileUrl),
    classify: (text: string, chosen: IntakeSubmitted["category"]) =>
      bundledClassifier().classify(text, { chosenCategory: chosen }),
    rules: routingRules,
    clock: w.clock,
    firstResponse: (priority, category) => firstResponseTarget(priority, category, w.clock.now().getTime()),
    priorityFloor: (category) => priorityFloor(category),
    startSla: w.startSla,
    warn: w.warn,
  };
  return (event: IntakeSubmitted) =>
    processOnce(ledger, { source: "bus-event", id: eventId(event) }, LEASE_SECONDS, async () => {
      await createTicketForRequest(event, deps);
    });
}
