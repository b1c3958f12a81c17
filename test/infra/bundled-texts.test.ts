import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleWithCdk } from "../../bench/support/cdk-bundle.js";
import { BRIDGE_BUNDLING, PROJECT_ROOT } from "../../lib/constructs/bridge-function.js";
import { translator } from "../../src/adapters/telegram/i18n.js";

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "bundle-texts-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("bot texts in a function bundled by CDK", () => {
  it("ship as locale files beside index.mjs and are found there", { timeout: 60_000 }, async () => {
    const built = bundleWithCdk({
      label: "texts",
      entry: fileURLToPath(new URL("./fixtures/texts-entry.ts", import.meta.url)),
      projectRoot: PROJECT_ROOT,
      bundling: BRIDGE_BUNDLING,
      cacheRoot: dir,
    });
    const assetDir = join(built.file, "..");
    expect((await readdir(join(assetDir, "locales"))).sort()).toEqual(["en.ftl", "ru.ftl"]);
    expect(await readdir(assetDir)).not.toContain("src");

    const { stdout } = await run(process.execPath, [
      "--input-type=module",
      "-e",
      `const { handler } = await import(${JSON.stringify(pathToFileURL(built.file).href)});
       process.stdout.write(JSON.stringify(await handler()));`,
    ]);
    expect(JSON.parse(stdout)).toEqual([translator("en")("button-done"), translator("ru")("button-done")]);
  });
});
