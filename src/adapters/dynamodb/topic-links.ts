import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../../ports/clock.js";
import type { TopicLink, TopicLinks } from "../../ports/ticket-links.js";
import { appliedIfConditionHolds } from "./client.js";
import { epochSeconds, keys } from "./table-layout.js";

/** Topic -> ticket items: claimed by the bot with a conditional put, completed by routing's `link`. */
export class DynamoTopicLinks implements TopicLinks {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionSeconds: number,
    private readonly clock: Clock,
  ) {}

  async find(chatId: number, threadId: number): Promise<TopicLink | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.topic(chatId, threadId), ConsistentRead: true }),
    );
    if (!Item || (Item.expiresAt as number) <= epochSeconds(this.clock.now())) return undefined;
    return {
      requestId: Item.requestId,
      ...(Item.ticketId === undefined ? {} : { ticketId: Item.ticketId }),
      ...(typeof Item.claimedBy === "number" ? { claimedBy: Item.claimedBy } : {}),
    };
  }

  async claim(chatId: number, threadId: number, requestId: string, messageId: number): Promise<boolean> {
    return appliedIfConditionHolds(() =>
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.topic(chatId, threadId),
            requestId,
            claimedBy: messageId,
            expiresAt: epochSeconds(this.clock.now()) + this.retentionSeconds,
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
  }
}
