import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../../ports/clock.js";
import type { HeldMessage, HeldMessages, OpenQuestion } from "../../ports/held-messages.js";
import { appliedIfConditionHolds, resultIfConditionHolds } from "./client.js";
import { epochSeconds, keys, nudgeIndexKeys } from "./table-layout.js";

/**
 * How long held messages live, how long a quiet question stays open for new messages to join, and how long
 * after it is asked an unanswered question is pointed at.
 */
export interface HoldTimes {
  readonly holdSeconds: number;
  readonly burstSeconds: number;
  readonly nudgeSeconds: number;
}

/**
 * Held messages as small items with a TTL, and beside them a pointer to the chat's open question; a read
 * ignores an expired item DynamoDB has not deleted yet. The pointer is open while `activeUntil` is ahead:
 * each message that joins moves it on, so a burst stays one question and a message long after it asks anew.
 */
export class DynamoHeldMessages implements HeldMessages {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly times: HoldTimes,
    private readonly clock: Clock,
  ) {}

  private now(): number {
    return epochSeconds(this.clock.now());
  }

  private openFromNow() {
    const now = this.now();
    return { expiresAt: now + this.times.holdSeconds, activeUntil: now + this.times.burstSeconds };
  }

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
          expiresAt: this.now() + this.times.holdSeconds,
        },
      }),
    );
  }

  async claimQuestion(chatId: number, heldKey: string): Promise<boolean> {
    return appliedIfConditionHolds(() =>
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.openQuestion(chatId), heldKey, ...this.openFromNow() },
          // The same held message claims again when its update is run again.
          ConditionExpression:
            "attribute_not_exists(pk) OR expiresAt <= :now OR attribute_not_exists(activeUntil) OR activeUntil <= :now OR heldKey = :heldKey",
          ExpressionAttributeValues: { ":now": this.now(), ":heldKey": heldKey },
        }),
      ),
    );
  }

  async asked(chatId: number, question: Required<OpenQuestion>): Promise<void> {
    const key = keys.openQuestion(chatId);
    // Left unanswered, the question is pointed at once (DynamoNudges): its message has reached no one yet.
    const nudge = nudgeIndexKeys(chatId, this.now() + this.times.nudgeSeconds, key.pk);
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...key, ...question, ...this.openFromNow(), ...nudge },
      }),
    );
  }

  async find(chatId: number, heldKey: string): Promise<HeldMessage | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.held(chatId, heldKey), ConsistentRead: true }),
    );
    if (!Item || (Item.expiresAt as number) <= this.now()) return undefined;
    return Item.held as HeldMessage;
  }

  async openQuestion(
    chatId: number,
    options: { quietToo?: boolean } = {},
  ): Promise<OpenQuestion | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.openQuestion(chatId), ConsistentRead: true }),
    );
    const now = this.now();
    const activeUntil = (Item?.activeUntil as number | undefined) ?? 0;
    if (!Item || (Item.expiresAt as number) <= now || (activeUntil <= now && !options.quietToo))
      return undefined;
    return {
      heldKey: Item.heldKey as string,
      ...(typeof Item.questionMessageId === "number" ? { questionMessageId: Item.questionMessageId } : {}),
    };
  }

  async append(
    chatId: number,
    heldKey: string,
    messages: readonly HeldMessage["message"][],
    offeredTicketIds: readonly number[],
  ): Promise<HeldMessage | undefined> {
    const appended = await resultIfConditionHolds(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.held(chatId, heldKey),
          UpdateExpression:
            "SET held.more = list_append(if_not_exists(held.more, :none), :messages), held.offeredTicketIds = :offered",
          ConditionExpression: "attribute_exists(pk) AND expiresAt > :now AND attribute_not_exists(taken)",
          ExpressionAttributeValues: {
            ":none": [],
            ":messages": [...messages],
            ":offered": [...offeredTicketIds],
            ":now": this.now(),
          },
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    if (!appended) return undefined;
    await this.keepOpen(chatId, heldKey);
    return appended.Attributes?.held as HeldMessage | undefined;
  }

  /** The burst goes on: the question stays open for the next message, unless a newer one was asked. */
  private async keepOpen(chatId: number, heldKey: string): Promise<void> {
    await appliedIfConditionHolds(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.openQuestion(chatId),
          UpdateExpression: "SET activeUntil = :until",
          ConditionExpression: "heldKey = :heldKey",
          ExpressionAttributeValues: { ":until": this.now() + this.times.burstSeconds, ":heldKey": heldKey },
        }),
      ),
    );
  }

  async amend(chatId: number, heldKey: string, amended: HeldMessage["message"]): Promise<boolean> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.held(chatId, heldKey), ConsistentRead: true }),
    );
    if (!Item || (Item.expiresAt as number) <= this.now() || Item.taken === true) return false;
    const held = Item.held as HeldMessage;
    const joinedAt = (held.more ?? []).findIndex((m) => m.messageKey === amended.messageKey);
    const place =
      held.message.messageKey === amended.messageKey
        ? "held.message"
        : joinedAt >= 0
          ? `held.more[${joinedAt}]`
          : undefined;
    if (place === undefined) return false;
    // Unless the answer is being carried out meanwhile, or the list changed under the index.
    return appliedIfConditionHolds(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.held(chatId, heldKey),
          UpdateExpression: `SET ${place} = :amended`,
          ConditionExpression: `attribute_not_exists(taken) AND ${place}.messageKey = :key`,
          ExpressionAttributeValues: { ":amended": amended, ":key": amended.messageKey },
        }),
      ),
    );
  }

  async take(chatId: number, heldKey: string): Promise<HeldMessage | undefined> {
    const taken = await resultIfConditionHolds(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.held(chatId, heldKey),
          UpdateExpression: "SET taken = :yes",
          ConditionExpression: "attribute_exists(pk) AND expiresAt > :now",
          ExpressionAttributeValues: { ":yes": true, ":now": this.now() },
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    return taken?.Attributes?.held as HeldMessage | undefined;
  }

  async release(chatId: number, heldKey: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.held(chatId, heldKey) }));
    await this.withdrawQuestion(chatId, heldKey);
  }

  async withdrawQuestion(chatId: number, heldKey: string): Promise<void> {
    // Unless the chat has asked a newer question since: that one stays open.
    await appliedIfConditionHolds(() =>
      this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.openQuestion(chatId),
          ConditionExpression: "heldKey = :heldKey",
          ExpressionAttributeValues: { ":heldKey": heldKey },
        }),
      ),
    );
  }
}
