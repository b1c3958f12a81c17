import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { LocalStack } from "../../src/wiring/local.js";

/** Every item in the local stack's table: a full scan of dynalite, for tests that check what is stored. */
export async function allItems(stack: LocalStack): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await stack.table.db.send(
      new ScanCommand({ TableName: stack.table.name, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}
