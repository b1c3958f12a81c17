/**
 * The two-way benchmark: `npm run bench:two-way [-- options]`. Not a test: it prints figures (Markdown).
 *
 * On the local stack (Zendesk and Telegram emulators, embedded dynalite), an agent's public comment is
 * posted to a ticket again and again; each time the Zendesk emulator delivers the signed webhook to the
 * stack. Measured per comment: from the moment the server gets the webhook request to the moment the last
 * Bot API call for the reply has been answered, for a short reply (one message) and for a long one that
 * splits into 3 parts. The stack's clock moves 10 s between comments so per-chat pacing never waits. Each
 * ticket takes 10 comments, then a new one is filed: the relay reads the ticket's comment list to find the
 * comment, so a ticket with hundreds of long comments would measure that list, not a typical reply.
 *
 * Options: --samples=100 (per kind) --warmup=5
 */
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, platform, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { PROJECT_ROOT } from "../lib/constructs/bridge-function.js";
import { loadLocalConfig } from "../src/config/local-config.js";
import { AdjustableClock } from "../src/local/adjustable-clock.js";
import { startLocalStack } from "../src/wiring/local.js";
import { Customer } from "../test/integration/intake-support.js";
import { ticketFor } from "../test/integration/two-way-support.js";
import { silentLogger, type TestStack } from "../test/support/test-stack.js";
import { describeTree } from "./support/git-tree.js";
import { markdownTable, median, quantile } from "./support/stats.js";

const option = (name: string, fallback: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
const samples = Number(option("samples", "100"));
const warmup = Number(option("warmup", "5"));

const COMMENTS_PER_TICKET = 10;
const progress = (message: string) => process.stderr.write(`${message}\n`);
const ms = (value: number) => value.toFixed(1);

const SHORT = "Thanks for waiting: your parcel left our warehouse today and should arrive on Friday.";
/** Three paragraphs of about 3,400 characters: no two fit in one message, so the reply is sent in 3 parts. */
const LONG = Array.from({ length: 3 }, (_, i) =>
  `Part ${i + 1}. ${"Мы проверили вашу посылку 📦 и всё в порядке. We checked the parcel. ".repeat(50)}`.trim(),
).join("\n\n");

function machine(): string {
  const cpu = cpus();
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  return (
    `Machine: ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; ` +
    `${platform()} ${release()}, Node ${process.version}; tree ${describeTree(PROJECT_ROOT)}; load average at start ${load}`
  );
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "bench-two-way-"));
  const clock = new AdjustableClock();
  /** performance.now() of the first webhook request of the current comment, and of the last Bot API answer. */
  let arrival: number | undefined;
  let lastAnswer = 0;
  let sends = 0;
  const stack = await startLocalStack(loadLocalConfig({ PORT: "0", DATA_DIR: dataDir }), {
    clock,
    logger: silentLogger(),
    busRetryDelayMs: () => 0,
    // No Help Center articles: filing the bench's tickets goes from Done straight to the summary.
    helpCenterArticles: [],
    instrument: ({ telegramApi }) =>
      telegramApi.config.use(async (prev, method, payload, signal) => {
        const result = await prev(method, payload, signal);
        if (method === "sendMessage") {
          sends += 1;
          lastAnswer = performance.now();
        }
        return result;
      }),
  });
  stack.server.prependListener("request", (req) => {
    if (req.method === "POST" && req.url === "/zendesk/webhook") arrival ??= performance.now();
  });
  try {
    const { emulator: telegram } = stack.telegram;
    const { emulator: zendesk } = stack.zendesk;
    if (!telegram || !zendesk) throw new Error("the benchmark runs on the built-in emulators");
    const t: TestStack = { stack, url: stack.url, clock, telegram, zendesk, dataDir, close: stack.close };
    const customer = new Customer(t, { id: 400_001 });
    let ticketId = 0;

    const measure = async (body: string, parts: number): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < warmup + samples; i++) {
        if (i % COMMENTS_PER_TICKET === 0) {
          // Solved first, so the customer keeps one open ticket and files the next through the form.
          if (ticketId) await zendesk.setStatus(ticketId, "solved");
          ticketId = await ticketFor(t, customer);
        }
        clock.advance(10);
        arrival = undefined;
        sends = 0;
        await zendesk.agentComment(ticketId, { body, public: true, authorName: "Boris Petrov" });
        await zendesk.waitForIdle();
        await stack.bus.drain();
        if (arrival === undefined || sends !== parts) {
          throw new Error(`comment ${i}: ${sends} messages sent, expected ${parts}`);
        }
        if (i >= warmup) times.push(lastAnswer - arrival);
      }
      return times;
    };
    progress(`short replies: ${warmup} + ${samples}...`);
    const short = await measure(SHORT, 1);
    progress(`long replies (3 parts): ${warmup} + ${samples}...`);
    const long = await measure(LONG, 3);
    const throttled = telegram.calls.filter((c) => JSON.stringify(c.response).includes('"error_code":429'));
    const row = (label: string, times: number[]) => [
      label,
      String(times.length),
      ms(median(times)),
      ms(quantile(times, 0.99)),
    ];
    process.stdout.write(
      [
        "## Zendesk webhook to the last Telegram call (local stack)",
        "",
        markdownTable(
          ["reply", "n", "median ms", "p99 ms"],
          [
            row(`short (1 message, ${SHORT.length} chars)`, short),
            row(`long (3 parts, ${LONG.length} chars)`, long),
          ],
        ),
        "",
        `${warmup} comments of each kind first as a warm-up, not counted; ${COMMENTS_PER_TICKET} comments per ticket; ` +
          `${throttled.length} Bot API calls answered 429.`,
        machine(),
        "",
      ].join("\n"),
    );
  } finally {
    await stack.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
