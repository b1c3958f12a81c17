/**
 * Measures what bundling AWS SDK v3 costs each Lambda function.
 *
 * For every function it builds `functions/<name>/handler.ts` with the exact esbuild
 * options the CDK app uses (BRIDGE_BUNDLING), its module wrappers parenthesized as
 * after-bundling does, once with the SDK bundled (what we deploy) and once with
 * `@aws-sdk/*` and `@smithy/*` external (the NodejsFunction default, which would use
 * the SDK the Lambda runtime ships). It prints the size of index.mjs and its
 * source map, and the median time to `import()` the bundle in a fresh Node process, as
 * deployed (without `--enable-source-maps`; figures before 2026-11-26 had it), over --runs runs
 * (default 10).
 *
 * While the handlers are still stubs it also measures a "projected" entry per function
 * that imports and constructs the clients that function is planned to use, so the SDK
 * cost is visible before the handlers grow. Re-run when they do:
 *
 *   npx tsx scripts/measure-bundles.ts [--runs=10]
 *
 * Bundles go to node_modules/.cache/measure-bundles so the SDK-external variant resolves
 * `@aws-sdk/*` from the project's node_modules, the way Lambda resolves it from the runtime.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { eagerModuleWrappers } from "../lib/bundling/eager-module-wrappers.mjs";
import { type BridgeFunctionName, functionEntry, PROJECT_ROOT } from "../lib/constructs/bridge-function.js";
import { esbuildEquivalent } from "../lib/constructs/bundling-equivalent.js";
import { MADE_UP_FUNCTION_ENV } from "./support/made-up-function-env.js";

const runs = Number(process.argv.find((a) => a.startsWith("--runs="))?.split("=")[1] ?? 10);
const outRoot = join(PROJECT_ROOT, "node_modules", ".cache", "measure-bundles");

/** What NodejsFunction marks external by default on Node 18+ with the smithy feature flag on. */
const SDK_EXTERNALS = ["@aws-sdk/*", "@smithy/*"];

/** Clients and libraries each function is planned to load at cold start. */
const PROJECTED: Record<BridgeFunctionName, string> = {
  intake: `
    import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
    import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
    import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
    import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
    import { Logger } from "@aws-lambda-powertools/logger";
    import { Bot } from "grammy";
    const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const clients = [ddb, new EventBridgeClient({}), new SecretsManagerClient({}), new Logger(), Bot];
    export const handler = async () => clients.length;`,
  routing: `
    import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
    import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
    import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
    import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
    import { Logger } from "@aws-lambda-powertools/logger";
    import { Api } from "grammy";
    import { createClient } from "node-zendesk";
    const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const clients = [ddb, new EventBridgeClient({}), new SecretsManagerClient({}), new Logger(), Api, createClient];
    export const handler = async () => clients.length;`,
  "sla-scanner": `
    import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
    import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
    import { SNSClient } from "@aws-sdk/client-sns";
    import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
    import { Logger } from "@aws-lambda-powertools/logger";
    import { createClient } from "node-zendesk";
    const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const clients = [ddb, new SNSClient({}), new SecretsManagerClient({}), new Logger(), createClient];
    export const handler = async () => clients.length;`,
};

const esbuildOptions = esbuildEquivalent;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

// A fresh process per run: module caches and JIT state must not carry over.
const importMillis = (file: string): number => {
  const probe =
    "const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));";
  const out = execFileSync(
    process.execPath,
    ["--input-type=module", "-e", probe, pathToFileURL(file).href],
    // A region lets clients be constructed; no credentials, so nothing can reach AWS.
    // stderr is captured (and shown only if the import fails): on Node 20 the SDK prints a
    // deprecation notice on every load.
    {
      env: { PATH: process.env.PATH ?? "", ...MADE_UP_FUNCTION_ENV },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  return Number(out);
};

interface Bundle {
  readonly fn: BridgeFunctionName;
  readonly entry: "handler" | "projected";
  readonly sdk: "bundled" | "external";
  readonly file: string;
  readonly times: number[];
}

const bundle = async (
  fn: BridgeFunctionName,
  entry: Bundle["entry"],
  sdk: Bundle["sdk"],
): Promise<Bundle> => {
  const dir = join(outRoot, fn, entry, sdk);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "index.mjs");
  const source =
    entry === "handler"
      ? { entryPoints: [functionEntry(fn)] }
      : { stdin: { contents: PROJECTED[fn], resolveDir: PROJECT_ROOT, loader: "ts" as const } };
  await build({ ...esbuildOptions(sdk === "bundled" ? [] : SDK_EXTERNALS), ...source, outfile: file });
  writeFileSync(file, eagerModuleWrappers(readFileSync(file, "utf8")).code);
  return { fn, entry, sdk, file, times: [] };
};

const bundles: Bundle[] = [];
for (const fn of ["intake", "routing", "sla-scanner"] as const) {
  for (const entry of ["handler", "projected"] as const) {
    for (const sdk of ["bundled", "external"] as const) bundles.push(await bundle(fn, entry, sdk));
  }
}

// One untimed import per bundle warms the OS file cache. The timed runs go round-robin
// so that load from other processes hits every variant alike.
for (const b of bundles) importMillis(b.file);
for (let run = 0; run < runs; run++) {
  for (const b of bundles) b.times.push(importMillis(b.file));
}

const kib = (file: string): string => (statSync(file).size / 1024).toFixed(1);
const rows = bundles.map((b) => [
  b.fn,
  b.entry,
  b.sdk,
  kib(b.file),
  kib(`${b.file}.map`),
  `${median(b.times).toFixed(1)} (${Math.min(...b.times).toFixed(1)}-${Math.max(...b.times).toFixed(1)})`,
]);

const header = [
  "function",
  "entry",
  "AWS SDK",
  "index.mjs KiB",
  ".map KiB",
  `import ms, median of ${runs} (min-max)`,
];
const table = [header, ...rows];
const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? "").length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
const load = loadavg()
  .map((l) => l.toFixed(1))
  .join(" ");
writeFileSync(1, `Node ${process.version}, ${process.arch}, ${cpus().length} CPUs, load average ${load}\n\n`);
writeFileSync(
  1,
  `${[line(header), line(widths.map((w) => "-".repeat(w))), ...table.slice(1).map(line)].join("\n")}\n`,
);
