import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterEach, beforeEach } from "vitest";
import { createDocumentClient, localDynamoConfig } from "../../src/adapters/dynamodb/client.js";
import { type EmbeddedDynamo, startEmbeddedDynamo } from "../../src/local/embedded-dynamodb.js";

export interface EmbeddedTable {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly endpoint: string;
  /** dynalite's files. */
  readonly dataDir: string;
}

/**
 * The bridge's table on embedded DynamoDB (dynalite on disk in a temp folder), made before each test and
 * removed after it. Call it where the tests are declared; the function it returns gives the table once a
 * test runs.
 */
export function embeddedTablePerTest(prefix: string): () => EmbeddedTable {
  let dir: string | undefined;
  let dynamo: EmbeddedDynamo | undefined;
  let table: EmbeddedTable | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
    dynamo = await startEmbeddedDynamo(dir);
    table = {
      db: createDocumentClient(localDynamoConfig(dynamo.endpoint)),
      tableName: dynamo.tableName,
      endpoint: dynamo.endpoint,
      dataDir: dir,
    };
  });
  afterEach(async () => {
    table?.db.destroy();
    await dynamo?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    table = undefined;
  });
  return () => {
    if (table === undefined) throw new Error(`the ${prefix} table is made only once a test runs`);
    return table;
  };
}
