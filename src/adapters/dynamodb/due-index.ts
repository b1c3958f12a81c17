import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";

/**
 * The keys of the items due by `now` in one family of the sparse due-time index (gsi2): partitions
 * `<prefix><n>` for each shard, sort keys starting with the due time (ISO-8601). At most `limit` per shard;
 * the index is eventually consistent, so callers decide on the items themselves.
 */
export async function dueKeys(
  db: DynamoDBDocumentClient,
  tableName: string,
  family: { readonly prefix: string; readonly shards: number },
  now: Date,
  limit: number,
): Promise<Array<{ pk: string; sk: string }>> {
  const bound = `${now.toISOString()}#~`;
  const pages = await Promise.all(
    Array.from({ length: family.shards }, (_, shard) =>
      db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: "gsi2",
          KeyConditionExpression: "gsi2pk = :shard AND gsi2sk <= :bound",
          ExpressionAttributeValues: { ":shard": `${family.prefix}${shard}`, ":bound": bound },
          ProjectionExpression: "pk, sk",
          Limit: limit,
        }),
      ),
    ),
  );
  return pages
    .flatMap((page) => page.Items ?? [])
    .map((item) => ({ pk: item.pk as string, sk: item.sk as string }));
}
