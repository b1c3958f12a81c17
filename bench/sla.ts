/**
 * The SLA scanner benchmark: `npm run bench:sla [-- options]`. Not a test: it prints figures (Markdown),
 * it never fails on a slow machine.
 *
 * The real DynamoDB adapter (DynamoSlaStore) on embedded dynalite holds 1,000, then 10,000, then 100,000
 * open tickets, all in the sparse due-time index, of which 50 are due. Each scan is the real `scanSla`
 * with the shipped policy; escalation is a no-op (Zendesk is not what is measured) and the alert sink
 * notes when each alert leaves. Per scan: DynamoDB items read (Query items plus GetItem items), wall time,
 * the part of it spent finding and reading the due records, and the time from the scan's start to each due
 * ticket's alert. The 50 due tickets are put back due
 * before every scan, so each scan does the same work. An empty scan (nothing due) is measured too.
 *
 * Options: --sizes=1000,10000,100000 --due=50 --scans=7
 */
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, platform, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
} from "@aws-sdk/lib-dynamodb";
import { PROJECT_ROOT } from "../lib/constructs/bridge-function.js";
import { createDocumentClient, localDynamoConfig } from "../src/adapters/dynamodb/client.js";
import { DynamoSlaStore, slaItem } from "../src/adapters/dynamodb/sla-store.js";
import { slaPolicy } from "../src/config/sla-config.js";
import { nextDueAt, type SlaClock } from "../src/domain/sla/clock.js";
import { scanSla } from "../src/domain/sla/scan.js";
import { startEmbeddedDynamo } from "../src/local/embedded-dynamodb.js";
import type { AlertSink, SlaAlert, TicketEscalator } from "../src/ports/alerts.js";
import type { SlaRecord, SlaStore } from "../src/ports/sla-store.js";
import { NO_SLA_METRICS } from "../src/wiring/sla.js";
import { describeTree } from "./support/git-tree.js";
import { markdownTable, max, median, quantile } from "./support/stats.js";

/** Escalation is a no-op here: Zendesk time is not in these figures. */
const ESCALATING_NOTHING: TicketEscalator = {
  escalate: async (_, steps) => steps.map(() => "escalated"),
};

const option = (name: string, fallback: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
const sizes = option("sizes", "1000,10000,100000").split(",").map(Number);
const dueCount = Number(option("due", "50"));
const scans = Number(option("scans", "7"));

const MINUTE = 60_000;
/** The scan time; due tickets breached their first response one second before it. */
const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);
const BATCH = 25;
const WRITERS = 8;

const progress = (message: string) => process.stderr.write(`${message}\n`);
const ms = (value: number) => value.toFixed(1);

/** A Priority ticket (first response 30 min) whose breach fell due a second before NOW; assigned, warned. */
function dueRecord(ticketId: number): { record: SlaRecord; next: number | undefined } {
  const clock: SlaClock = {
    ticketId,
    tier: "priority",
    startedAt: NOW - 30 * MINUTE - 1000,
    assigned: true,
    pausedMs: 0,
    done: ["first-response-warning"],
  };
  const record: SlaRecord = {
    clock,
    category: "payment",
    vip: false,
    version: 0,
    escalated: [],
    pendingAlerts: [],
  };
  return { record, next: nextDueAt(clock, slaPolicy) };
}

/** A Standard ticket opened a minute ago: indexed, but not due for hours. */
function openRecord(ticketId: number): { record: SlaRecord; next: number | undefined } {
  const clock: SlaClock = {
    ticketId,
    tier: "standard",
    startedAt: NOW - MINUTE,
    assigned: true,
    pausedMs: 0,
    done: [],
  };
  const record: SlaRecord = {
    clock,
    category: "shipping",
    vip: false,
    version: 0,
    escalated: [],
    pendingAlerts: [],
  };
  return { record, next: nextDueAt(clock, slaPolicy) };
}

/** BatchWriteItem in batches of 25, a few in flight, unprocessed items written again. */
async function putAll(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: ReadonlyArray<Record<string, unknown>>,
): Promise<void> {
  let next = 0;
  const writer = async () => {
    while (next < items.length) {
      let batch = items.slice(next, next + BATCH).map((Item) => ({ PutRequest: { Item } }));
      next += BATCH;
      while (batch.length > 0) {
        const out = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: batch } }));
        batch = (out.UnprocessedItems?.[tableName] ?? []) as typeof batch;
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
}

/** Counts the items each read returns: Query items and GetItem items, as DynamoDB bills reads. */
function countingReads(db: DynamoDBDocumentClient): { db: DynamoDBDocumentClient; reads: () => number } {
  let items = 0;
  const counting = {
    send: async (command: unknown) => {
      const out = (await db.send(command as never)) as { Items?: unknown[]; Item?: unknown };
      if (command instanceof QueryCommand) items += out.Items?.length ?? 0;
      if (command instanceof GetCommand && out.Item) items += 1;
      return out;
    },
  };
  return { db: counting as unknown as DynamoDBDocumentClient, reads: () => items };
}

interface ScanSample {
  readonly reads: number;
  readonly ms: number;
  /** Of which finding and reading the due records (the index queries and their GetItems). */
  readonly dueMs: number;
  /** Scan start to the alert carrying each due ticket. */
  readonly alertMs: number[];
  readonly alerted: number;
  readonly digest: boolean;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "bench-sla-"));
  const dynamo = await startEmbeddedDynamo(dataDir);
  const raw = createDocumentClient(localDynamoConfig(dynamo.endpoint));
  const expiresAt = Math.floor(NOW / 1000) + 86_400;
  const toItem = ({ record, next }: { record: SlaRecord; next: number | undefined }) =>
    slaItem(record, next, expiresAt);
  const counted = countingReads(raw);
  const clock = { now: () => new Date(NOW) };
  const dynamoStore = new DynamoSlaStore(counted.db, dynamo.tableName, 86_400, clock);
  // The reading half of a scan timed apart from its writes (each due ticket is saved twice).
  let dueMs = 0;
  const store: SlaStore = {
    start: (record, next) => dynamoStore.start(record, next),
    get: (ticketId) => dynamoStore.get(ticketId),
    save: (record, next) => dynamoStore.save(record, next),
    due: async (now, limit) => {
      const started = performance.now();
      const records = await dynamoStore.due(now, limit);
      dueMs += performance.now() - started;
      return records;
    },
  };
  const dueIds = Array.from({ length: dueCount }, (_, i) => i + 1);
  const results: string[][] = [];
  let seeded = 0;
  try {
    for (const size of sizes) {
      const started = performance.now();
      const fresh = Array.from({ length: size - Math.max(seeded, dueCount) }, (_, i) =>
        toItem(openRecord(Math.max(seeded, dueCount) + i + 1)),
      );
      await putAll(raw, dynamo.tableName, fresh);
      seeded = size;
      progress(`seeded ${size} open tickets in ${((performance.now() - started) / 1000).toFixed(1)} s`);

      const samples: ScanSample[] = [];
      for (let i = 0; i < scans; i++) {
        await putAll(
          raw,
          dynamo.tableName,
          dueIds.map((id) => toItem(dueRecord(id))),
        );
        const sent: Array<{ at: number; alerts: readonly SlaAlert[] }> = [];
        const alerts: AlertSink = {
          send: async (alert) => void sent.push({ at: performance.now(), alerts: [alert] }),
          sendDigest: async (batch) => void sent.push({ at: performance.now(), alerts: batch }),
        };
        const before = counted.reads();
        dueMs = 0;
        const start = performance.now();
        const report = await scanSla(NOW, {
          store,
          escalator: ESCALATING_NOTHING,
          alerts,
          policy: slaPolicy,
          metrics: NO_SLA_METRICS,
        });
        const end = performance.now();
        samples.push({
          reads: counted.reads() - before,
          ms: end - start,
          dueMs,
          alertMs: sent.flatMap((s) => s.alerts.map(() => s.at - start)),
          alerted: report.alerted,
          digest: report.digest,
        });
      }
      const emptyBefore = counted.reads();
      const emptyStart = performance.now();
      const empty = await scanSla(NOW, {
        store,
        escalator: ESCALATING_NOTHING,
        alerts: { send: async () => undefined, sendDigest: async () => undefined },
        policy: slaPolicy,
        metrics: NO_SLA_METRICS,
      });
      const emptyMs = performance.now() - emptyStart;
      const alertMs = samples.flatMap((s) => s.alertMs);
      const reads = [...new Set(samples.map((s) => s.reads))].join(", ");
      results.push([
        size.toLocaleString("en"),
        String(dueCount),
        reads,
        ms(median(samples.map((s) => s.ms))),
        ms(max(samples.map((s) => s.ms))),
        ms(median(samples.map((s) => s.dueMs))),
        `${ms(median(alertMs))} / ${ms(quantile(alertMs, 0.99))}`,
        `${samples[0]?.alerted ?? 0}${samples[0]?.digest ? " (digest)" : ""}`,
        `${counted.reads() - emptyBefore} reads, ${ms(emptyMs)} ms, ${empty.read} due`,
      ]);
      progress(`scanned ${size}: ${results.at(-1)?.join(" | ")}`);
    }
  } finally {
    raw.destroy();
    await dynamo.close();
    await rm(dataDir, { recursive: true, force: true });
  }

  const cpu = cpus();
  console.log(
    [
      `Machine: ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; ` +
        `${platform()} ${release()}, Node ${process.version}; tree ${describeTree(PROJECT_ROOT)}; ` +
        `load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(" ")}`,
      "",
      `${scans} scans per size (median and max), each with ${dueCount} tickets due; shipped policy (storm digest above ${slaPolicy.storm.maxAlerts}).`,
      "",
      markdownTable(
        [
          "open tickets",
          "due",
          "items read per scan",
          "scan median ms",
          "scan max ms",
          "of which reading, median ms",
          "scan start → alert median / p99 ms",
          "alerts per scan",
          "empty scan",
        ],
        results,
      ),
    ].join("\n"),
  );
}

await main();
