import { spawn } from "node:child_process";
import { beforeEach, describe, expect, it } from "vitest";
import { DynamoRoutingCorrections } from "../../src/adapters/dynamodb/routing-corrections.js";
import { embeddedTablePerTest } from "../support/embedded-table.js";

/** Runs the CLI without blocking this process, which serves the DynamoDB it reads. */
function exportCorrections(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "scripts/routing/export-corrections.ts", ...args],
      { env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...env } },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("scripts/routing/export-corrections.ts", () => {
  const table = embeddedTablePerTest("export-corrections");

  beforeEach(async () => {
    await new DynamoRoutingCorrections(table().db, table().tableName, 3600, { now: () => new Date() }).record(
      {
        eventId: "ev-1",
        ticketId: 3,
        text: "cancel my order",
        category: "order",
        previousGroup: "Triage",
        newGroup: "Orders",
        correctedAt: new Date().toISOString(),
      },
    );
  });

  it("reads the table named by TABLE_NAME, as on AWS", async () => {
    const run = await exportCorrections([], {
      TABLE_NAME: table().tableName,
      AWS_ENDPOINT_URL_DYNAMODB: table().endpoint,
      AWS_REGION: "eu-west-1",
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
    });
    expect(run.status).toBe(0);
    expect(
      run.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual([expect.objectContaining({ text: "cancel my order", category: "order", ticket_id: 3 })]);
  });

  it("says to stop the local stack when its data directory is in use", async () => {
    const run = await exportCorrections(["--data-dir", table().dataDir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/stop the local stack that uses it/);
  });
});
