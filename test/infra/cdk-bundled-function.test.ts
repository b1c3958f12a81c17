import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { type BuiltBundle, bundleWithCdk } from "../../bench/support/cdk-bundle.js";
import { BRIDGE_BUNDLING, PROJECT_ROOT } from "../../lib/constructs/bridge-function.js";
import type { SafeError } from "../../src/adapters/observability/safe-error.js";
import { translator } from "../../src/adapters/telegram/i18n.js";
import { moduleWrapperOf } from "../support/module-wrapper.js";
import { temporaryDirectory } from "../support/temp-dir.js";

const run = promisify(execFile);
const dir = temporaryDirectory("cdk-bundled-function");

describe("a function bundled by CDK", () => {
  let built: BuiltBundle;
  beforeAll(() => {
    built = bundleWithCdk({
      label: "fixture",
      entry: fileURLToPath(new URL("./fixtures/bundled-entry.ts", import.meta.url)),
      projectRoot: PROJECT_ROOT,
      bundling: BRIDGE_BUNDLING,
      cacheRoot: dir(),
    });
  }, 60_000);

  it("ships the bot texts as locale files beside index.mjs and finds them there", async () => {
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

  it("logs errors with stack frames at our source lines, with dependencies left out of the map", async () => {
    const map = JSON.parse(await readFile(`${built.file}.map`, "utf8")) as { sources: string[] };
    expect(map.sources).toContain("test/infra/fixtures/bundled-entry.ts");
    expect(map.sources.filter((source) => source.includes("node_modules"))).toEqual([]);

    // As on Lambda: no --enable-source-maps; the frames are mapped when the error is logged.
    const { stdout } = await run(process.execPath, [
      "--input-type=module",
      "-e",
      `const { loggedFailure } = await import(${JSON.stringify(pathToFileURL(built.file).href)});
       process.stdout.write(JSON.stringify(loggedFailure()));`,
    ]);
    const fixture = await readFile(new URL("./fixtures/bundled-entry.ts", import.meta.url), "utf8");
    const line = (text: string) => fixture.split("\n").findIndex((source) => source.includes(text)) + 1;
    const logged = JSON.parse(stdout) as SafeError;
    expect(logged.message).toBe("thrown by the fixture");
    expect(logged.stack?.slice(0, 2)).toEqual([
      expect.stringMatching(
        new RegExp(`^at test/infra/fixtures/bundled-entry\\.ts:${line('"thrown by')}:\\d+$`),
      ),
      expect.stringMatching(
        new RegExp(`^at test/infra/fixtures/bundled-entry\\.ts:${line("fail();")}:\\d+$`),
      ),
    ]);
  });

  it("parenthesizes module wrappers, so that V8 compiles each once, and they still run", async () => {
    const code = await readFile(built.file, "utf8");
    expect(moduleWrapperOf(code, "from a CommonJS dependency")).toBe("parenthesized");

    const { stdout } = await run(process.execPath, [
      "--input-type=module",
      "-e",
      `const { commonJsMarker } = await import(${JSON.stringify(pathToFileURL(built.file).href)});
       process.stdout.write(commonJsMarker());`,
    ]);
    expect(stdout).toBe("from a CommonJS dependency");
  });
});
