import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DynamoDBClient,
  ResourceInUseException,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";
import { localDynamoConfig } from "../adapters/dynamodb/client.js";

export const LOCAL_TABLE_NAME = "bridge";

export interface EmbeddedDynamo {
  endpoint: string;
  tableName: string;
  close(): Promise<void>;
}

/**
 * DynamoDB for the local stack: dynalite keeping its data under `<dataDir>/dynamodb` (so it survives a
 * restart), on an ephemeral loopback port, with the bridge's table created when missing.
 */
export async function startEmbeddedDynamo(dataDir: string): Promise<EmbeddedDynamo> {
  const path = join(dataDir, "dynamodb");
  await mkdir(path, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    // A file in the way, or no permission: said in terms of the setting, not as a bare system error.
    throw new Error(
      `DATA_DIR: cannot keep the local data in "${dataDir}" (${error.code ?? error.message}); ` +
        "point DATA_DIR at a directory you can write to, or leave it unset for .data",
    );
  });
  const release = await claimDataDir(path);
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient(localDynamoConfig(endpoint));
  try {
    await client.send(new CreateTableCommand(createTableInput(LOCAL_TABLE_NAME)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  try {
    // dynalite answers CreateTable while the table is still CREATING and turns it ACTIVE on a timer, which a
    // busy process can run after the first write arrives: that write would be refused as "not found".
    await waitUntilTableExists(
      { client, minDelay: 1, maxDelay: 1, maxWaitTime: 30 },
      { TableName: LOCAL_TABLE_NAME },
    );
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    tableName: LOCAL_TABLE_NAME,
    close: async () => {
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      await release();
    },
  };
}

/**
 * Only one process can open the data (dynalite's store takes a lock and, refused, throws outside any
 * promise, killing the process with a bare "Database is closed"), so a second `npm start` on the same
 * DATA_DIR is stopped first with a message that says what to do. A lock left by a process that is gone
 * does not count.
 */
async function claimDataDir(path: string): Promise<() => Promise<void>> {
  const lock = join(path, "bridge.pid");
  // Created only if absent, so of two stacks starting at once one gets it.
  const created = await writeFile(lock, String(process.pid), { flag: "wx" }).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "EEXIST") return false;
      throw error;
    },
  );
  if (!created) {
    const holder = Number.parseInt(await readFile(lock, "utf8").catch(() => ""), 10);
    if (holder > 0 && holder !== process.pid && isRunning(holder))
      throw new Error(
        `${path} is in use by another local stack (process ${holder}): stop the local stack that uses it, ` +
          `or set DATA_DIR to another directory. (If no such stack runs, delete ${lock}.)`,
      );
    await writeFile(lock, String(process.pid));
  }
  return () => rm(lock, { force: true });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The table as CDK creates it (lib/), for creating it in local DynamoDB. */
function createTableInput(tableName: string): CreateTableCommandInput {
  const gsi = (name: string) => ({
    IndexName: name,
    KeySchema: [
      { AttributeName: `${name}pk`, KeyType: "HASH" as const },
      { AttributeName: `${name}sk`, KeyType: "RANGE" as const },
    ],
    Projection: { ProjectionType: "ALL" as const },
  });
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    KeySchema: [
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ],
    AttributeDefinitions: ["pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk"].map((name) => ({
      AttributeName: name,
      AttributeType: "S" as const,
    })),
    GlobalSecondaryIndexes: [gsi("gsi1"), gsi("gsi2")],
  };
}
