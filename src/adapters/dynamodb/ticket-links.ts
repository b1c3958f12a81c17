import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { RequesterProfile } from "../../domain/tickets/customer-tier.js";
import type { Clock } from "../../ports/clock.js";
import type { RequestStatus } from "../../ports/intake-store.js";
import type { CachedRequester, TicketLink, TicketLinks, Withdrawal } from "../../ports/ticket-links.js";
import { appliedIfConditionHolds } from "./client.js";
import { epochSeconds, keys } from "./table-layout.js";

/** request -> ticket on the request item, ticket -> chat on a ticket item, Telegram -> Zendesk user on a profile. */
export class DynamoTicketLinks implements TicketLinks {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionSeconds: number,
    private readonly clock: Clock,
  ) {}

  private expiresAt(): number {
    return epochSeconds(this.clock.now()) + this.retentionSeconds;
  }

  async findByRequest(requestId: string): Promise<TicketLink | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.request(requestId), ConsistentRead: true }),
    );
    if (Item?.ticketId === undefined) return undefined;
    return {
      requestId,
      ticketId: Item.ticketId,
      chatId: Item.chatId,
      telegramUserId: Item.telegramUserId,
      locale: Item.locale,
      customerNotified: Item.customerNotified === true,
      ...(Item.routed === undefined ? {} : { routed: Item.routed }),
      ...(Array.isArray(Item.waitingMessages) ? { waitingMessages: Item.waitingMessages } : {}),
    };
  }

  async findByTicket(ticketId: number): Promise<TicketLink | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.ticket(ticketId) }),
    );
    if (!Item) return undefined;
    return {
      requestId: Item.requestId,
      ticketId,
      chatId: Item.chatId,
      telegramUserId: Item.telegramUserId,
      locale: Item.locale,
      customerNotified: true,
      ...(Item.threadId === undefined ? {} : { threadId: Item.threadId }),
    };
  }

  async link(link: Omit<TicketLink, "customerNotified">): Promise<void> {
    // The ticket item first: once the request shows a ticket, replies to that ticket must find their chat.
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.ticket(link.ticketId),
          ...link,
          gsi1pk: keys.customerRequests(link.telegramUserId),
          gsi1sk: keys.customerTicketSort(link.ticketId),
          expiresAt: this.expiresAt(),
        },
      }),
    );
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.request(link.requestId),
        UpdateExpression:
          "SET ticketId = :ticketId, #status = :status, chatId = :chatId, telegramUserId = :userId, " +
          `locale = :locale, expiresAt = :expiresAt${link.routed ? ", routed = :routed" : ""}`,
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":ticketId": link.ticketId,
          ":status": "ticket-created",
          ":chatId": link.chatId,
          ":userId": link.telegramUserId,
          ":locale": link.locale,
          ":expiresAt": this.expiresAt(),
          ...(link.routed ? { ":routed": link.routed } : {}),
        },
      }),
    );
    if (link.threadId === undefined) return;
    // The topic's messages go to this ticket from now on.
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.topic(link.chatId, link.threadId),
        UpdateExpression: "SET ticketId = :ticketId, requestId = :requestId, expiresAt = :expiresAt",
        ExpressionAttributeValues: {
          ":ticketId": link.ticketId,
          ":requestId": link.requestId,
          ":expiresAt": this.expiresAt(),
        },
      }),
    );
  }

  async claimCustomerNotice(requestId: string): Promise<boolean> {
    return appliedIfConditionHolds(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.request(requestId),
          UpdateExpression: "SET customerNotified = :yes",
          ConditionExpression:
            "attribute_exists(pk) AND (attribute_not_exists(customerNotified) OR customerNotified = :no)",
          ExpressionAttributeValues: { ":yes": true, ":no": false },
        }),
      ),
    );
  }

  async releaseCustomerNotice(requestId: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.request(requestId),
        UpdateExpression: "SET customerNotified = :no",
        ExpressionAttributeValues: { ":no": false },
      }),
    );
  }

  async claimDelayNotice(requestId: string): Promise<boolean> {
    return appliedIfConditionHolds(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.request(requestId),
          UpdateExpression: "SET delayNoticeClaimed = :yes",
          ConditionExpression:
            "attribute_exists(pk) AND attribute_not_exists(delayNoticeClaimed) AND attribute_not_exists(ticketId)",
          ExpressionAttributeValues: { ":yes": true },
        }),
      ),
    );
  }

  async releaseDelayNotice(requestId: string): Promise<void> {
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.request(requestId),
          UpdateExpression: "REMOVE delayNoticeClaimed",
          ConditionExpression: "attribute_exists(pk)",
        }),
      )
      .catch((error: unknown) => {
        // Gone past its retention: nothing to give back.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  async withdrawal(requestId: string): Promise<Withdrawal | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.withdrawn(requestId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return {
      ...(typeof Item.ticketId === "number" ? { ticketId: Item.ticketId } : {}),
      noted: Item.noted === true,
    };
  }

  async recordWithdrawnTicket(requestId: string, ticketId: number, noted: boolean): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.withdrawn(requestId),
        UpdateExpression: "SET ticketId = :ticketId, noted = :noted",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":ticketId": ticketId, ":noted": noted },
      }),
    );
  }

  async setRequestStatus(requestId: string, status: RequestStatus): Promise<void> {
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.request(requestId),
          UpdateExpression: "SET #status = :status",
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":status": status },
        }),
      )
      .catch((error: unknown) => {
        // A request past its retention is gone; there is nothing left to mirror.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  async requester(telegramUserId: number): Promise<CachedRequester | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.profile(telegramUserId) }),
    );
    if (Item?.zendeskUserId === undefined) return undefined;
    return {
      id: Item.zendeskUserId,
      organizationId: Item.organizationId ?? null,
      tags: Item.userTags ?? [],
      ...(Item.readAt ? { readAt: new Date(Item.readAt) } : {}),
    };
  }

  async rememberRequester(telegramUserId: number, requester: RequesterProfile): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.profile(telegramUserId),
          zendeskUserId: requester.id,
          organizationId: requester.organizationId,
          userTags: [...requester.tags],
          readAt: this.clock.now().toISOString(),
          gsi1pk: keys.customerRequests(telegramUserId),
          gsi1sk: keys.customerProfileSort,
          expiresAt: this.expiresAt(),
        },
      }),
    );
  }
}
