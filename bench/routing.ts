/**
 * The routing benchmark: `npm run bench:routing [-- options]`. Not a test: it prints figures (Markdown)
 * and never fails on a slow machine; only duplicates or lost requests make it exit 1.
 *
 * 1. The classifier as the Lambda uses it (scripts/routing/classifier-figures.ts, also
 *    `bench:routing-classifier`): time per message (median, p99), artefact size and load time.
 * 2. Zendesk calls per ticket, one ticket at a time through the local stack: a customer's first ticket
 *    (cold requester) and their next one (requester id cached in DynamoDB).
 * 3. A burst of intakes published on the in-process bus at once (some twice), against the Zendesk
 *    emulator's 700 requests per clock minute, with the stack's time scaled (bench/support/scaled-time.ts):
 *    tickets created, duplicates, lost, dead letters replayed, 429s and the share of the limit used.
 *
 * Options: --intakes=5000 --customers=500 --redeliver-every=20 --time-scale=10 --call-samples=10
 */
import { cpus, loadavg, platform, release, totalmem } from "node:os";
import { measureClassifier } from "../scripts/routing/classifier-figures.js";
import { type BurstResult, runBurst } from "./support/routing-burst.js";
import { markdownTable, max, median, min } from "./support/stats.js";

const option = (name: string, fallback: string): number =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);

const progress = (message: string) => process.stderr.write(`${message}\n`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
const micros = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
const spread = (values: readonly number[]) =>
  `${median(values)} (min ${min(values)}, max ${max(values)}, n=${values.length})`;

function machine(): string {
  const cpu = cpus();
  return (
    `Machine: ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; ` +
    `${platform()} ${release()}, Node ${process.version}; load average at start ${load()}`
  );
}

function burstTable(result: BurstResult, timeScale: number): string {
  const b = result.burst;
  const rows: Array<[string, string]> = [
    ["intakes (distinct requests)", String(b.intakes)],
    ["events published (with redeliveries)", String(b.published)],
    ["tickets created", String(b.ticketsCreated)],
    ["duplicates (must be 0)", String(b.duplicates)],
    ["lost (must be 0)", String(b.lost)],
    ['"Ticket #N created" notices', String(b.customerNotices)],
    ["dead-lettered by the bus, then replayed", `${b.deadLettered}, ${b.replayedFromDeadLetters}`],
    ["Zendesk API calls (of which 429)", `${b.zendeskCalls} (${b.throttled})`],
    [
      "clock minutes / real seconds",
      `${b.clockMinutes.toFixed(1)} / ${b.realSeconds.toFixed(0)} (clock x${timeScale})`,
    ],
    [
      "share of the rate limit used",
      `${(b.rateLimitShare * 100).toFixed(0)}% of ${result.rateLimitPerMinute}/min`,
    ],
    ["busiest clock minute (accepted calls)", String(b.busiestMinute)],
  ];
  return markdownTable(["burst", "value"], rows);
}

async function main(): Promise<number> {
  const intakes = option("intakes", "5000");
  const timeScale = option("time-scale", "10");
  const lines = [machine(), ""];

  progress("classifier...");
  const c = measureClassifier();
  lines.push(
    markdownTable(
      ["classifier", "value"],
      [
        [
          "classify, median / p99",
          `${micros(c.classifyMedianMs)} / ${micros(c.classifyP99Ms)} (${c.messages} dev messages)`,
        ],
        ["artefact", `${c.modelPath}, ${(c.artefactBytes / 1024).toFixed(0)} KiB`],
        [
          "load (JSON.parse + createClassifier), median",
          `${c.loadMedianMs.toFixed(1)} ms (${c.loadRuns} runs)`,
        ],
        ["first load in the process", `${c.firstLoadMs.toFixed(1)} ms`],
      ],
    ),
    "",
  );

  const result = await runBurst({
    intakes,
    customers: option("customers", "500"),
    redeliverEvery: option("redeliver-every", "20"),
    timeScale,
    callSamples: option("call-samples", "10"),
    progress,
  });
  const calls = result.callsPerTicket;
  lines.push(
    markdownTable(
      ["Zendesk calls per ticket", "median (min, max, n)"],
      [
        ["first ticket of a container (+ groups, fields)", String(calls.firstInContainer)],
        ["cold requester", spread(calls.coldRequester)],
        ["steady state (requester cached)", spread(calls.steadyState)],
      ],
    ),
    "",
    burstTable(result, timeScale),
    "",
    `Load average at the end ${load()}.`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
  return result.burst.duplicates === 0 && result.burst.lost === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
