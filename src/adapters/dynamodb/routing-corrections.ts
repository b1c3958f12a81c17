import { type DynamoDBDocumentClient, PutCommand, paginateQuery } from "@aws-sdk/lib-dynamodb";
import { isCategory } from "../../domain/routing/categories.js";
import type { Clock } from "../../ports/clock.js";
import type { RoutingCorrection, RoutingCorrections } from "../../ports/routing-corrections.js";
import { appliedIfConditionHolds } from "./client.js";
import { epochSeconds, keys } from "./table-layout.js";

/**
 * Corrections as items `CORRECTION#<eventId>` (a conditional put keeps one per event), all under one gsi1
 * partition sorted by time, so exporting them is a query, never a scan. Agents move a few tickets an
 * hour, far below what one partition takes.
 */
export class DynamoRoutingCorrections implements RoutingCorrections {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionSeconds: number,
    private readonly clock: Clock,
  ) {}

  async record(correction: RoutingCorrection): Promise<boolean> {
    return appliedIfConditionHolds(() =>
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.correction(correction.eventId),
            ...correction,
            gsi1pk: keys.corrections,
            gsi1sk: keys.correctionSort(correction.correctedAt, correction.eventId),
            expiresAt: epochSeconds(this.clock.now()) + this.retentionSeconds,
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
  }

  async *list(): AsyncIterable<RoutingCorrection> {
    const now = epochSeconds(this.clock.now());
    const pages = paginateQuery(
      { client: this.db },
      {
        TableName: this.tableName,
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.corrections },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        // TTL deletion lags; an expired item is treated as gone.
        if (typeof item.expiresAt === "number" && item.expiresAt <= now) continue;
        if (!isCategory(item.category)) continue;
        yield {
          eventId: item.eventId,
          ticketId: item.ticketId,
          text: item.text,
          category: item.category,
          previousGroup: item.previousGroup ?? null,
          newGroup: item.newGroup,
          correctedAt: item.correctedAt,
        };
      }
    }
  }
}
