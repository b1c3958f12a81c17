import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type BridgeFunctionName,
  functionEntry,
  PROJECT_ROOT,
} from "../../lib/constructs/bridge-function.js";
import { esbuildEquivalent } from "../../lib/constructs/bundling-equivalent.js";
import { synthBridge } from "./synth.js";
import { asArray, functionNamed, roleOf, statementsOfRole } from "./template-queries.js";

/**
 * Each function's DynamoDB grant is exactly what its code sends. The operations and indexes are read from the
 * project sources esbuild puts in the function's bundle, so a new command in an adapter fails here (with its
 * name) instead of as AccessDenied after a deploy, and an operation no code sends any more is not left granted.
 */

/** DynamoDB operations, by the SDK names our code may import (document client and low-level client). */
const OPERATION_OF: Record<string, string> = {
  GetCommand: "GetItem",
  GetItemCommand: "GetItem",
  PutCommand: "PutItem",
  PutItemCommand: "PutItem",
  UpdateCommand: "UpdateItem",
  UpdateItemCommand: "UpdateItem",
  DeleteCommand: "DeleteItem",
  DeleteItemCommand: "DeleteItem",
  QueryCommand: "Query",
  paginateQuery: "Query",
  ScanCommand: "Scan",
  paginateScan: "Scan",
  BatchGetCommand: "BatchGetItem",
  BatchGetItemCommand: "BatchGetItem",
  BatchWriteCommand: "BatchWriteItem",
  BatchWriteItemCommand: "BatchWriteItem",
  TransactGetCommand: "TransactGetItems",
  TransactGetItemsCommand: "TransactGetItems",
  TransactWriteCommand: "TransactWriteItems",
  TransactWriteItemsCommand: "TransactWriteItems",
};

/** Imported names of the DynamoDB packages that are not operations. */
const NOT_OPERATIONS = new Set([
  "DynamoDBClient",
  "DynamoDBDocumentClient",
  "ConditionalCheckFailedException",
]);

interface TableUse {
  readonly operations: ReadonlySet<string>;
  readonly indexes: ReadonlySet<string>;
}

async function tableUseOf(name: BridgeFunctionName): Promise<TableUse> {
  const { metafile } = await build({
    ...esbuildEquivalent(),
    entryPoints: [functionEntry(name)],
    outdir: join(PROJECT_ROOT, "node_modules", ".cache", "table-permissions"),
    write: false,
    metafile: true,
  });
  const operations = new Set<string>();
  const indexes = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    if (input.includes("node_modules/") || !input.endsWith(".ts")) continue;
    const source = readFileSync(join(PROJECT_ROOT, input), "utf8");
    for (const [, names] of source.matchAll(
      /import\s*\{([^}]*)\}\s*from\s*"@aws-sdk\/(?:lib|client)-dynamodb"/g,
    ))
      for (const raw of (names ?? "").split(",")) {
        const imported = raw.trim();
        if (imported === "" || imported.startsWith("type ") || NOT_OPERATIONS.has(imported)) continue;
        const operation = OPERATION_OF[imported];
        if (!operation)
          throw new Error(`${input} imports ${imported}: add its DynamoDB operation to this test`);
        operations.add(operation);
      }
    for (const [, index] of source.matchAll(/IndexName:\s*"(\w+)"/g)) if (index) indexes.add(index);
  }
  return { operations, indexes };
}

const FUNCTIONS: readonly BridgeFunctionName[] = ["intake", "routing", "sla-scanner"];

describe("each function's DynamoDB grant matches the operations its code sends", () => {
  const { template } = synthBridge({ validateCloudFormation: false });
  const uses = new Map<BridgeFunctionName, TableUse>();
  beforeAll(async () => {
    for (const name of FUNCTIONS) uses.set(name, await tableUseOf(name));
  });

  const dynamoStatements = (name: BridgeFunctionName) =>
    statementsOfRole(template, roleOf(functionNamed(template, name)[1])).filter((s) =>
      asArray(s.Action).some((action) => action.startsWith("dynamodb:")),
    );
  const grantedOn = (name: BridgeFunctionName, onIndexes: boolean) =>
    dynamoStatements(name)
      .filter((s) => JSON.stringify(s.Resource).includes("/index/") === onIndexes)
      .flatMap((s) => asArray(s.Action).map((action) => action.replace("dynamodb:", "")));

  it.each(FUNCTIONS)("%s: the table's item operations", (name) => {
    const used = [...(uses.get(name)?.operations ?? [])].sort();
    expect(used.length).toBeGreaterThan(0);
    expect(grantedOn(name, false).sort()).toEqual(used);
  });

  it.each(FUNCTIONS)("%s: Query on the indexes it queries, and no others", (name) => {
    const queried = [...(uses.get(name)?.indexes ?? [])].sort();
    const indexes = dynamoStatements(name).flatMap((s) =>
      [...JSON.stringify(s.Resource).matchAll(/\/index\/(\w+)/g)].map((m) => m[1]),
    );
    expect(indexes.sort()).toEqual(queried);
    if (queried.length > 0) expect(grantedOn(name, true)).toEqual(["Query"]);
  });

  it("grants no function a table-wide read (Scan) or a table change", () => {
    const actions = FUNCTIONS.flatMap((name) => dynamoStatements(name).flatMap((s) => asArray(s.Action)));
    expect(actions.filter((a) => /Scan|Table|\*/.test(a))).toEqual([]);
  });
});
