import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { temporaryDirectory } from "../../test/support/temp-dir.js";
import { startEmbeddedDynamo } from "./embedded-dynamodb.js";

describe("embedded DynamoDB's data directory", () => {
  const root = temporaryDirectory("embedded-dynamo");
  const lockIn = async (dir: string, pid: number) => {
    await mkdir(join(dir, "dynamodb"), { recursive: true });
    await writeFile(join(dir, "dynamodb", "bridge.pid"), String(pid));
  };

  it("refuses a directory another running local stack holds, saying what to do", async () => {
    const dir = join(root(), "held");
    // The parent of this test process is running, as another `npm start` would be.
    await lockIn(dir, process.ppid);
    await expect(startEmbeddedDynamo(dir)).rejects.toThrow(
      /dynamodb is in use by another local stack \(process \d+\): stop the local stack that uses it, or set DATA_DIR/,
    );
  });

  it("names DATA_DIR when it points at a file", async () => {
    const file = join(root(), "a-file");
    await mkdir(root(), { recursive: true });
    await writeFile(file, "not a directory");
    await expect(startEmbeddedDynamo(file)).rejects.toThrow(
      /^DATA_DIR: cannot keep the local data in ".*a-file" \(ENOTDIR\); point DATA_DIR at a directory/,
    );
  });

  it("takes over a lock its process left behind, and gives the directory back when closed", async () => {
    const dir = join(root(), "stale");
    await lockIn(dir, 2 ** 22 + 12_345);
    const dynamo = await startEmbeddedDynamo(dir);
    expect(await readFile(join(dir, "dynamodb", "bridge.pid"), "utf8")).toBe(String(process.pid));
    await dynamo.close();
    await expect(readFile(join(dir, "dynamodb", "bridge.pid"), "utf8")).rejects.toThrow(/ENOENT/);
  });
});
