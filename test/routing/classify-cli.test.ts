import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function classify(input: string) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/routing/classify.ts"], {
    input,
    encoding: "utf8",
  });
  const lines = run.stdout.split("\n").filter((line) => line !== "");
  return { status: run.status, stderr: run.stderr, output: lines.map((line) => JSON.parse(line) as unknown) };
}

describe("scripts/routing/classify.ts", () => {
  it("writes one result per input line, in order, and exits 0", () => {
    const { status, output } = classify(
      '{"text":"where is my parcel"}\n\n{"text":"не могу войти в аккаунт","chosenCategory":"payment"}\n',
    );
    expect(status).toBe(0);
    expect(output).toEqual([
      { text: "where is my parcel", category: "shipping", confidence: expect.any(Number) },
      { text: "не могу войти в аккаунт", category: "account", confidence: expect.any(Number) },
    ]);
  });

  it("skips bad lines with their line numbers on stderr and exits 1", () => {
    const { status, stderr, output } = classify(
      'not json\n{"text":"refund please"}\n{"text":1}\n{"text":"hi","chosenCategory":"sales"}\n',
    );
    expect(status).toBe(1);
    expect(output).toEqual([{ text: "refund please", category: "returns", confidence: expect.any(Number) }]);
    expect(stderr).toMatch(/line 1 skipped: not valid JSON/);
    expect(stderr).toMatch(/line 3 skipped: .*text/);
    expect(stderr).toMatch(/line 4 skipped: .*chosenCategory/);
    expect(stderr).toMatch(/3 of 4 lines skipped/);
  });
});
