import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DynamoRoutingCorrections } from "../adapters/dynamodb/routing-corrections.js";
import { DynamoTicketLinks } from "../adapters/dynamodb/ticket-links.js";
import { groupChangeOf } from "../adapters/zendesk/group-change-mapping.js";
import type { ZendeskEvent } from "../adapters/zendesk/webhook-event-schema.js";
import type { ZendeskApiSettings } from "../adapters/zendesk/zendesk-client.js";
import { ZendeskHelpDesk } from "../adapters/zendesk/zendesk-help-desk.js";
import { CONVERSATION_RETENTION_SECONDS, CORRECTION_RETENTION_SECONDS } from "../config/constants.js";
import { routingRules } from "../config/routing-config.js";
import { type CorrectionOutcome, recordAgentCorrection } from "../domain/routing/agent-corrections.js";
import type { Clock } from "../ports/clock.js";

export interface AgentCorrectionsWiring {
  db: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
  zendesk: ZendeskApiSettings;
  onRecorded?: (outcome: CorrectionOutcome, ticketId: number) => void;
}

/** Zendesk group changes -> labelled routing examples in DynamoDB. Same on AWS and locally. */
export function agentCorrections(w: AgentCorrectionsWiring) {
  const helpDesk = new ZendeskHelpDesk(w.zendesk);
  const deps = {
    links: new DynamoTicketLinks(w.db, w.tableName, CONVERSATION_RETENTION_SECONDS, w.clock),
    corrections: new DynamoRoutingCorrections(w.db, w.tableName, CORRECTION_RETENTION_SECONDS, w.clock),
    groupNames: () => helpDesk.groupNames(),
    teams: routingRules.teams,
  };
  return {
    onZendeskEvent: async (event: ZendeskEvent) => {
      const change = groupChangeOf(event, w.clock.now());
      if (!change) return;
      w.onRecorded?.(await recordAgentCorrection(change, deps), change.ticketId);
    },
  };
}
