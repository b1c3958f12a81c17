import type { Logger } from "@aws-lambda-powertools/logger";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Api } from "grammy";
import { DynamoNudges } from "../adapters/dynamodb/nudges.js";
import { TelegramCustomerChannel } from "../adapters/telegram/customer-channel.js";
import { type NudgeReport, sendDueNudges } from "../domain/conversation/nudges.js";
import type { Clock } from "../ports/clock.js";

export interface NudgeWiring {
  db: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
  telegram: { api: Api; fileUrl: (path: string) => string };
  logger: Pick<Logger, "warn">;
}

/** One pass over the nudges that fell due, run by the scanner beside the SLA scan. Same on AWS and locally. */
export function nudgeSender(w: NudgeWiring): () => Promise<NudgeReport> {
  const deps = {
    nudges: new DynamoNudges(w.db, w.tableName),
    customers: new TelegramCustomerChannel(w.telegram.api, w.telegram.fileUrl),
    clock: w.clock,
    warn: (message: string, details: Record<string, unknown>) => w.logger.warn(message, details),
  };
  return () => sendDueNudges(deps);
}
