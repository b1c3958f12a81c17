import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../../ports/clock.js";
import type { HeldMessage, HeldMessages } from "../../ports/held-messages.js";
import { epochSeconds, keys } from "./table-layout.js";

/** Held messages as small items with a TTL; a read ignores an expired item DynamoDB has not deleted yet. */
export class DynamoHeldMessages implements HeldMessages {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly holdSeconds: number,
    private readonly clock: Clock,
  ) {}

  async hold(chatId: number, heldKey: string, held: HeldMessage): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.held(chatId, heldKey),
          // In the customer's partition, so /forget finds the held text with the rest.
          gsi1pk: keys.customerRequests(held.message.customer.telegramUserId),
          gsi1sk: keys.customerHeldSort(chatId, heldKey),
          held,
          expiresAt: epochSeconds(this.clock.now()) + this.holdSeconds,
        },
      }),
    );
  }

  async find(chatId: number, heldKey: string): Promise<HeldMessage | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.held(chatId, heldKey), ConsistentRead: true }),
    );
    if (!Item || (Item.expiresAt as number) <= epochSeconds(this.clock.now())) return undefined;
    return Item.held as HeldMessage;
  }

  async release(chatId: number, heldKey: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.held(chatId, heldKey) }));
  }
}
