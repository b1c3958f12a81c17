/**
 * Re-drives the routing dead-letter queue: every failed IntakeSubmitted / CustomerMessageReceived event is
 * published to the bridge bus again, and its message deleted once the publish succeeded. Safe to repeat:
 * routing processes each request id (or message key) once, so a replayed event never makes a second ticket.
 *
 *   npm run dlq:replay -- --outputs outputs.json [--dry-run] [--max 100]
 *   npm run dlq:replay -- --queue-url https://sqs.eu-west-1.amazonaws.com/1234/Q --bus-name B [--region R]
 *   npm run dlq:replay -- --local [--url http://127.0.0.1:8787] [--dry-run]    (the local stack's bus)
 *
 * --outputs FILE: `cdk deploy --outputs-file FILE`, or `aws cloudformation describe-stacks --stack-name S
 * --query 'Stacks[0].Outputs' > FILE`. Credentials come from the default AWS chain (env, profile, SSO, role).
 * Exit codes: 0 all replayed (or, on a dry run, all readable); 1 a publish failed or messages were
 * unreadable (they stay in the queue); 2 bad settings or the queue could not be read.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadReplayConfig, type ReplayConfig } from "../src/config/dlq-replay-config.js";
import {
  type ReplayOutcome,
  type ReplayReport,
  replayDeadLetters,
} from "../src/domain/operations/replay-dead-letters.js";
import { awsReplayTargets } from "../src/wiring/aws-dlq-replay.js";

async function replayLocally(config: ReplayConfig & { target: "local" }): Promise<ReplayReport> {
  const response = await fetch(`${config.url}/local/dead-letters/replay`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ dryRun: config.dryRun, max: config.max }),
  }).catch((error: unknown) => {
    throw new Error(`no local stack at ${config.url} (is npm start running?)`, { cause: error });
  });
  if (!response.ok) throw new Error(`${config.url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as ReplayReport;
}

function row(outcome: ReplayOutcome): string {
  const detail = outcome.error ? `${outcome.failure}; publish: ${outcome.error}` : outcome.failure;
  return `  ${outcome.result.padEnd(14)}  ${(outcome.eventId ?? "-").padEnd(44)}  ${outcome.messageId}  ${detail}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      "dry-run": { type: "boolean" },
      max: { type: "string" },
      local: { type: "boolean" },
      url: { type: "string" },
      "queue-url": { type: "string" },
      "bus-name": { type: "string" },
      region: { type: "string" },
      outputs: { type: "string" },
    },
  });
  const config = loadReplayConfig(
    { ...values, outputs: values.outputs === undefined ? undefined : readFileSync(values.outputs, "utf8") },
    process.env,
  );
  const where =
    config.target === "local"
      ? `local stack at ${config.url}`
      : `${config.queueUrl} -> bus ${config.busName}`;
  process.stdout.write(
    `${config.dryRun ? "Dry run: " : ""}replaying up to ${config.max} dead letters, ${where}\n`,
  );
  const report =
    config.target === "local"
      ? await replayLocally(config)
      : await (async () => {
          const { queue, bus } = awsReplayTargets(config);
          return replayDeadLetters(queue, bus, { dryRun: config.dryRun, max: config.max });
        })();
  for (const outcome of report.outcomes) process.stdout.write(`${row(outcome)}\n`);
  const { count } = report;
  process.stdout.write(
    `${count.replayed} replayed, ${count["would replay"]} would replay, ${count.unreadable} unreadable (kept), ` +
      `${count["publish failed"]} publish failed (kept)\n`,
  );
  return count.unreadable + count["publish failed"] > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Settings, the outputs file, SQS or the local stack said no: the message says which.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
