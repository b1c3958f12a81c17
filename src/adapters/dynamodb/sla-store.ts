import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../../ports/clock.js";
import type { SlaRecord, SlaStore } from "../../ports/sla-store.js";
import { appliedIfConditionHolds } from "./client.js";
import { dueKeys } from "./due-index.js";
import { epochSeconds, keys } from "./table-layout.js";

/**
 * A few fixed shards spread the due-time index's writes; the scanner queries each for `due <= now`, so a
 * scan reads what is due and nothing else, however many tickets are open.
 */
export const SLA_SHARDS = 4;
const SLA_DUE_INDEX = { prefix: "SLADUE#", shards: SLA_SHARDS } as const;
const shardKey = (ticketId: number) => `${SLA_DUE_INDEX.prefix}${ticketId % SLA_SHARDS}`;
const dueSort = (dueAt: number, ticketId: number) => `${new Date(dueAt).toISOString()}#${ticketId}`;

export class DynamoSlaStore implements SlaStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionSeconds: number,
    private readonly clock: Clock,
  ) {}

  async start(
    record: Omit<SlaRecord, "version" | "escalated" | "pendingAlerts">,
    nextDueAt: number | undefined,
  ) {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item({ ...record, version: 0, escalated: [], pendingAlerts: [] }, nextDueAt),
          // A redelivered ticket creation must not restart a clock that is already running.
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async get(ticketId: number): Promise<SlaRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.sla(ticketId), ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : undefined;
  }

  async due(now: number, limit: number): Promise<SlaRecord[]> {
    const found = await dueKeys(this.db, this.tableName, SLA_DUE_INDEX, new Date(now), limit);
    const ticketIds = found.map((key) => Number(key.pk.split("#")[1]));
    // The index is eventually consistent: decide on the item itself.
    const records = await Promise.all(ticketIds.slice(0, limit).map((id) => this.get(id)));
    return records.filter((r): r is SlaRecord => r !== undefined);
  }

  async save(record: SlaRecord, nextDueAt: number | undefined): Promise<boolean> {
    return appliedIfConditionHolds(() =>
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item({ ...record, version: record.version + 1 }, nextDueAt),
          ConditionExpression: "version = :version",
          ExpressionAttributeValues: { ":version": record.version },
        }),
      ),
    );
  }

  private item(record: SlaRecord, nextDueAt: number | undefined) {
    return slaItem(record, nextDueAt, epochSeconds(this.clock.now()) + this.retentionSeconds);
  }
}

/** The stored form of a ticket's SLA record; `nextDueAt` places it in the sparse due-time index (gsi2). */
export function slaItem(record: SlaRecord, nextDueAt: number | undefined, expiresAt: number) {
  const { clock } = record;
  return {
    ...keys.sla(clock.ticketId),
    clock,
    category: record.category,
    ...(record.requestedCategory === undefined ? {} : { requestedCategory: record.requestedCategory }),
    vip: record.vip,
    version: record.version,
    escalated: record.escalated,
    pendingAlerts: record.pendingAlerts,
    heldAlerts: record.heldAlerts ?? [],
    lastAlertAt: record.lastAlertAt,
    ...(nextDueAt === undefined
      ? {}
      : { gsi2pk: shardKey(clock.ticketId), gsi2sk: dueSort(nextDueAt, clock.ticketId) }),
    expiresAt,
  };
}

function fromItem(item: Record<string, unknown>): SlaRecord {
  return {
    clock: item.clock as SlaRecord["clock"],
    category: item.category as string,
    ...(typeof item.requestedCategory === "string" ? { requestedCategory: item.requestedCategory } : {}),
    vip: item.vip === true,
    version: item.version as number,
    escalated: (item.escalated as SlaRecord["escalated"]) ?? [],
    pendingAlerts: (item.pendingAlerts as SlaRecord["pendingAlerts"]) ?? [],
    heldAlerts: (item.heldAlerts as SlaRecord["heldAlerts"]) ?? [],
    lastAlertAt: item.lastAlertAt as number | undefined,
  };
}
