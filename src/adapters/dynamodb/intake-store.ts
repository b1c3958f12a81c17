import { ConditionalCheckFailedException, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { StorageAdapter } from "grammy";
import { ConcurrentModification } from "../../domain/errors.js";
import type { Clock } from "../../ports/clock.js";
import type { ChatSession, IntakeStore, RequestRecord, WriteOptions } from "../../ports/intake-store.js";
import { completionUpdate } from "./delivery-ledger.js";
import { epochSeconds, keys } from "./table-layout.js";

type TransactItems = NonNullable<TransactWriteCommandInput["TransactItems"]>;
type UpdateInput = NonNullable<TransactItems[number]["Update"]>;

export interface IntakeStoreSettings {
  tableName: string;
  /** An untouched form expires after this long. */
  formTtlSeconds: number;
  /** How long conversation data (sessions, requests) is kept: the item TTL. */
  retentionSeconds: number;
}

/**
 * Chat sessions and requests in the single table. It is a grammY session `StorageAdapter` too; the bot
 * calls it directly so that it writes before it replies (a reply is never sent for a write that failed).
 */
export class DynamoIntakeStore implements IntakeStore, StorageAdapter<ChatSession> {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly settings: IntakeStoreSettings,
    private readonly clock: Clock,
  ) {}

  async read(chatKey: string): Promise<ChatSession | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.settings.tableName,
        Key: keys.session(chatKey),
        ConsistentRead: true,
      }),
    );
    const now = epochSeconds(this.clock.now());
    // DynamoDB deletes expired items lazily, days later: for us they are gone at once.
    if (!Item || (Item.expiresAt as number) <= now) return undefined;
    const formAlive = Item.form !== undefined && (Item.formExpiresAt as number) > now;
    return {
      locale: Item.locale,
      form: formAlive ? Item.form : undefined,
      formMessageId: formAlive ? Item.formMessageId : undefined,
      version: Item.version,
    };
  }

  async write(chatKey: string, session: ChatSession, options: WriteOptions = {}): Promise<void> {
    await this.atomically([{ Update: this.sessionUpdate(chatKey, session) }], options, chatKey);
  }

  async delete(chatKey: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.settings.tableName, Key: keys.session(chatKey) }));
  }

  async submit(
    chatKey: string,
    session: ChatSession,
    request: RequestRecord,
    options: WriteOptions = {},
  ): Promise<void> {
    // if_not_exists keeps a status that routing may already have advanced (events can outrun this write).
    const upsertRequest: UpdateInput = {
      TableName: this.settings.tableName,
      Key: keys.request(request.requestId),
      UpdateExpression:
        "SET chatId = :chatId, telegramUserId = :userId, category = :category, priority = :priority, " +
        "orderId = :orderId, summary = :summary, submittedAt = :submittedAt, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, " +
        "expiresAt = :expiresAt, #status = if_not_exists(#status, :status)",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":chatId": request.chatId,
        ":userId": request.telegramUserId,
        ":category": request.category,
        ":priority": request.priority,
        ":orderId": request.orderId,
        ":summary": request.summary,
        ":submittedAt": request.submittedAt,
        ":gsi1pk": keys.customerRequests(request.telegramUserId),
        ":gsi1sk": keys.customerRequestSort(request.submittedAt, request.requestId),
        ":expiresAt": epochSeconds(this.clock.now()) + this.settings.retentionSeconds,
        ":status": request.status,
      },
    };
    await this.atomically(
      [{ Update: upsertRequest }, { Update: this.sessionUpdate(chatKey, session) }],
      options,
      chatKey,
    );
  }

  async listRequests(telegramUserId: number, limit: number): Promise<RequestRecord[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.settings.tableName,
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :pk AND begins_with(gsi1sk, :prefix)",
        ExpressionAttributeValues: { ":pk": keys.customerRequests(telegramUserId), ":prefix": "REQUEST#" },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map((item) => ({
      requestId: (item.pk as string).slice("REQUEST#".length),
      chatId: item.chatId,
      telegramUserId: item.telegramUserId,
      category: item.category,
      priority: item.priority,
      orderId: item.orderId ?? null,
      summary: item.summary,
      submittedAt: item.submittedAt,
      status: item.status,
      ticketId: item.ticketId,
    }));
  }

  /** Writes the session as given (a missing form is removed), only if nobody wrote since it was read. */
  private sessionUpdate(chatKey: string, session: ChatSession): UpdateInput {
    const now = epochSeconds(this.clock.now());
    const set = ["version = :next", "expiresAt = :expiresAt"];
    const remove: string[] = [];
    const values: Record<string, unknown> = {
      ":next": session.version + 1,
      ":expiresAt": now + this.settings.retentionSeconds,
    };
    const assign = (attribute: string, value: unknown) => {
      if (value === undefined) remove.push(attribute);
      else {
        set.push(`${attribute} = :${attribute}`);
        values[`:${attribute}`] = value;
      }
    };
    assign("locale", session.locale);
    assign("form", session.form);
    assign("formMessageId", session.form ? session.formMessageId : undefined);
    assign("formExpiresAt", session.form ? now + this.settings.formTtlSeconds : undefined);
    const condition = session.version === 0 ? "attribute_not_exists(version)" : "version = :version";
    if (session.version !== 0) values[":version"] = session.version;
    return {
      TableName: this.settings.tableName,
      Key: keys.session(chatKey),
      UpdateExpression: `SET ${set.join(", ")}${remove.length ? ` REMOVE ${remove.join(", ")}` : ""}`,
      ConditionExpression: condition,
      ExpressionAttributeValues: values,
    };
  }

  /** One write goes alone; more, or a delivery to mark done with it, go as one transaction. */
  private async atomically(items: TransactItems, options: WriteOptions, chatKey: string): Promise<void> {
    const all: TransactItems = options.completes
      ? [...items, { Update: completionUpdate(this.settings.tableName, options.completes) }]
      : items;
    try {
      const only = all.length === 1 ? all[0]?.Update : undefined;
      if (only) await this.db.send(new UpdateCommand(only));
      else await this.db.send(new TransactWriteCommand({ TransactItems: all }));
    } catch (error) {
      const conflict =
        error instanceof ConditionalCheckFailedException ||
        (error instanceof TransactionCanceledException &&
          error.CancellationReasons?.some((reason) => reason.Code === "ConditionalCheckFailed"));
      if (conflict) throw new ConcurrentModification(`session of chat ${chatKey}`, { cause: error });
      throw error;
    }
  }
}
