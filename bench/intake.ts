/**
 * The intake benchmark: `npm run bench:intake [-- options]`. Not a test: it prints figures (Markdown) and
 * judges them against the goals, it never fails on a slow machine.
 *
 * 1. Handler time and calls per update on the local stack: complete forms driven through the Telegram
 *    emulator into the real intake bot, embedded dynalite and the in-process bus. Time is measured in
 *    the server, from the webhook request event to the response handed to the socket. DynamoDB and
 *    Bot API calls are counted per update (see support/update-recorder.ts).
 * 2. Intake bundle size and cold init: the handler bundled by CDK with the deployed options, then
 *    imported in fresh Node processes with made-up configuration and no network, round-robin with the
 *    other builds so machine load hits them alike.
 *
 * Options: --customers=200 --concurrency=8 --warmup=8 (first customers, not counted) --init-runs=15
 *          --baseline=<git ref> (also bundle and time that commit, side by side) --only=stack|bundle
 *          --node=<path>|lambda (the Node that imports the bundles: this one by default; `lambda` fetches
 *          the Lambda runtime's Node major from the npm registry once, see support/lambda-node.ts)
 *          --instructions=auto|no (count each import's instructions with Valgrind, when it is installed)
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, platform, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import type { BundlingOptions } from "aws-cdk-lib/aws-lambda-nodejs";
import { BRIDGE_BUNDLING, functionEntry, PROJECT_ROOT } from "../lib/constructs/bridge-function.js";
import { loadLocalConfig } from "../src/config/local-config.js";
import { AdjustableClock } from "../src/local/adjustable-clock.js";
import { startLocalStack } from "../src/wiring/local.js";
import { silentLogger, type TestStack } from "../test/support/test-stack.js";
import { type BuiltBundle, bundleWithCdk } from "./support/cdk-bundle.js";
import {
  countImportInstructions,
  type ImportInstructions,
  type InitSample,
  networkAttemptsOnImport,
  RUNTIME_CLIENT_MODULES,
  timeImport,
  valgrindAvailable,
} from "./support/cold-init.js";
import { driveForms, SCRIPTS, type SentUpdate } from "./support/form-driver.js";
import { describeTree, exportRef } from "./support/git-tree.js";
import { lambdaNode, nodeVersion } from "./support/lambda-node.js";
import { markdownTable, max, mean, median, min, quantile } from "./support/stats.js";
import { type UpdateRecord, UpdateRecorder } from "./support/update-recorder.js";

const GOALS = { dynamoCallsPerUpdate: 3, bundleKiB: 500, initMs: 100 } as const;
/** What NodejsFunction leaves to the Lambda runtime by default (Node 18+). */
const SDK_EXTERNALS = ["@aws-sdk/*", "@smithy/*"];

const option = (name: string, fallback: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
const customers = Number(option("customers", "200"));
const concurrency = Number(option("concurrency", "8"));
const warmup = Number(option("warmup", "8"));
const initRuns = Number(option("init-runs", "15"));
const baselineRef = option("baseline", "");
const only = option("only", "");
const nodeOption = option("node", "");
const countInstructions = option("instructions", "auto") !== "no" && valgrindAvailable();

const progress = (message: string) => process.stderr.write(`${message}\n`);
const ms = (value: number) => value.toFixed(1);
const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const verdict = (met: boolean) => (met ? "met" : "**missed**");
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

function machine(): string {
  const cpu = cpus();
  return [
    `Machine: ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`,
    `${platform()} ${release()}, Node ${process.version}; tree ${describeTree(PROJECT_ROOT)}; load average at start ${load()}`,
  ].join("; ");
}

/** The most frequent call sequence, e.g. `Get + TransactWrite`. */
function typical(sequences: readonly string[][]): string {
  const counts = new Map<string, number>();
  for (const s of sequences) {
    const key = s.map((c) => c.replace(/Command$/, "")).join(" + ") || "none";
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const [key, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ["none", 0];
  return counts.size === 1 ? key : `${key} (${count} of ${sequences.length})`;
}

function updateRow(label: string, records: readonly UpdateRecord[]): string[] {
  const times = records.map((r) => (r.end as number) - r.start);
  const dynamo = records.map((r) => r.dynamo.length);
  const telegram = records.map((r) => r.telegram.length);
  return [
    label,
    String(records.length),
    ms(median(times)),
    ms(quantile(times, 0.99)),
    mean(dynamo).toFixed(2),
    String(max(dynamo)),
    typical(records.map((r) => r.dynamo)),
    mean(telegram).toFixed(2),
    String(max(telegram)),
    typical(records.map((r) => r.telegram)),
  ];
}

async function benchStack(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), "bench-intake-"));
  const recorder = new UpdateRecorder();
  const clock = new AdjustableClock();
  const stack = await startLocalStack(loadLocalConfig({ PORT: "0", DATA_DIR: dataDir }), {
    clock,
    logger: silentLogger(),
    busRetryDelayMs: () => 0,
    // Done still searches the Help Center (one emulator call), but finds nothing: the scripted forms go
    // from Done to Confirm as before, so the figures stay comparable.
    helpCenterArticles: [],
    instrument: ({ db, telegramApi }) => {
      recorder.countDynamo(db);
      recorder.countTelegram(telegramApi);
    },
  });
  try {
    recorder.timeRequests(stack.server, "/telegram/webhook");
    recorder.dropPublishes(stack.bus);
    const { emulator: telegram } = stack.telegram;
    const { emulator: zendesk } = stack.zendesk;
    if (!telegram || !zendesk) throw new Error("the benchmark runs on the built-in emulators");
    const t: TestStack = { stack, url: stack.url, clock, telegram, zendesk, dataDir, close: stack.close };
    const sent = new Map<number, SentUpdate>();
    progress(`stack: ${warmup} + ${customers} customers, ${concurrency} at a time...`);
    const started = performance.now();
    await driveForms(t, { count: warmup + customers, concurrency, firstId: 300_001 }, sent);
    const seconds = (performance.now() - started) / 1000;

    // The emulator posts one update at a time, so the n-th request the server saw is its n-th delivery.
    const deliveries = telegram.webhookDeliveries;
    if (deliveries.length !== recorder.records.length || deliveries.some((d) => d.attempt !== 1)) {
      throw new Error(
        `${deliveries.length} deliveries (some retried?) for ${recorder.records.length} requests`,
      );
    }
    const byLabel = new Map<string, UpdateRecord[]>();
    const counted: UpdateRecord[] = [];
    deliveries.forEach((delivery, i) => {
      const record = recorder.records[i] as UpdateRecord;
      const update = sent.get(delivery.updateId);
      if (!update || record.status !== 200 || record.end === undefined) {
        throw new Error(`update ${delivery.updateId} was not answered 200 (got ${record.status})`);
      }
      if (update.customer < warmup) return;
      counted.push(record);
      byLabel.set(update.label, [...(byLabel.get(update.label) ?? []), record]);
    });
    const published = counted.reduce((n, r) => n + r.published.length, 0);
    if (published !== customers) throw new Error(`${published} requests submitted by ${customers} customers`);
    const throttled = telegram.calls.filter((c) => JSON.stringify(c).includes('"error_code":429')).length;

    const labels = [...new Set(SCRIPTS.flatMap((script) => script.map(([label]) => label)))];
    const dynamo = counted.map((r) => r.dynamo.length);
    const header = [
      "update",
      "n",
      "median ms",
      "p99 ms",
      "DynamoDB mean",
      "max",
      "typical DynamoDB calls",
      "Bot API mean",
      "max",
      "typical Bot API calls",
    ];
    return [
      "## Handler time and calls per update (local stack)",
      "",
      `${counted.length} updates from ${customers} customers (after ${warmup} more, the first to start, as a warm-up not counted), ` +
        `${concurrency} customers at a time; the emulator posts one update at a time, like one Lambda instance. ` +
        `${ms(seconds)} s wall time for all ${deliveries.length} updates, ${throttled} Bot API calls throttled (429).`,
      "Time: server side, webhook request event to response handed to the socket (includes in-process dynalite and emulator).",
      "Published events are validated and dropped: their consumers are other functions on AWS.",
      "",
      markdownTable(header, [
        updateRow("all updates", counted),
        ...labels.flatMap((label) => {
          const records = byLabel.get(label);
          return records ? [updateRow(label, records)] : [];
        }),
      ]),
      "",
      `Goal: DynamoDB calls per update <= ${GOALS.dynamoCallsPerUpdate}: ${verdict(max(dynamo) <= GOALS.dynamoCallsPerUpdate)} ` +
        `(mean ${mean(dynamo).toFixed(2)}, max ${max(dynamo)}). Events published: ${published} (one PutEvents each on AWS).`,
    ].join("\n");
  } finally {
    await stack.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Whether a tree's functions run with `--enable-source-maps` (set in NODE_OPTIONS by BridgeFunction until
 * logged errors were mapped on demand), read from its source so that older baselines are timed as deployed.
 */
const deployedWithSourceMaps = (projectRoot: string): boolean =>
  readFileSync(join(projectRoot, "lib", "constructs", "bridge-function.ts"), "utf8").includes(
    'NODE_OPTIONS: "--enable-source-maps"',
  );

interface Build extends BuiltBundle {
  readonly title: string;
  readonly sourceMaps: boolean;
  readonly withMaps: InitSample[];
  readonly withoutMaps: InitSample[];
  /** As deployed, with the modules Lambda's runtime client loads already loaded. */
  readonly afterRuntimeClient: InitSample[];
  network: string[];
  instructions?: ImportInstructions;
}

async function benchBundles(): Promise<string> {
  const builds: Build[] = [];
  const add = (
    title: string,
    label: string,
    entry: string,
    projectRoot: string,
    bundling: BundlingOptions,
  ) => {
    progress(`bundling ${title}...`);
    const built = bundleWithCdk({ label, entry, projectRoot, bundling, cacheRoot: PROJECT_ROOT });
    const sourceMaps = deployedWithSourceMaps(projectRoot);
    builds.push({
      ...built,
      title,
      sourceMaps,
      withMaps: [],
      withoutMaps: [],
      afterRuntimeClient: [],
      network: [],
    });
  };
  add("deployed (working tree)", "deployed", functionEntry("intake"), PROJECT_ROOT, BRIDGE_BUNDLING);
  if (baselineRef !== "") {
    const { dir, commit } = exportRef(PROJECT_ROOT, baselineRef);
    try {
      const baseline = (await import(
        pathToFileURL(join(dir, "lib", "constructs", "bridge-function.ts")).href
      )) as typeof import("../lib/constructs/bridge-function.js");
      add(`baseline ${baselineRef} (${commit})`, "baseline", baseline.functionEntry("intake"), dir, {
        ...baseline.BRIDGE_BUNDLING,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  add("reference: SDK left to the runtime", "sdk-external", functionEntry("intake"), PROJECT_ROOT, {
    ...BRIDGE_BUNDLING,
    externalModules: SDK_EXTERNALS,
  });

  const node =
    nodeOption === "lambda" ? lambdaNode(PROJECT_ROOT) : nodeOption === "" ? process.execPath : nodeOption;
  for (const build of builds) {
    build.network = networkAttemptsOnImport(build.file, { node });
    timeImport(build.file, { sourceMaps: true, node }); // warms the file cache
    if (countInstructions) {
      progress(`counting the instructions of ${build.title}...`);
      build.instructions = countImportInstructions(build.file, node);
    }
  }
  for (let run = 1; run <= initRuns; run++) {
    progress(`cold init: run ${run} of ${initRuns}, load average ${load()}`);
    for (const build of builds) {
      build.withMaps.push(timeImport(build.file, { sourceMaps: true, node }));
      build.withoutMaps.push(timeImport(build.file, { sourceMaps: false, node }));
      build.afterRuntimeClient.push(
        timeImport(build.file, { sourceMaps: build.sourceMaps, node, afterRuntimeClient: true }),
      );
    }
  }

  const reference = builds.find((b) => b.label === "baseline") ?? (builds[0] as Build);
  const wall = (samples: InitSample[]) => samples.map((s) => s.wallMs);
  const cpu = (samples: InitSample[]) => samples.map((s) => s.cpuMs);
  const range = (values: number[]) => `${ms(median(values))} (${ms(min(values))}-${ms(max(values))})`;
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  const timing = (b: Build, pick: (s: InitSample[]) => number[], samples: (b: Build) => InitSample[]) => {
    const own = pick(samples(b));
    return [range(own), ratio(median(own), median(pick(samples(reference))))];
  };
  const asDeployed = (b: Build) => (b.sourceMaps ? b.withMaps : b.withoutMaps);
  const maps = (b: Build) => b.withMaps;
  const mapsOff = (b: Build) => b.withoutMaps;
  const afterRuntime = (b: Build) => b.afterRuntimeClient;
  const millions = (count: number) => (count / 1e6).toFixed(1);
  const instructions = (b: Build) =>
    b.instructions === undefined || reference.instructions === undefined
      ? ["not counted", ""]
      : [
          `${millions(b.instructions.mainThread)} + ${millions(b.instructions.helperThreads)}`,
          ratio(b.instructions.mainThread, reference.instructions.mainThread),
        ];
  const deployed = builds[0] as Build;
  const initMedian = median(wall(asDeployed(deployed)));
  const afterRuntimeMedian = median(wall(deployed.afterRuntimeClient));
  return [
    "## Intake bundle and cold init",
    "",
    `Bundled by CDK's NodejsFunction with the function's bundling options. Init: \`import()\` of index.mjs in a ` +
      `fresh Node ${nodeVersion(node)} process (made-up config, no credentials, no network); median of ${initRuns} runs taken ` +
      "round-robin across builds, min-max in brackets; wall time, and CPU time of the process (all threads) over " +
      'the same span, which load from other processes disturbs less. "As deployed": with `--enable-source-maps` ' +
      "where the build's functions set it in NODE_OPTIONS (marked *maps*), without where they map logged errors " +
      'on demand. "After the runtime client": as deployed, but the built-ins ' +
      `Lambda's runtime interface client has loaded before it imports a handler (${RUNTIME_CLIENT_MODULES.join(", ")}) ` +
      "are loaded before the clock starts, as on Lambda. Instructions: millions executed by the import on the main " +
      "thread + on Node's helper threads (root certificates, GC), counted once by Valgrind's callgrind against a " +
      "process importing an empty module; they repeat to within a few million (about 2%) where times vary by 10-40%. " +
      `Ratios are against ${reference.title}.`,
    "",
    markdownTable(
      [
        "build",
        "index.mjs KiB",
        "gzip KiB",
        ".map KiB",
        "ratio",
        "init wall ms, as deployed",
        "ratio",
        "init CPU ms, as deployed",
        "ratio",
        "init wall ms, after the runtime client",
        "ratio",
        "init wall ms, maps on",
        "ratio",
        "init wall ms, maps off",
        "ratio",
        "instructions M (main + helpers)",
        "ratio",
        "network at import",
      ],
      builds.map((b) => [
        b.sourceMaps ? `${b.title} *maps*` : b.title,
        kib(b.bytes),
        kib(b.gzipBytes),
        kib(b.mapBytes),
        ratio(b.bytes, reference.bytes),
        ...timing(b, wall, asDeployed),
        ...timing(b, cpu, asDeployed),
        ...timing(b, wall, afterRuntime),
        ...timing(b, wall, maps),
        ...timing(b, wall, mapsOff),
        ...instructions(b),
        b.network.length === 0 ? "none" : b.network.join(", "),
      ]),
    ),
    "",
    `Goals: bundle <= ${GOALS.bundleKiB} KiB minified: ${verdict(deployed.bytes <= GOALS.bundleKiB * 1024)} ` +
      `(${kib(deployed.bytes)} KiB); cold init <= ${GOALS.initMs} ms: ${verdict(initMedian <= GOALS.initMs)} ` +
      `(median ${ms(initMedian)} ms wall, ${ms(median(cpu(asDeployed(deployed))))} ms CPU; ` +
      `${ms(afterRuntimeMedian)} ms after the runtime client's modules). Load average at the end ${load()}.`,
  ].join("\n");
}

const sections = [`# Intake benchmark\n\n${machine()}`];
if (only !== "bundle") sections.push(await benchStack());
if (only !== "stack") sections.push(await benchBundles());
process.stdout.write(`${sections.join("\n\n")}\n`);
