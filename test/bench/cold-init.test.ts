import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { countImportInstructions, timeImport, valgrindAvailable } from "../../bench/support/cold-init.js";
import { temporaryDirectory } from "../support/temp-dir.js";

const dir = temporaryDirectory("cold-init");
const module = (name: string, source: string) => {
  const file = join(dir(), name);
  writeFileSync(file, source);
  return file;
};

describe("the cold init probes", () => {
  it("load what Lambda's runtime client has loaded only when asked to", () => {
    const needsHttp = module(
      "needs-http.mjs",
      `if (!process.moduleLoadList.includes("NativeModule http")) throw new Error("http not loaded");`,
    );
    expect(() => timeImport(needsHttp, { sourceMaps: false })).toThrow(/http not loaded/);
    expect(timeImport(needsHttp, { sourceMaps: false, afterRuntimeClient: true }).wallMs).toBeGreaterThan(0);
  });

  it.skipIf(!valgrindAvailable())(
    "count the instructions of the import alone, and more for a module that does more",
    { timeout: 120_000 },
    () => {
      const small = countImportInstructions(module("small.mjs", "export const answer = 42;\n"));
      const builtins = countImportInstructions(
        module(
          "builtins.mjs",
          `for (const name of ["https", "zlib", "crypto", "stream", "fs/promises"]) process.getBuiltinModule("node:" + name);\n`,
        ),
      );
      // Node's own start-up (over 80 million) is taken off, give or take the few million a process varies by.
      expect(small.mainThread).toBeLessThan(20e6);
      // Loading those built-ins is about 30 million on the main thread; the start-up taken off varies by a few
      // million between processes (a run measured 13.6 million left for the small module), so the margin is wide.
      expect(builtins.mainThread).toBeGreaterThan(small.mainThread + 8e6);
    },
  );
});
