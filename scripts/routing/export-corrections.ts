/**
 * Writes the routing corrections agents made (tickets moved to another team's group in Zendesk) as JSONL
 * in the format of the shared training data, one line per ticket, for `npm run routing:train`.
 *
 *   npm run routing:export-corrections                        local stack's data ($DATA_DIR, default .data)
 *   npm run routing:export-corrections -- --data-dir .data    the same, named
 *   npm run routing:export-corrections -- --table <name>      AWS: the stack output TableName (or $TABLE_NAME)
 *   ... -- --out data/routing-corrections/train.jsonl         to a file (routing:train reads this one) instead of stdout
 *
 * On AWS the credentials and region come from the environment (AWS_PROFILE, AWS_REGION); the caller needs
 * dynamodb:Query on the table's gsi1 and kms:Decrypt on the bridge's key. Locally, stop the stack first:
 * the embedded DynamoDB keeps its data directory locked while it runs.
 *
 * Exit codes: 0 written (possibly zero lines); 2 bad arguments or the table could not be read.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { createDocumentClient, localDynamoConfig } from "../../src/adapters/dynamodb/client.js";
import { DynamoRoutingCorrections } from "../../src/adapters/dynamodb/routing-corrections.js";
import { CORRECTION_RETENTION_SECONDS } from "../../src/config/constants.js";
import { correctionExamples } from "../../src/domain/routing/correction-examples.js";
import { startEmbeddedDynamo } from "../../src/local/embedded-dynamodb.js";
import { systemClock } from "../../src/ports/clock.js";
import type { RoutingCorrection } from "../../src/ports/routing-corrections.js";

async function readAll(corrections: DynamoRoutingCorrections): Promise<RoutingCorrection[]> {
  const all: RoutingCorrection[] = [];
  for await (const correction of corrections.list()) all.push(correction);
  return all;
}

/** Reads the corrections from AWS (`table`) or from the local stack's data directory. */
async function readCorrections(source: { table?: string; dataDir: string }): Promise<RoutingCorrection[]> {
  if (source.table) {
    const db = createDocumentClient();
    try {
      return await readAll(
        new DynamoRoutingCorrections(db, source.table, CORRECTION_RETENTION_SECONDS, systemClock),
      );
    } finally {
      db.destroy();
    }
  }
  // dynalite reports a data directory it cannot open (a stack this process cannot see holds its lock) by
  // throwing outside any promise of ours.
  process.once("uncaughtException", (error: Error) => {
    console.error(
      `routing:export-corrections: cannot read ${source.dataDir}/dynamodb (${error.message}); ` +
        "stop the local stack that uses it, then run this again.",
    );
    process.exit(2);
  });
  const dynamo = await startEmbeddedDynamo(source.dataDir);
  const db = createDocumentClient(localDynamoConfig(dynamo.endpoint));
  try {
    return await readAll(
      new DynamoRoutingCorrections(db, dynamo.tableName, CORRECTION_RETENTION_SECONDS, systemClock),
    );
  } finally {
    db.destroy();
    await dynamo.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: "string" },
      table: { type: "string" },
      "data-dir": { type: "string" },
    },
  });
  const table = values.table ?? process.env.TABLE_NAME;
  const dataDir = values["data-dir"] ?? process.env.DATA_DIR ?? ".data";
  const examples = correctionExamples(await readCorrections({ table, dataDir }));
  const jsonl = examples.map((example) => `${JSON.stringify(example)}\n`).join("");
  if (values.out) {
    await mkdir(dirname(values.out), { recursive: true });
    await writeFile(values.out, jsonl);
  } else process.stdout.write(jsonl);
  const from = table ? `table ${table}` : `${dataDir} (local stack)`;
  console.error(`${examples.length} correction(s) from ${from}${values.out ? ` -> ${values.out}` : ""}`);
}

try {
  await main();
} catch (error) {
  console.error(`routing:export-corrections: ${(error as Error).message}`);
  process.exitCode = 2;
}
