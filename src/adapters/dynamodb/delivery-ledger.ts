import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../../ports/clock.js";
import type { ClaimOutcome, DeliveryKey, DeliveryLedger } from "../../ports/delivery-ledger.js";
import { epochSeconds, keys } from "./table-layout.js";

/** Senders stop retrying well within a week (Telegram update ids even restart after a week idle). */
const RETENTION_SECONDS = 7 * 24 * 3600;

export class DynamoDeliveryLedger implements DeliveryLedger {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  async claim(key: DeliveryKey, leaseSeconds: number): Promise<ClaimOutcome> {
    const now = epochSeconds(this.clock.now());
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.delivery(key),
            status: "in-progress",
            leaseUntil: now + leaseSeconds,
            expiresAt: now + RETENTION_SECONDS,
          },
          // A lapsed lease means the claimant died mid-way; the retry may take over.
          ConditionExpression: "attribute_not_exists(pk) OR (#status = :inProgress AND leaseUntil < :now)",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":inProgress": "in-progress", ":now": now },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
      return "claimed";
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return error.Item?.status?.S === "done" ? "done" : "in-progress";
    }
  }

  async complete(key: DeliveryKey): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.delivery(key),
        UpdateExpression: "SET #status = :done REMOVE leaseUntil",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":done": "done" },
      }),
    );
  }

  async release(key: DeliveryKey): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.delivery(key),
          ConditionExpression: "#status = :inProgress",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":inProgress": "in-progress" },
        }),
      );
    } catch (error) {
      // Someone else's claim by now (ours had lapsed): theirs to keep.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
