import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { LOCALES, type Locale } from "../../domain/events.js";
import type { IntakeForm } from "../../domain/intake/form.js";
import type { HeldMessage } from "../../ports/held-messages.js";
import type { Nudge, Nudges } from "../../ports/nudges.js";
import { appliedIfConditionHolds } from "./client.js";
import { dueKeys } from "./due-index.js";
import { epochSeconds, keys, NUDGE_DUE_INDEX, nudgeIndexKeys } from "./table-layout.js";

const SESSION_PREFIX = "SESSION#";
const QUESTION_PREFIX = "HELD#";

const dueAtOf = (sortKey: string): number => epochSeconds(new Date(sortKey.slice(0, sortKey.indexOf("#"))));
const localeOf = (value: unknown): Locale =>
  LOCALES.includes(value as Locale) ? (value as Locale) : (LOCALES[0] as Locale);

/**
 * Nudges found through the sparse index and decided on the items themselves (the index is eventually
 * consistent). Claiming takes the item out of the index with a conditional update that holds only while the
 * item is as it was when it fell due, so a customer who moved on meanwhile is not nudged.
 */
export class DynamoNudges implements Nudges {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async due(now: Date, limit: number): Promise<Nudge[]> {
    const found = await dueKeys(this.db, this.tableName, NUDGE_DUE_INDEX, now, limit);
    const nudges = await Promise.all(found.slice(0, limit).map((key) => this.read(key, epochSeconds(now))));
    return nudges.filter((nudge): nudge is Nudge => nudge !== undefined);
  }

  private async read(key: { pk: string; sk: string }, now: number): Promise<Nudge | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    if (typeof Item?.gsi2sk !== "string") return undefined;
    const dueAt = dueAtOf(Item.gsi2sk);
    if (key.sk === "FORM") {
      const form = Item.form as Pick<IntakeForm, "formId" | "category"> | undefined;
      if (!form || (Item.formExpiresAt as number) <= now) return this.drop(key, Item.gsi2sk);
      return {
        kind: "unfinished-form",
        chatId: Number(key.pk.slice(SESSION_PREFIX.length)),
        formId: form.formId,
        ...(form.category === undefined ? {} : { category: form.category }),
        formExpiresAt: Item.formExpiresAt as number,
        locale: localeOf(Item.formLocale ?? Item.locale),
        dueAt,
      };
    }
    const chatId = Number(key.pk.slice(QUESTION_PREFIX.length));
    const { Item: heldItem } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.held(chatId, Item.heldKey as string),
        ConsistentRead: true,
      }),
    );
    // Answered (taken), released or expired: nothing waits any more.
    if (!heldItem || heldItem.taken === true || (heldItem.expiresAt as number) <= now)
      return this.drop(key, Item.gsi2sk);
    const held = heldItem.held as HeldMessage;
    return {
      kind: "unanswered-question",
      chatId,
      heldKey: Item.heldKey as string,
      questionMessageId: Item.questionMessageId as number,
      newRequestOnly: held.offeredTicketIds.length === 0,
      locale: localeOf(held.message.customer.locale),
      dueAt,
    };
  }

  /** Takes an item whose subject is gone out of the index, so later scans do not read it again. */
  private async drop(key: { pk: string; sk: string }, sortKey: string): Promise<undefined> {
    await appliedIfConditionHolds(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: "REMOVE gsi2pk, gsi2sk",
          ConditionExpression: "gsi2sk = :sk",
          ExpressionAttributeValues: { ":sk": sortKey },
        }),
      ),
    );
    return undefined;
  }

  async claim(nudge: Nudge, now: Date): Promise<boolean> {
    const { key, sortKey } = this.located(nudge);
    if (nudge.kind === "unfinished-form")
      return appliedIfConditionHolds(() =>
        this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: key,
            // A version step, like any change to the session: an update of the chat racing this one retries.
            UpdateExpression: "SET remindedFormId = :formId, version = version + :one REMOVE gsi2pk, gsi2sk",
            ConditionExpression: "gsi2sk = :sk AND form.formId = :formId AND formExpiresAt > :now",
            ExpressionAttributeValues: {
              ":formId": nudge.formId,
              ":sk": sortKey,
              ":now": epochSeconds(now),
              ":one": 1,
            },
          }),
        ),
      );
    return appliedIfConditionHolds(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: "SET nudged = :yes REMOVE gsi2pk, gsi2sk",
          // Not while the customer is still writing: the burst's messages join the question until it is quiet.
          ConditionExpression: "gsi2sk = :sk AND heldKey = :heldKey AND activeUntil <= :now",
          ExpressionAttributeValues: {
            ":yes": true,
            ":sk": sortKey,
            ":heldKey": nudge.heldKey,
            ":now": epochSeconds(now),
          },
        }),
      ),
    );
  }

  async giveBack(nudge: Nudge): Promise<void> {
    const { key, sortKey } = this.located(nudge);
    const claimed =
      nudge.kind === "unfinished-form"
        ? {
            marker: "remindedFormId",
            condition: "remindedFormId = :id AND form.formId = :id",
            id: nudge.formId,
          }
        : { marker: "nudged", condition: "attribute_exists(nudged) AND heldKey = :id", id: nudge.heldKey };
    await appliedIfConditionHolds(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: `SET gsi2pk = :pk, gsi2sk = :sk REMOVE ${claimed.marker}`,
          ConditionExpression: claimed.condition,
          ExpressionAttributeValues: {
            ":pk": nudgeIndexKeys(nudge.chatId, nudge.dueAt, key.pk).gsi2pk,
            ":sk": sortKey,
            ":id": claimed.id,
          },
        }),
      ),
    );
  }

  private located(nudge: Nudge) {
    const key =
      nudge.kind === "unfinished-form" ? keys.session(String(nudge.chatId)) : keys.openQuestion(nudge.chatId);
    return { key, sortKey: nudgeIndexKeys(nudge.chatId, nudge.dueAt, key.pk).gsi2sk };
  }
}
