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
 * Each function's DynamoDB grant is exactly what its bundle can send. The operations and indexes are read from
 * the project sources esbuild puts in the function's bundle, so a new command in an adapter fails here (with
 * its name) instead of as AccessDenied after a deploy, and an operation no code sends any more is not left
 * granted. Query is granted where queries go: on an index named by a literal `IndexName`, on the table only
 * for a query without one. Whatever this reading cannot follow (a computed index name, a namespace or dynamic
 * import of a DynamoDB package) fails the test.
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
    if (
      /import\s*\*\s*as\s+\w+\s+from\s*"@aws-sdk\/(?:lib|client)-dynamodb"|import\(\s*"@aws-sdk\/(?:lib|client)-dynamodb"/.test(
        source,
      )
    )
      throw new Error(
        `${input} imports a DynamoDB package whole or dynamically: import its commands by name`,
      );
    for (const [, names] of source.matchAll(
      /import\s*\{([^}]*)\}\s*from\s*"@aws-sdk\/(?:lib|client)-dynamodb"/g,
    ))
      for (const raw of (names ?? "").split(",")) {
        const imported = raw.trim();
        if (imported === "" || imported.startsWith("type ") || NOT_OPERATIONS.has(imported)) continue;
        const operation = OPERATION_OF[imported];
        if (!operation)
          throw new Error(`${input} imports ${imported}: add its DynamoDB operation to this test`);
        // Queries are counted below, by where they go.
        if (operation !== "Query") operations.add(operation);
      }
    const indexNames = [...source.matchAll(/IndexName:\s*(\S+)/g)].map(([, value]) => value ?? "");
    for (const value of indexNames) {
      const literal = /^"(\w+)",?$/.exec(value)?.[1];
      if (!literal)
        throw new Error(`${input}: IndexName ${value} is not a string literal this test can read`);
      indexes.add(literal);
    }
    // A query without an IndexName reads the table itself.
    const queries = source.match(/new QueryCommand\(|paginateQuery\(/g)?.length ?? 0;
    if (queries > indexNames.length) operations.add("Query");
  }
  return { operations, indexes };
}

const FUNCTIONS: readonly BridgeFunctionName[] = ["intake", "routing", "sla-scanner"];

describe("each function's DynamoDB grant matches what its bundle can send", () => {
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
