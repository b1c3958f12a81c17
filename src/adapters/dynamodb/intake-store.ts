import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  paginateQuery,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { StorageAdapter } from "grammy";
import { ConcurrentModification } from "../../domain/errors.js";
import type { Locale, UnroutedMessage } from "../../domain/events.js";
import type { Clock } from "../../ports/clock.js";
import type { ChatSession, IntakeStore, RequestRecord } from "../../ports/intake-store.js";
import { appliedIfConditionHolds } from "./client.js";
import { epochSeconds, keys, nudgeIndexKeys } from "./table-layout.js";

/** Messages kept on a request while its ticket is being made (each up to a Telegram message or caption). */
const MOST_WAITING_MESSAGES = 50;

export interface IntakeStoreSettings {
  tableName: string;
  /** An untouched form expires after this long. */
  formTtlSeconds: number;
  /** How long conversation data (sessions, requests) is kept: the item TTL. */
  retentionSeconds: number;
  /** How long a form may sit untouched before its one reminder; 0 for none. */
  formReminderSeconds: number;
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
    if (!Item) return undefined;
    // DynamoDB deletes expired items lazily, days later: for us they are gone at once. The version stays,
    // so that the next write still races correctly against a concurrent one.
    const alive = (Item.expiresAt as number) > now;
    const formAlive = alive && Item.form !== undefined && (Item.formExpiresAt as number) > now;
    return {
      locale: alive ? Item.locale : undefined,
      form: formAlive ? Item.form : undefined,
      // Kept after the form expired, so the bot can close that message when the customer comes back.
      formMessageId: alive ? Item.formMessageId : undefined,
      closedForm: alive ? Item.closedForm : undefined,
      ...(formAlive && Item.formLocale !== undefined ? { formLocale: Item.formLocale } : {}),
      ...(typeof Item.remindedFormId === "string" ? { remindedFormId: Item.remindedFormId } : {}),
      version: Item.version,
      recentUpdateIds: Item.recentUpdateIds ?? [],
    };
  }

  /** Stores the session as given (a missing form is removed), only if nobody wrote since it was read. */
  async write(chatKey: string, session: ChatSession): Promise<void> {
    const now = epochSeconds(this.clock.now());
    const set = ["version = :next", "expiresAt = :expiresAt", "recentUpdateIds = :recent"];
    const remove: string[] = [];
    const values: Record<string, unknown> = {
      ":next": session.version + 1,
      ":expiresAt": now + this.settings.retentionSeconds,
      ":recent": session.recentUpdateIds,
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
    assign("formMessageId", session.formMessageId);
    assign("closedForm", session.closedForm);
    assign("formExpiresAt", session.form ? now + this.settings.formTtlSeconds : undefined);
    assign("formLocale", session.form ? session.formLocale : undefined);
    // A form left untouched gets one reminder: each write moves it on, and the reminder's claim (which
    // records remindedFormId) takes it out of the index for good.
    const reminder = this.settings.formReminderSeconds;
    const remind =
      session.form !== undefined && reminder > 0 && session.form.formId !== session.remindedFormId;
    const armed = remind
      ? nudgeIndexKeys(Number(chatKey), now + reminder, keys.session(chatKey).pk)
      : undefined;
    assign("gsi2pk", armed?.gsi2pk);
    assign("gsi2sk", armed?.gsi2sk);
    if (session.version !== 0) values[":version"] = session.version;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.settings.tableName,
          Key: keys.session(chatKey),
          UpdateExpression: `SET ${set.join(", ")}${remove.length ? ` REMOVE ${remove.join(", ")}` : ""}`,
          ConditionExpression: session.version === 0 ? "attribute_not_exists(version)" : "version = :version",
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ConcurrentModification(`session of chat ${chatKey}`, { cause: error });
      }
      throw error;
    }
  }

  async delete(chatKey: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.settings.tableName, Key: keys.session(chatKey) }));
  }

  async saveRequest(request: RequestRecord): Promise<void> {
    // if_not_exists keeps a status that routing may already have advanced (events can outrun this write).
    await this.db.send(
      new UpdateCommand({
        TableName: this.settings.tableName,
        Key: keys.request(request.requestId),
        UpdateExpression:
          "SET chatId = :chatId, telegramUserId = :userId, category = :category, priority = :priority, " +
          "orderId = :orderId, summary = :summary, submittedAt = :submittedAt, gsi1pk = :gsi1pk, " +
          "gsi1sk = :gsi1sk, expiresAt = :expiresAt, #status = if_not_exists(#status, :status)",
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
      }),
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
      ...(item.delayNoticeClaimed === true ? { filingDelayed: true } : {}),
    }));
  }

  async addWhileFiling(
    requestId: string,
    message: UnroutedMessage,
    options: { unsavedRequest?: boolean } = {},
  ): Promise<boolean> {
    return appliedIfConditionHolds(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.settings.tableName,
          Key: keys.request(requestId),
          // An item made here for a topic's request expires like any request, should its ticket never come.
          UpdateExpression:
            "SET waitingMessages = list_append(if_not_exists(waitingMessages, :none), :message), " +
            "expiresAt = if_not_exists(expiresAt, :expiresAt)",
          // Routing links the ticket before it reads these: a message kept before the link is posted by it.
          // The cap keeps a chatty customer during a long outage well inside DynamoDB's item size.
          ConditionExpression:
            `${options.unsavedRequest ? "" : "attribute_exists(pk) AND "}attribute_not_exists(ticketId) AND ` +
            "(attribute_not_exists(waitingMessages) OR size(waitingMessages) < :most)",
          ExpressionAttributeValues: {
            ":none": [],
            ":message": [message],
            ":most": MOST_WAITING_MESSAGES,
            ":expiresAt": epochSeconds(this.clock.now()) + this.settings.retentionSeconds,
          },
        }),
      ),
    );
  }

  async setTicketsLocale(telegramUserId: number, locale: Locale): Promise<void> {
    // The customer's requests and ticket links, where routing reads the language of its notices.
    const pages = paginateQuery(
      { client: this.db },
      {
        TableName: this.settings.tableName,
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.customerRequests(telegramUserId) },
        ProjectionExpression: "pk, sk",
      },
    );
    for await (const page of pages)
      for (const item of page.Items ?? []) {
        if (item.sk !== "REQUEST" && item.sk !== "TICKET") continue;
        await this.db
          .send(
            new UpdateCommand({
              TableName: this.settings.tableName,
              Key: { pk: item.pk, sk: item.sk },
              UpdateExpression: "SET locale = :locale",
              ConditionExpression: "attribute_exists(pk)",
              ExpressionAttributeValues: { ":locale": locale },
            }),
          )
          .catch((error: unknown) => {
            // Deleted meanwhile (/forget, retention): nothing to relabel.
            if (!(error instanceof ConditionalCheckFailedException)) throw error;
          });
      }
  }
}
