import type { Logger } from "@aws-lambda-powertools/logger";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { UserFromGetMe } from "grammy/types";
import { DynamoBotIdentity } from "../adapters/dynamodb/bot-identity.js";
import { safeError } from "../adapters/observability/safe-error.js";
import { BOT_IDENTITY_SECONDS } from "../config/constants.js";
import type { Clock } from "../ports/clock.js";

/**
 * The bot's getMe answer kept in the table, so that a new container's first update does not wait for
 * getMe. Neither side may fail an update: an identity that cannot be read is asked of Telegram, and one
 * that cannot be kept is only logged.
 */
export function keptBotIdentity(db: DynamoDBDocumentClient, tableName: string, clock: Clock, logger: Logger) {
  const kept = new DynamoBotIdentity(db, tableName, BOT_IDENTITY_SECONDS, clock);
  return {
    read: (): Promise<UserFromGetMe | undefined> => kept.read().catch(() => undefined),
    onIdentityLearned: (identity: UserFromGetMe): Promise<void> =>
      kept.write(identity).catch((error: unknown) => {
        logger.warn("bot identity not kept; the next new container asks getMe again", {
          error: safeError(error),
        });
      }),
  };
}
