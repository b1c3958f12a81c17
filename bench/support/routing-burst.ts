import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InProcessDeadLetters } from "../../src/adapters/bus/in-process-dead-letters.js";
import { defaultTransportSettings } from "../../src/adapters/zendesk/zendesk-transport.js";
import { loadLocalConfig } from "../../src/config/local-config.js";
import type { IntakeSubmitted } from "../../src/domain/events.js";
import { replayDeadLetters } from "../../src/domain/operations/replay-dead-letters.js";
import { AdjustableClock } from "../../src/local/adjustable-clock.js";
import type { RecordedRequest } from "../../src/local/emulators/zendesk/index.js";
import { type LocalStack, localBusRetryDelayMs, startLocalStack } from "../../src/wiring/local.js";
import { silentLogger } from "../../test/support/test-stack.js";
import { ScaledTime } from "./scaled-time.js";

export interface BurstOptions {
  readonly intakes: number;
  /** Distinct Telegram customers the intakes come from (round robin): the rest find a cached requester. */
  readonly customers: number;
  /** Every n-th intake is published twice, as EventBridge may deliver it. */
  readonly redeliverEvery: number;
  /** How many times faster than real time the stack's clock (and every wait) runs. */
  readonly timeScale: number;
  /** Customers whose first and second ticket are counted one at a time before the burst. */
  readonly callSamples: number;
  readonly progress?: (message: string) => void;
  /** Called just before the burst, e.g. to inject Zendesk faults. */
  readonly beforeBurst?: (stack: LocalStack) => void;
}

export interface BurstResult {
  readonly rateLimitPerMinute: number;
  readonly callsPerTicket: {
    /** The container's first ticket also looks up groups and ticket fields once. */
    readonly firstInContainer: number;
    readonly coldRequester: number[];
    readonly steadyState: number[];
  };
  readonly burst: {
    readonly intakes: number;
    readonly published: number;
    readonly ticketsCreated: number;
    readonly duplicates: number;
    readonly lost: number;
    readonly customerNotices: number;
    readonly deadLettered: number;
    readonly replayedFromDeadLetters: number;
    readonly zendeskCalls: number;
    readonly throttled: number;
    readonly clockMinutes: number;
    readonly realSeconds: number;
    /** Calls that Zendesk accepted, over the limit times the whole clock minutes the burst spanned. */
    readonly rateLimitShare: number;
    readonly busiestMinute: number;
  };
}

/** What customers write, with the category they would pick; one in eight picks a different one. */
const REQUESTS: ReadonlyArray<readonly [IntakeSubmitted["category"], string]> = [
  ["shipping", "When will my order ship? It has been a week."],
  ["payment", "I was charged twice for the same order, please refund one."],
  ["returns", "I want to return the shoes, they are too small."],
  ["order", "Can I change the delivery address on my order?"],
  ["account", "I cannot log in, the reset link has expired."],
  ["product", "The blender stopped working after two days."],
  ["shipping", "Посылка не пришла, трек-номер не обновляется"],
  ["payment", "where is my parcel?? tracking has not moved 📦"],
];

const RATE_LIMIT = 700;
const API = /^\/api\/v2\//;
const isApiCall = (r: RecordedRequest) => API.test(r.path);
const ticketNotice = (text: string | undefined) => text?.startsWith("🎫") ?? false;

function intake(n: number, customer: number, at: Date): IntakeSubmitted {
  const [chosen, description] = REQUESTS[n % REQUESTS.length] as (typeof REQUESTS)[number];
  return {
    type: "IntakeSubmitted",
    requestId: `burst-${String(n).padStart(8, "0")}`,
    submittedAt: at.toISOString(),
    chatId: customer,
    customer: { telegramUserId: customer, firstName: "Ann", locale: n % 8 === 6 ? "ru" : "en" },
    category: chosen,
    orderId: n % 3 === 0 ? null : `A-${10_000 + n}`,
    priority: n % 10 === 0 ? "urgent" : "standard",
    description,
    attachments: [],
  };
}

/** Runs `work` over `items`, `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * A burst of intakes through the local stack as production wires it: IntakeSubmitted events on the
 * in-process bus (some published twice), routing with the real classifier, embedded DynamoDB, the Telegram
 * emulator and the Zendesk emulator at its 700 requests per clock minute. Time is scaled (ScaledTime):
 * the stack's clock, the Zendesk transport's in-place Retry-After waits and the bus's retry backoff all
 * run `timeScale` times faster, so nothing sleeps for real what it would sleep in production. Whatever the
 * bus dead-letters is replayed as `dlq:replay` would, and counted.
 */
export async function runBurst(options: BurstOptions): Promise<BurstResult> {
  const progress = options.progress ?? (() => undefined);
  const time = new ScaledTime(options.timeScale);
  const clock = new AdjustableClock(time);
  const dataDir = await mkdtemp(join(tmpdir(), "bench-routing-"));
  const stack = await startLocalStack(loadLocalConfig({ PORT: "0", DATA_DIR: dataDir }), {
    clock,
    logger: silentLogger(),
    busRetryDelayMs: (attempt) => time.real(localBusRetryDelayMs(attempt)),
    zendeskTransport: { ...defaultTransportSettings, sleep: time.sleep },
  });
  try {
    return await measure(stack, clock, options, progress, time);
  } finally {
    await stack.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function measure(
  stack: LocalStack,
  clock: AdjustableClock,
  options: BurstOptions,
  progress: (message: string) => void,
  time: ScaledTime,
): Promise<BurstResult> {
  const zendesk = stack.zendesk.emulator;
  const telegram = stack.telegram.emulator;
  if (!zendesk || !telegram) throw new Error("the routing bench runs on the built-in emulators");
  const firstCustomer = 500_001;
  const samples = options.callSamples;
  const ids = Array.from({ length: options.customers + samples }, (_, i) => firstCustomer + i);

  progress(`${ids.length} customers open their chats...`);
  // The bot answers in the chat, so each customer must have written first, as in production.
  await pool(ids, 8, async (id) => {
    await telegram.sendText({ from: { id, firstName: "Ann" }, text: "hi" });
  });

  // Calls per ticket, one ticket at a time: each sample customer's first ticket, then a second.
  const apiCalls = () => zendesk.requests.filter(isApiCall).length;
  let sequence = 0;
  const oneTicket = async (customer: number) => {
    const before = apiCalls();
    // Multiples of 8 pick the category the router agrees with: no internal note, the common case.
    await stack.bus.publish(intake(8 * (options.intakes + sequence++), customer, clock.now()));
    await stack.bus.drain();
    return apiCalls() - before;
  };
  const sampleIds = ids.slice(options.customers);
  const firstTicket = sampleIds[0] as number;
  const firstInContainer = await oneTicket(firstTicket);
  const cold = [];
  for (const id of sampleIds.slice(1)) cold.push(await oneTicket(id));
  const steady = [];
  for (const id of sampleIds) steady.push(await oneTicket(id));

  // Start the burst on a fresh clock minute, so the first minute's budget is whole.
  clock.advance(60 - (clock.now().getUTCSeconds() + clock.now().getUTCMilliseconds() / 1000));
  options.beforeBurst?.(stack);
  const ticketsBefore = zendesk.tickets().length;
  const requestsBefore = zendesk.requests.length;
  const events = Array.from({ length: options.intakes }, (_, n) =>
    intake(n, firstCustomer + (n % options.customers), clock.now()),
  );
  progress(
    `burst: ${events.length} intakes (every ${options.redeliverEvery}th twice), clock x${time.scale}...`,
  );
  const startedClock = clock.now().getTime();
  const startedReal = performance.now();
  let published = 0;
  for (const [n, event] of events.entries()) {
    await stack.bus.publish(event);
    published++;
    if (n % options.redeliverEvery === 0) {
      await stack.bus.publish(event);
      published++;
    }
  }
  await stack.bus.drain();
  const deadLettered = stack.bus.deadLetters.length;
  let replayed = 0;
  for (let round = 0; round < 5 && stack.bus.deadLetters.length > 0; round++) {
    progress(`replaying ${stack.bus.deadLetters.length} dead letters...`);
    const report = await replayDeadLetters(new InProcessDeadLetters(stack.bus.deadLetters), stack.bus, {
      dryRun: false,
      max: 100_000,
    });
    replayed += report.count.replayed;
    await stack.bus.drain();
  }
  const realSeconds = (performance.now() - startedReal) / 1000;
  const endedClock = clock.now().getTime();

  const burstIds = new Set(events.map((e) => `telegram-request:${e.requestId}`));
  const perRequest = new Map<string, number>();
  for (const ticket of zendesk.tickets().slice(ticketsBefore)) {
    if (ticket.external_id && burstIds.has(ticket.external_id))
      perRequest.set(ticket.external_id, (perRequest.get(ticket.external_id) ?? 0) + 1);
  }
  const duplicates = [...perRequest.values()].reduce((n, count) => n + count - 1, 0);
  const notices = ids
    .slice(0, options.customers)
    .reduce((n, id) => n + telegram.botMessages(id).filter((m) => ticketNotice(m.text)).length, 0);

  const burstCalls = zendesk.requests.slice(requestsBefore).filter(isApiCall);
  const accepted = burstCalls.filter((r) => r.status !== 429);
  const perMinute = new Map<number, number>();
  for (const r of accepted) {
    const minute = Math.floor(new Date(r.at).getTime() / 60_000);
    perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
  }
  const minutes = Math.max(1, Math.ceil((endedClock - startedClock) / 60_000));
  return {
    rateLimitPerMinute: RATE_LIMIT,
    callsPerTicket: { firstInContainer, coldRequester: cold, steadyState: steady },
    burst: {
      intakes: events.length,
      published,
      ticketsCreated: perRequest.size,
      duplicates,
      lost: events.length - perRequest.size,
      customerNotices: notices,
      deadLettered,
      replayedFromDeadLetters: replayed,
      zendeskCalls: burstCalls.length,
      throttled: burstCalls.length - accepted.length,
      clockMinutes: (endedClock - startedClock) / 60_000,
      realSeconds,
      rateLimitShare: accepted.length / (RATE_LIMIT * minutes),
      busiestMinute: Math.max(0, ...perMinute.values()),
    },
  };
}
