import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

/**
 * The benchmarks are not tests, but a benchmark that no longer runs is a broken tool: each one runs here
 * at a tiny size and must print its table. Figures are not checked; timings never are.
 */
async function bench(script: string, args: string[]): Promise<string> {
  const { stdout } = await run("npx", ["tsx", script, ...args], {
    cwd: new URL("../..", import.meta.url).pathname,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

describe("the benchmarks still run", () => {
  it("bench:two-way relays short and three-part replies", { timeout: 120_000 }, async () => {
    const out = await bench("bench/two-way.ts", ["--samples=2", "--warmup=0"]);
    expect(out).toMatch(/\| short \(1 message, \d+ chars\) \| 2 /);
    expect(out).toMatch(/\| long \(3 parts, \d+ chars\) +\| 2 /);
  });

  it("bench:sla reads only what is due", { timeout: 120_000 }, async () => {
    const out = await bench("bench/sla.ts", ["--sizes=200", "--due=5", "--scans=1"]);
    expect(out).toMatch(/\| 200 +\| 5 +\| 10 +\|/);
  });

  it("bench:intake drives the form on the local stack", { timeout: 120_000 }, async () => {
    const out = await bench("bench/intake.ts", [
      "--only=stack",
      "--customers=4",
      "--concurrency=2",
      "--warmup=0",
    ]);
    expect(out).toMatch(/Goal: DynamoDB calls per update <= 3: met/);
  });
});
